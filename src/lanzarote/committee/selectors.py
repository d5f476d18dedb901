"""Reads of the Committee. The members are derived from the registry on every date asked
(`composition`), never stored; the rest is read here with its related rows in a fixed number of
queries. Derived views are cached under keys holding both the registry's version and the
Committee's own version (the newest Committee audit record: every Committee write makes one)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from lanzarote.accession.models import AccessionCase
from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    AssistanceRequest,
    Attendance,
    BureauTerm,
    CapacityEvent,
    CommitteeDocument,
    Decision,
    Meeting,
    ObserverApplication,
    ObserverEvent,
    Organisation,
    Participation,
    PriorityFlag,
    Project,
    Representative,
    Theme,
    Vote,
)
from lanzarote.core.errors import NotFound
from lanzarote.core.models import AuditRecord
from lanzarote.core.permissions import allowed
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, ElaborationParticipation, State, Treaty
from lanzarote.treaty_law import Instrument, KnownDate, RuleAnswer, Status
from lanzarote.treaty_law.accession import CaseStatus
from lanzarote.treaty_law.committee import ParticipantBasis, Seat, StateSeat, state_seat

CONVENTION = "cets-201"
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
class BureauRow:
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

    def category(self, name: str) -> list[Any]:
        return list(getattr(self, name))

    @property
    def chair(self) -> list[BureauRow]:
        return [r for r in self.bureau if r.term.position == BureauTerm.Position.CHAIR]


def _treaty() -> Treaty:
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
    treaty = _treaty()
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
    treaty = treaty or _treaty()
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


# -- organisations and observer applications -------------------------------------------------


def organisation_list() -> list[Organisation]:
    return list(Organisation.objects.select_related("country").order_by("name_en"))


def organisation_get(slug: str) -> Organisation:
    try:
        return Organisation.objects.select_related("country").get(slug=slug)
    except Organisation.DoesNotExist:
        raise NotFound(f"No organisation {slug!r}.") from None


def application_list(*, status: str = "") -> list[ObserverApplication]:
    applications = ObserverApplication.objects.select_related("organisation", "meeting")
    if status:
        applications = applications.filter(status=status)
    return list(applications.order_by("-received_on", "-id"))


def application_get(pk: int | str) -> ObserverApplication:
    try:
        return ObserverApplication.objects.select_related("organisation", "meeting").get(pk=int(pk))
    except (ObserverApplication.DoesNotExist, ValueError):
        raise NotFound(f"No observer application {pk!r}.") from None


def application_events(application: ObserverApplication) -> list[ObserverEvent]:
    return list(
        ObserverEvent.objects.filter(organisation=application.organisation)
        .select_related("meeting", "decision", "vote")
        .order_by("recorded_at", "id")
    )


def organisation_observer_events(organisation: Organisation) -> list[ObserverEvent]:
    return observer_heads(
        ObserverEvent.objects.filter(organisation=organisation)
        .select_related("organisation", "meeting", "decision")
        .order_by("id")
    ).get(organisation.pk, [])


def participation_list() -> list[Participation]:
    return list(
        Participation.objects.select_related("organisation", "decision__meeting").order_by(
            "organisation__name_en", "date_earliest"
        )
    )


def participation_get(pk: int | str) -> Participation:
    try:
        return Participation.objects.select_related("organisation").get(pk=int(pk))
    except (Participation.DoesNotExist, ValueError):
        raise NotFound(f"No participation {pk!r}.") from None


def representative_list() -> list[Representative]:
    return list(
        Representative.objects.select_related("state", "organisation").order_by(
            "state__name_en", "organisation__name_en", "role", "name"
        )
    )


def representative_get(pk: int | str) -> Representative:
    try:
        return Representative.objects.select_related("state", "organisation").get(pk=int(pk))
    except (Representative.DoesNotExist, ValueError):
        raise NotFound(f"No representative {pk!r}.") from None


def bureau_list() -> list[BureauTerm]:
    return list(BureauTerm.objects.select_related("state", "decision").order_by("-date_latest"))


def bureau_get(pk: int | str) -> BureauTerm:
    try:
        return BureauTerm.objects.select_related("state").get(pk=int(pk))
    except (BureauTerm.DoesNotExist, ValueError):
        raise NotFound(f"No Bureau term {pk!r}.") from None


# -- meetings --------------------------------------------------------------------------------


def meeting_list(*, year: int | None = None) -> list[Meeting]:
    meetings = Meeting.objects.annotate(
        text_count=Count("texts_adopted", distinct=True),
        document_count=Count("documents", distinct=True),
        item_count=Count("agenda_items", distinct=True),
    )
    if year:
        meetings = meetings.filter(start_date__year=year)
    return list(meetings.order_by("-start_date", "-number"))


def meeting_get(number: int | str) -> Meeting:
    try:
        return Meeting.objects.get(number=int(number))
    except (Meeting.DoesNotExist, ValueError):
        raise NotFound(f"No meeting number {number!r}.") from None


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    agenda: list[AgendaItem]
    decisions: list[Decision]
    documents: list[CommitteeDocument]
    texts_adopted: list[AdoptedText]
    texts_considered: list[AdoptedText]
    attendance: list[Attendance]
    votes: list[Vote]
    observer_events: list[ObserverEvent]
    capacity_events: list[CapacityEvent]
    previous: Meeting | None
    next: Meeting | None


def meeting_record(number: int | str) -> MeetingRecord:
    meeting = meeting_get(number)
    articles = Prefetch("articles", queryset=Article.objects.order_by("number"))
    texts = AdoptedText.objects.prefetch_related(articles).order_by("date_earliest", "title_en")
    return MeetingRecord(
        meeting=meeting,
        agenda=list(meeting.agenda_items.prefetch_related(articles).order_by("position", "id")),
        decisions=list(
            meeting.decisions.select_related("agenda_item").order_by("decided_on", "id")
        ),
        documents=list(meeting.documents.order_by("code")),
        texts_adopted=list(texts.filter(meeting=meeting)),
        texts_considered=list(texts.filter(considered_at=meeting).exclude(meeting=meeting)),
        attendance=list(
            meeting.attendance.select_related("state", "organisation").order_by(
                "state__name_en", "organisation__name_en"
            )
        ),
        votes=list(meeting.votes.filter(superseded_by__isnull=True).order_by("voted_on", "id")),
        observer_events=list(
            meeting.observer_events.filter(superseded_by__isnull=True, is_retraction=False)
            .select_related("organisation")
            .order_by("id")
        ),
        capacity_events=list(meeting.capacity_events.order_by("date_earliest")),
        previous=Meeting.objects.filter(number__lt=meeting.number).order_by("-number").first(),
        next=Meeting.objects.filter(number__gt=meeting.number).order_by("number").first(),
    )


def vote_list(meeting: Meeting) -> list[Vote]:
    return list(meeting.votes.order_by("voted_on", "id"))


def decision_get(pk: int | str) -> Decision:
    try:
        return Decision.objects.select_related("meeting").get(pk=int(pk))
    except (Decision.DoesNotExist, ValueError):
        raise NotFound(f"No decision {pk!r}.") from None


def decision_choices() -> list[Decision]:
    return list(Decision.objects.select_related("meeting").order_by("-decided_on", "-id"))


# -- adopted texts ---------------------------------------------------------------------------


def _newest_first(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Newest first by the latest possible date (or the earliest when open-ended); undated
    last, on every database."""
    return queryset.annotate(anchor=Coalesce("date_latest", "date_earliest")).order_by(
        F("anchor").desc(nulls_last=True), "title_en"
    )


