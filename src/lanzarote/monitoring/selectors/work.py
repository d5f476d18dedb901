"""What waits for someone in monitoring, for their home page: the replies a Party still owes,
the observations a rapporteur has not written, the contributions the secretariat has not
screened. The shipped questionnaires are demonstrations (their real wording is not in the
reference), so records are not filtered on it here; the page badges the demonstration ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from lanzarote.monitoring.models import (
    Contribution,
    Observation,
    Question,
    RapporteurAssignment,
    Reply,
    Round,
)
from lanzarote.monitoring.rules import ReplyStatus
from lanzarote.monitoring.selectors.questionnaires import current_questionnaire
from lanzarote.monitoring.selectors.replies import replies_for_state
from lanzarote.monitoring.selectors.rounds import round_scope

DONE = (ReplyStatus.SUBMITTED.value, ReplyStatus.PUBLISHED.value)


@dataclass(frozen=True)
class DueReply:
    round: Round
    question: Question
    reply: Reply | None
    due_on: date | None
    demo: bool = False


def replies_due(state_code: str) -> list[DueReply]:
    """The questions of the rounds awaiting replies, in whose scope the State is, that it has not
    yet answered (no reply submitted), soonest deadline first."""
    due: list[DueReply] = []
    for round_ in Round.objects.filter(status=Round.Status.REPLIES).order_by("replies_due"):
        if state_code not in round_scope(round_).codes:
            continue
        questionnaire = current_questionnaire(round_)
        if questionnaire is None:
            continue
        replies = replies_for_state(state_code, questionnaire)
        for question in questionnaire.questions.all():
            reply = replies.get(question.pk)
            if reply is not None and reply.status in DONE:
                continue
            deadline = reply.due_on if reply is not None and reply.due_on else round_.replies_due
            due.append(
                DueReply(
                    round=round_,
                    question=question,
                    reply=reply,
                    due_on=deadline,
                    demo=questionnaire.is_demo,
                )
            )
    return sorted(due, key=lambda item: (item.due_on or date.max, item.question.position))


def observations_to_write(user: Any) -> list[RapporteurAssignment]:
    """The questions a rapporteur is appointed to on which they have written no observation."""
    assignments = list(
        RapporteurAssignment.objects.filter(rapporteur=user)
        .select_related("question__questionnaire__round")
        .order_by("question__questionnaire_id", "question__position")
    )
    if not assignments:
        return []
    written = set(
        Observation.objects.filter(
            author=user, question_id__in=[a.question_id for a in assignments]
        ).values_list("question_id", flat=True)
    )
    return [a for a in assignments if a.question_id not in written]


def contributions_to_screen() -> list[Contribution]:
    """Contributions received and not yet published; those the screen held come first."""
    contributions = Contribution.objects.filter(status=Contribution.Status.RECEIVED).select_related(
        "round"
    )
    held = Contribution.Screening.FLAGGED
    return sorted(contributions, key=lambda c: (c.screening != held, c.pk))
