"""The observer applications' workflow (Art. 40(3)): declared once, it performs each step in the
services and tells the desk which actions to offer.

    received ──schedule──▶ scheduled ──admit──▶ admitted ──withdraw──▶ withdrawn
        ▲                    │  ▲ (re-scheduled to another meeting)
        └────────────────────┘  └──refuse──▶ refused

Which step may start from which status is the treaty-law rule `treaty_law.committee.
observer_step` (its refusal cites Art. 40(3)); the declaration below says the same, and a test
holds the two together. The guards add what only the records know: a meeting held after the
application was received, a decision taken on a day of that meeting.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.committee.checks import MANAGE, outside_meeting
from lanzarote.committee.models import Meeting, ObserverApplication
from lanzarote.core.rules import refusal as rule_refusal
from lanzarote.core.workflow import Guard, Refusal, Transition, Workflow
from lanzarote.treaty_law import RuleViolation
from lanzarote.treaty_law.committee import (
    OBSERVERS_ARTICLE,
    ApplicationStatus,
    ObserverStep,
    observer_step,
)

# A rule of this product, not of the Convention: events of a file follow each other in time.
CHRONOLOGY = "chronology of the file (product rule)"
RECEIVED, SCHEDULED = ApplicationStatus.RECEIVED, ApplicationStatus.SCHEDULED
ADMITTED = ApplicationStatus.ADMITTED


def _meeting_not_over(application: ObserverApplication, *, meeting: Meeting) -> str | None:
    if meeting.end_date < application.received_on:
        return "The meeting ended before the application was received; choose a later meeting."
    return None


def _has_meeting(application: ObserverApplication) -> str | None:
    return None if application.meeting_id else "Put the application to a meeting first."


def _on_a_meeting_day(application: ObserverApplication, *, decided_on: date) -> str | None:
    meeting = application.meeting
    return outside_meeting(meeting, decided_on) if meeting is not None else None


def _out_of_order(transition: Transition, application: Any) -> Refusal:
    try:
        observer_step(application.status, ObserverStep(transition.step))
    except RuleViolation as violation:
        return Refusal(violation.article, rule_refusal(violation, conflict=True).message)
    # The declaration and the rule disagree: say so rather than let the step through.
    return Refusal(
        OBSERVERS_ARTICLE, f"{transition.step} is not declared from {application.status}."
    )


AT_A_MEETING = Guard(rule=OBSERVERS_ARTICLE, check=_has_meeting, conflict=True)
ON_A_MEETING_DAY = Guard(
    rule=CHRONOLOGY, check=_on_a_meeting_day, needs=("decided_on",), field="decided_on"
)

OBSERVER_APPLICATIONS = Workflow(
    name="observer application",
    states=ApplicationStatus,
    transitions=(
        Transition(
            step=ObserverStep.SCHEDULE,
            sources=frozenset({RECEIVED, SCHEDULED}),
            target=SCHEDULED,
            label=_("Put it to a meeting"),
            permission=MANAGE,
            guards=(
                Guard(
                    rule=CHRONOLOGY, check=_meeting_not_over, needs=("meeting",), field="meeting"
                ),
            ),
        ),
        *(
            Transition(
                step=step,
                sources=frozenset({SCHEDULED}),
                target=target,
                label=_("Record the members' decision"),
                permission=MANAGE,
                guards=(AT_A_MEETING, ON_A_MEETING_DAY),
            )
            for step, target in (
                (ObserverStep.ADMIT, ADMITTED),
                (ObserverStep.REFUSE, ApplicationStatus.REFUSED),
            )
        ),
        Transition(
            step=ObserverStep.WITHDRAW,
            sources=frozenset({ADMITTED}),
            target=ApplicationStatus.WITHDRAWN,
            label=_("Withdraw observer status"),
            permission=MANAGE,
        ),
    ),
    out_of_order=_out_of_order,
)
