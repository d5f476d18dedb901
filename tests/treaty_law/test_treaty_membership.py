"""Membership of the Council of Europe on a day, known with uncertainty."""

from datetime import date

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.membership import Membership, MembershipPeriod

MEMBERSHIP = Membership(
    [
        MembershipPeriod("DK", KnownDate.exact(date(1949, 5, 5))),
        # The day Russia's membership ended is cited as 16 March 2022 but not confirmed.
        MembershipPeriod("RU", KnownDate.exact(date(1996, 2, 28)), KnownDate.month(2022, 3)),
        MembershipPeriod("TR", KnownDate.between(date(1949, 8, 9), date(1950, 4, 13))),
    ]
)


def test_is_member_on_a_day() -> None:
    assert MEMBERSHIP.is_member("DK", date(2010, 1, 1)) is True
    assert MEMBERSHIP.is_member("DK", date(1949, 5, 4)) is False
    assert MEMBERSHIP.is_member("TN", date(2010, 1, 1)) is False
    assert MEMBERSHIP.is_member("RU", date(2013, 8, 9)) is True
    assert MEMBERSHIP.is_member("RU", date(2022, 3, 10)) is None
    assert MEMBERSHIP.is_member("RU", date(2022, 4, 1)) is False
    assert MEMBERSHIP.is_member("TR", date(1950, 1, 1)) is None
    assert MEMBERSHIP.is_member("TR", date(1950, 4, 13)) is True


def test_is_member_throughout() -> None:
    assert MEMBERSHIP.is_member_throughout("DK", KnownDate.month(2010, 3)) is True
    assert MEMBERSHIP.is_member_throughout("RU", KnownDate.year(2013)) is True
    assert MEMBERSHIP.is_member_throughout("RU", KnownDate.year(2022)) is None
    assert MEMBERSHIP.is_member_throughout("RU", KnownDate.year(2023)) is False
    assert MEMBERSHIP.is_member_throughout("DK", KnownDate.on_or_after(date(2000, 1, 1))) is True
    assert MEMBERSHIP.is_member_throughout("DK", KnownDate.unknown()) is None
    assert MEMBERSHIP.is_member_throughout("TN", KnownDate.unknown()) is False


def test_member_states_lists_only_certain_members() -> None:
    assert MEMBERSHIP.member_states(date(2022, 3, 10)) == {"DK", "TR"}
    assert MEMBERSHIP.member_states(date(2013, 1, 1)) == {"DK", "RU", "TR"}
    assert MEMBERSHIP.states == {"DK", "RU", "TR"}