def _texts() -> QuerySet[AdoptedText]:
    return AdoptedText.objects.select_related("meeting").prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    )


def text_list(*, kind: str = "", article: int | None = None) -> list[AdoptedText]:
    texts = _texts()
    if kind:
        texts = texts.filter(kind=kind)
    if article:
        texts = texts.filter(articles__number=article, articles__treaty__slug=CONVENTION)
    return list(_newest_first(texts).distinct())


def text_get(slug: str) -> AdoptedText:
    try:
        return (
            _texts()
            .select_related("decision")
            .prefetch_related(
                Prefetch("considered_at", queryset=Meeting.objects.order_by("number"))
            )
            .get(slug=slug)
        )
    except AdoptedText.DoesNotExist:
        raise NotFound(f"No adopted text {slug!r}.") from None


def convention_articles() -> list[Article]:
    return list(Article.objects.filter(treaty__slug=CONVENTION).order_by("number"))


@dataclass(frozen=True)
class ArticleTexts:
    article: Article
    texts: list[AdoptedText]


def texts_by_article() -> list[ArticleTexts]:
    """The articles that adopted texts concern, each with those texts (oldest first)."""
    grouped: dict[int, ArticleTexts] = {}
    texts = AdoptedText.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    ).order_by("date_earliest", "title_en")
    for text in texts:
        for article in text.articles.all():
            grouped.setdefault(article.pk, ArticleTexts(article, [])).texts.append(text)
    return sorted(grouped.values(), key=lambda g: g.article.number)


