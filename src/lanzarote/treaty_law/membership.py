"""Membership of the Council of Europe over time.

Membership matters twice in CETS 201: at least three of the five consents that bring the
Convention into force must come from member States (Art. 45(3)), and only member States and a
few others may sign rather than accede (Art. 45(1)). Membership changes — the Russian Federation
left in 2022 yet remains a Party — so it is always asked "on which day?".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lanzarote.treaty_law.dates import KnownDate


@dataclass(frozen=True)
class MembershipPeriod:
    """One spell of membership; `end` is the first day the State is no longer a member."""

    state: str
    start: KnownDate
    end: KnownDate | None = None

    def certainly_member_on(self, on: date) -> bool:
        started = self.start.certainly_on_or_before(on)
        not_ended = self.end is None or self.end.certainly_after(on)
        return started and not_ended

    def possibly_member_on(self, on: date) -> bool:
        started = self.start.possibly_on_or_before(on)
        not_ended = self.end is None or self.end.possibly_after(on)
        return started and not_ended

    def certainly_member_throughout(self, earliest: date | None, latest: date | None) -> bool:
        if earliest is None:
            # An open past reaches back before any accession to the Council of Europe.
            return False
        started = self.start.certainly_on_or_before(earliest)
        if self.end is None:
            return started
        return started and latest is not None and self.end.certainly_after(latest)

    def possibly_member_during(self, earliest: date | None, latest: date | None) -> bool:
        started = latest is None or self.start.possibly_on_or_before(latest)
        not_ended = self.end is None or earliest is None or self.end.possibly_after(earliest)
        return started and not_ended


class Membership:
    """Who was a member State of the Council of Europe, and when."""

    def __init__(self, periods: Iterable[MembershipPeriod] = ()) -> None:
        by_state: defaultdict[str, list[MembershipPeriod]] = defaultdict(list)
        for period in periods:
            by_state[period.state].append(period)
        self._periods = {state: tuple(spells) for state, spells in by_state.items()}

    @property
    def states(self) -> frozenset[str]:
        """Every State that has ever been a member."""
        return frozenset(self._periods)

    def periods(self, state: str) -> tuple[MembershipPeriod, ...]:
        return self._periods.get(state, ())

    def is_member(self, state: str, on: date) -> bool | None:
        """True or False when certain; None when `on` falls inside an uncertain start or end."""
        spells = self.periods(state)
        if any(p.certainly_member_on(on) for p in spells):
            return True
        if any(p.possibly_member_on(on) for p in spells):
            return None
        return False

    def is_member_throughout(self, state: str, when: KnownDate) -> bool | None:
        """Membership on a day known only as `when`.

        True if the State was a member on every day `when` may be, False if on none of them,
        None if the answer depends on which day it was.
        """
        spells = self.periods(state)
        if any(p.certainly_member_throughout(when.earliest, when.latest) for p in spells):
            return True
        if any(p.possibly_member_during(when.earliest, when.latest) for p in spells):
            return None
        return False

    def member_states(self, on: date) -> frozenset[str]:
        """The States certainly members on `on`."""
        return frozenset(s for s in self._periods if self.is_member(s, on) is True)
