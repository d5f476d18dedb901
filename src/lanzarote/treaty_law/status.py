"""A State's position under a treaty on a given day, and the chart of all States.

A State moves through the stages none → signatory → consented → party → denounced, each stage
starting on a date that may be known only within bounds. On a given day it is in whichever
stage has started and whose successor has not; when a bound straddles that day, more than one
stage is possible and the position says so instead of guessing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from lanzarote.treaty_law.dates import KnownDate, When, max_known, min_known
from lanzarote.treaty_law.entry_into_force import (
    Consent,
    state_entry_into_force,
    treaty_entry_into_force,
    with_recorded_entry_into_force,
)
from lanzarote.treaty_law.explain import (
    DateFormatter,
    Explanation,
    RuleAnswer,
    Translate,
    _,
    identity,
    render_all,
)
from lanzarote.treaty_law.final_clauses import FinalClauses, Instrument
from lanzarote.treaty_law.membership import Membership


class Status(StrEnum):
    NONE = "none"
    SIGNATORY = "signatory"
    CONSENTED = "consented"
    PARTY = "party"
    DENOUNCED = "denounced"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.NONE: _("no signature or consent"),
    Status.SIGNATORY: _("signatory"),
    Status.CONSENTED: _("consented, not yet in force"),
    Status.PARTY: _("Party"),
    Status.DENOUNCED: _("denounced"),
}

# The order in which a State can pass through the stages.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


class ActionKind(StrEnum):
    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    WITHDRAWAL = "withdrawal"
    TERRITORIAL_APPLICATION = "territorial_application"
    DENUNCIATION = "denunciation"

    @property
    def label(self) -> str:
        return _ACTION_KIND_LABELS[self]


_ACTION_KIND_LABELS = {
    ActionKind.SIGNATURE: _("signature"),
    ActionKind.RATIFICATION: _("ratification"),
    ActionKind.ACCEPTANCE: _("acceptance"),
    ActionKind.APPROVAL: _("approval"),
    ActionKind.ACCESSION: _("accession"),
    ActionKind.RESERVATION: _("reservation"),
    ActionKind.DECLARATION: _("declaration"),
    ActionKind.WITHDRAWAL: _("withdrawal"),
    ActionKind.TERRITORIAL_APPLICATION: _("territorial application"),
    ActionKind.DENUNCIATION: _("denunciation"),
}

CONSENT_KINDS: Mapping[ActionKind, Instrument] = MappingProxyType(
    {
        ActionKind.RATIFICATION: Instrument.RATIFICATION,
        ActionKind.ACCEPTANCE: Instrument.ACCEPTANCE,
        ActionKind.APPROVAL: Instrument.APPROVAL,
        ActionKind.ACCESSION: Instrument.ACCESSION,
    }
)


@dataclass(frozen=True)
class Action:
    """One effective (not superseded) event recorded in the registry."""

    state: str
    kind: ActionKind
    date: KnownDate
    provisions: tuple[str, ...] = ()
    reference: str = ""


@dataclass(frozen=True)
class StatePosition:
    state: str
    as_of: date
    # None when the status on `as_of` depends on a day that is not known.
    status: Status | None
    possible: frozenset[Status]
    signature: KnownDate | None
    consent_instrument: Instrument | None
    consent: KnownDate | None
    entry_into_force: KnownDate | None
    denunciation_effective: KnownDate | None
    explanations: tuple[Explanation, ...]

    @property
    def is_uncertain(self) -> bool:
        return self.status is None

    def render(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        return render_all(self.explanations, translate=translate, format_date=format_date)

    def as_dict(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> dict[str, object]:
        def known(value: KnownDate | None) -> dict[str, str | None] | None:
            return value.as_dict() if value is not None else None

        return {
            "state": self.state,
            "as_of": self.as_of.isoformat(),
            "status": self.status.value if self.status else None,
            "possible": [s.value for s in STATUS_ORDER if s in self.possible],
            "signature": known(self.signature),
            "consent_instrument": self.consent_instrument.value
            if self.consent_instrument
            else None,
            "consent": known(self.consent),
            "entry_into_force": known(self.entry_into_force),
            "denunciation_effective": known(self.denunciation_effective),
            "explanations": [
                e.render(translate=translate, format_date=format_date) for e in self.explanations
            ],
        }


def _earliest(actions: Sequence[Action]) -> Action | None:
    return min(actions, key=lambda a: a.date.sort_key, default=None)


def _not_before(known: KnownDate, floor: date | None) -> KnownDate:
    """Narrow a date with a fact that must hold; keep the record as it is if they conflict."""
    if floor is None:
        return known
    try:
        return known.intersect(KnownDate.on_or_after(floor))
    except ValueError:
        return known


def _in_order(
    stages: list[tuple[Status, KnownDate]],
) -> tuple[list[tuple[Status, KnownDate]], bool]:
    """Narrow each stage's date by the fact that stages happen in order.

    A signature known only as "unknown" is still on or before a ratification deposited in 2020.
    Returns the narrowed stages and whether the record was consistent (if not, it is kept).
    """
    narrowed: list[tuple[Status, KnownDate]] = []
    for index, (status, known) in enumerate(stages):
        lower: date | None = None
        for _status, earlier in stages[: index + 1]:
            lower = max_known(lower, earlier.earliest)
        upper: date | None = None
        for _status, later in stages[index:]:
            upper = min_known(upper, later.latest)
        try:
            narrowed.append((status, known.intersect(KnownDate.from_bounds(lower, upper))))
        except ValueError:
            return stages, False
    return narrowed, True


_STRADDLE_SENTENCES = {
    Status.SIGNATORY: _(
        "Whether it had signed by {as_of} depends on a date known only imprecisely: {date}."
    ),
    Status.CONSENTED: _(
        "Whether it had deposited its instrument by {as_of} depends on a date known only "
        "imprecisely: {date}."
    ),
    Status.PARTY: _(
        "Whether it was a Party on {as_of} depends on a date known only imprecisely: {date}."
    ),
    Status.DENOUNCED: _(
        "Whether its denunciation had taken effect by {as_of} depends on a date known only "
        "imprecisely: {date}."
    ),
}


@dataclass(frozen=True)
class Course:
    """A State's course under a treaty, whatever the date: the start of each stage it reaches,
    narrowed by their order, and the facts its position on any day is read from. Computed once
    from the State's actions (`state_course`); `position_on` reads it on a day."""

    state: str
    # Whether any act is recorded (none: the position says so).
    recorded: bool
    # The stages reached, each with its start narrowed by the order of the stages.
    stages: tuple[tuple[Status, KnownDate], ...]
    consistent: bool
    signature: KnownDate | None
    instrument: Instrument | None
    consent: KnownDate | None
    entry: RuleAnswer[KnownDate] | None
    # The notification of denunciation as received, and the day it takes effect.
    denounced: KnownDate | None
    denunciation: KnownDate | None
    denunciation_article: str
    # When it becomes a Party (None: not before the treaty itself is in force).
    party: KnownDate | None
    # The earliest bound of the State's acts: a chart shows the State from that day (None: an
    # act possibly dated on any day, so always).
    first_act: date | None

    def shown_on(self, as_of: date) -> bool:
        """Whether a chart on `as_of` shows the State: an act possibly dated by then."""
        return self.recorded and (self.first_act is None or self.first_act <= as_of)

    def transitions(self) -> tuple[date, ...]:
        """The days on which the position may change: every bound of a stage or of an act it
        depends on. Between two of them the position is the same but for the date it names."""
        days: set[date] = set()
        known = [start for _status, start in self.stages]
        known += [d for d in (self.signature, self.consent, self.denounced) if d is not None]
        for item in known:
            days.update(d for d in (item.earliest, item.latest) if d is not None)
        if self.first_act is not None:
            days.add(self.first_act)
        return tuple(sorted(days))


