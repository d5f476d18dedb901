"""What every step of the accession procedure shares: the rules' refusal as an error, the case
re-read under a lock, and the move to a new status with its `CaseEvent` and audit record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext

from lanzarote.accession.models import AccessionCase, CaseEvent
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.treaty_law import RuleViolation
from lanzarote.treaty_law.accession import CaseStatus, Step, check_step


def _refusal(violation: RuleViolation, *, conflict: bool = False) -> InvalidInput | Conflict:
    error_class = Conflict if conflict else InvalidInput
    return error_class(violation.explanation.render(translate=gettext), article=violation.article)


def _step(case: AccessionCase, step: Step, *, decision_adopted: bool | None = None) -> None:
    try:
        check_step(step, case.case_status, decision_adopted=decision_adopted)
    except RuleViolation as violation:
        raise _refusal(violation, conflict=True) from None


def _locked(case: AccessionCase) -> AccessionCase:
    """Re-read the case inside the transaction, locking its row on PostgreSQL, so two people
    moving the same case cannot both act on a stale status."""
    return (
        AccessionCase.objects.select_for_update().select_related("state", "treaty").get(pk=case.pk)
    )


def _transition(
    case: AccessionCase,
    *,
    step: Step,
    to: CaseStatus,
    actor: Actor,
    note: str = "",
    documents: Sequence[dict[str, str]] = (),
    payload: Mapping[str, Any] | None = None,
) -> CaseEvent:
    previous = case.status
    case.status = to.value
    case.save()
    event = CaseEvent.objects.create(
        case=case,
        step=step.value,
        from_status=previous,
        to_status=to.value,
        actor=actor.user,
        actor_label=actor.label,
        note=note,
        documents=list(documents),
        payload=dict(payload or {}),
    )
    audit_record(
        actor=actor,
        action=f"accession.{step.value}",
        target=case,
        summary=f"{case.reference}: {previous or '—'} → {to.value}",
        payload=dict(payload or {}),
    )
    return event