# -- capacity building -----------------------------------------------------------------------


def _projects() -> QuerySet[Project]:
    return Project.objects.prefetch_related(
        Prefetch("beneficiaries", queryset=State.objects.order_by("name_en")),
        Prefetch("themes", queryset=Theme.objects.order_by("name_en")),
        Prefetch("articles", queryset=Article.objects.order_by("number")),
    )


def project_list(*, status: str = "", state: str = "", theme: str = "") -> list[Project]:
    projects = _projects()
    if status:
        projects = projects.filter(status=status)
    if state:
        projects = projects.filter(beneficiaries__code=state.upper())
    if theme:
        projects = projects.filter(themes__slug=theme)
    return list(projects.order_by("-start_date", "title_en").distinct())


def project_get(slug: str) -> Project:
    try:
        return _projects().get(slug=slug)
    except Project.DoesNotExist:
        raise NotFound(f"No project {slug!r}.") from None


def theme_list() -> list[Theme]:
    return list(Theme.objects.order_by("name_en"))


def assistance_request_list(*, user: Any) -> list[AssistanceRequest]:
    """The requests the person may see: all for the secretariat, their own State's otherwise."""
    requests = AssistanceRequest.objects.select_related("state", "project").prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    )
    if not allowed(user, "committee.view_assistance_request"):
        code = getattr(user, "state_id", None)
        if not code or not allowed(user, "committee.view_assistance_request", state_code=code):
            return []
        requests = requests.filter(state_id=code)
    return list(requests.order_by("-received_on", "-id"))


def assistance_request_get(pk: int | str) -> AssistanceRequest:
    try:
        return AssistanceRequest.objects.select_related("state", "project").get(pk=int(pk))
    except (AssistanceRequest.DoesNotExist, ValueError):
        raise NotFound(f"No request for assistance {pk!r}.") from None


def capacity_event_list() -> list[CapacityEvent]:
    return list(
        _newest_first(
            CapacityEvent.objects.select_related("meeting").prefetch_related(
                Prefetch("states", queryset=State.objects.order_by("name_en"))
            )
        )
    )


def capacity_event_get(slug: str) -> CapacityEvent:
    try:
        return CapacityEvent.objects.select_related("meeting").get(slug=slug)
    except CapacityEvent.DoesNotExist:
        raise NotFound(f"No event {slug!r}.") from None


# -- priority countries ----------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityReason:
    kind: str  # "acceded", "accession_request" or "decision"
    since: KnownDate | None
    confidential: bool = False
    reference: str = ""
    flag: PriorityFlag | None = None


