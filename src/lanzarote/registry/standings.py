"""A State's standing under every treaty, compact and a page at a time (docs/adr/0008).

The full profile (`selectors.state_profile`) carries, for each treaty, every event of the State
with its explanations: across 600 treaties that is megabytes. The compact standing is what a
list of treaties shows: the status and its dates (the same row the treaty's chart shows), the
route to becoming a Party and how many data warnings there are; the events, explanations and
notes stay on the State's page for that treaty (`selectors.standing_of`). A page names a
window of the treaties in slug order.

Each State's course under a treaty (`treaty_law.status.Course`, folded from its own acts) does
not depend on the date asked about: it is cached per State, treaty and version of the log, so a
page on another date folds nothing again and only reads each course on that date.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache

from lanzarote.registry.clauses import remember_clauses_of
from lanzarote.registry.in_force import in_force_by_treaty
from lanzarote.registry.models import ElaborationParticipation, State, Treaty, TreatyEvent
from lanzarote.registry.selectors import (
    _applicant,
    _mismatches,
    membership,
    registry_version,
    state_get,
)
from lanzarote.treaty_law import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    Eligibility,
    KnownDate,
    Membership,
    StatePosition,
    get_final_clauses,
)
from lanzarote.treaty_law import eligibility as route_for
from lanzarote.treaty_law.dates import Precision
from lanzarote.treaty_law.status import Course, position_on, state_course

CACHE_SECONDS = 60 * 60
# What a compact standing shows of a treaty (not its final clauses, read once per process).
TREATY_COLUMNS = ("id", "slug", "number", "title_en", "title_fr", "stated_entry_into_force")
EVENT_COLUMNS = (
    "treaty_id",
    "id",
    "kind",
    "date_earliest",
    "date_latest",
    "date_precision",
    "stated_entry_into_force",
    "supersedes_id",
    "is_retraction",
)


@dataclass(frozen=True)
class CompactStanding:
    treaty: Treaty
    position: StatePosition
    eligibility: Eligibility
    warnings: int


@dataclass(frozen=True)
class StandingsPage:
    state: State
    as_of: date
    member_of_council_of_europe: bool | None
    # How many treaties the registry holds, and the window shown.
    count: int
    offset: int
    standings: list[CompactStanding]


@dataclass(frozen=True)
class DraftingFlag:
    """What a State's `ElaborationParticipation` says, without the record."""

    took_part: bool
    confirmed: bool


@dataclass(frozen=True)
class _Course:
    """What a State's compact standing under one treaty reads, whatever the date."""

    course: Course
    # The date of entry into force a source states for its consent, if any.
    stated: date | None
    # Its drafting flag for the treaty, if it has one.
    flag: DraftingFlag | None
    # The treaty's own entry into force.
    in_force: KnownDate | None


def standings_page(
    code: str, *, as_of: date, offset: int, limit: int, version: str | None = None
) -> StandingsPage:
    """`code`'s compact standing under the treaties `offset` to `offset + limit` (by slug)."""
    state = state_get(code)
    version = version or registry_version()
    members = membership(version=version)
    treaties = list(Treaty.objects.order_by("slug").only(*TREATY_COLUMNS)[offset : offset + limit])
    remember_clauses_of(treaty.slug for treaty in treaties)
    courses = _courses(state, treaties, version=version, members=members)
    return StandingsPage(
        state=state,
        as_of=as_of,
        member_of_council_of_europe=members.is_member(state.code, as_of),
        count=Treaty.objects.count(),
        offset=offset,
        standings=[
            _compact(treaty, state, courses[treaty.pk], members, as_of) for treaty in treaties
        ],
    )


def _compact(
    treaty: Treaty, state: State, found: _Course, members: Membership, as_of: date
) -> CompactStanding:
    """As `selectors._standing` says it, from the State's course: a State with no act possibly
    dated by `as_of` has no recorded act on that day."""
    clauses = get_final_clauses(treaty.slug)
    shown = found.course.shown_on(as_of)
    course = (
        found.course
        if shown
        else state_course(
            clauses, state=state.code, actions=(), treaty_entry_into_force=found.in_force
        )
    )
    position = position_on(course, as_of)
    route = route_for(
        clauses,
        applicant=_applicant(state, on=as_of, members=members, flag=found.flag),
        position=position,
        treaty_entry_into_force=found.in_force,
        as_of=as_of,
    )
    stated = {state.code: found.stated} if shown and found.stated else {}
    return CompactStanding(
        treaty=treaty,
        position=position,
        eligibility=route,
        warnings=len(_mismatches([position], stated)),
    )


def _courses(
    state: State, treaties: list[Treaty], *, version: str, members: Membership
) -> dict[int, _Course]:
    """The State's course under each of `treaties`, by treaty id: one cache entry for the
    window, else three queries (the State's events and drafting flags, the consents of the
    treaties whose entry into force is not cached)."""
    window = hashlib.sha256(",".join(str(t.pk) for t in treaties).encode()).hexdigest()[:24]
    key = f"standings:{state.code}:{version}:{window}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    in_force = in_force_by_treaty(treaties, version=version, members=members)
    ids = [treaty.pk for treaty in treaties]
    rows = list(
        TreatyEvent.objects.filter(state=state, treaty_id__in=ids)
        .order_by("id")
        .values_list(*EVENT_COLUMNS)
    )
    superseded = {row[-2] for row in rows if row[-2] is not None}
    actions: defaultdict[int, list[Action]] = defaultdict(list)
    stated: dict[int, date] = {}
    for treaty_id, pk, kind, earliest, latest, precision, stated_on, _fix, gone in rows:
        if gone or pk in superseded:
            continue
        actions[treaty_id].append(
            Action(
                state=state.code,
                kind=ActionKind(kind),
                date=KnownDate(earliest, latest, Precision(precision)),
            )
        )
        if kind in CONSENT_KINDS and stated_on:
            stated[treaty_id] = stated_on
    flags = {
        treaty_id: DraftingFlag(took_part, confirmed)
        for treaty_id, took_part, confirmed in ElaborationParticipation.objects.filter(
            state=state, treaty_id__in=ids
        ).values_list("treaty_id", "took_part", "confirmed")
    }
    computed = {
        treaty.pk: _Course(
            course=state_course(
                get_final_clauses(treaty.slug),
                state=state.code,
                actions=actions[treaty.pk],
                treaty_entry_into_force=in_force[treaty.pk].value,
            ),
            stated=stated.get(treaty.pk),
            flag=flags.get(treaty.pk),
            in_force=in_force[treaty.pk].value,
        )
        for treaty in treaties
    }
    cache.set(key, computed, CACHE_SECONDS)
    return computed