def state_course(
    clauses: FinalClauses,
    *,
    state: str,
    actions: Sequence[Action],
    treaty_entry_into_force: KnownDate | None,
) -> Course:
    """`state`'s course under the treaty from its actions (others' are ignored)."""
    own = [a for a in actions if a.state == state]
    opened = clauses.opened_for_signature

    signed = _earliest([a for a in own if a.kind is ActionKind.SIGNATURE])
    consented = _earliest([a for a in own if a.kind in CONSENT_KINDS])
    denounced = _earliest([a for a in own if a.kind is ActionKind.DENUNCIATION])

    # Nothing can be signed or deposited before the treaty was opened for signature.
    signature = _not_before(signed.date, opened) if signed else None
    consent: KnownDate | None = None
    instrument: Instrument | None = None
    entry: RuleAnswer[KnownDate] | None = None
    denunciation: KnownDate | None = None
    if consented is not None:
        instrument = CONSENT_KINDS[consented.kind]
        floor = max_known(opened, signature.earliest if signature else None)
        consent = _not_before(consented.date, floor)
        entry = state_entry_into_force(
            clauses,
            instrument=instrument,
            deposited=consent,
            treaty_entry_into_force=treaty_entry_into_force,
        )
        if denounced is not None:
            denunciation = denounced.date.map_monotone(clauses.denunciation.apply)

    stages: list[tuple[Status, KnownDate]] = []
    if signature is not None:
        stages.append((Status.SIGNATORY, signature))
    if consent is not None:
        stages.append((Status.CONSENTED, consent))
    # Before the treaty itself is in force nobody is a Party, so that stage does not exist yet.
    if entry is not None and treaty_entry_into_force is not None:
        stages.append((Status.PARTY, entry.value))
    if denunciation is not None:
        stages.append((Status.DENOUNCED, denunciation))
    stages, consistent = _in_order(stages)
    starts = dict(stages)
    firsts = [a.date.earliest for a in own]
    return Course(
        state=state,
        recorded=bool(own),
        stages=tuple(stages),
        consistent=consistent,
        signature=starts[Status.SIGNATORY] if signature is not None else None,
        instrument=instrument,
        consent=starts[Status.CONSENTED] if consent is not None else None,
        entry=entry,
        denounced=denounced.date if denounced is not None and consent is not None else None,
        denunciation=starts[Status.DENOUNCED] if denunciation is not None else None,
        denunciation_article=clauses.denunciation.article,
        party=starts.get(Status.PARTY),
        first_act=None if None in firsts else min(firsts, default=None),  # type: ignore[type-var]
    )


