"""Reads of the secretariat's desk and of the writes' pages and endpoints: a round's desk, a
Party's reply to a question, replies read again after a write, the projects and the assessment
a body names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lanzarote.committee.models import Project
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    Contribution,
    Question,
    Questionnaire,
    Reply,
    Round,
)
from lanzarote.monitoring.rules import ReplyStatus
from lanzarote.monitoring.selectors.questionnaires import current_questionnaire
from lanzarote.monitoring.selectors.replies import reminders
from lanzarote.monitoring.selectors.reports import assignments, report_list
from lanzarote.monitoring.selectors.rounds import round_scope, strength_levels

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
        questionnaire=current_questionnaire(round_),
        reports=list(report_list(round_=round_)),
        levels=list(strength_levels(round_)),
        scope=round_scope(round_),
        assignments=list(assignments(round_)),
        reminders=list(reminders(round_)[:REMINDERS_SHOWN]),
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
