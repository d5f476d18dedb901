"""A State's course under a treaty and its position on a given day.

A State moves through the stages none → signatory → consented → party → denounced, each stage
starting on a date that may be known only within bounds. On a given day it is in whichever
stage has started and whose successor has not; when a bound straddles that day, more than one
stage is possible and the position says so instead of guessing.

The course (`state_course`) is folded once from the State's acts and does not depend on the
day; the position (`position_on`) reads it on a day; its explanations (`explain_position`) are
worked out from the rules only when someone reads them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

from lanzarote.treaty_law.dates import KnownDate, When, max_known, min_known
from lanzarote.treaty_law.entry_into_force import (
    state_entry_into_force,
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
from lanzarote.treaty_law.final_clauses import FinalClauses, Instrument, get_final_clauses
from lanzarote.treaty_law.packing import pack_date, pack_day, unpack_date, unpack_day


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
    # The course the position is read from: its explanations are worked out from it, by the
    # rules, only when asked (a chart of 200 States rarely shows them).
    course: Course = field(compare=False, repr=False)

    @cached_property
    def explanations(self) -> tuple[Explanation, ...]:
        return explain_position(self.course, self.as_of)

    def __eq__(self, other: object) -> bool:
        # The explanations are part of the answer even though they are worked out later.
        if not isinstance(other, StatePosition):
            return NotImplemented
        return _compared(self) == _compared(other) and self.explanations == other.explanations

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
    from the State's actions (`state_course`); `position_on` reads it on a day. It keeps dates
    and codes only: the explanations are worked out from the rules when a position is
    explained, and it pickles as a few integers (`packed`)."""

    state: str
    # Whether any act is recorded (none: the position says so).
    recorded: bool
    # The stages reached, each with its start narrowed by the order of the stages.
    stages: tuple[tuple[Status, KnownDate], ...]
    consistent: bool
    signature: KnownDate | None
    instrument: Instrument | None
    consent: KnownDate | None
    # The deposit as the rule of entry into force reads it (before the order of the stages
    # narrows it), and the treaty's own entry into force: `entry_answer` works out from them
    # when and why the State became a Party.
    deposited: KnownDate | None
    treaty_entry_into_force: KnownDate | None
    # The notification of denunciation as received, and the day it takes effect.
    denounced: KnownDate | None
    denunciation: KnownDate | None
    # When it becomes a Party (None: not before the treaty itself is in force).
    party: KnownDate | None
    # The earliest bound of the State's acts: a chart shows the State from that day (None: an
    # act possibly dated on any day, so always).
    first_act: date | None
    # The treaty's slug, and its clauses as the fold had them (a course read back from a cache
    # finds them again by the slug, and only if an explanation is asked for).
    treaty: str = ""
    clauses: FinalClauses | None = field(default=None, compare=False, repr=False)

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

    def final_clauses(self) -> FinalClauses:
        return self.clauses if self.clauses is not None else get_final_clauses(self.treaty)

    def entry_answer(self) -> RuleAnswer[KnownDate] | None:
        """When the treaty entered into force for the State, the article and why (None: no
        consent recorded)."""
        if self.instrument is None or self.deposited is None:
            return None
        return state_entry_into_force(
            self.final_clauses(),
            instrument=self.instrument,
            deposited=self.deposited,
            treaty_entry_into_force=self.treaty_entry_into_force,
        )

    def packed(self) -> tuple[int, ...]:
        """The course as integers (`course_from_packed` reads them back), without its State,
        treaty and the treaty's entry into force, which a timeline packs once."""
        flags = self.recorded | self.consistent << 1
        instrument = 0 if self.instrument is None else _INSTRUMENTS.index(self.instrument) + 1
        stages = [
            number
            for status, start in self.stages
            for number in (STATUS_ORDER.index(status), *pack_date(start))
        ]
        return (
            flags,
            instrument,
            pack_day(self.first_act),
            *pack_date(self.deposited),
            *pack_date(self.denounced),
            len(self.stages),
            *stages,
        )

    def __reduce__(self) -> tuple[object, ...]:
        # Cached alone (a State's standings keep one per treaty): integers, not objects.
        return _course_from_cache, (
            self.state,
            self.treaty,
            pack_date(self.treaty_entry_into_force),
            self.packed(),
        )


_INSTRUMENTS: tuple[Instrument, ...] = tuple(Instrument)
# The integers of a course before its stages (`Course.packed`), and those of each stage.
PACKED_HEAD = 10
PACKED_STAGE = 4


