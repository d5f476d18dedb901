"""A treaty's chart on any date, from each State's course folded once.

Folding a treaty's log (every State's acts, the treaty's own entry into force, the delays of
its final clauses) does not depend on the chart's date: only reading the result does. A
`ChartTimeline` is that fold, done once for a log: each State's `Course` (the narrowed start of
every stage it reaches). The chart on a date then reads each course on that date, a few
comparisons per State, and says exactly what `status.chart` says (tests compare them).

A timeline is kept in a shared cache, so what it pickles to matters as much as what it holds:
every course is a few dates and codes, pickled as integers in one compressed array (some
4 KB for 200 States, read back in a couple of milliseconds), and the explanations of a
position are worked out from the rules only when they are read (`course.explain_position`).
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.explain import RuleAnswer
from lanzarote.treaty_law.final_clauses import FinalClauses
from lanzarote.treaty_law.status import (
    Action,
    Chart,
    Course,
    chart_totals,
    course_from_packed,
    position_on,
    state_course,
)

# Four-byte integers: day ordinals reach 3,652,059.
_ARRAY_TYPE = "i"


@dataclass(frozen=True)
class ChartTimeline:
    entry_into_force: RuleAnswer[KnownDate | None]
    # Every State with a recorded act, in the order of the chart's rows.
    courses: tuple[Course, ...]

    def chart(self, clauses: FinalClauses, *, as_of: date) -> Chart:
        """The chart on `as_of`: every State with an act possibly dated by then."""
        rows = tuple(
            position_on(course, as_of) for course in self.courses if course.shown_on(as_of)
        )
        return Chart(clauses, as_of, self.entry_into_force, rows, chart_totals(rows))

    def __reduce__(self) -> tuple[object, ...]:
        # Every course as its integers, each preceded by how many there are; the States' codes
        # and the treaty's slug once. Every course reads the treaty's own entry into force.
        numbers = array(_ARRAY_TYPE)
        for course in self.courses:
            packed = course.packed()
            numbers.append(len(packed))
            numbers.extend(packed)
        return _timeline_from_packed, (
            self.entry_into_force,
            self.courses[0].treaty if self.courses else "",
            " ".join(course.state for course in self.courses),
            zlib.compress(numbers.tobytes(), 1),
        )


def _timeline_from_packed(
    in_force: RuleAnswer[KnownDate | None], treaty: str, states: str, packed: bytes
) -> ChartTimeline:
    numbers = array(_ARRAY_TYPE)
    numbers.frombytes(zlib.decompress(packed))
    values = numbers.tolist()
    courses = []
    at = 0
    for state in states.split():
        size = values[at]
        courses.append(
            course_from_packed(
                values[at + 1 : at + 1 + size],
                state=state,
                treaty=treaty,
                treaty_entry_into_force=in_force.value,
            )
        )
        at += 1 + size
    return ChartTimeline(entry_into_force=in_force, courses=tuple(courses))


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
    return ChartTimeline(
        entry_into_force=in_force,
        courses=tuple(
            state_course(
                clauses,
                state=state,
                actions=state_actions,
                treaty_entry_into_force=in_force.value,
            )
            for state, state_actions in sorted(by_state.items())
        ),
    )
