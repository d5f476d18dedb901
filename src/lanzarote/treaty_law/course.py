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

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

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
from lanzarote.treaty_law.stages import (
    CONSENT_KINDS,
    STATUS_ORDER,
    Action,
    ActionKind,
    Status,
)


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


class Course:
    """A State's course under a treaty, whatever the date: the start of each stage it reaches,
    narrowed by their order, and the facts its position on any day is read from. Folded once
    from the State's acts (`state_course`); `position_on` reads it on a day.

    It is held as integers (`packed`: the bounds of its dates as day ordinals, its status and
    instrument as codes), read in place from a timeline's array of every State's courses: a
    chart compares integers and makes only the dates its rows show. The dates below are made
    from them when asked; the explanations are worked out from the rules when a position is
    explained.
    """

    __slots__ = ("_at", "_numbers", "clauses", "state", "treaty", "treaty_entry_into_force")

    def __init__(
        self,
        *,
        state: str,
        numbers: Sequence[int],
        treaty: str,
        treaty_entry_into_force: KnownDate | None,
        clauses: FinalClauses | None = None,
        at: int = 0,
    ) -> None:
        self.state = state
        # The course is `numbers[at:]`, laid out as `packed` says.
        self._numbers = numbers
        self._at = at
        self.treaty = treaty
        # The treaty's own entry into force, which the State's depends on.
        self.treaty_entry_into_force = treaty_entry_into_force
        # The treaty's clauses as the fold had them; a course read back from a cache finds them
        # again by the slug, and only if an explanation is asked for.
        self.clauses = clauses

    def _number(self, index: int) -> int:
        return self._numbers[self._at + index]

    @property
    def recorded(self) -> bool:
        """Whether any act is recorded (none: the position says so)."""
        return bool(self._number(0) & _RECORDED)

    @property
    def consistent(self) -> bool:
        return bool(self._number(0) & _CONSISTENT)

    @property
    def instrument(self) -> Instrument | None:
        code = self._number(1)
        return _INSTRUMENTS[code - 1] if code else None

    @property
    def first_act(self) -> date | None:
        """The earliest bound of the State's acts: a chart shows the State from that day (None:
        an act possibly dated on any day, so always)."""
        return unpack_day(self._number(2))

    @property
    def deposited(self) -> KnownDate | None:
        """The deposit as the rule of entry into force reads it (before the order of the stages
        narrows it)."""
        return unpack_date(self._number(3), self._number(4), self._number(5))

    @property
    def denounced(self) -> KnownDate | None:
        """The notification of denunciation as received."""
        return unpack_date(self._number(6), self._number(7), self._number(8))

    @property
    def stages(self) -> tuple[tuple[Status, KnownDate], ...]:
        """The stages reached, each with its start narrowed by the order of the stages."""
        start = self._at + PACKED_HEAD
        numbers = self._numbers
        return tuple(
            (STATUS_ORDER[numbers[at]], unpack_date(*numbers[at + 1 : at + PACKED_STAGE]))  # type: ignore[misc]
            for at in range(start, start + PACKED_STAGE * self._number(9), PACKED_STAGE)
        )

    def _start(self, status: Status) -> KnownDate | None:
        return dict(self.stages).get(status)

    @property
    def signature(self) -> KnownDate | None:
        return self._start(Status.SIGNATORY)

    @property
    def consent(self) -> KnownDate | None:
        return self._start(Status.CONSENTED)

    @property
    def party(self) -> KnownDate | None:
        """When it becomes a Party (None: not before the treaty itself is in force)."""
        return self._start(Status.PARTY)

    @property
    def denunciation(self) -> KnownDate | None:
        """The day the denunciation takes effect."""
        return self._start(Status.DENOUNCED)

    def shown_on(self, as_of: date) -> bool:
        """Whether a chart on `as_of` shows the State: an act possibly dated by then."""
        return shown_on_day(self._number(0), self._number(2), as_of.toordinal())

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
        instrument, deposited = self.instrument, self.deposited
        if instrument is None or deposited is None:
            return None
        return _entry_answer(
            self.final_clauses(), instrument, deposited, self.treaty_entry_into_force
        )

    def packed(self) -> tuple[int, ...]:
        """The course as integers: flags (recorded, consistent), instrument (0: none), first
        act (0: any day), the deposit and the denunciation as received (`pack_date`), the
        number of stages, then each stage's status and start."""
        size = PACKED_HEAD + PACKED_STAGE * self._number(9)
        return tuple(self._numbers[self._at : self._at + size])

    def _key(self) -> tuple[object, ...]:
        return (self.state, self.treaty, self.treaty_entry_into_force, self.packed())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Course):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Course({self.state!r}, {self.treaty!r}, {self.packed()!r})"

    def __reduce__(self) -> tuple[object, ...]:
        # Cached alone (a State's standings keep one per treaty): integers, not objects.
        return _course_from_cache, (
            self.state,
            self.treaty,
            pack_date(self.treaty_entry_into_force),
            self.packed(),
        )


