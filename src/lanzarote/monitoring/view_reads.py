"""Reads of the monitoring pages and endpoints that `selectors` does not offer yet (to join
`selectors/` once it is a package): a round's desk, a Party's reply to a question, replies read
again after a write, the projects and the assessment a body names, and the Committee's public record with its
filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from lanzarote.committee.models import Project
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    Contribution,
    Question,
    Questionnaire,
    Reply,
    Round,
)
from lanzarote.monitoring.public_record import (
    AddressedScope,
    PublishedComplianceFinding,
    PublishedRecommendation,
)
from lanzarote.monitoring.rules import ReplyStatus

REMINDERS_SHOWN = 20


@dataclass(frozen=True)
class RoundDesk:
    """What the desk page of a round shows beside its forms."""

    questionnaire: Questionnaire | None
    reports: list[Any]
    levels: list[Any]
    scope: Any
    assignments: list[Any]
    reminders: list[Any]
    pending_replies: list[Reply]
    pending_contributions: list[Contribution]


def round_desk(round_: Round) -> RoundDesk:
    """The round's questionnaire, reports, vocabulary, scope, rapporteurs, latest reminders, and
    the replies and contributions waiting for publication."""
    return RoundDesk(
        questionnaire=selectors.current_questionnaire(round_),
        reports=list(selectors.report_list(round_=round_)),
        levels=list(selectors.strength_levels(round_)),
        scope=selectors.round_scope(round_),
        assignments=list(selectors.assignments(round_)),
        reminders=list(selectors.reminders(round_)[:REMINDERS_SHOWN]),
        pending_replies=list(
            Reply.objects.filter(
                question__questionnaire__round=round_, status=ReplyStatus.SUBMITTED
            )
            .select_related("state", "question")
            .order_by("state__name_en", "question__position")
        ),
        pending_contributions=list(
            Contribution.objects.filter(
                round=round_, status=Contribution.Status.RECEIVED
            ).select_related("organisation")
        ),
    )


def reply_of(question: Question, state_code: str) -> Reply | None:
    """The reply of a Party to a question, if one was started."""
    return Reply.objects.filter(question=question, state_id=state_code).first()


def replies_reloaded(pks: list[int]) -> list[Reply]:
    """Replies read again with what their answer shows (after a write changed them)."""
    return list(
        Reply.objects.filter(pk__in=pks)
        .select_related("question__questionnaire__round", "state")
        .order_by("question__position")
    )


def projects_by_slug(slugs: list[str]) -> list[Project]:
    return list(Project.objects.filter(slug__in=slugs))


def assessment_or_none(pk: int) -> ComplianceAssessment | None:
    return ComplianceAssessment.objects.filter(pk=pk).first()


def published_recommendations(
    *,
    round_: Round | None = None,
    state: str | None = None,
    article: int | None = None,
    strength: str | None = None,
    complete: bool = False,
) -> list[PublishedRecommendation]:
    """The Committee's recommendations as published, report by report in the rounds' order.
    `state` keeps those that name it and those addressed to every Party in the report's scope;
    `complete` reads the articles too (one more query), which the pages do not show."""
    rows = PublishedRecommendation.objects.select_related("report__round").prefetch_related(
        "addressees", *(["articles"] if complete else [])
    )
    if round_ is not None:
        rows = rows.filter(report__round=round_)
    if state:
        rows = rows.filter(
            Q(addressees__code=state.upper()) | Q(addressed_scope=AddressedScope.ALL)
        ).distinct()
    if article is not None:
        rows = rows.filter(articles__number=article).distinct()
    if strength:
        rows = rows.filter(strength=strength)
    return list(rows.order_by("report__round__position", "report__date_earliest", "position", "id"))


def published_findings(
    *, round_: Round | None = None, complete: bool = False
) -> list[PublishedComplianceFinding]:
    """The compliance findings as published, report by report, oldest first; `complete` reads
    the Parties named too (one more query), which the pages do not show."""
    rows = PublishedComplianceFinding.objects.select_related(
        "report__round", "meeting"
    ).prefetch_related("recommendations", *(["parties"] if complete else []))
    if round_ is not None:
        rows = rows.filter(report__round=round_)
    return list(
        rows.order_by("report__round__position", "report__date_earliest", "date_earliest", "id")
    )
