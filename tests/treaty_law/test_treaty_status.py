"""A State's position on a day, and the chart of all States."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.final_clauses import CETS_201, OPSC, Instrument
from lanzarote.treaty_law.membership import Membership, MembershipPeriod
from lanzarote.treaty_law.status import (
    Action,
    ActionKind,
    Status,
    chart,
    consents_from_actions,
    state_position,
)

IN_FORCE = KnownDate.exact(date(2010, 7, 1))


def act(state: str, kind: ActionKind, when: str) -> Action:
    return Action(state, kind, KnownDate.parse(when))


AUSTRIA = [
    act("AT", ActionKind.SIGNATURE, "2007-10-25"),
    act("AT", ActionKind.RATIFICATION, "2011-02-25"),
    act("AT", ActionKind.DECLARATION, "2011-02-25"),
    act("AT", ActionKind.DENUNCIATION, "2024-01-10"),  # hypothetical, to test the last stage
]


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2007, 10, 24), Status.NONE),
        (date(2007, 10, 25), Status.SIGNATORY),
        (date(2011, 2, 24), Status.SIGNATORY),
        (date(2011, 2, 25), Status.CONSENTED),
        (date(2011, 5, 31), Status.CONSENTED),
        (date(2011, 6, 1), Status.PARTY),
        (date(2024, 4, 30), Status.PARTY),
        (date(2024, 5, 1), Status.DENOUNCED),
    ],
)
def test_transitions(as_of: date, status: Status) -> None:
    position = state_position(
        CETS_201, state="AT", actions=AUSTRIA, treaty_entry_into_force=IN_FORCE, as_of=as_of
    )
    assert position.status is status
    assert position.possible == {status}
    assert not position.is_uncertain


def test_position_records_each_stage_and_explains_it() -> None:
    position = state_position(
        CETS_201,
        state="AT",
        actions=AUSTRIA,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2024, 5, 1),
    )
    assert position.signature == KnownDate.exact(date(2007, 10, 25))
    assert position.consent_instrument is Instrument.RATIFICATION
    assert position.consent == KnownDate.exact(date(2011, 2, 25))
    assert position.entry_into_force == KnownDate.exact(date(2011, 6, 1))
    assert position.denunciation_effective == KnownDate.exact(date(2024, 5, 1))
    assert position.render() == (
        "Signed on 2007-10-25. "
        "Instrument of ratification deposited on 2011-02-25; under Art. 45(4) the Convention "
        "enters into force for it on 2011-06-01. "
        "Notification of denunciation received on 2024-01-10; under Art. 49(2) it takes effect "
        "on 2024-05-01. "
        "Status on 2024-05-01: denounced."
    )


SLOVAKIA = [
    act("SK", ActionKind.SIGNATURE, "2009-09-09"),
    act("SK", ActionKind.RATIFICATION, "2016-01-01..2016-06-30"),
]


def test_bounded_deposit_straddling_the_day_is_uncertain() -> None:
    position = state_position(
        CETS_201,
        state="SK",
        actions=SLOVAKIA,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2016, 7, 15),
    )
    assert position.status is None
    assert position.is_uncertain
    assert position.possible == {Status.CONSENTED, Status.PARTY}
    assert position.entry_into_force == KnownDate.between(date(2016, 5, 1), date(2016, 10, 1))
    assert (
        "Whether it was a Party on 2016-07-15 depends on a date known only imprecisely: "
        "between 2016-05-01 and 2016-10-01." in position.render()
    )


def test_bounded_deposit_is_certain_once_the_bound_has_passed() -> None:
    position = state_position(
        CETS_201,
        state="SK",
        actions=SLOVAKIA,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2016, 10, 1),
    )
    assert position.status is Status.PARTY


def test_deposit_known_to_the_month() -> None:
    actions = [
        act("SM", ActionKind.SIGNATURE, "2007-10-25"),
        act("SM", ActionKind.RATIFICATION, "2010-03"),
    ]

    def status_on(day: date) -> Status | None:
        return state_position(
            CETS_201, state="SM", actions=actions, treaty_entry_into_force=IN_FORCE, as_of=day
        ).status

    assert status_on(date(2010, 3, 15)) is None
    assert status_on(date(2010, 3, 31)) is Status.CONSENTED
    assert status_on(date(2010, 7, 1)) is Status.PARTY


def test_accession_without_signature() -> None:
    actions = [act("TN", ActionKind.ACCESSION, "2019-10-15")]

    def position_on(day: date) -> Status | None:
        return state_position(
            CETS_201, state="TN", actions=actions, treaty_entry_into_force=IN_FORCE, as_of=day
        ).status

    assert position_on(date(2019, 10, 14)) is Status.NONE
    assert position_on(date(2019, 12, 1)) is Status.CONSENTED
    assert position_on(date(2020, 2, 1)) is Status.PARTY


def test_unknown_signature_is_narrowed_by_the_deposit() -> None:
    actions = [
        act("AM", ActionKind.SIGNATURE, "unknown"),
        act("AM", ActionKind.RATIFICATION, "2020-09-07"),
    ]
    position = state_position(
        CETS_201,
        state="AM",
        actions=actions,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2021, 1, 1),
    )
    assert position.status is Status.PARTY
    assert position.signature == KnownDate.between(date(2007, 10, 25), date(2020, 9, 7))
    assert "Signed between 2007-10-25 and 2020-09-07." in position.render()


def test_the_earliest_consent_counts() -> None:
    actions = [
        act("XX", ActionKind.SIGNATURE, "2008-01-10"),
        act("XX", ActionKind.APPROVAL, "2012-05-05"),
        act("XX", ActionKind.RATIFICATION, "2011-02-25"),
    ]
    position = state_position(
        CETS_201,
        state="XX",
        actions=actions,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2012, 1, 1),
    )
    assert position.consent_instrument is Instrument.RATIFICATION
    assert position.status is Status.PARTY


def test_nobody_is_a_party_before_the_treaty_is_in_force() -> None:
    actions = [
        act("GR", ActionKind.SIGNATURE, "2007-10-25"),
        act("GR", ActionKind.RATIFICATION, "2009-03-10"),
    ]
    position = state_position(
        CETS_201, state="GR", actions=actions, treaty_entry_into_force=None, as_of=date(2030, 1, 1)
    )
    assert position.status is Status.CONSENTED
    assert position.entry_into_force is None
    assert "not yet in force" in position.render()


def test_state_without_actions() -> None:
    position = state_position(
        CETS_201,
        state="BR",
        actions=AUSTRIA,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2020, 1, 1),
    )
    assert position.status is Status.NONE
    assert position.render() == (
        "No signature or instrument of consent is recorded. "
        "Status on 2020-01-01: no signature or consent."
    )


def test_out_of_order_records_are_kept_and_flagged() -> None:
    actions = [
        act("XX", ActionKind.SIGNATURE, "2015-01-01"),
        act("XX", ActionKind.RATIFICATION, "2014-01-01"),
    ]
    position = state_position(
        CETS_201,
        state="XX",
        actions=actions,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2020, 1, 1),
    )
    assert "out of order" in position.render()


def test_as_dict_is_json_ready() -> None:
    position = state_position(
        CETS_201,
        state="SK",
        actions=SLOVAKIA,
        treaty_entry_into_force=IN_FORCE,
        as_of=date(2016, 7, 15),
    )
    data = position.as_dict()
    json.dumps(data)
    assert data["status"] is None
    assert data["possible"] == ["consented", "party"]
    assert data["consent_instrument"] == "ratification"


def test_opsc_position() -> None:
    actions = [act("AF", ActionKind.ACCESSION, "2002-09-19")]
    position = state_position(
        OPSC,
        state="AF",
        actions=actions,
        treaty_entry_into_force=KnownDate.exact(date(2002, 1, 18)),
        as_of=date(2002, 10, 19),
    )
    assert position.status is Status.PARTY
    assert "Art. 14(2)" in position.render()


# -- chart ----------------------------------------------------------------------------------

MEMBERSHIP = Membership(
    [
        *(
            MembershipPeriod(code, KnownDate.exact(date(1949, 5, 5)))
            for code in ("DK", "NL", "FR", "GR")
        ),
        MembershipPeriod("AL", KnownDate.exact(date(1995, 7, 13))),
        MembershipPeriod("SM", KnownDate.exact(date(1988, 11, 16))),
        MembershipPeriod(
            "RU", KnownDate.exact(date(1996, 2, 28)), KnownDate.exact(date(2022, 3, 16))
        ),
    ]
)

LOG = [
    act("GR", ActionKind.SIGNATURE, "2007-10-25"),
    act("GR", ActionKind.RATIFICATION, "2009-03-10"),
    act("DK", ActionKind.SIGNATURE, "2007-10-25"),
    act("DK", ActionKind.RATIFICATION, "2009-11-18"),
    act("AL", ActionKind.SIGNATURE, "2008-12-17"),
    act("AL", ActionKind.RATIFICATION, "..2010-03-31"),
    act("NL", ActionKind.SIGNATURE, "2007-10-25"),
    act("NL", ActionKind.RATIFICATION, "..2010-03-31"),
    act("SM", ActionKind.SIGNATURE, "2007-10-25"),
    act("SM", ActionKind.RATIFICATION, "2010-03"),
    act("FR", ActionKind.SIGNATURE, "2007-10-25"),
    act("FR", ActionKind.RATIFICATION, "2010-09"),
    act("RU", ActionKind.SIGNATURE, "2012-10-01"),
    act("RU", ActionKind.RATIFICATION, "2013-08-09"),
    act("TN", ActionKind.ACCESSION, "2019-10-15"),
    act("XX", ActionKind.SIGNATURE, "2030-01-01"),
]


def test_chart_on_the_day_the_convention_entered_into_force() -> None:
    result = chart(CETS_201, actions=LOG, membership=MEMBERSHIP, as_of=date(2010, 7, 1))
    assert result.entry_into_force.value == IN_FORCE
    assert "GR, DK, AL, NL, SM" in result.entry_into_force.render()
    assert [row.state for row in result.rows] == ["AL", "DK", "FR", "GR", "NL", "SM"]
    totals = result.totals
    assert (totals.parties, totals.signatories, totals.consented, totals.uncertain) == (5, 1, 0, 0)
    assert totals.total == len(result.rows)


def test_chart_counts_uncertain_rows_only_as_uncertain() -> None:
    result = chart(CETS_201, actions=LOG, membership=MEMBERSHIP, as_of=date(2010, 9, 15))
    france = next(row for row in result.rows if row.state == "FR")
    assert france.status is None
    assert result.totals.uncertain == 1
    assert result.totals.parties == 5
    assert result.totals.signatories == 0


def test_chart_omits_states_whose_acts_all_lie_ahead() -> None:
    result = chart(CETS_201, actions=LOG, membership=MEMBERSHIP, as_of=date(2025, 1, 1))
    states = [row.state for row in result.rows]
    assert "XX" not in states
    assert "TN" in states
    assert result.totals.parties == 8


def test_chart_uses_a_recorded_date_of_entry_into_force() -> None:
    loose = [a for a in LOG if a.state != "SM"]
    loose.append(act("SM", ActionKind.RATIFICATION, "..2010-03-31"))
    computed = chart(CETS_201, actions=loose, membership=MEMBERSHIP, as_of=date(2010, 7, 1))
    assert not computed.entry_into_force.value or not computed.entry_into_force.value.is_exact
    recorded = chart(
        CETS_201,
        actions=loose,
        membership=MEMBERSHIP,
        as_of=date(2010, 7, 1),
        recorded_entry_into_force=IN_FORCE,
    )
    assert recorded.entry_into_force.value == IN_FORCE
    assert recorded.totals.parties == 5


def test_membership_is_taken_on_the_deposit_day() -> None:
    consents = {c.state: c for c in consents_from_actions(CETS_201, LOG, MEMBERSHIP)}
    assert consents["RU"].member_of_council_of_europe is True
    assert consents["TN"].member_of_council_of_europe is False
    # ..2010-03-31 reaches back to the opening for signature, when Albania was a member.
    assert consents["AL"].member_of_council_of_europe is True


@given(st.dates(min_value=date(2007, 1, 1), max_value=date(2031, 1, 1)))
def test_every_row_counts_in_exactly_one_bucket(as_of: date) -> None:
    result = chart(CETS_201, actions=LOG, membership=MEMBERSHIP, as_of=as_of)
    assert result.totals.total == len(result.rows)
    assert result.totals.uncertain == sum(1 for row in result.rows if row.status is None)
    for row in result.rows:
        assert row.possible
        assert (row.status is None) == (len(row.possible) > 1)


@given(st.dates(min_value=date(2007, 1, 1), max_value=date(2031, 1, 1)))
def test_status_never_goes_backwards(as_of: date) -> None:
    order = list(Status)
    today = chart(CETS_201, actions=LOG, membership=MEMBERSHIP, as_of=as_of)
    tomorrow = chart(CETS_201, actions=LOG, membership=MEMBERSHIP, as_of=as_of + timedelta(days=1))
    later = {row.state: row for row in tomorrow.rows}
    for row in today.rows:
        assert min(order.index(s) for s in row.possible) <= min(
            order.index(s) for s in later[row.state].possible
        )


def test_a_chart_shows_only_acts_that_may_have_happened_by_its_date() -> None:
    from lanzarote.treaty_law import CETS_201, Action, ActionKind, KnownDate, Status, state_position

    actions = [
        Action("AT", ActionKind.SIGNATURE, KnownDate.exact(date(2007, 10, 25))),
        Action("AT", ActionKind.RATIFICATION, KnownDate.exact(date(2011, 2, 25))),
    ]
    before = state_position(
        CETS_201,
        state="AT",
        actions=actions,
        treaty_entry_into_force=KnownDate.exact(date(2010, 7, 1)),
        as_of=date(2010, 7, 1),
    )
    assert before.status is Status.SIGNATORY
    assert before.consent is None
    assert before.entry_into_force is None
    after = state_position(
        CETS_201,
        state="AT",
        actions=actions,
        treaty_entry_into_force=KnownDate.exact(date(2010, 7, 1)),
        as_of=date(2011, 3, 1),
    )
    assert after.status is Status.CONSENTED
    assert after.entry_into_force == KnownDate.exact(date(2011, 6, 1))