def course_from_packed(
    numbers: Sequence[int],
    *,
    state: str,
    treaty: str,
    treaty_entry_into_force: KnownDate | None,
    clauses: FinalClauses | None = None,
) -> Course:
    """The course `Course.packed` gave as `numbers`."""
    flags, instrument, first_act = numbers[0], numbers[1], numbers[2]
    stages = tuple(
        (STATUS_ORDER[numbers[at]], unpack_date(*numbers[at + 1 : at + PACKED_STAGE]))
        for at in range(
            PACKED_HEAD, PACKED_HEAD + PACKED_STAGE * numbers[PACKED_HEAD - 1], PACKED_STAGE
        )
    )
    starts: dict[Status, KnownDate | None] = dict(stages)
    return Course(
        state=state,
        recorded=bool(flags & 1),
        stages=stages,  # type: ignore[arg-type]
        consistent=bool(flags & 2),
        signature=starts.get(Status.SIGNATORY),
        instrument=_INSTRUMENTS[instrument - 1] if instrument else None,
        consent=starts.get(Status.CONSENTED),
        deposited=unpack_date(*numbers[3:6]),
        treaty_entry_into_force=treaty_entry_into_force,
        denounced=unpack_date(*numbers[6:9]),
        denunciation=starts.get(Status.DENOUNCED),
        party=starts.get(Status.PARTY),
        first_act=unpack_day(first_act),
        treaty=treaty,
        clauses=clauses,
    )


def _course_from_cache(
    state: str, treaty: str, in_force: tuple[int, int, int], numbers: tuple[int, ...]
) -> Course:
    return course_from_packed(
        numbers, state=state, treaty=treaty, treaty_entry_into_force=unpack_date(*in_force)
    )


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
        deposited=consent,
        treaty_entry_into_force=treaty_entry_into_force,
        denounced=denounced.date if denounced is not None and consent is not None else None,
        denunciation=starts[Status.DENOUNCED] if denunciation is not None else None,
        party=starts.get(Status.PARTY),
        first_act=None if None in firsts else min(firsts, default=None),  # type: ignore[type-var]
        treaty=clauses.slug,
        clauses=clauses,
    )


def position_on(course: Course, as_of: date) -> StatePosition:
    """Where the State of `course` stood on `as_of`; the steps that put it there
    (`explain_position`) are worked out when the position's explanations are asked for."""
    # The chart shows the situation as it stood on `as_of`: an act that certainly came later
    # is not shown (an act whose day is unknown and may have come by then still is).
    signature = course.signature
    if signature is not None and not signature.possibly_on_or_before(as_of):
        signature = None
    consent, instrument = course.consent, course.instrument
    denunciation = course.denunciation
    if consent is not None and not consent.possibly_on_or_before(as_of):
        consent = instrument = denunciation = None
    elif course.denounced is not None and not course.denounced.possibly_on_or_before(as_of):
        denunciation = None
    possible = _possible_statuses(course.stages, as_of)
    return StatePosition(
        state=course.state,
        as_of=as_of,
        status=next(iter(possible)) if len(possible) == 1 else None,
        possible=possible,
        signature=signature,
        consent_instrument=instrument,
        consent=consent,
        entry_into_force=course.party if consent is not None else None,
        denunciation_effective=denunciation,
        course=course,
    )


def explain_position(course: Course, as_of: date) -> tuple[Explanation, ...]:
    """The steps that put the State of `course` where it stood on `as_of`: its signature, the
    rule of entry into force that made it a Party (with its article), its denunciation under
    the treaty's article, and the status the stages give on that day."""
    explanations: list[Explanation] = []
    signature = course.signature
    if signature is not None and signature.possibly_on_or_before(as_of):
        explanations.append(Explanation(_("Signed {date}."), {"date": When(signature)}))
    consented = course.consent is not None and course.consent.possibly_on_or_before(as_of)
    entry = course.entry_answer() if consented else None
    if entry is not None:
        explanations.extend(entry.explanations)
    denounced, denunciation = course.denounced, course.denunciation
    if (
        consented
        and denounced is not None
        and denunciation is not None
        and denounced.possibly_on_or_before(as_of)
    ):
        explanations.append(
            Explanation(
                _(
                    "Notification of denunciation received {received}; under {article} it "
                    "takes effect {date}."
                ),
                {
                    "received": When(denounced),
                    "article": course.final_clauses().denunciation.article,
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
    if len(possible) == 1:
        status = next(iter(possible))
        explanations.append(
            Explanation(_("Status on {as_of}: {status}."), {"as_of": as_of, "status": status})
        )
        return tuple(explanations)
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
    return tuple(explanations)


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


_POSITION_FIELDS = (
    "state",
    "as_of",
    "status",
    "possible",
    "signature",
    "consent_instrument",
    "consent",
    "entry_into_force",
    "denunciation_effective",
)


def _compared(position: StatePosition) -> tuple[object, ...]:
    return tuple(getattr(position, name) for name in _POSITION_FIELDS)
