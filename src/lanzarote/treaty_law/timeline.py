"""A treaty's chart on any date, from each State's course folded once.

Folding a treaty's log (every State's acts, the treaty's own entry into force, the delays of
its final clauses) does not depend on the chart's date: only reading the result does. A
`ChartTimeline` is that fold, done once for a log: each State's `Course` (the narrowed start of
every stage it reaches). The chart on a date then reads each course on that date, a few
comparisons per State, and says exactly what `status.chart` says (tests compare them).

A timeline is kept by every process and in a shared cache, so what it holds matters as much as
what it says: every course is a few dates and codes, held as integers in one array for all the
States (some 15 KB for 200 States, 4 KB pickled and compressed, read back without building an
object per date), and the explanations of a position are worked out from the rules only when
they are read (`course.explain_position`).
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lanzarote.treaty_law.course import (
    PACKED_HEAD,
    PACKED_STAGE,
    Course,
    position_on,
    shown_on_day,
    state_course,
)
from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.explain import RuleAnswer
from lanzarote.treaty_law.final_clauses import FinalClauses
from lanzarote.treaty_law.stages import Action
from lanzarote.treaty_law.status import Chart, chart_totals

# Four-byte integers: day ordinals reach 3,652,059.
_ARRAY_TYPE = "i"


@dataclass(frozen=True, eq=False)
class ChartTimeline:
    entry_into_force: RuleAnswer[KnownDate | None]
    treaty: str
    # Every State with a recorded act, in the order of the chart's rows, and where its course
    # starts in `numbers` (every course's `Course.packed`, one after the other).
    states: tuple[str, ...]
    starts: array[int]
    numbers: array[int]

    @property
    def courses(self) -> tuple[Course, ...]:
        return tuple(self._course(index) for index in range(len(self.states)))

    def _course(self, index: int, clauses: FinalClauses | None = None) -> Course:
        return Course(
            state=self.states[index],
            numbers=self.numbers,
            at=self.starts[index],
            treaty=self.treaty,
            treaty_entry_into_force=self.entry_into_force.value,
            clauses=clauses,
        )

    def chart(self, clauses: FinalClauses, *, as_of: date) -> Chart:
        """The chart on `as_of`: every State with an act possibly dated by then."""
        day, numbers = as_of.toordinal(), self.numbers
        rows = tuple(
            position_on(self._course(index, clauses), as_of)
            for index, at in enumerate(self.starts)
            if shown_on_day(numbers[at], numbers[at + 2], day)
        )
        return Chart(clauses, as_of, self.entry_into_force, rows, chart_totals(rows))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChartTimeline):
            return NotImplemented
        return (self.entry_into_force, self.treaty, self.states, self.numbers) == (
            other.entry_into_force,
            other.treaty,
            other.states,
            other.numbers,
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        # The integers compressed, the States' codes once; where each course starts is worked
        # out again from the number of its stages.
        return _timeline_from_packed, (
            self.entry_into_force,
            self.treaty,
            " ".join(self.states),
            zlib.compress(self.numbers.tobytes(), 1),
        )


def _starts(numbers: Sequence[int], count: int) -> array[int]:
    starts = array(_ARRAY_TYPE)
    at = 0
    for _index in range(count):
        starts.append(at)
        at += PACKED_HEAD + PACKED_STAGE * numbers[at + PACKED_HEAD - 1]
    return starts


def _timeline_from_packed(
    in_force: RuleAnswer[KnownDate | None], treaty: str, states: str, packed: bytes
) -> ChartTimeline:
    numbers = array(_ARRAY_TYPE)
    numbers.frombytes(zlib.decompress(packed))
    codes = tuple(states.split())
    return ChartTimeline(
        entry_into_force=in_force,
        treaty=treaty,
        states=codes,
        starts=_starts(numbers, len(codes)),
        numbers=numbers,
    )


def chart_timeline(
    clauses: FinalClauses,
    *,
    actions: Sequence[Action],
    in_force: RuleAnswer[KnownDate | None],
) -> ChartTimeline:
    """The timeline of the chart made from `actions` (the standing acts of the log), given the
    treaty's own entry into force computed from them (`status.chart_entry_into_force`)."""
    by_state: defaultdict[str, list[Action]] = defaultdict(list)
    for action in actions:
        by_state[action.state].append(action)
    numbers = array(_ARRAY_TYPE)
    states = []
    for state, state_actions in sorted(by_state.items()):
        course = state_course(
            clauses, state=state, actions=state_actions, treaty_entry_into_force=in_force.value
        )
        states.append(state)
        numbers.extend(course.packed())
    return ChartTimeline(
        entry_into_force=in_force,
        treaty=clauses.slug,
        states=tuple(states),
        starts=_starts(numbers, len(states)),
        numbers=numbers,
    )
