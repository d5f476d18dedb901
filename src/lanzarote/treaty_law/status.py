"""A State's position under a treaty on a given day, and the chart of all States.

The stages, the acts and a State's course live in `treaty_law.course`; this module reads them
on a day for one State (`state_position`) and for every State of a treaty's log (`chart`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lanzarote.treaty_law.course import (
    Course,
    StatePosition,
    _not_before,
    explain_position,
    position_on,
    state_course,
)
from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.entry_into_force import (
    Consent,
    treaty_entry_into_force,
    with_recorded_entry_into_force,
)
from lanzarote.treaty_law.explain import RuleAnswer
from lanzarote.treaty_law.final_clauses import FinalClauses
from lanzarote.treaty_law.membership import Membership
from lanzarote.treaty_law.stages import CONSENT_KINDS, STATUS_ORDER, Action, ActionKind, Status

__all__ = [
    "CONSENT_KINDS",
    "STATUS_ORDER",
    "Action",
    "ActionKind",
    "Chart",
    "Course",
    "StatePosition",
    "Status",
    "Totals",
    "chart",
    "chart_entry_into_force",
    "chart_totals",
    "consents_from_actions",
    "explain_position",
    "position_on",
    "state_course",
    "state_position",
]


def state_position(
    clauses: FinalClauses,
    *,
    state: str,
    actions: Sequence[Action],
    treaty_entry_into_force: KnownDate | None,
    as_of: date,
) -> StatePosition:
    """Where `state` stood under the treaty on `as_of`, with the steps that put it there."""
    course = state_course(
        clauses, state=state, actions=actions, treaty_entry_into_force=treaty_entry_into_force
    )
    return position_on(course, as_of)


# -- the chart of all States -----------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """Each row counts in exactly one bucket; uncertain rows count only as uncertain."""

    parties: int
    uncertain: int
    consented: int
    signatories: int
    denounced: int
    # Rows with a recorded act but no signature or consent yet (a stray declaration, say).
    other: int = 0

    @property
    def total(self) -> int:
        return (
            self.parties
            + self.uncertain
            + self.consented
            + self.signatories
            + self.denounced
            + self.other
        )


@dataclass(frozen=True)
class Chart:
    treaty: FinalClauses
    as_of: date
    entry_into_force: RuleAnswer[KnownDate | None]
    rows: tuple[StatePosition, ...]
    totals: Totals


def consents_from_actions(
    clauses: FinalClauses, actions: Sequence[Action], membership: Membership
) -> list[Consent]:
    """The consents in the log, each with the State's membership on its deposit day."""
    consents = []
    for action in actions:
        if action.kind not in CONSENT_KINDS:
            continue
        deposited = _not_before(action.date, clauses.opened_for_signature)
        consents.append(
            Consent(
                state=action.state,
                instrument=CONSENT_KINDS[action.kind],
                deposited=deposited,
                member_of_council_of_europe=membership.is_member_throughout(
                    action.state, deposited
                ),
            )
        )
    return consents


def chart_entry_into_force(
    clauses: FinalClauses,
    *,
    actions: Sequence[Action],
    membership: Membership,
    recorded_entry_into_force: KnownDate | None = None,
) -> RuleAnswer[KnownDate | None]:
    """The treaty's own date as every chart of it uses it: from every recorded consent, narrowed
    by the date a source states (`recorded_entry_into_force`) when the deposits are loosely
    dated. It does not depend on the chart's date, so a caller may compute it once."""
    in_force = treaty_entry_into_force(clauses, consents_from_actions(clauses, actions, membership))
    if recorded_entry_into_force is not None:
        in_force = with_recorded_entry_into_force(in_force, recorded_entry_into_force)
    return in_force


def chart(
    clauses: FinalClauses,
    *,
    actions: Sequence[Action],
    membership: Membership,
    as_of: date,
    recorded_entry_into_force: KnownDate | None = None,
    in_force: RuleAnswer[KnownDate | None] | None = None,
) -> Chart:
    """Every State with an act possibly dated on or before `as_of`, and how they stand then.

    `recorded_entry_into_force` is the treaty's date as a source states it, if known; it
    narrows the date computed from loosely dated deposits. `in_force` is that answer already
    computed by `chart_entry_into_force` from the same actions.
    """
    # The treaty's own date is a fixed fact, so it comes from every recorded consent; each
    # row then decides by `as_of` whether the State had reached it.
    if in_force is None:
        in_force = chart_entry_into_force(
            clauses,
            actions=actions,
            membership=membership,
            recorded_entry_into_force=recorded_entry_into_force,
        )
    by_state: defaultdict[str, list[Action]] = defaultdict(list)
    for action in actions:
        by_state[action.state].append(action)

    rows = tuple(
        state_position(
            clauses,
            state=state,
            actions=state_actions,
            treaty_entry_into_force=in_force.value,
            as_of=as_of,
        )
        for state, state_actions in sorted(by_state.items())
        if any(a.date.possibly_on_or_before(as_of) for a in state_actions)
    )
    return Chart(clauses, as_of, in_force, rows, chart_totals(rows))


def chart_totals(rows: Sequence[StatePosition]) -> Totals:
    counts = dict.fromkeys(Status, 0)
    uncertain = 0
    for row in rows:
        if row.status is None:
            uncertain += 1
        else:
            counts[row.status] += 1
    return Totals(
        parties=counts[Status.PARTY],
        uncertain=uncertain,
        consented=counts[Status.CONSENTED],
        signatories=counts[Status.SIGNATORY],
        denounced=counts[Status.DENOUNCED],
        other=counts[Status.NONE],
    )
