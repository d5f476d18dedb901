"""Reads of the monitoring pages that `selectors` does not offer yet: a round's desk and a
Party's reply to a question (to join `selectors/` once it is a package)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import Contribution, Question, Questionnaire, Reply, Round
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
