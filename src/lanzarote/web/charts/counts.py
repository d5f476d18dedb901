"""The counts behind the charts over time: signatures, consents and Parties at every change,
and the tables beside each chart.

The counts come from the chart fold itself (`treaty_law.chart`), evaluated on each day the
registry's dates say a count may change (every bound of every signature, deposit, entry into
force and denunciation), once per registry version. A State whose status on a day depends on a
date no source gives counts in the possible total but not the certain one, so the charts show
a shaded band between the two instead of a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache

from lanzarote.registry import selectors
from lanzarote.registry.models import State, Treaty
from lanzarote.treaty_law import KnownDate, Status, get_final_clauses
from lanzarote.treaty_law import chart as fold_chart
from lanzarote.treaty_law.final_clauses import Instrument


@dataclass(frozen=True)
class Point:
    """The counts from `day` until the next point."""

    day: date
    parties: tuple[int, int]  # (certain, possible)
    signatures: tuple[int, int]
    consents: tuple[int, int]
    joined: tuple[str, ...] = ()  # States certainly Parties from this day
    possibly_joined: tuple[str, ...] = ()  # States that may be Parties from this day
    left: tuple[str, ...] = ()  # States no longer Parties


@dataclass(frozen=True)
class Accession:
    state: str
    deposited: KnownDate
    entry_into_force: KnownDate | None


@dataclass(frozen=True)
class History:
    treaty: Treaty
    opened: date
    end: date
    entry_into_force: KnownDate | None
    points: tuple[Point, ...]
    accessions: tuple[Accession, ...]
    states: dict[str, State] = field(default_factory=dict)

    @property
    def parties_start(self) -> date:
        """Parties are charted from the January of the treaty's entry into force."""
        day = self.entry_into_force.earliest if self.entry_into_force else None
        return date(day.year, 1, 1) if day else self.opened

    def name(self, code: str) -> str:
        state = self.states.get(code)
        return state.name if state is not None else code

    def on(self, day: date) -> Point:
        current = self.points[0]
        for point in self.points:
            if point.day > day:
                break
            current = point
        return current


def _bounds(known: KnownDate | None) -> Iterable[date]:
    """A stage whose start is `known` is possible from its earliest day and certain from its
    latest: the only two days it can change a count."""
    if known is None:
        return ()
    return [d for d in (known.earliest, known.latest) if d is not None]


def history(slug: str, *, today: date) -> History:
    """The counts of signatures, consents and Parties at every change since the opening for
    signature, computed once per registry version (and day)."""
    treaty = selectors.treaty_get(slug)
    version = selectors.registry_version()
    key = f"history:{slug}:{today.isoformat()}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    clauses = get_final_clauses(slug)
    opened = clauses.opened_for_signature or treaty.opened_for_signature or date(2000, 1, 1)
    actions = [selectors.to_action(e) for e in selectors.effective_events(treaty)]
    members = selectors.membership(version=version)
    recorded = (
        KnownDate.exact(treaty.stated_entry_into_force) if treaty.stated_entry_into_force else None
    )

    def fold(day: date) -> Any:
        return fold_chart(
            clauses,
            actions=actions,
            membership=members,
            as_of=day,
            recorded_entry_into_force=recorded,
        )

    final = fold(today)
    days = {opened, today}
    in_force = final.entry_into_force.value
    days.update(_bounds(in_force))
    for row in final.rows:
        for known in (row.signature, row.consent, row.entry_into_force, row.denunciation_effective):
            days.update(_bounds(known))
    points: list[Point] = []
    previous_certain: set[str] = set()
    previous_possible: set[str] = set()
    for day in sorted(d for d in days if opened <= d <= today):
        chart = fold(day)
        certain = {r.state for r in chart.rows if r.status is Status.PARTY}
        possible = {r.state for r in chart.rows if Status.PARTY in r.possible}
        signatures = (
            sum(1 for r in chart.rows if r.signature and r.signature.certainly_on_or_before(day)),
            sum(1 for r in chart.rows if r.signature is not None),
        )
        consents = (
            sum(1 for r in chart.rows if r.consent and r.consent.certainly_on_or_before(day)),
            sum(1 for r in chart.rows if r.consent is not None),
        )
        point = Point(
            day=day,
            parties=(len(certain), len(possible)),
            signatures=signatures,
            consents=consents,
            joined=tuple(sorted(certain - previous_certain)),
            possibly_joined=tuple(sorted(possible - certain - previous_possible)),
            left=tuple(sorted(previous_certain - certain)),
        )
        if not points or (point.parties, point.signatures, point.consents) != (
            points[-1].parties,
            points[-1].signatures,
            points[-1].consents,
        ):
            points.append(point)
        previous_certain, previous_possible = certain, possible
    accessions = tuple(
        Accession(state=row.state, deposited=row.consent, entry_into_force=row.entry_into_force)
        for row in final.rows
        if row.consent_instrument is Instrument.ACCESSION and row.consent is not None
    )
    view = selectors.chart_view(treaty, as_of=today, version=version)
    result = History(
        treaty=treaty,
        opened=opened,
        end=today,
        entry_into_force=in_force,
        points=tuple(points),
        accessions=accessions,
        states=dict(view.states),
    )
    cache.set(key, result, selectors.CACHE_SECONDS)
    return result


# -- the table beside each chart -------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    day: date
    certain: int
    possible: int
    joined: list[str]
    possibly_joined: list[str]
    left: list[str]

    @property
    def uncertain(self) -> bool:
        return self.possible != self.certain

    @property
    def counts(self) -> tuple[int, int]:
        return (self.certain, self.possible)


def party_rows(data: History) -> list[ChangeRow]:
    rows = []
    last: tuple[int, int] | None = None
    for point in data.points:
        if point.day < data.parties_start or point.parties == last:
            continue
        last = point.parties
        rows.append(
            ChangeRow(
                day=point.day,
                certain=point.parties[0],
                possible=point.parties[1],
                joined=[data.name(c) for c in point.joined],
                possibly_joined=[data.name(c) for c in point.possibly_joined],
                left=[data.name(c) for c in point.left],
            )
        )
    return rows


@dataclass(frozen=True)
class SignatureRow:
    day: date
    signatures: tuple[int, int]
    consents: tuple[int, int]


def signature_rows(data: History) -> list[SignatureRow]:
    rows: list[SignatureRow] = []
    for point in data.points:
        if rows and (rows[-1].signatures, rows[-1].consents) == (
            point.signatures,
            point.consents,
        ):
            continue
        rows.append(SignatureRow(point.day, point.signatures, point.consents))
    return rows
