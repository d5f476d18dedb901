"""Each treaty's chart timeline, folded once per registry version (docs/adr/0008).

A chart on a date reads the treaty's `ChartTimeline` (every State's course, folded from the
standing log) on that date: the fold is done once per treaty and version, not once per request,
and the timeline is cached under the registry's version, so a new event invalidates it as it
does every cached answer. It carries what the chart's warnings compare as well: the date of
entry into force a source states for each consent.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache

from lanzarote.registry.in_force import (
    in_force_cached,
    in_force_remember,
    recorded_entry_into_force,
)
from lanzarote.registry.models import CONSENT_EVENT_KINDS, State, Treaty, TreatyEvent
from lanzarote.treaty_law import Action, ActionKind, KnownDate, Membership, get_final_clauses
from lanzarote.treaty_law import chart_entry_into_force as fold_entry_into_force
from lanzarote.treaty_law.dates import Precision
from lanzarote.treaty_law.timeline import ChartTimeline, chart_timeline

CACHE_SECONDS = 60 * 60
# The timelines this process read last, and every State, kept as objects. A timeline of 200
# States is an array of integers (some 15 KB; 4 KB pickled): a worker keeps every timeline of a
# registry of 600 treaties and a few hundred more, and reads none back from the shared cache
# once it has folded or read each.
LOCAL_TIMELINES = 1024
_local: OrderedDict[str, TreatyTimeline] = OrderedDict()
_lock = threading.Lock()
_every_state: dict[str, dict[str, State]] = {}
COLUMNS = (
    "id",
    "state_id",
    "kind",
    "date_earliest",
    "date_latest",
    "date_precision",
    "provisions",
    "stated_entry_into_force",
    "supersedes_id",
    "is_retraction",
)


@dataclass(frozen=True)
class TreatyTimeline:
    timeline: ChartTimeline
    # The date of entry into force a source states for a State's standing consent.
    stated_entry_into_force: dict[str, date]

    def __reduce__(self) -> tuple[object, ...]:
        # Kept in the shared cache: the stated dates as day numbers, as the timeline packs its own.
        return _treaty_timeline, (
            self.timeline,
            " ".join(self.stated_entry_into_force),
            array("i", (day.toordinal() for day in self.stated_entry_into_force.values())),
        )


def _treaty_timeline(timeline: ChartTimeline, states: str, days: array[int]) -> TreatyTimeline:
    return TreatyTimeline(
        timeline=timeline,
        stated_entry_into_force={
            state: date.fromordinal(day) for state, day in zip(states.split(), days, strict=True)
        },
    )


def _key(treaty: Treaty, version: str) -> str:
    return f"timeline:{treaty.slug}:{version}"


def forget_local() -> None:
    """Drop what this process keeps (tests, which reuse versions on a new database)."""
    with _lock:
        _local.clear()
        _every_state.clear()


def all_states(*, version: str) -> dict[str, State]:
    """Every State by code, read once per version of the registry by each process (a chart
    shows up to 200 of them; they change only with the reference data, whose reload is a new
    version)."""
    found = _every_state.get(version)
    if found is None:
        found = State.objects.in_bulk()
        with _lock:
            _every_state.clear()
            _every_state[version] = found
    return found


def _kept(key: str) -> TreatyTimeline | None:
    with _lock:
        found = _local.get(key)
        if found is not None:
            _local.move_to_end(key)
        return found


def _keep(key: str, found: TreatyTimeline) -> TreatyTimeline:
    with _lock:
        _local[key] = found
        _local.move_to_end(key)
        while len(_local) > LOCAL_TIMELINES:
            _local.popitem(last=False)
    return found


def treaty_timeline(treaty: Treaty, *, version: str, members: Membership) -> TreatyTimeline:
    """`treaty`'s timeline for the log at `version` (no query when cached; else one query over
    the treaty's events, read as plain rows)."""
    key = _key(treaty, version)
    kept = _kept(key)
    if kept is not None:
        return kept
    cached = cache.get(key)
    if cached is not None:
        return _keep(key, cached)
    rows = list(TreatyEvent.objects.filter(treaty=treaty).order_by("id").values_list(*COLUMNS))
    superseded = {row[-2] for row in rows if row[-2] is not None}
    actions: list[Action] = []
    stated: dict[str, date] = {}
    for pk, state, kind, earliest, latest, precision, provisions, stated_on, _fix, gone in rows:
        if gone or pk in superseded:
            continue
        actions.append(
            Action(
                state=state,
                kind=ActionKind(kind),
                date=KnownDate(earliest, latest, Precision(precision)),
                provisions=tuple(provisions),
                reference=str(pk),
            )
        )
        if kind in CONSENT_EVENT_KINDS and stated_on:
            stated[state] = stated_on
    clauses = get_final_clauses(treaty.slug)
    in_force = in_force_cached(treaty, version=version)
    if in_force is None:
        in_force = fold_entry_into_force(
            clauses,
            actions=actions,
            membership=members,
            recorded_entry_into_force=recorded_entry_into_force(treaty),
        )
        in_force_remember(treaty, in_force, version=version)
    found = TreatyTimeline(
        timeline=chart_timeline(clauses, actions=actions, in_force=in_force),
        stated_entry_into_force=stated,
    )
    cache.set(key, found, CACHE_SECONDS)
    return _keep(key, found)
