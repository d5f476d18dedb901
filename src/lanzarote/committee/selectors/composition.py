"""Reads of the Committee's composition. The members are derived from the registry on every date asked
(`composition`), never stored; the rest is read here with its related rows in a fixed number of
queries. Derived views are cached under keys holding both the registry's version and the
Committee's own version (the newest Committee audit record: every Committee write makes one)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from django.core.cache import cache
from django.db.models import Max, Q

from lanzarote.committee.models import (
    BureauTerm,
    Decision,
    ObserverEvent,
    Organisation,
    Participation,
    Representative,
)
from lanzarote.core.models import AuditRecord
from lanzarote.core.records.reading import ReadsThrough
from lanzarote.registry import selectors as registry
from lanzarote.registry.lookups import CONVENTION
from lanzarote.registry.models import ElaborationParticipation, State, Treaty
from lanzarote.treaty_law import KnownDate, RuleAnswer, Status
from lanzarote.treaty_law.committee import ParticipantBasis, Seat, StateSeat, state_seat

CACHE_SECONDS = registry.CACHE_SECONDS


def committee_version() -> str:
    newest = AuditRecord.objects.filter(action__startswith="committee.").aggregate(n=Max("id"))
    return f"c{newest['n'] or 0}"


# -- dates as known, on a day ----------------------------------------------------------------


def _certainly_within(start: KnownDate, end: KnownDate | None, day: date) -> bool:
    return start.certainly_on_or_before(day) and (end is None or end.certainly_after(day))


def _possibly_within(start: KnownDate, end: KnownDate | None, day: date) -> bool:
    return start.possibly_on_or_before(day) and (end is None or end.possibly_after(day))


# -- composition -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    state: State
    since: KnownDate | None  # the entry into force for the State
    certain: bool
    member_of_council_of_europe: bool | None

    @property
    def key(self) -> str:
        return f"state:{self.state.code}"

    @property
    def name(self) -> str:
        return self.state.name


@dataclass(frozen=True)
class ParticipantRow:
    basis: ParticipantBasis
    since: KnownDate | None
    until: KnownDate | None
    certain: bool
    confirmed: bool
    state: State | None = None
    organisation: Organisation | None = None
    participation: Participation | None = None

    @property
    def key(self) -> str:
        if self.state is not None:
            return f"state:{self.state.code}"
        assert self.organisation is not None
        return f"organisation:{self.organisation.slug}"

    @property
    def name(self) -> str:
        return self.state.name if self.state is not None else str(self.organisation)

    @property
    def decision(self) -> Decision | None:
        return self.participation.decision if self.participation else None


@dataclass(frozen=True)
class ObserverRow:
    organisation: Organisation
    admission: ObserverEvent
    certain: bool

    @property
    def key(self) -> str:
        return f"organisation:{self.organisation.slug}"

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def since(self) -> KnownDate:
        return self.admission.known_date


@dataclass(frozen=True)
class BureauRow(ReadsThrough):
    """A Bureau term on a day: whether it certainly holds then; otherwise it reads as the term."""

    through: ClassVar[str] = "term"
    term: BureauTerm
    certain: bool


@dataclass(frozen=True)
class Composition:
    as_of: date
    committee_exists: bool
    treaty_entry_into_force: KnownDate | None
    members: list[MemberRow]
    participants: list[ParticipantRow]
    observers: list[ObserverRow]
    bureau: list[BureauRow]
    representatives: list[Representative] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "members": sum(r.certain for r in self.members),
            "members_uncertain": sum(not r.certain for r in self.members),
            "participants": sum(r.certain for r in self.participants),
            "participants_uncertain": sum(not r.certain for r in self.participants),
            "observers": sum(r.certain for r in self.observers),
            "observers_uncertain": sum(not r.certain for r in self.observers),
        }


def convention_treaty() -> Treaty:
    return registry.treaty_get(CONVENTION)


def _elaboration_flags(treaty: Treaty) -> dict[str, ElaborationParticipation]:
    return {
        f.state_id: f
        for f in ElaborationParticipation.objects.filter(treaty=treaty, took_part=True)
        .select_related("state")
        .order_by("state__name_en")
    }


def _seat(
    position: Any,
    *,
    took_part: bool,
    member_of_coe: bool | None,
    as_of: date,
    name: str | None = None,
) -> RuleAnswer[StateSeat]:
    return state_seat(
        name=name,
        state=position.state,
        as_of=as_of,
        status=position.status,
        possible=frozenset(position.possible),
        signed=position.signature is not None,
        took_part_in_elaboration=took_part,
        member_of_council_of_europe=member_of_coe,
        entry_into_force=position.entry_into_force,
    )


def _state_rows(
    view: registry.ChartView, flags: dict[str, ElaborationParticipation], as_of: date, members: Any
) -> tuple[list[MemberRow], list[ParticipantRow]]:
    member_rows: list[MemberRow] = []
    participant_rows: list[ParticipantRow] = []
    seen: set[str] = set()
    for position, state in view.rows_with_states():
        seen.add(state.code)
        flag = flags.get(state.code)
        seat = _seat(
            position,
            took_part=flag is not None,
            member_of_coe=members.is_member(state.code, as_of),
            as_of=as_of,
        ).value
        if Seat.MEMBER in seat.possible:
            member_rows.append(
                MemberRow(
                    state=state,
                    since=position.entry_into_force,
                    certain=seat.seat is Seat.MEMBER,
                    member_of_council_of_europe=members.is_member(state.code, as_of),
                )
            )
        elif Seat.PARTICIPANT in seat.possible:
            basis = seat.basis or (
                ParticipantBasis.SIGNATORY
                if position.signature is not None
                else ParticipantBasis.ELABORATION
            )
            participant_rows.append(
                ParticipantRow(
                    basis=basis,
                    since=position.signature if basis is ParticipantBasis.SIGNATORY else None,
                    until=None,
                    certain=seat.seat is Seat.PARTICIPANT,
                    confirmed=False,
                    state=state,
                )
            )
    for code, flag in flags.items():
        if code not in seen:
            participant_rows.append(
                ParticipantRow(
                    basis=ParticipantBasis.ELABORATION,
                    since=None,
                    until=None,
                    certain=True,
                    confirmed=False,
                    state=flag.state,
                )
            )
    return member_rows, participant_rows


def _organisation_participants(as_of: date) -> list[ParticipantRow]:
    rows = []
    for item in Participation.objects.select_related("organisation", "decision__meeting").order_by(
        "organisation__name_en", "id"
    ):
        start, end = item.known_date, item.end
        if not _possibly_within(start, end, as_of):
            continue
        rows.append(
            ParticipantRow(
                basis=ParticipantBasis(item.basis),
                since=start,
                until=end,
                certain=_certainly_within(start, end, as_of),
                confirmed=item.confirmed,
                organisation=item.organisation,
                participation=item,
            )
        )
    return rows


def observer_heads(
    events: Iterable[ObserverEvent],
) -> dict[int, list[ObserverEvent]]:
    """The events in force per organisation (not superseded, not retractions), in date order."""
    events = list(events)
    superseded = {e.supersedes_id for e in events if e.supersedes_id}
    heads: dict[int, list[ObserverEvent]] = defaultdict(list)
    for event in events:
        if event.pk in superseded or event.is_retraction:
            continue
        heads[event.organisation_id].append(event)
    for items in heads.values():
        items.sort(key=lambda e: (e.known_date.sort_key, e.pk))
    return heads


def _observer_on(events: list[ObserverEvent], day: date) -> tuple[ObserverEvent | None, bool]:
    """The admission in effect on `day` (or None) and whether that is certain."""
    kinds = (ObserverEvent.Kind.ADMITTED, ObserverEvent.Kind.WITHDRAWN)
    decisive = [e for e in events if e.kind in kinds]
    best: tuple[ObserverEvent | None, bool] = (None, False)
    for index, event in enumerate(decisive):
        if event.kind != ObserverEvent.Kind.ADMITTED:
            continue
        later = [w for w in decisive[index + 1 :] if w.kind == ObserverEvent.Kind.WITHDRAWN]
        possible = event.known_date.possibly_on_or_before(day) and not any(
            w.known_date.certainly_on_or_before(day) for w in later
        )
        if not possible:
            continue
        certain = event.known_date.certainly_on_or_before(day) and not any(
            w.known_date.possibly_on_or_before(day) for w in later
        )
        best = (event, certain)
    return best


def _observers(as_of: date) -> list[ObserverRow]:
    events = ObserverEvent.objects.select_related("organisation", "meeting", "decision").order_by(
        "id"
    )
    rows = []
    for items in observer_heads(events).values():
        admission, certain = _observer_on(items, as_of)
        if admission is not None:
            rows.append(
                ObserverRow(
                    organisation=admission.organisation, admission=admission, certain=certain
                )
            )
    return sorted(rows, key=lambda r: r.organisation.name_en.casefold())


def _bureau(as_of: date) -> list[BureauRow]:
    order = {p: i for i, p in enumerate(BureauTerm.Position.values)}
    rows = [
        BureauRow(term, _certainly_within(term.known_date, term.end, as_of))
        for term in BureauTerm.objects.select_related("state").order_by("id")
        if _possibly_within(term.known_date, term.end, as_of)
    ]
    return sorted(rows, key=lambda r: (order[r.term.position], r.term.person_name))


def _representatives(as_of: date) -> list[Representative]:
    return list(
        Representative.objects.filter(term_start__lte=as_of)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=as_of))
        .select_related("state", "organisation")
        .order_by("state__name_en", "organisation__name_en", "role", "name")
    )


def composition(as_of: date) -> Composition:
    """Who sits in the Committee on `as_of`: members (the Parties), participants, observers, the
    Bureau and the representatives in office."""
    version = registry.registry_version()
    key = f"committee:composition:{as_of.isoformat()}:{version}:{committee_version()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    treaty = convention_treaty()
    view = registry.chart_view(treaty, as_of=as_of, version=version)
    entry = view.chart.entry_into_force.value
    exists = entry is not None and entry.certainly_on_or_before(as_of)
    if exists:
        members, participants = _state_rows(
            view, _elaboration_flags(treaty), as_of, registry.membership(version=version)
        )
        participants += _organisation_participants(as_of)
        observers = _observers(as_of)
    else:
        members, participants, observers = [], [], []
    members.sort(key=lambda r: r.state.name_en.casefold())
    participants.sort(key=lambda r: (_BASIS_ORDER[r.basis], r.name.casefold()))
    result = Composition(
        as_of=as_of,
        committee_exists=exists,
        treaty_entry_into_force=entry,
        members=members,
        participants=participants,
        observers=observers,
        bureau=_bureau(as_of) if exists else [],
        representatives=_representatives(as_of) if exists else [],
    )
    cache.set(key, result, CACHE_SECONDS)
    return result


_BASIS_ORDER = {basis: index for index, basis in enumerate(ParticipantBasis)}


@dataclass(frozen=True)
class CategoryChanges:
    joined: list[Any]
    left: list[Any]


@dataclass(frozen=True)
class CompositionChanges:
    since: date
    until: date
    members: CategoryChanges
    participants: CategoryChanges
    observers: CategoryChanges

    @property
    def empty(self) -> bool:
        return not any(
            c.joined or c.left for c in (self.members, self.participants, self.observers)
        )


def _diff(before: list[Any], after: list[Any]) -> CategoryChanges:
    old = {r.key: r for r in before}
    new = {r.key: r for r in after}
    return CategoryChanges(
        joined=[new[k] for k in new if k not in old],
        left=[old[k] for k in old if k not in new],
    )


def composition_changes(*, since: date, until: date) -> CompositionChanges:
    """Who joined and who left each group between `since` and `until` (rows as on the later
    date for those who joined and on the earlier date for those who left)."""
    before, after = composition(since), composition(until)
    return CompositionChanges(
        since=since,
        until=until,
        members=_diff(before.members, after.members),
        participants=_diff(before.participants, after.participants),
        observers=_diff(before.observers, after.observers),
    )


@dataclass(frozen=True)
class CompositionShown(ReadsThrough):
    """The composition on a date with, when asked, the changes since an earlier date (the page,
    its JSON download and the command line); otherwise it reads as the composition."""

    through: ClassVar[str] = "composition"
    composition: Composition
    changes: CompositionChanges | None


def composition_shown(as_of: date, *, since: date | None = None) -> CompositionShown:
    changes = composition_changes(since=since, until=as_of) if since else None
    return CompositionShown(composition(as_of), changes)


# -- a State's role (for its profile) ---------------------------------------------------------


@dataclass(frozen=True)
class StateRole:
    state: State
    as_of: date
    committee_exists: bool
    seat: RuleAnswer[StateSeat] | None
    bureau: list[BureauRow]

    @property
    def label(self) -> str:
        if self.seat is None:
            return "none"
        value = self.seat.value.seat
        return value.value if value is not None else "uncertain"


def state_role(
    state: State,
    *,
    as_of: date,
    treaty: Treaty | None = None,
    member_of_council_of_europe: bool | None = None,
) -> StateRole:
    """A State's seat in the Committee on `as_of` and the Bureau posts held by its nationals.
    The chart of that day is read from the registry's cache (the profile has just computed it)."""
    treaty = treaty or convention_treaty()
    view = registry.chart_view(treaty, as_of=as_of)
    entry = view.chart.entry_into_force.value
    exists = entry is not None and entry.certainly_on_or_before(as_of)
    seat = None
    if exists:
        position = next((row for row in view.chart.rows if row.state == state.code), None)
        took_part = ElaborationParticipation.objects.filter(
            treaty=treaty, state=state, took_part=True
        ).exists()
        if position is not None:
            seat = _seat(
                position,
                took_part=took_part,
                member_of_coe=member_of_council_of_europe,
                as_of=as_of,
                name=state.name,
            )
        elif took_part:
            seat = state_seat(
                state=state.code,
                as_of=as_of,
                status=Status.NONE,
                possible=frozenset({Status.NONE}),
                signed=False,
                took_part_in_elaboration=True,
                name=state.name,
            )
    bureau = [
        BureauRow(term, _certainly_within(term.known_date, term.end, as_of))
        for term in BureauTerm.objects.filter(state=state)
        if _possibly_within(term.known_date, term.end, as_of)
    ]
    return StateRole(state, as_of, exists, seat, bureau)
