"""What every step of the accession procedure shares: the rules' refusal as an error, the case
re-read under a lock, and the move to a new status with its `CaseEvent` and audit record."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lanzarote.accession.models import AccessionCase, CaseEvent
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.rules import refusal
from lanzarote.core.text import names_in_words, sorted_by_name
from lanzarote.registry.models import State
from lanzarote.treaty_law import Explanation, RuleViolation
from lanzarote.treaty_law.accession import CaseStatus, Step, check_step


@dataclass(frozen=True)
class StateNames:
    """States as a rule's parameter, put into words as their names in the reader's language
    ("France, Germany and Italy"), never their codes."""

    states: tuple[State, ...]

    def describe(self, *, translate: Any, format_date: Any) -> str:
        return names_in_words(s.name for s in sorted_by_name(self.states, lambda s: str(s.name)))


def with_state_names(explanation: Explanation, states: Mapping[str, State]) -> Explanation:
    """The rules name States by code in their `states` parameter; people read their names."""
    codes = explanation.params.get("states")
    if not isinstance(codes, (list, tuple, set, frozenset)):
        return explanation
    named = tuple(states[code] for code in codes if code in states)
    return Explanation(explanation.template, {**explanation.params, "states": StateNames(named)})


def _step(case: AccessionCase, step: Step, *, decision_adopted: bool | None = None) -> None:
    try:
        check_step(step, case.case_status, decision_adopted=decision_adopted)
    except RuleViolation as violation:
        raise refusal(violation, conflict=True) from None


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