def position_on(course: Course, as_of: date) -> StatePosition:
    """Where the State of `course` stood on `as_of`, with the steps that put it there."""
    explanations: list[Explanation] = []
    # The chart shows the situation as it stood on `as_of`: an act that certainly came later
    # is not shown (an act whose day is unknown and may have come by then still is).
    signature = course.signature
    if signature is not None and not signature.possibly_on_or_before(as_of):
        signature = None
    if signature is not None:
        explanations.append(Explanation(_("Signed {date}."), {"date": When(signature)}))
    consent, instrument, entry = course.consent, course.instrument, course.entry
    denounced, denunciation = course.denounced, course.denunciation
    if consent is not None and not consent.possibly_on_or_before(as_of):
        consent = instrument = entry = None
        denounced = denunciation = None
    if entry is not None:
        explanations.extend(entry.explanations)
    if denounced is not None and not denounced.possibly_on_or_before(as_of):
        denounced = denunciation = None
    if denounced is not None and denunciation is not None:
        explanations.append(
            Explanation(
                _(
                    "Notification of denunciation received {received}; under {article} it "
                    "takes effect {date}."
                ),
                {
                    "received": When(denounced),
                    "article": course.denunciation_article,
                    "date": When(denunciation),
                },
            )
        )
    if not course.consistent:
        explanations.append(
            Explanation(_("The recorded dates are out of order; they are shown as recorded."))
        )
    if not course.recorded:
        explanations.append(Explanation(_("No signature or instrument of consent is recorded.")))

    possible = _possible_statuses(course.stages, as_of)
    status = next(iter(possible)) if len(possible) == 1 else None
    if status is not None:
        explanations.append(
            Explanation(_("Status on {as_of}: {status}."), {"as_of": as_of, "status": status})
        )
    else:
        explanations.append(
            Explanation(
                _("Status on {as_of}: one of {statuses}."),
                {"as_of": as_of, "statuses": [s for s in STATUS_ORDER if s in possible]},
            )
        )
        for stage_status, known in course.stages:
            if known.possibly_on_or_before(as_of) and known.possibly_after(as_of):
                explanations.append(
                    Explanation(_STRADDLE_SENTENCES[stage_status], {"as_of": as_of, "date": known})
                )

    return StatePosition(
        state=course.state,
        as_of=as_of,
        status=status,
        possible=possible,
        signature=signature,
        consent_instrument=instrument,
        consent=consent,
        entry_into_force=course.party if consent is not None else None,
        denunciation_effective=denunciation,
        explanations=tuple(explanations),
    )


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


def _possible_statuses(
    stages: Sequence[tuple[Status, KnownDate]], as_of: date
) -> frozenset[Status]:
    """The stages that may be current: started possibly by `as_of`, successor possibly after.

    The stage dates have already been narrowed by their order, which is what makes this simple
    test exact: each stage can take its earliest date while the next takes its latest.
    """
    timeline: list[tuple[Status, KnownDate | None]] = [(Status.NONE, None), *stages]
    possible: set[Status] = set()
    for index, (status, start) in enumerate(timeline):
        started = start is None or start.possibly_on_or_before(as_of)
        following = timeline[index + 1][1] if index + 1 < len(timeline) else None
        not_succeeded = following is None or following.possibly_after(as_of)
        if started and not_succeeded:
            possible.add(status)
    return frozenset(possible)


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
