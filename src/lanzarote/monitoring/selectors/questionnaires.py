"""Reads of questionnaires, questions and the General Overview Questionnaire's obligations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from lanzarote.core.records.reading import one
from lanzarote.core.text import name_key
from lanzarote.monitoring.models import (
    Question,
    Questionnaire,
    Reply,
    Round,
)
from lanzarote.monitoring.rules import (
    ReplyStatus,
    goq_due,
)
from lanzarote.monitoring.selectors._common import _convention, goq_period_months
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.treaty_law import KnownDate, Status


def _questions_prefetch() -> Prefetch:
    return Prefetch(
        "questions",
        queryset=Question.objects.prefetch_related("articles").order_by("position", "id"),
    )


def questionnaire_list(round_: Round | None = None) -> list[Questionnaire]:
    questionnaires = Questionnaire.objects.select_related("round").annotate(
        question_count=Count("questions")
    )
    if round_ is not None:
        questionnaires = questionnaires.filter(round=round_)
    return list(questionnaires.order_by("kind", "round__position", "-version"))


def questionnaire_get(pk: int | str) -> Questionnaire:
    return one(
        Questionnaire.objects.select_related("round").prefetch_related(_questions_prefetch()),
        missing=f"Unknown questionnaire {pk!r}.",
        pk=pk,
    )


def current_questionnaire(round_: Round) -> Questionnaire | None:
    """The newest version of the round's questionnaire."""
    return (
        Questionnaire.objects.filter(round=round_, kind=Questionnaire.Kind.THEMATIC)
        .prefetch_related(_questions_prefetch())
        .order_by("-version")
        .first()
    )


def general_questionnaire() -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(kind=Questionnaire.Kind.GENERAL_OVERVIEW)
        .prefetch_related(_questions_prefetch())
        .order_by("-version")
        .first()
    )


def question_get(pk: int | str) -> Question:
    return one(
        Question.objects.select_related("questionnaire__round", "parent").prefetch_related(
            "articles", "sub_questions"
        ),
        missing=f"Unknown question {pk!r}.",
        pk=pk,
    )


def article_numbers(obj: Any) -> list[int]:
    return sorted(a.number for a in obj.articles.all())


# -- the General Overview Questionnaire ---------------------------------------------------------


@dataclass(frozen=True)
class GoqObligation:
    """A Party's obligation to answer the General Overview Questionnaire, derived from the
    registry: it falls due `period` months after the Convention entered into force for it."""

    state: State
    entry_into_force: KnownDate
    due: KnownDate
    uncertain: bool  # whether it is a Party at all depends on a date no source gives
    is_due: bool  # the due date has certainly passed
    questions: int = 0
    received: int = 0
    slots: int = 0

    @property
    def complete(self) -> bool:
        return self.questions > 0 and self.received >= self.questions

    @property
    def overdue(self) -> bool:
        return self.is_due and not self.complete


def goq_obligations(
    *, as_of: date | None = None, version: str | None = None, with_replies: bool = True
) -> list[GoqObligation]:
    """Every Party's General Overview Questionnaire obligation on `as_of` (default today)."""
    as_of = as_of or timezone.localdate()
    version = version or registry.registry_version()
    months = goq_period_months()
    view = registry.chart_view(_convention(), as_of=as_of, version=version)
    questionnaire = general_questionnaire() if with_replies else None
    counts: dict[str, tuple[int, int]] = {}
    question_total = 0
    if questionnaire is not None:
        question_total = len(questionnaire.questions.all())
        for counted in (
            Reply.objects.filter(question__questionnaire=questionnaire)
            .values("state_id")
            .annotate(
                slots=Count("id"),
                received=Count(
                    "id", filter=Q(status__in=[ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED])
                ),
            )
        ):
            counts[counted["state_id"]] = (counted["slots"], counted["received"])
    obligations = []
    for row in view.chart.rows:
        party = row.status is Status.PARTY
        maybe = row.status is None and Status.PARTY in row.possible
        if not (party or maybe) or row.entry_into_force is None:
            continue
        due = goq_due(row.entry_into_force, months=months)
        slots, received = counts.get(row.state, (0, 0))
        obligations.append(
            GoqObligation(
                state=view.states[row.state],
                entry_into_force=row.entry_into_force,
                due=due,
                uncertain=maybe,
                is_due=due.certainly_on_or_before(as_of),
                questions=question_total,
                received=received,
                slots=slots,
            )
        )
    return sorted(obligations, key=lambda o: (o.due.sort_key, name_key(o.state.name)))


def goq_obligation_of(state_code: str, *, as_of: date | None = None) -> GoqObligation | None:
    return next(
        (o for o in goq_obligations(as_of=as_of) if o.state.code == state_code.upper()), None
    )
