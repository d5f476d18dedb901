"""Reads from the registry. Selectors own their queries; views, the API and the command line call
these and never query the models themselves. Derived views are cached under a key that includes
the log's version (the newest event id), so a new event invalidates them without bookkeeping."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from lanzarote.core.db_routing import reading_connection
from lanzarote.core.errors import NotFound
from lanzarote.core.text import sorted_by_name
from lanzarote.registry.models import (
    Article,
    DateEvidence,
    ElaborationParticipation,
    LogEntry,
    MembershipPeriod,
    State,
    StateNote,
    Treaty,
    TreatyEvent,
)
from lanzarote.treaty_law import (
    Applicant,
    Chart,
    Consent,
    Eligibility,
    KnownDate,
    Membership,
    RuleAnswer,
    StatePosition,
    Status,
    get_final_clauses,
    state_position,
    with_recorded_entry_into_force,
)
from lanzarote.treaty_law import (
    MembershipPeriod as MembershipFact,
)
from lanzarote.treaty_law import (
    chart as fold_chart,
)
from lanzarote.treaty_law import (
    eligibility as route_for,
)
from lanzarote.treaty_law import (
    treaty_entry_into_force as fold_treaty_entry_into_force,
)
from lanzarote.treaty_law.status import CONSENT_KINDS, Action, ActionKind

CACHE_SECONDS = 60 * 60


def treaty_get(slug: str) -> Treaty:
    try:
        return Treaty.objects.get(slug=slug)
    except Treaty.DoesNotExist:
        known = ", ".join(Treaty.objects.values_list("slug", flat=True))
        raise NotFound(f"Unknown treaty {slug!r}; known treaties: {known}.") from None


def state_get(code: str) -> State:
    try:
        return State.objects.get(code=code.upper())
    except State.DoesNotExist:
        raise NotFound(f"Unknown State code {code!r}; use an ISO 3166-1 alpha-2 code.") from None


def states_by_code(codes: Iterable[str]) -> dict[str, State]:
    """The States of `codes` that exist, by code (one query)."""
    return {state.code: state for state in State.objects.filter(code__in=set(codes))}


def treaty_list() -> list[Treaty]:
    return list(Treaty.objects.order_by("slug"))


def registry_version() -> str:
    """Changes whenever an event or a piece of dated evidence is appended (neither is ever
    updated or deleted) and whenever the membership periods are reloaded (they are replaced as
    a set, so their ids change)."""
    events, periods = TreatyEvent._meta.db_table, MembershipPeriod._meta.db_table
    evidence = DateEvidence._meta.db_table
    with reading_connection(TreatyEvent).cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {events}), (SELECT MAX(id) FROM {periods}), "  # noqa: S608
            f"(SELECT COUNT(*) FROM {periods}), (SELECT MAX(id) FROM {evidence})"
        )
        newest_event, newest_period, periods_count, newest_evidence = cursor.fetchone()
    return f"e{newest_event or 0}-m{newest_period or 0}.{periods_count}-d{newest_evidence or 0}"


def heads[E: LogEntry](entries: Iterable[E]) -> list[E]:
    """The entries of a log that stand: neither superseded nor retractions."""
    entries = list(entries)
    superseded = {entry.supersedes_id for entry in entries if entry.supersedes_id}
    return [e for e in entries if e.pk not in superseded and not e.is_retraction]


def effective_evidence(treaty: Treaty, *, state: State | None = None) -> list[DateEvidence]:
    """The dated evidence that stands for `treaty` (one State's if given), in recorded order."""
    rows = DateEvidence.objects.filter(treaty=treaty).order_by("id")
    if state is not None:
        rows = rows.filter(state=state)
    return heads(rows)


def evidence_by_state(treaty: Treaty) -> dict[str, list[DateEvidence]]:
    grouped: dict[str, list[DateEvidence]] = defaultdict(list)
    for item in effective_evidence(treaty):
        grouped[item.state_id].append(item)
    return dict(grouped)


def effective_events(treaty: Treaty, *, known_on: datetime | None = None) -> list[TreatyEvent]:
    """The events in force in the log: not superseded, not retractions (as recorded by `known_on`)."""
    events = TreatyEvent.objects.filter(treaty=treaty).order_by("id")
    if known_on is not None:
        events = events.filter(recorded_at__lte=known_on)
    return heads(events)


def to_action(event: TreatyEvent) -> Action:
    return Action(
        state=event.state_id,
        kind=ActionKind(event.kind),
        date=event.known_date,
        provisions=tuple(event.provisions),
        reference=str(event.pk),
    )


def effective_actions_of_state(
    *, treaty: Treaty, state: State, excluding: TreatyEvent | None = None
) -> tuple[Action, ...]:
    events = TreatyEvent.objects.filter(treaty=treaty, state=state).order_by("id")
    standing = heads(e for e in events if excluding is None or e.pk != excluding.pk)
    return tuple(to_action(e) for e in standing)


def membership(*, version: str | None = None) -> Membership:
    key = f"membership:{version or registry_version()}"
    cached = cache.get(key)
    if cached is None:
        cached = Membership(
            [
                MembershipFact(state=period.state_id, start=period.known_date, end=period.end)
                for period in MembershipPeriod.objects.all()
            ]
        )
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def _elaboration(treaty: Treaty) -> dict[str, ElaborationParticipation]:
    return {flag.state_id: flag for flag in ElaborationParticipation.objects.filter(treaty=treaty)}


def elaboration_participants(treaty: Treaty) -> list[ElaborationParticipation]:
    """The non-member States flagged as having (or not having) taken part in drafting `treaty`."""
    return list(
        ElaborationParticipation.objects.filter(treaty=treaty)
        .select_related("state")
        .order_by("state__name_en")
    )


def applicant_for(
    *, treaty: Treaty, state: State, on: KnownDate | date, members: Membership | None = None
) -> Applicant:
    known = on if isinstance(on, KnownDate) else KnownDate.exact(on)
    flag = _elaboration(treaty).get(state.code)
    return Applicant(
        code=state.code,
        is_member_state=(members or membership()).is_member_throughout(state.code, known),
        took_part_in_elaboration=bool(flag and flag.took_part),
        elaboration_confirmed=bool(flag and flag.confirmed),
        is_european_union=state.kind == State.Kind.ORGANISATION and state.code == "EU",
    )


def _consents(actions: Sequence[Action], members: Membership) -> list[Consent]:
    return [
        Consent(
            state=action.state,
            instrument=CONSENT_KINDS[action.kind],
            deposited=action.date,
            member_of_council_of_europe=members.is_member_throughout(action.state, action.date),
        )
        for action in actions
        if action.kind in CONSENT_KINDS
    ]


def _recorded_entry_into_force(treaty: Treaty) -> KnownDate | None:
    stated = treaty.stated_entry_into_force
    return KnownDate.exact(stated) if stated else None


def treaty_entry_into_force(treaty: Treaty) -> RuleAnswer[KnownDate | None]:
    """Computed from the consents in the log; a date stated by a source only narrows it when the
    log's dates are too loose (and a contradiction is stated in the explanation)."""
    actions = [to_action(e) for e in effective_events(treaty)]
    computed = fold_treaty_entry_into_force(
        get_final_clauses(treaty.slug), _consents(actions, membership())
    )
    recorded = _recorded_entry_into_force(treaty)
    return with_recorded_entry_into_force(computed, recorded) if recorded else computed


def position_of(*, treaty: Treaty, state: State, as_of: date) -> StatePosition:
    clauses = get_final_clauses(treaty.slug)
    return state_position(
        clauses,
        state=state.code,
        actions=effective_actions_of_state(treaty=treaty, state=state),
        treaty_entry_into_force=treaty_entry_into_force(treaty).value,
        as_of=as_of,
    )


@dataclass(frozen=True)
class DataWarning:
    state: str
    code: str
    stated: date | None = None
    computed: KnownDate | None = None


@dataclass(frozen=True)
class ChartView:
    """A chart with everything needed to show it: the fold, the States and the evidence."""

    treaty: Treaty
    as_of: date
    known_on: datetime | None
    chart: Chart
    states: dict[str, State]
    events: dict[str, list[TreatyEvent]]
    warnings: tuple[DataWarning, ...] = field(default=())

    def rows_with_states(self) -> list[tuple[StatePosition, State]]:
        return [(row, self.states[row.state]) for row in self.chart.rows]


def _mismatches(
    positions: Iterable[StatePosition], standing: list[TreatyEvent]
) -> list[DataWarning]:
    stated = {
        e.state_id: e.stated_entry_into_force
        for e in standing
        if e.kind in CONSENT_KINDS and e.stated_entry_into_force
    }
    warnings = []
    for position in positions:
        source_date = stated.get(position.state)
        computed = position.entry_into_force
        if source_date is None or computed is None:
            continue
        if not (
            (computed.earliest is None or computed.earliest <= source_date)
            and (computed.latest is None or source_date <= computed.latest)
        ):
            warnings.append(
                DataWarning(
                    state=position.state,
                    code="stated_entry_into_force_differs",
                    stated=source_date,
                    computed=computed,
                )
            )
    return warnings


def chart_view(
    treaty: Treaty, *, as_of: date, known_on: datetime | None = None, version: str | None = None
) -> ChartView:
    version = version or registry_version()
    recorded_on = known_on.isoformat() if known_on else "-"
    key = f"chart:{treaty.slug}:{as_of.isoformat()}:{recorded_on}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    standing = effective_events(treaty, known_on=known_on)
    heads_by_state: dict[str, list[TreatyEvent]] = defaultdict(list)
    for event in standing:
        heads_by_state[event.state_id].append(event)
    folded = fold_chart(
        get_final_clauses(treaty.slug),
        actions=[to_action(e) for e in standing],
        membership=membership(version=version),
        as_of=as_of,
        recorded_entry_into_force=_recorded_entry_into_force(treaty),
    )
    codes = {row.state for row in folded.rows}
    states = State.objects.in_bulk(codes)
    view = ChartView(
        treaty=treaty,
        as_of=as_of,
        known_on=known_on,
        chart=folded,
        states=states,
        events=dict(heads_by_state),
        warnings=tuple(_mismatches(folded.rows, standing)),
    )
    cache.set(key, view, CACHE_SECONDS)
    return view


@dataclass(frozen=True)
class TreatyStanding:
    treaty: Treaty
    position: StatePosition
    eligibility: Eligibility
    events: list[TreatyEvent]
    effective_ids: frozenset[int]
    notes: list[StateNote]
    warnings: tuple[DataWarning, ...]

    @property
    def reservations(self) -> list[TreatyEvent]:
        kinds = {TreatyEvent.Kind.RESERVATION, TreatyEvent.Kind.DECLARATION}
        return [e for e in self.events if e.kind in kinds and e.pk in self.effective_ids]


@dataclass(frozen=True)
class StateProfile:
    state: State
    as_of: date
    member_of_council_of_europe: bool | None
    memberships: list[MembershipPeriod]
    standings: list[TreatyStanding]

    def standing(self, slug: str) -> TreatyStanding | None:
        return next((s for s in self.standings if s.treaty.slug == slug), None)


def standing_of(
    treaty: Treaty, state: State, *, as_of: date, version: str | None = None
) -> TreatyStanding:
    version = version or registry_version()
    view = chart_view(treaty, as_of=as_of, version=version)
    clauses = get_final_clauses(treaty.slug)
    position = next((row for row in view.chart.rows if row.state == state.code), None)
    if position is None:
        position = state_position(
            clauses,
            state=state.code,
            actions=(),
            treaty_entry_into_force=view.chart.entry_into_force.value,
            as_of=as_of,
        )
    events = list(
        TreatyEvent.objects.filter(treaty=treaty, state=state)
        .select_related("treaty", "supersedes")
        .order_by("date_earliest", "id")
    )
    effective = frozenset(e.pk for e in heads(events))
    route = route_for(
        clauses,
        applicant=applicant_for(
            treaty=treaty, state=state, on=as_of, members=membership(version=version)
        ),
        position=position,
        treaty_entry_into_force=view.chart.entry_into_force.value,
        as_of=as_of,
    )
    return TreatyStanding(
        treaty=treaty,
        position=position,
        eligibility=route,
        events=events,
        effective_ids=effective,
        notes=list(StateNote.objects.filter(treaty=treaty, state=state)),
        warnings=tuple(w for w in view.warnings if w.state == state.code),
    )


def state_profile(code: str, *, as_of: date) -> StateProfile:
    state = state_get(code)
    version = registry_version()
    key = f"profile:{state.code}:{as_of.isoformat()}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    profile = StateProfile(
        state=state,
        as_of=as_of,
        member_of_council_of_europe=membership(version=version).is_member(state.code, as_of),
        memberships=list(MembershipPeriod.objects.filter(state=state)),
        standings=[
            standing_of(treaty, state, as_of=as_of, version=version) for treaty in treaty_list()
        ],
    )
    cache.set(key, profile, CACHE_SECONDS)
    return profile


