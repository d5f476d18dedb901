"""Reads of rapporteurs, observations, reports and recommendations."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from lanzarote.core.records.reading import one
from lanzarote.monitoring.models import (
    Finding,
    Observation,
    Question,
    RapporteurAssignment,
    Recommendation,
    Report,
    Round,
)


def rapporteur_ids(question: Question) -> set[int]:
    return set(
        RapporteurAssignment.objects.filter(question=question).values_list(
            "rapporteur_id", flat=True
        )
    )


def assignments(round_: Round) -> list[RapporteurAssignment]:
    return list(
        RapporteurAssignment.objects.filter(question__questionnaire__round=round_)
        .select_related("question", "rapporteur__state")
        .order_by("question__position", "rapporteur__username")
    )


def assignments_of(user: Any) -> list[RapporteurAssignment]:
    return list(
        RapporteurAssignment.objects.filter(rapporteur=user)
        .select_related("question__questionnaire__round")
        .order_by("question__questionnaire_id", "question__position")
    )


def observations_of(question: Question) -> list[Observation]:
    return list(
        Observation.objects.filter(question=question, superseded_by__isnull=True)
        .select_related("state")
        .order_by("state_id", "written_at")
    )


def report_list(*, round_: Round | None = None, include_demo: bool = True) -> list[Report]:
    reports = Report.objects.select_related("round", "meeting").annotate(
        recommendation_count=Count("recommendations")
    )
    if round_ is not None:
        reports = reports.filter(round=round_)
    if not include_demo:
        reports = reports.filter(is_demo=False)
    return list(reports.order_by("round__position", "date_earliest", "id"))


def report_get(slug: str) -> Report:
    return one(
        Report.objects.select_related("round", "meeting").prefetch_related(
            Prefetch("findings", queryset=_findings())
        ),
        missing=f"Unknown report {slug!r}.",
        slug=slug,
    )


def _findings() -> QuerySet[Any]:
    return Finding.objects.prefetch_related("articles").order_by("position", "id")


def _recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("report__round", "strength").prefetch_related(
        "articles", "addressees", "questions", "responding_projects"
    )


def recommendation_get(pk: int | str) -> Recommendation:
    return one(_recommendations(), missing=f"Unknown recommendation {pk!r}.", pk=pk)