# A chart explained on many dates asks the same States' entry into force again and again: the
# rule is pure, so its answers are kept (a few thousand, a few hundred bytes each), under the
# treaty's slug and checked against the very clauses asked about (hashing a treaty's clauses
# costs more than the rule).
_ENTRY_ANSWERS: dict[tuple[object, ...], tuple[FinalClauses, RuleAnswer[KnownDate]]] = {}
_ENTRY_ANSWERS_KEPT = 4096


def _entry_answer(
    clauses: FinalClauses,
    instrument: Instrument,
    deposited: KnownDate,
    treaty_entry_into_force: KnownDate | None,
) -> RuleAnswer[KnownDate]:
    key = (clauses.slug, instrument, deposited, treaty_entry_into_force)
    kept = _ENTRY_ANSWERS.get(key)
    if kept is not None and kept[0] is clauses:
        return kept[1]
    answer = state_entry_into_force(
        clauses,
        instrument=instrument,
        deposited=deposited,
        treaty_entry_into_force=treaty_entry_into_force,
    )
    if len(_ENTRY_ANSWERS) >= _ENTRY_ANSWERS_KEPT:
        _ENTRY_ANSWERS.clear()
    _ENTRY_ANSWERS[key] = (clauses, answer)
    return answer


_INSTRUMENTS: tuple[Instrument, ...] = tuple(Instrument)
_RECORDED, _CONSISTENT = 1, 2
# The integers of a course before its stages (`Course.packed`), and those of each stage.
PACKED_HEAD = 10
PACKED_STAGE = 4
_SIGNATORY, _CONSENTED, _PARTY, _DENOUNCED = (
    STATUS_ORDER.index(status)
    for status in (Status.SIGNATORY, Status.CONSENTED, Status.PARTY, Status.DENOUNCED)
)


def shown_on_day(flags: int, first_act: int, day: int) -> bool:
    """`Course.shown_on` from a course's first and third integers and a day's ordinal."""
    return bool(flags & _RECORDED) and (not first_act or first_act <= day)


