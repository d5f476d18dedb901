"""Data quality at a glance: how precisely the record knows each date, and on what sources.

Per treaty and per kind of act, the dates of the effective log are counted as
- exact: known to the day;
- month-only: known to the calendar month;
- bounded: within other bounds that a source supports (a year, a range, a half-open range);
- unknown: no source dates the act; only the treaty's rules bound it.
The entry into force for each State is computed from its deposit, as the chart shows it. The
sources behind the dates are counted by grade (`registry.sources.Grade`), and each date by the
strongest grade behind it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lanzarote.registry import selectors
from lanzarote.registry.models import Treaty, TreatyEvent
from lanzarote.registry.sources import Grade, strongest_grade
from lanzarote.treaty_law import KnownDate, Precision

PRECISIONS = ("exact", "month_only", "bounded", "unknown")
ACTS = ("signature", "consent", "entry_into_force", "other")
UNGRADED = "ungraded"
NO_SOURCE = "none"
CONSENT_KINDS = frozenset({"ratification", "acceptance", "approval", "accession"})


@dataclass
class ActQuality:
    act: str
    dates: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    strongest: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.dates.values())

    def as_dict(self) -> dict[str, Any]:
        grades = [*Grade.values, UNGRADED]
        return {
            "act": self.act,
            "total": self.total,
            "dates": {name: self.dates[name] for name in PRECISIONS},
            "sources_by_grade": {grade: self.sources[grade] for grade in grades},
            "dates_by_strongest_grade": {
                grade: self.strongest[grade] for grade in [*grades, NO_SOURCE]
            },
        }


@dataclass
class TreatyQuality:
    treaty: Treaty
    as_of: date
    acts: dict[str, ActQuality]

    def as_dict(self) -> dict[str, Any]:
        return {
            "treaty": self.treaty.slug,
            "as_of": self.as_of.isoformat(),
            "acts": [self.acts[name].as_dict() for name in ACTS],
        }


def precision_class(known: KnownDate | None, *, basis: str = "") -> str:
    if known is None or known.is_unknown or basis == TreatyEvent.Basis.REQUIRED:
        return "unknown"
    if known.is_exact:
        return "exact"
    if known.precision is Precision.MONTH:
        return "month_only"
    return "bounded"


def _act_of(event: TreatyEvent) -> str:
    if event.kind == TreatyEvent.Kind.SIGNATURE:
        return "signature"
    if event.kind in CONSENT_KINDS:
        return "consent"
    return "other"


def _count_sources(
    quality: ActQuality, sources: list[dict[str, str]], *, citations: bool = True
) -> None:
    for source in sources if citations else ():
        grade = source.get("grade") or UNGRADED
        quality.sources[grade if grade in Grade.values else UNGRADED] += 1
    graded = strongest_grade(sources)
    quality.strongest[graded or (UNGRADED if sources else NO_SOURCE)] += 1


def treaty_quality(treaty: Treaty, *, as_of: date) -> TreatyQuality:
    acts = {name: ActQuality(name) for name in ACTS}
    view = selectors.chart_view(treaty, as_of=as_of)
    consents: dict[str, TreatyEvent] = {}
    for events in view.events.values():
        for event in events:
            act = _act_of(event)
            acts[act].dates[precision_class(event.known_date, basis=event.basis)] += 1
            _count_sources(acts[act], event.sources)
            if act == "consent":
                consents.setdefault(event.state_id, event)
    for row in view.chart.rows:
        if row.entry_into_force is None:
            continue
        entry = acts["entry_into_force"]
        entry.dates[precision_class(row.entry_into_force)] += 1
        consent = consents.get(row.state)
        # A computed date rests on the deposit's sources, already counted once as citations.
        _count_sources(entry, consent.sources if consent else [], citations=False)
    return TreatyQuality(treaty=treaty, as_of=as_of, acts=acts)


def data_quality(*, treaty_slug: str | None = None, as_of: date) -> list[TreatyQuality]:
    treaties = [selectors.treaty_get(treaty_slug)] if treaty_slug else selectors.treaty_list()
    return [treaty_quality(treaty, as_of=as_of) for treaty in treaties]
