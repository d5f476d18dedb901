"""Gathers the facts a treaty action depends on and asks `treaty_law.guards` whether it may be
recorded. The rules themselves live in `lanzarote.treaty_law`; this module only reads the log."""

from __future__ import annotations

from datetime import date

from lanzarote.registry import selectors
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.treaty_law import KnownDate, get_final_clauses
from lanzarote.treaty_law import guards as rules
from lanzarote.treaty_law.status import CONSENT_KINDS, ActionKind

__all__ = ["CONSENT_KINDS", "check_event"]

STATEMENT_KINDS = frozenset(
    {
        ActionKind.RESERVATION,
        ActionKind.DECLARATION,
        ActionKind.WITHDRAWAL,
        ActionKind.TERRITORIAL_APPLICATION,
    }
)


def check_event(
    *,
    treaty: Treaty,
    state: State,
    kind: str,
    legal_date: KnownDate,
    provisions: list[str],
    replacing: TreatyEvent | None,
    today: date,
    instrument_confirmed: bool = True,
) -> None:
    clauses = get_final_clauses(treaty.slug)
    action = ActionKind(kind)
    rules.check_legal_date(
        legal_date=legal_date, today=today, opened_for_signature=treaty.opened_for_signature
    )
    rules.check_actor_is_a_state(code=state.code, is_territory=state.kind == State.Kind.TERRITORY)
    history = selectors.effective_actions_of_state(treaty=treaty, state=state, excluding=replacing)
    if action is ActionKind.SIGNATURE:
        rules.check_signature(
            clauses,
            applicant=selectors.applicant_for(treaty=treaty, state=state, on=legal_date),
            signed_on=legal_date,
            history=history,
        )
    elif action in CONSENT_KINDS:
        rules.check_consent(
            clauses,
            applicant=selectors.applicant_for(treaty=treaty, state=state, on=legal_date),
            kind=action,
            deposited=legal_date,
            history=history,
            treaty_entry_into_force=selectors.treaty_entry_into_force(treaty).value,
            instrument_confirmed=instrument_confirmed,
        )
    elif action in STATEMENT_KINDS:
        rules.check_reservation_or_declaration(
            clauses,
            state=state.code,
            kind=action,
            provisions=tuple(provisions),
            made_on=legal_date,
            history=history,
            # Art. 47(2) asks whether the State is a Party on the day of a later extension.
            position=selectors.position_of(
                treaty=treaty, state=state, as_of=legal_date.latest or today
            )
            if action in (ActionKind.DECLARATION, ActionKind.TERRITORIAL_APPLICATION)
            else None,
        )
    elif action is ActionKind.DENUNCIATION:
        rules.check_denunciation(
            clauses,
            position=selectors.position_of(
                treaty=treaty, state=state, as_of=legal_date.latest or today
            ),
        )