def _course_from_cache(
    state: str, treaty: str, in_force: tuple[int, int, int], numbers: tuple[int, ...]
) -> Course:
    return Course(
        state=state, numbers=numbers, treaty=treaty, treaty_entry_into_force=unpack_date(*in_force)
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
    firsts = [a.date.earliest for a in own]
    first_act = None if None in firsts else min(firsts, default=None)  # type: ignore[type-var]
    numbers = (
        (_RECORDED if own else 0) | (_CONSISTENT if consistent else 0),
        _INSTRUMENTS.index(instrument) + 1 if instrument is not None else 0,
        pack_day(first_act),
        *pack_date(consent),
        *pack_date(denounced.date if denounced is not None and consent is not None else None),
        len(stages),
        *(n for status, start in stages for n in (STATUS_ORDER.index(status), *pack_date(start))),
    )
    return Course(
        state=state,
        numbers=numbers,
        treaty=clauses.slug,
        treaty_entry_into_force=treaty_entry_into_force,
        clauses=clauses,
    )


def position_on(course: Course, as_of: date) -> StatePosition:
    """Where the State of `course` stood on `as_of`; the steps that put it there
    (`explain_position`) are worked out when the position's explanations are asked for.

    Read from the course's integers: a date is possibly on or before the day unless its earliest
    bound is after it, possibly after it unless its latest bound is on or before it (0: open)."""
    day = as_of.toordinal()
    numbers, at = course._numbers, course._at
    count = numbers[at + 9]
    # The start of each stage reached, and the statuses possible on the day: a stage that has
    # possibly started and whose successor has possibly not (the stages being narrowed by their
    # order, each can take its earliest date while the next takes its latest).
    starts: dict[int, int] = {}
    possible: set[Status] = set()
    started = True
    status_index = STATUS_ORDER.index(Status.NONE)
    for stage in range(at + PACKED_HEAD, at + PACKED_HEAD + PACKED_STAGE * count, PACKED_STAGE):
        earliest, latest = numbers[stage + 1], numbers[stage + 2]
        if started and (not latest or latest > day):
            possible.add(STATUS_ORDER[status_index])
        status_index = numbers[stage]
        starts[status_index] = stage
        started = not earliest or earliest <= day
    if started:
        possible.add(STATUS_ORDER[status_index])

    def known(status: int, shown: bool = True) -> KnownDate | None:
        stage = starts.get(status)
        if stage is None or not shown:
            return None
        return unpack_date(numbers[stage + 1], numbers[stage + 2], numbers[stage + 3])

    # The chart shows the situation as it stood on `as_of`: an act that certainly came later
    # is not shown (an act whose day is unknown and may have come by then still is).
    signature = known(_SIGNATORY, _possibly_by(numbers, starts.get(_SIGNATORY), day))
    consent = known(_CONSENTED, _possibly_by(numbers, starts.get(_CONSENTED), day))
    denounced_by = not numbers[at + 6] or numbers[at + 6] <= day
    return StatePosition(
        state=course.state,
        as_of=as_of,
        status=next(iter(possible)) if len(possible) == 1 else None,
        possible=frozenset(possible),
        signature=signature,
        consent_instrument=course.instrument if consent is not None else None,
        consent=consent,
        entry_into_force=known(_PARTY) if consent is not None else None,
        denunciation_effective=known(_DENOUNCED, consent is not None and denounced_by),
        course=course,
    )


def _possibly_by(numbers: Sequence[int], stage: int | None, day: int) -> bool:
    """Whether the stage starting at `numbers[stage]` possibly started by `day`."""
    return stage is not None and (not numbers[stage + 1] or numbers[stage + 1] <= day)


def explain_position(course: Course, as_of: date) -> tuple[Explanation, ...]:
    """The steps that put the State of `course` where it stood on `as_of`: its signature, the
    rule of entry into force that made it a Party (with its article), its denunciation under
    the treaty's article, and the status the stages give on that day."""
    explanations: list[Explanation] = []
    stages = course.stages
    starts = dict(stages)
    signature, consent = starts.get(Status.SIGNATORY), starts.get(Status.CONSENTED)
    if signature is not None and signature.possibly_on_or_before(as_of):
        explanations.append(Explanation(_("Signed {date}."), {"date": When(signature)}))
    consented = consent is not None and consent.possibly_on_or_before(as_of)
    entry = course.entry_answer() if consented else None
    if entry is not None:
        explanations.extend(entry.explanations)
    denounced, denunciation = course.denounced, starts.get(Status.DENOUNCED)
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

    possible = _possible_statuses(stages, as_of)
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
    for stage_status, known in stages:
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