@dataclass(frozen=True)
class PriorityCountry:
    state: State
    reasons: list[PriorityReason]

    @property
    def kinds(self) -> list[str]:
        return [r.kind for r in self.reasons]


_REQUESTED = [s.value for s in CaseStatus if s not in (CaseStatus.DRAFT, CaseStatus.WITHDRAWN)]


def priority_countries(*, as_of: date, user: Any = None) -> list[PriorityCountry]:
    """States flagged as priority countries on `as_of`: automatically those that acceded (an
    accession in the registry) or asked to accede (an accession case filed), and those flagged
    by a decision. A request is confidential until the invitation: it shows only to people who
    may see it (permission "committee.view_confidential_priorities")."""
    reasons: dict[str, list[PriorityReason]] = defaultdict(list)
    view = registry.chart_view(_treaty(), as_of=as_of)
    states: dict[str, State] = dict(view.states)
    for position in view.chart.rows:
        if (
            position.consent_instrument is Instrument.ACCESSION
            and position.consent is not None
            and position.consent.possibly_on_or_before(as_of)
        ):
            reasons[position.state].append(PriorityReason("acceded", position.consent))
    cases = AccessionCase.objects.filter(
        status__in=_REQUESTED, received_on__lte=as_of
    ).select_related("state")
    for case in cases.order_by("received_on", "id"):
        confidential = not case.is_public
        if confidential and not allowed(
            user, "committee.view_confidential_priorities", state_code=case.state_id
        ):
            continue
        states.setdefault(case.state_id, case.state)
        received = KnownDate.exact(case.received_on) if case.received_on else None
        reasons[case.state_id].append(
            PriorityReason("accession_request", received, confidential, case.reference)
        )
    flags = PriorityFlag.objects.filter(flagged_on__lte=as_of).filter(
        Q(lifted_on__isnull=True) | Q(lifted_on__gt=as_of)
    )
    for flag in flags.select_related("state", "decision__meeting").order_by("flagged_on", "id"):
        states.setdefault(flag.state_id, flag.state)
        reasons[flag.state_id].append(
            PriorityReason("decision", KnownDate.exact(flag.flagged_on), flag=flag)
        )
    return sorted(
        (PriorityCountry(states[code], items) for code, items in reasons.items()),
        key=lambda p: p.state.name_en.casefold(),
    )


def priority_flag_list() -> list[PriorityFlag]:
    return list(
        PriorityFlag.objects.select_related("state", "decision__meeting").order_by(
            "state__name_en", "-flagged_on"
        )
    )


def priority_flag_get(pk: int | str) -> PriorityFlag:
    try:
        return PriorityFlag.objects.select_related("state").get(pk=int(pk))
    except (PriorityFlag.DoesNotExist, ValueError):
        raise NotFound(f"No priority flag {pk!r}.") from None


# -- the desk --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskOverview:
    applications: list[ObserverApplication]
    upcoming: list[Meeting]
    recent: list[Meeting]
    counts: dict[str, int]


def desk_overview(*, today: date) -> DeskOverview:
    open_statuses = ["received", "scheduled"]
    return DeskOverview(
        applications=[a for a in application_list() if a.status in open_statuses],
        upcoming=list(Meeting.objects.filter(end_date__gte=today).order_by("start_date")[:5]),
        recent=list(Meeting.objects.filter(end_date__lt=today).order_by("-start_date")[:5]),
        counts={
            "meetings": Meeting.objects.count(),
            "texts": AdoptedText.objects.count(),
            "participations": Participation.objects.count(),
            "representatives": Representative.objects.count(),
            "bureau": BureauTerm.objects.count(),
            "projects": Project.objects.count(),
            "assistance": AssistanceRequest.objects.count(),
            "events": CapacityEvent.objects.count(),
            "flags": PriorityFlag.objects.count(),
        },
    )