def eligibility_of(code: str, *, treaty_slug: str, as_of: date) -> Eligibility:
    state = state_get(code)
    treaty = treaty_get(treaty_slug)
    return standing_of(treaty, state, as_of=as_of).eligibility


def state_list(
    *, kind: str | None = None, member: bool | None = None, as_of: date | None = None
) -> list[State]:
    states = State.objects.all().order_by("name_en")
    if kind:
        states = states.filter(kind=kind)
    # In the reader's language and as a dictionary orders it (Bélarus before Burundi).
    result = sorted_by_name(states, lambda s: s.name)
    if member is not None:
        members = membership().member_states(as_of or timezone.localdate())
        result = [s for s in result if (s.code in members) == member]
    return result


def event_list(
    treaty: Treaty,
    *,
    state: str | None = None,
    kind: str | None = None,
    include_superseded: bool = False,
):  # -> QuerySet[TreatyEvent]
    events = TreatyEvent.objects.filter(treaty=treaty).select_related("state", "treaty")
    if state:
        events = events.filter(state_id=state.upper())
    if kind:
        events = events.filter(kind=kind)
    if not include_superseded:
        events = events.filter(Q(superseded_by__isnull=True), is_retraction=False)
    return events.order_by("date_earliest", "id")


def articles(treaty: Treaty) -> list[Article]:
    return list(Article.objects.filter(treaty=treaty).order_by("number"))


def status_counts(view: ChartView) -> dict[Status, int]:
    counts: dict[Status, int] = defaultdict(int)
    for row in view.chart.rows:
        if row.status is not None:
            counts[row.status] += 1
    return counts
