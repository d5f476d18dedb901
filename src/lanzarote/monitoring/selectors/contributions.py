"""Reads of contributions, and who may see which."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from lanzarote.committee.models import Organisation
from lanzarote.core.errors import NotFound
from lanzarote.core.permissions import allowed, has_role
from lanzarote.core.records.reading import one
from lanzarote.core.roles import Role
from lanzarote.monitoring.models import (
    Contribution,
    Round,
)


def visible_contributions(user: Any, queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """The same rule as the `monitoring.view_contribution` permission, as a query."""
    if has_role(user, Role.SECRETARIAT):
        return queryset
    condition = Q(status=Contribution.Status.PUBLISHED)
    if has_role(user, Role.RAPPORTEUR):
        # Not a children's contribution the screen holds: only its sender and the secretariat.
        condition |= ~Q(source=Contribution.Source.CHILDREN) | Q(
            screening__in=Contribution.PUBLISHABLE_SCREENING
        )
    organisation = organisation_for(user)
    if organisation is not None:
        condition |= Q(organisation=organisation)
    return queryset.filter(condition)


def contribution_list(
    *,
    user: Any,
    round_: Round | None = None,
    source: str | None = None,
    state: str | None = None,
    question: int | None = None,
    include_demo: bool = True,
) -> list[Contribution]:
    contributions = Contribution.objects.select_related("round", "organisation").prefetch_related(
        "states", "questions"
    )
    if round_ is not None:
        contributions = contributions.filter(round=round_)
    if source:
        contributions = contributions.filter(source=source)
    if state:
        contributions = contributions.filter(states__code=state.upper())
    if question is not None:
        contributions = contributions.filter(questions__pk=question)
    if not include_demo:
        contributions = contributions.filter(is_demo=False)
    return list(
        visible_contributions(user, contributions).distinct().order_by("-submitted_at", "-id")
    )


def contribution_get(pk: int | str, *, user: Any) -> Contribution:
    contribution = one(
        Contribution.objects.select_related("round", "organisation").prefetch_related(
            "states", "questions"
        ),
        missing=f"Unknown contribution {pk!r}.",
        pk=pk,
    )
    if not allowed(user, "monitoring.view_contribution", contribution=contribution) and (
        contribution.status != Contribution.Status.PUBLISHED
    ):
        raise NotFound(f"Unknown contribution {pk!r}.")
    return contribution


def organisation_for(user: Any) -> Any:
    """The observer organisation named on an observer's account, if the Committee knows it."""
    own = (getattr(user, "organisation", "") or "").strip()
    if not own or not has_role(user, Role.OBSERVER):
        return None
    return (
        Organisation.objects.filter(
            Q(slug__iexact=own)
            | Q(acronym__iexact=own)
            | Q(name_en__iexact=own)
            | Q(name_fr__iexact=own)
        )
        .order_by("id")
        .first()
    )
