"""A chart read from the treaty's timeline (each State's course, folded once) says exactly what
the full fold of the log on that date says, on any date, for any log."""

import pickle
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.final_clauses import CETS_201, OPSC
from lanzarote.treaty_law.membership import Membership, MembershipPeriod
from lanzarote.treaty_law.status import (
    Action,
    ActionKind,
    chart,
    chart_entry_into_force,
    position_on,
    state_course,
    state_position,
)
from lanzarote.treaty_law.timeline import chart_timeline

STATES = ("AD", "AL", "DK", "FR", "GR", "NL", "SM", "TN")
MEMBERSHIP = Membership(
    [
        *(MembershipPeriod(code, KnownDate.exact(date(1949, 5, 5))) for code in ("DK", "FR")),
        MembershipPeriod("AL", KnownDate.exact(date(1995, 7, 13))),
        MembershipPeriod("SM", KnownDate.exact(date(1988, 11, 16))),
        MembershipPeriod(
            "GR", KnownDate.exact(date(1949, 8, 9)), KnownDate.exact(date(2011, 3, 16))
        ),
    ]
)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def known_dates(draw: st.DrawFn) -> KnownDate:
    """Exact days, months, years, bounds open on either side, and unknown days."""
    day = draw(DAYS)
    shape = draw(st.sampled_from(["exact", "exact", "month", "year", "range", "by", "from", "?"]))
    if shape == "exact":
        return KnownDate.exact(day)
    if shape == "month":
        return KnownDate.month(day.year, day.month)
    if shape == "year":
        return KnownDate.year(day.year)
    if shape == "range":
        return KnownDate.from_bounds(day, day + timedelta(days=draw(st.integers(1, 400))))
    if shape == "by":
        return KnownDate.from_bounds(None, day)
    if shape == "from":
        return KnownDate.from_bounds(day, None)
    return KnownDate.unknown()


KINDS = st.sampled_from(
    [
        ActionKind.SIGNATURE,
        ActionKind.SIGNATURE,
        ActionKind.RATIFICATION,
        ActionKind.RATIFICATION,
        ActionKind.ACCESSION,
        ActionKind.APPROVAL,
        ActionKind.RESERVATION,
        ActionKind.DENUNCIATION,
    ]
)
ACTIONS = st.lists(
    st.builds(Action, state=st.sampled_from(STATES), kind=KINDS, date=known_dates()),
    max_size=24,
)


@settings(max_examples=150, deadline=None)
@given(
    actions=ACTIONS,
    days=st.lists(DAYS, min_size=1, max_size=6),
    clauses=st.sampled_from([CETS_201, OPSC]),
)
def test_the_timeline_gives_the_folds_chart_on_every_date(actions, days, clauses) -> None:
    in_force = chart_entry_into_force(clauses, actions=actions, membership=MEMBERSHIP)
    timeline = chart_timeline(clauses, actions=actions, in_force=in_force)
    # Every day on which some position may change, the day before, and random days.
    turns = {day for course in timeline.courses for day in course.transitions()}
    for day in sorted({*days, *turns, *(d - timedelta(days=1) for d in turns if d > date.min)}):
        folded = chart(clauses, actions=actions, membership=MEMBERSHIP, as_of=day)
        assert timeline.chart(clauses, as_of=day) == folded, day


@settings(max_examples=150, deadline=None)
@given(actions=ACTIONS, clauses=st.sampled_from([CETS_201, OPSC]))
def test_between_two_transitions_only_the_date_changes(actions, clauses) -> None:
    in_force = chart_entry_into_force(clauses, actions=actions, membership=MEMBERSHIP)
    for state in {action.state for action in actions}:
        course = state_course(
            clauses, state=state, actions=actions, treaty_entry_into_force=in_force.value
        )
        turns = course.transitions()
        for start, end in pairwise(turns):
            first, last = position_on(course, start), position_on(course, end - timedelta(days=1))
            assert (first.status, first.possible, first.signature, first.consent) == (
                last.status,
                last.possible,
                last.signature,
                last.consent,
            )
            assert (first.entry_into_force, first.denunciation_effective) == (
                last.entry_into_force,
                last.denunciation_effective,
            )
            assert course.shown_on(start) == course.shown_on(end - timedelta(days=1))


@settings(max_examples=100, deadline=None)
@given(
    actions=ACTIONS,
    days=st.lists(DAYS, min_size=1, max_size=4),
    clauses=st.sampled_from([CETS_201, OPSC]),
)
def test_a_timeline_read_back_from_its_pickle_gives_the_same_charts(actions, days, clauses) -> None:
    in_force = chart_entry_into_force(clauses, actions=actions, membership=MEMBERSHIP)
    timeline = chart_timeline(clauses, actions=actions, in_force=in_force)
    again = pickle.loads(pickle.dumps(timeline))
    assert again.courses == timeline.courses
    turns = {day for course in timeline.courses for day in course.transitions()}
    for day in sorted({*days, *turns}):
        # Equal positions have equal explanations, worked out again from the rules.
        assert again.chart(clauses, as_of=day) == timeline.chart(clauses, as_of=day), day


@settings(max_examples=100, deadline=None)
@given(actions=ACTIONS, day=DAYS, clauses=st.sampled_from([CETS_201, OPSC]))
def test_a_course_cached_alone_reads_the_same_positions(actions, day, clauses) -> None:
    in_force = chart_entry_into_force(clauses, actions=actions, membership=MEMBERSHIP)
    for state in {action.state for action in actions}:
        course = state_course(
            clauses, state=state, actions=actions, treaty_entry_into_force=in_force.value
        )
        again = pickle.loads(pickle.dumps(course))
        assert again == course
        assert position_on(again, day) == position_on(course, day)
        assert (
            position_on(again, day).explanations
            == state_position(
                clauses,
                state=state,
                actions=actions,
                treaty_entry_into_force=in_force.value,
                as_of=day,
            ).explanations
        )


def test_a_timeline_of_200_states_pickles_to_a_few_kilobytes() -> None:
    """Dates and codes, not objects: some 5 KB for 200 States (49 KB when the courses were
    pickled as objects with their explanations)."""
    actions = [
        action
        for index in range(200)
        for action in (
            Action(f"S{index:03d}", ActionKind.SIGNATURE, KnownDate.exact(date(2008, 1, 1))),
            Action(
                f"S{index:03d}",
                ActionKind.RATIFICATION,
                KnownDate.exact(date(2009, 1, 1) + timedelta(days=7 * index)),
            ),
        )
    ]
    in_force = chart_entry_into_force(CETS_201, actions=actions, membership=MEMBERSHIP)
    timeline = chart_timeline(CETS_201, actions=actions, in_force=in_force)
    assert len(pickle.dumps(timeline)) < 8_000
    assert len(timeline.chart(CETS_201, as_of=date(2020, 1, 1)).rows) == 200
