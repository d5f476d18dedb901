"""Writes of the compliance follow-up: a Party's follow-up and the Committee's assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import InvalidInput
from lanzarote.core.records.saving import authorise, recorded_now, snapshot
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    FollowUp,
    Recommendation,
)
from lanzarote.monitoring.rules import (
    Compliance,
)
from lanzarote.monitoring.services._common import MANAGE, _language, _state, _text
from lanzarote.monitoring.services.search_index import index_recommendation


def _addressed(recommendation: Recommendation, state_code: str) -> bool:
    return state_code.upper() in selectors.addressee_codes(recommendation)


@transaction.atomic
def follow_up_submit(
    *,
    actor: Actor,
    recommendation: Recommendation,
    state_code: str,
    text: str,
    language: str = "en",
    is_demo: bool = False,
) -> FollowUp:
    state = _state(state_code)
    addressed = _addressed(recommendation, state.code)
    authorise(actor, "monitoring.submit_follow_up", state_code=state.code, addressed=addressed)
    if not addressed:
        raise InvalidInput(
            f"Recommendation {recommendation.number} is not addressed to {state.name_en}.",
            field="state",
        )
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        state=state,
        text=_text(text, field="text"),
        language=_language(language),
        submitted_at=timezone.now(),
        submitted_by=actor.user,
        submitted_by_label=actor.label,
        is_demo=is_demo or recommendation.is_demo,
    )
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_FOLLOW_UP_SUBMIT,
        target=follow_up,
        changes=snapshot(follow_up, ("recommendation", "state", "language")),
        summary=f"{recommendation.number} {state.code}",
    )
    return follow_up


@transaction.atomic
def compliance_assess(
    *,
    actor: Actor,
    recommendation: Recommendation,
    state_code: str,
    status: str,
    assessed_on: date | None = None,
    meeting: Any = None,
    note_en: str = "",
    note_fr: str = "",
    supersedes: ComplianceAssessment | None = None,
    is_demo: bool = False,
) -> ComplianceAssessment:
    """Record the Committee's assessment of a Party's compliance with a recommendation at a
    meeting. Earlier assessments are kept: the history is the record."""
    authorise(actor, MANAGE)
    state = _state(state_code)
    if status not in Compliance._value2member_map_:
        raise InvalidInput(
            f"Unknown compliance status {status!r}; use {', '.join(c.value for c in Compliance)}.",
            field="status",
        )
    if not _addressed(recommendation, state.code):
        raise InvalidInput(
            f"Recommendation {recommendation.number} is not addressed to {state.name_en}.",
            field="state",
        )
    if assessed_on is None:
        if meeting is None:
            raise InvalidInput(
                "Give the meeting or the date of the assessment.", field="assessed_on"
            )
        assessed_on = meeting.end_date
    if meeting is not None and not meeting.covers(assessed_on):
        raise InvalidInput(
            f"{assessed_on.isoformat()} is not a day of the {meeting.number}th meeting.",
            field="assessed_on",
        )
    if supersedes is not None and (
        supersedes.recommendation_id != recommendation.pk or supersedes.state_id != state.code
    ):
        raise InvalidInput(
            "A correction supersedes an assessment of the same recommendation and Party."
        )
    assessment = ComplianceAssessment.objects.create(
        recommendation=recommendation,
        state=state,
        status=status,
        assessed_on=assessed_on,
        meeting=meeting,
        note_en=note_en,
        note_fr=note_fr,
        supersedes=supersedes,
        **recorded_now(actor),
        is_demo=is_demo or recommendation.is_demo,
    )
    index_recommendation(recommendation)
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_COMPLIANCE_ASSESS,
        target=assessment,
        changes=snapshot(
            assessment,
            ("recommendation", "state", "status", "assessed_on", "meeting", "supersedes"),
        ),
        summary=f"{recommendation.number} {state.code}: {status}",
    )
    return assessment
