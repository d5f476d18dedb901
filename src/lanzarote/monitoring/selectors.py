"""Reads of the monitoring records. Everything that can be derived is derived here: a round's
scope (the Parties on its launch date, from the registry, plus the States added by decision),
the General Overview Questionnaire obligations (from each Party's entry into force), late and
missing replies, a recommendation's addressees and each one's current compliance, overdue
follow-up, the reservations and declarations that bear on each question and recommendation.
Registry-derived views are cached under keys that hold `registry.selectors.registry_version()`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone, translation

from lanzarote.committee.models import Organisation
from lanzarote.core.errors import NotFound
from lanzarote.core.permissions import allowed, has_role
from lanzarote.core.roles import Role
from lanzarote.monitoring.models import (
    Attachment,
    ComplianceAssessment,
    Contribution,
    Finding,
    FollowUp,
    Observation,
    Question,
    Questionnaire,
    RapporteurAssignment,
    Recommendation,
    Reminder,
    Reply,
    ReplyEvent,
    Report,
    Round,
    ScopeAddition,
    StrengthLevel,
)
from lanzarote.monitoring.rules import (
    AssessmentFact,
    Compliance,
    ReplyStatus,
    Timeliness,
    current_compliance,
    goq_due,
    timeliness,
)
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, LocalizedField, State, TreatyEvent
from lanzarote.treaty_law import CONVENTION, KnownDate, Status

CACHE_SECONDS = registry.CACHE_SECONDS


def goq_period_months() -> int:
    """How long after its entry into force a new Party has to answer the General Overview
    Questionnaire (a setting: the Rules of Procedure that fix it are not in the sources)."""
    return int(getattr(settings, "LANZAROTE_GOQ_PERIOD_MONTHS", 12))


def _convention() -> Any:
    return registry.treaty_get(CONVENTION)


# -- rounds and their scope ----------------------------------------------------------------


def round_list(*, with_counts: bool = False) -> list[Round]:
    rounds = Round.objects.select_related("launch_meeting").order_by("position", "date_earliest")
    if with_counts:
        rounds = rounds.annotate(
            report_count=Count("reports", filter=Q(reports__is_demo=False), distinct=True)
        )
    return list(rounds)


def round_get(slug: str) -> Round:
    try:
        return Round.objects.select_related("launch_meeting", "questionnaire_adopted_meeting").get(
            slug=slug
        )
    except Round.DoesNotExist:
        known = ", ".join(Round.objects.values_list("slug", flat=True))
        raise NotFound(f"Unknown monitoring round {slug!r}; known rounds: {known}.") from None


def strength_levels(round_: Round) -> list[StrengthLevel]:
    return list(StrengthLevel.objects.filter(round=round_).order_by("rank", "slug"))


@dataclass(frozen=True)
class PartiesOn:
    """The Parties on a day as known: certainly, and possibly (a date no source gives)."""

    certain: frozenset[str]
    possible: frozenset[str]


def parties_on(day: date, *, version: str | None = None) -> PartiesOn:
    view = registry.chart_view(_convention(), as_of=day, version=version)
    certain = {row.state for row in view.chart.rows if row.status is Status.PARTY}
    possible = {
        row.state for row in view.chart.rows if row.status is None and Status.PARTY in row.possible
    }
    return PartiesOn(frozenset(certain), frozenset(possible))


@dataclass(frozen=True)
class ScopeEntry:
    state: State
    basis: str  # "party" | "uncertain" | "added"
    addition: ScopeAddition | None = None


@dataclass(frozen=True)
class RoundScope:
    """A round's scope: the Parties on its launch date (from the registry), those whose
    inclusion depends on a date no source gives, and those added by a recorded decision. The
    list a source gives for the round is kept beside it, to show the difference honestly."""

    round: Round
    launch: KnownDate
    entries: tuple[ScopeEntry, ...]
    stated: tuple[str, ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(e.state.code for e in self.entries)

    @property
    def certain(self) -> list[ScopeEntry]:
        return [e for e in self.entries if e.basis == "party"]

    @property
    def uncertain(self) -> list[ScopeEntry]:
        return [e for e in self.entries if e.basis == "uncertain"]

    @property
    def added(self) -> list[ScopeEntry]:
        return [e for e in self.entries if e.basis == "added"]

    @property
    def stated_not_computed(self) -> list[str]:
        return sorted(set(self.stated) - self.codes)

    @property
    def computed_not_stated(self) -> list[str]:
        return sorted(self.codes - set(self.stated)) if self.stated else []

    def states(self) -> list[State]:
        return sorted((e.state for e in self.entries), key=lambda s: s.name)


def _launch_parties(round_: Round, version: str) -> tuple[frozenset[str], frozenset[str]]:
    """Certain and possible Parties over the launch period (a launch known only to the month
    is checked on its first and last possible days)."""
    key = f"monitoring:launch:{round_.date_earliest}:{round_.date_latest}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    days = sorted({d for d in (round_.date_earliest, round_.date_latest) if d is not None})
    if not days:
        result: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    else:
        snapshots = [parties_on(day, version=version) for day in days]
        certain = frozenset.intersection(*(s.certain for s in snapshots))
        anywhere = frozenset.union(*(s.certain | s.possible for s in snapshots))
        result = (certain, anywhere - certain)
    cache.set(key, result, CACHE_SECONDS)
    return result


def round_scope(round_: Round, *, version: str | None = None) -> RoundScope:
    version = version or registry.registry_version()
    certain, uncertain = _launch_parties(round_, version)
    additions = list(ScopeAddition.objects.filter(round=round_).select_related("state", "meeting"))
    added = {a.state_id: a for a in additions}
    codes = certain | uncertain | set(added)
    states = _states(codes)
    entries = []
    for code in sorted(codes, key=lambda c: states[c].name):
        if code in certain:
            entries.append(ScopeEntry(states[code], "party"))
        elif code in added:
            entries.append(ScopeEntry(states[code], "added", added[code]))
        else:
            entries.append(ScopeEntry(states[code], "uncertain"))
    return RoundScope(
        round=round_,
        launch=round_.known_date,
        entries=tuple(entries),
        stated=tuple(round_.stated_scope or ()),
    )


def _states(codes: Iterable[str]) -> dict[str, State]:
    codes = set(codes)
    if not codes:
        return {}
    key = "monitoring:states:" + ",".join(sorted(codes))
    cached = cache.get(key)
    if cached is None:
        cached = State.objects.in_bulk(codes)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


# -- reservations and declarations by article ---------------------------------------------------


@dataclass(frozen=True)
class ReservationFact:
    state: str
    kind: str  # "reservation" | "declaration"
    provision: str
    article: int
    text_en: str
    text_fr: str
    confirmed: bool

    text = LocalizedField("text")


def _article_of(provision: str) -> int | None:
    digits = ""
    for char in provision.strip():
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else None


def reservations_index(
    *, version: str | None = None
) -> dict[str, dict[int, list[ReservationFact]]]:
    """State → article → its reservations and declarations in force (effective events of those
    kinds, less any withdrawal of the same provision)."""
    version = version or registry.registry_version()
    key = f"monitoring:reservations:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    heads = registry.effective_events(_convention())
    withdrawn = {
        (e.state_id, provision)
        for e in heads
        if e.kind == TreatyEvent.Kind.WITHDRAWAL
        for provision in e.provisions
    }
    index: dict[str, dict[int, list[ReservationFact]]] = defaultdict(lambda: defaultdict(list))
    for event in heads:
        if event.kind not in (TreatyEvent.Kind.RESERVATION, TreatyEvent.Kind.DECLARATION):
            continue
        for provision in event.provisions:
            article = _article_of(provision)
            if article is None or (event.state_id, provision) in withdrawn:
                continue
            index[event.state_id][article].append(
                ReservationFact(
                    state=event.state_id,
                    kind=event.kind,
                    provision=provision,
                    article=article,
                    text_en=event.text_en,
                    text_fr=event.text_fr,
                    confirmed=event.confirmed,
                )
            )
    result = {state: dict(articles) for state, articles in index.items()}
    cache.set(key, result, CACHE_SECONDS)
    return result


def reservations_for(
    state_code: str,
    articles: Iterable[int],
    *,
    index: dict[str, dict[int, list[ReservationFact]]] | None = None,
) -> list[ReservationFact]:
    by_article = (index if index is not None else reservations_index()).get(state_code, {})
    return [fact for number in sorted(set(articles)) for fact in by_article.get(number, [])]


def reservations_on_articles(
    articles: Iterable[int], *, states: Iterable[str] | None = None
) -> dict[str, list[ReservationFact]]:
    """For each State (optionally among `states`), its reservations and declarations on any of
    `articles`."""
    index = reservations_index()
    wanted = set(articles)
    keep = set(states) if states is not None else None
    found: dict[str, list[ReservationFact]] = {}
    for code, by_article in index.items():
        if keep is not None and code not in keep:
            continue
        facts = [f for number in sorted(wanted) for f in by_article.get(number, [])]
        if facts:
            found[code] = facts
    return found


# -- questionnaires -------------------------------------------------------------------------


def _questions_prefetch() -> Prefetch:
    return Prefetch(
        "questions",
        queryset=Question.objects.prefetch_related("articles").order_by("position", "id"),
    )


def questionnaire_list(round_: Round | None = None) -> list[Questionnaire]:
    questionnaires = Questionnaire.objects.select_related("round").annotate(
        question_count=Count("questions")
    )
    if round_ is not None:
        questionnaires = questionnaires.filter(round=round_)
    return list(questionnaires.order_by("kind", "round__position", "-version"))


def questionnaire_get(pk: int | str) -> Questionnaire:
    try:
        return (
            Questionnaire.objects.select_related("round")
            .prefetch_related(_questions_prefetch())
            .get(pk=pk)
        )
    except (Questionnaire.DoesNotExist, ValueError):
        raise NotFound(f"Unknown questionnaire {pk!r}.") from None


def current_questionnaire(round_: Round) -> Questionnaire | None:
    """The newest version of the round's questionnaire."""
    return (
        Questionnaire.objects.filter(round=round_, kind=Questionnaire.Kind.THEMATIC)
        .prefetch_related(_questions_prefetch())
        .order_by("-version")
        .first()
    )


def general_questionnaire() -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(kind=Questionnaire.Kind.GENERAL_OVERVIEW)
        .prefetch_related(_questions_prefetch())
        .order_by("-version")
        .first()
    )


def question_get(pk: int | str) -> Question:
    try:
        return (
            Question.objects.select_related("questionnaire__round", "parent")
            .prefetch_related("articles", "sub_questions")
            .get(pk=pk)
        )
    except (Question.DoesNotExist, ValueError):
        raise NotFound(f"Unknown question {pk!r}.") from None


def article_numbers(obj: Any) -> list[int]:
    return sorted(a.number for a in obj.articles.all())


# -- the General Overview Questionnaire ---------------------------------------------------------


@dataclass(frozen=True)
class GoqObligation:
    """A Party's obligation to answer the General Overview Questionnaire, derived from the
    registry: it falls due `period` months after the Convention entered into force for it."""

    state: State
    entry_into_force: KnownDate
    due: KnownDate
    uncertain: bool  # whether it is a Party at all depends on a date no source gives
    is_due: bool  # the due date has certainly passed
    questions: int = 0
    received: int = 0
    slots: int = 0

    @property
    def complete(self) -> bool:
        return self.questions > 0 and self.received >= self.questions

    @property
    def overdue(self) -> bool:
        return self.is_due and not self.complete


def goq_obligations(
    *, as_of: date | None = None, version: str | None = None, with_replies: bool = True
) -> list[GoqObligation]:
    """Every Party's General Overview Questionnaire obligation on `as_of` (default today)."""
    as_of = as_of or timezone.localdate()
    version = version or registry.registry_version()
    months = goq_period_months()
    view = registry.chart_view(_convention(), as_of=as_of, version=version)
    questionnaire = general_questionnaire() if with_replies else None
    counts: dict[str, tuple[int, int]] = {}
    question_total = 0
    if questionnaire is not None:
        question_total = len(questionnaire.questions.all())
        for counted in (
            Reply.objects.filter(question__questionnaire=questionnaire)
            .values("state_id")
            .annotate(
                slots=Count("id"),
                received=Count(
                    "id", filter=Q(status__in=[ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED])
                ),
            )
        ):
            counts[counted["state_id"]] = (counted["slots"], counted["received"])
    obligations = []
    for row in view.chart.rows:
        party = row.status is Status.PARTY
        maybe = row.status is None and Status.PARTY in row.possible
        if not (party or maybe) or row.entry_into_force is None:
            continue
        due = goq_due(row.entry_into_force, months=months)
        slots, received = counts.get(row.state, (0, 0))
        obligations.append(
            GoqObligation(
                state=view.states[row.state],
                entry_into_force=row.entry_into_force,
                due=due,
                uncertain=maybe,
                is_due=due.certainly_on_or_before(as_of),
                questions=question_total,
                received=received,
                slots=slots,
            )
        )
    return sorted(obligations, key=lambda o: (o.due.sort_key, o.state.name))


def goq_obligation_of(state_code: str, *, as_of: date | None = None) -> GoqObligation | None:
    return next(
        (o for o in goq_obligations(as_of=as_of) if o.state.code == state_code.upper()), None
    )


# -- replies --------------------------------------------------------------------------------


def reply_get(pk: int | str) -> Reply:
    try:
        return (
            Reply.objects.select_related("question__questionnaire__round", "state")
            .prefetch_related("question__articles", "attachments")
            .get(pk=pk)
        )
    except (Reply.DoesNotExist, ValueError):
        raise NotFound(f"Unknown reply {pk!r}.") from None


def reply_events(reply: Reply) -> list[ReplyEvent]:
    return list(ReplyEvent.objects.filter(reply=reply).order_by("at", "id"))


def reply_timeliness(reply: Reply, *, today: date | None = None) -> Timeliness:
    return timeliness(
        status=ReplyStatus(reply.status),
        due=reply.due_on,
        submitted_on=timezone.localdate(reply.submitted_at) if reply.submitted_at else None,
        today=today or timezone.localdate(),
    )


def replies_for_state(state_code: str, questionnaire: Questionnaire) -> dict[int, Reply]:
    return {
        r.question_id: r
        for r in Reply.objects.filter(question__questionnaire=questionnaire, state_id=state_code)
    }


def visible_replies(user: Any, queryset: QuerySet[Reply]) -> QuerySet[Reply]:
    """The replies `user` may read (see permission `monitoring.view_reply`)."""
    if has_role(user, Role.SECRETARIAT):
        return queryset
    condition = Q(status=ReplyStatus.PUBLISHED)
    if has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR):
        condition |= Q(state_id=user.state_id)
    if has_role(user, Role.RAPPORTEUR):
        condition |= Q(status=ReplyStatus.SUBMITTED)
    return queryset.filter(condition)


def reply_list(
    *,
    user: Any,
    round_: Round | None = None,
    questionnaire: Questionnaire | None = None,
    state: str | None = None,
    status: str | None = None,
    article: int | None = None,
    include_demo: bool = True,
) -> list[Reply]:
    replies = Reply.objects.select_related("question__questionnaire__round", "state").exclude(
        status=ReplyStatus.NONE
    )
    if round_ is not None:
        replies = replies.filter(question__questionnaire__round=round_)
    if questionnaire is not None:
        replies = replies.filter(question__questionnaire=questionnaire)
    if state:
        replies = replies.filter(state_id=state.upper())
    if status:
        replies = replies.filter(status=status)
    if article is not None:
        replies = replies.filter(question__articles__number=article)
    if not include_demo:
        replies = replies.filter(is_demo=False)
    return list(
        visible_replies(user, replies).order_by(
            "question__questionnaire_id", "question__position", "state__name_en"
        )
    )


# -- the Parties × questions matrix ---------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    question: Question
    reply: Reply | None
    status: str  # as the viewer may see it
    excerpt: str
    late: bool
    missing: bool
    observation: Observation | None
    reservations: tuple[ReservationFact, ...]


@dataclass(frozen=True)
class MatrixRow:
    state: State
    basis: str
    cells: tuple[MatrixCell, ...]

    @property
    def received(self) -> int:
        return sum(
            1 for c in self.cells if c.status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED)
        )

    @property
    def late(self) -> int:
        return sum(1 for c in self.cells if c.late)

    @property
    def missing(self) -> int:
        return sum(1 for c in self.cells if c.missing)


@dataclass(frozen=True)
class Matrix:
    round: Round
    questionnaire: Questionnaire | None
    questions: list[Question]
    rows: list[MatrixRow]
    scope: RoundScope
    today: date
    filters: dict[str, Any] = field(default_factory=dict)
    # Observations on the replies of all the Parties to a question, by question id.
    general_observations: dict[int, Observation] = field(default_factory=dict)

    @property
    def is_demo(self) -> bool:
        return bool(self.questionnaire and self.questionnaire.is_demo)


HIDDEN = "not_submitted"  # a Party's drafts are its own business until submitted


def _shown_status(reply: Reply | None, user: Any, *, may_see_drafts: set[str]) -> str:
    if reply is None:
        return ReplyStatus.NONE.value
    if reply.status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
        return reply.status
    if reply.state_id in may_see_drafts:
        return reply.status
    return HIDDEN if reply.status != ReplyStatus.NONE else ReplyStatus.NONE.value


def _excerpt(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def round_matrix(
    round_: Round,
    *,
    user: Any,
    questionnaire: Questionnaire | None = None,
    status: str | None = None,
    state: str | None = None,
    article: int | None = None,
    today: date | None = None,
) -> Matrix:
    """Parties in scope × the questionnaire's questions: each reply's status as the viewer may
    see it, an excerpt where they may read it, late/missing flags, the latest observation and the
    Party's reservations on the question's articles. A fixed number of queries."""
    today = today or timezone.localdate()
    questionnaire = questionnaire or current_questionnaire(round_)
    version = registry.registry_version()
    scope = round_scope(round_, version=version)
    # The questionnaire's questions come prefetched with their articles.
    questions: list[Question] = list(questionnaire.questions.all()) if questionnaire else []
    if article is not None:
        questions = [q for q in questions if article in {a.number for a in q.articles.all()}]
    entries = [e for e in scope.entries if not state or e.state.code == state.upper()]
    codes = [e.state.code for e in entries]
    replies: dict[tuple[int, str], Reply] = {}
    observations: dict[tuple[int, str | None], Observation] = {}
    if questions and codes:
        for found in Reply.objects.filter(question__in=questions, state_id__in=codes):
            replies[(found.question_id, found.state_id)] = found
        for observation in Observation.objects.filter(
            question__in=questions, superseded_by__isnull=True
        ).order_by("written_at", "id"):
            observations[(observation.question_id, observation.state_id)] = observation
    index = reservations_index(version=version)
    secretariat = has_role(user, Role.SECRETARIAT)
    rapporteur = has_role(user, Role.RAPPORTEUR)
    own = (
        getattr(user, "state_id", None)
        if has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR)
        else None
    )
    may_see_drafts = set(codes) if secretariat else ({own} if own else set())
    rows = []
    for entry in entries:
        cells = []
        for question in questions:
            reply = replies.get((question.pk, entry.state.code))
            shown = _shown_status(reply, user, may_see_drafts=may_see_drafts)
            readable = reply is not None and (
                reply.status == ReplyStatus.PUBLISHED
                or secretariat
                or entry.state.code == own
                or (rapporteur and reply.status == ReplyStatus.SUBMITTED)
            )
            due = reply.due_on if reply is not None else round_.replies_due
            timing = timeliness(
                status=ReplyStatus(reply.status) if reply is not None else ReplyStatus.NONE,
                due=due,
                submitted_on=timezone.localdate(reply.submitted_at)
                if reply is not None and reply.submitted_at
                else None,
                today=today,
            )
            cells.append(
                MatrixCell(
                    question=question,
                    reply=reply,
                    status=shown,
                    excerpt=_excerpt(reply.text) if readable and reply is not None else "",
                    late=timing.late,
                    missing=timing.missing,
                    observation=observations.get((question.pk, entry.state.code)),
                    reservations=tuple(
                        reservations_for(
                            entry.state.code,
                            (a.number for a in question.articles.all()),
                            index=index,
                        )
                    ),
                )
            )
        row = MatrixRow(state=entry.state, basis=entry.basis, cells=tuple(cells))
        if status and not any(_cell_matches(c, status) for c in row.cells):
            continue
        rows.append(row)
    return Matrix(
        round=round_,
        questionnaire=questionnaire,
        questions=questions,
        rows=rows,
        scope=scope,
        today=today,
        filters={"status": status, "state": state, "article": article},
        general_observations={
            q_id: item for (q_id, code), item in observations.items() if code is None
        },
    )


def _cell_matches(cell: MatrixCell, status: str) -> bool:
    if status == "late":
        return cell.late
    if status == "missing":
        return cell.missing
    return cell.status == status


# -- contributions ---------------------------------------------------------------------------


def visible_contributions(user: Any, queryset: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """The same rule as the `monitoring.view_contribution` permission, as a query."""
    if has_role(user, Role.SECRETARIAT):
        return queryset
    condition = Q(status=Contribution.Status.PUBLISHED)
    if has_role(user, Role.RAPPORTEUR):
        # Not a children's contribution the screen holds: only its sender and the secretariat.
        condition |= ~Q(source=Contribution.Source.CHILDREN) | Q(
            screening__in=Contribution.PUBLISHABLE_SCREENING
        )
    organisation = organisation_for(user)
    if organisation is not None:
        condition |= Q(organisation=organisation)
    return queryset.filter(condition)


def contribution_list(
    *,
    user: Any,
    round_: Round | None = None,
    source: str | None = None,
    state: str | None = None,
    question: int | None = None,
    include_demo: bool = True,
) -> list[Contribution]:
    contributions = Contribution.objects.select_related("round", "organisation").prefetch_related(
        "states", "questions"
    )
    if round_ is not None:
        contributions = contributions.filter(round=round_)
    if source:
        contributions = contributions.filter(source=source)
    if state:
        contributions = contributions.filter(states__code=state.upper())
    if question is not None:
        contributions = contributions.filter(questions__pk=question)
    if not include_demo:
        contributions = contributions.filter(is_demo=False)
    return list(
        visible_contributions(user, contributions).distinct().order_by("-submitted_at", "-id")
    )


def contribution_get(pk: int | str, *, user: Any) -> Contribution:
    try:
        contribution = (
            Contribution.objects.select_related("round", "organisation")
            .prefetch_related("states", "questions")
            .get(pk=pk)
        )
    except (Contribution.DoesNotExist, ValueError):
        raise NotFound(f"Unknown contribution {pk!r}.") from None
    if not allowed(user, "monitoring.view_contribution", contribution=contribution) and (
        contribution.status != Contribution.Status.PUBLISHED
    ):
        raise NotFound(f"Unknown contribution {pk!r}.")
    return contribution


def organisation_for(user: Any) -> Any:
    """The observer organisation named on an observer's account, if the Committee knows it."""
    own = (getattr(user, "organisation", "") or "").strip()
    if not own or not has_role(user, Role.OBSERVER):
        return None
    return (
        Organisation.objects.filter(
            Q(slug__iexact=own)
            | Q(acronym__iexact=own)
            | Q(name_en__iexact=own)
            | Q(name_fr__iexact=own)
        )
        .order_by("id")
        .first()
    )


# -- rapporteurs and observations -------------------------------------------------------------


def rapporteur_ids(question: Question) -> set[int]:
    return set(
        RapporteurAssignment.objects.filter(question=question).values_list(
            "rapporteur_id", flat=True
        )
    )


def assignments(round_: Round) -> list[RapporteurAssignment]:
    return list(
        RapporteurAssignment.objects.filter(question__questionnaire__round=round_)
        .select_related("question", "rapporteur__state")
        .order_by("question__position", "rapporteur__username")
    )


def assignments_of(user: Any) -> list[RapporteurAssignment]:
    return list(
        RapporteurAssignment.objects.filter(rapporteur=user)
        .select_related("question__questionnaire__round")
        .order_by("question__questionnaire_id", "question__position")
    )


def observations_of(question: Question) -> list[Observation]:
    return list(
        Observation.objects.filter(question=question, superseded_by__isnull=True)
        .select_related("state")
        .order_by("state_id", "written_at")
    )


# -- reports, recommendations, compliance -----------------------------------------------------


def report_list(*, round_: Round | None = None, include_demo: bool = True) -> list[Report]:
    reports = Report.objects.select_related("round", "meeting").annotate(
        recommendation_count=Count("recommendations")
    )
    if round_ is not None:
        reports = reports.filter(round=round_)
    if not include_demo:
        reports = reports.filter(is_demo=False)
    return list(reports.order_by("round__position", "date_earliest", "id"))


def report_get(slug: str) -> Report:
    try:
        return (
            Report.objects.select_related("round", "meeting")
            .prefetch_related(
                Prefetch("findings", queryset=_findings()),
            )
            .get(slug=slug)
        )
    except Report.DoesNotExist:
        raise NotFound(f"Unknown report {slug!r}.") from None


def _findings() -> QuerySet[Any]:
    return Finding.objects.prefetch_related("articles").order_by("position", "id")


def _recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("report__round", "strength").prefetch_related(
        "articles", "addressees", "questions", "responding_projects"
    )


def recommendation_get(pk: int | str) -> Recommendation:
    try:
        return _recommendations().get(pk=pk)
    except (Recommendation.DoesNotExist, ValueError):
        raise NotFound(f"Unknown recommendation {pk!r}.") from None


def addressee_codes(
    recommendation: Recommendation, *, scope: RoundScope | None = None
) -> list[str]:
    """All the Parties in the round's scope, or the Parties it names."""
    if recommendation.addressed_to_all:
        scope = scope or round_scope(recommendation.report.round)
        return sorted(scope.codes)
    return sorted(s.code for s in recommendation.addressees.all())


@dataclass(frozen=True)
class AddresseeStatus:
    state: State
    compliance: Compliance
    assessments: tuple[ComplianceAssessment, ...]  # oldest first, all kept
    follow_ups: tuple[FollowUp, ...]
    follow_up_due: date | None
    overdue: bool
    reservations: tuple[ReservationFact, ...]

    @property
    def latest(self) -> ComplianceAssessment | None:
        heads = [a for a in self.assessments if not _is_superseded(a, self.assessments)]
        return max(heads, key=lambda a: (a.assessed_on, a.id), default=None)


def _is_superseded(assessment: ComplianceAssessment, among: Sequence[ComplianceAssessment]) -> bool:
    return any(other.supersedes_id == assessment.pk for other in among)


def follow_up_due(recommendation: Recommendation) -> date | None:
    return recommendation.follow_up_due or recommendation.report.follow_up_due


@dataclass(frozen=True)
class RecommendationView:
    recommendation: Recommendation
    addressees: list[AddresseeStatus]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((c.value for c in Compliance), 0)
        for entry in self.addressees:
            counts[entry.compliance.value] += 1
        return counts

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.addressees if a.overdue)


def recommendation_views(
    recommendations: Sequence[Recommendation],
    *,
    today: date | None = None,
    state: str | None = None,
) -> list[RecommendationView]:
    """Each recommendation with its addressees, their current compliance, the full history of
    assessments and follow-up, and overdue flags — in four queries whatever the number."""
    today = today or timezone.localdate()
    ids = [r.pk for r in recommendations]
    assessments: dict[tuple[int, str], list[ComplianceAssessment]] = defaultdict(list)
    follow_ups: dict[tuple[int, str], list[FollowUp]] = defaultdict(list)
    if ids:
        for assessment in (
            ComplianceAssessment.objects.filter(recommendation_id__in=ids)
            .select_related("meeting")
            .order_by("assessed_on", "id")
        ):
            assessments[(assessment.recommendation_id, assessment.state_id)].append(assessment)
        for follow_up in FollowUp.objects.filter(recommendation_id__in=ids).order_by(
            "submitted_at", "id"
        ):
            follow_ups[(follow_up.recommendation_id, follow_up.state_id)].append(follow_up)
    scopes: dict[int, RoundScope] = {}
    index = reservations_index()
    views = []
    for recommendation in recommendations:
        round_ = recommendation.report.round
        if round_.pk not in scopes and recommendation.addressed_to_all:
            scopes[round_.pk] = round_scope(round_)
        codes = addressee_codes(recommendation, scope=scopes.get(round_.pk))
        if state:
            codes = [c for c in codes if c == state.upper()]
        states = _states(codes)
        due = follow_up_due(recommendation)
        numbers = [a.number for a in recommendation.articles.all()]
        entries = []
        for code in codes:
            history = assessments.get((recommendation.pk, code), [])
            superseded = {a.supersedes_id for a in history if a.supersedes_id}
            facts = [
                AssessmentFact(a.pk, a.assessed_on, Compliance(a.status), a.pk in superseded)
                for a in history
            ]
            sent = follow_ups.get((recommendation.pk, code), [])
            entries.append(
                AddresseeStatus(
                    state=states[code],
                    compliance=current_compliance(facts),
                    assessments=tuple(history),
                    follow_ups=tuple(sent),
                    follow_up_due=due,
                    overdue=bool(due and today > due and not sent),
                    reservations=tuple(reservations_for(code, numbers, index=index)),
                )
            )
        entries.sort(key=lambda e: e.state.name)
        views.append(RecommendationView(recommendation, entries))
    return views


def recommendation_list(
    *,
    round_: Round | None = None,
    report: Report | None = None,
    strength: str | None = None,
    state: str | None = None,
    article: int | None = None,
    include_demo: bool = True,
) -> list[Recommendation]:
    recommendations = _recommendations()
    if round_ is not None:
        recommendations = recommendations.filter(report__round=round_)
    if report is not None:
        recommendations = recommendations.filter(report=report)
    if strength:
        recommendations = recommendations.filter(strength__slug=strength)
    if article is not None:
        recommendations = recommendations.filter(articles__number=article)
    if not include_demo:
        recommendations = recommendations.filter(is_demo=False)
    found = list(
        recommendations.distinct().order_by(
            "report__round__position", "report_id", "position", "id"
        )
    )
    if state:
        code = state.upper()
        scopes: dict[int, frozenset[str]] = {}
        kept = []
        for recommendation in found:
            if recommendation.addressed_to_all:
                round_id = recommendation.report.round_id
                if round_id not in scopes:
                    scopes[round_id] = round_scope(recommendation.report.round).codes
                if code in scopes[round_id]:
                    kept.append(recommendation)
            elif code in {s.code for s in recommendation.addressees.all()}:
                kept.append(recommendation)
        found = kept
    return found


# -- dashboards -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundDashboard:
    round: Round
    scope: RoundScope
    questionnaire: Questionnaire | None
    expected: int
    received: int
    late: int
    missing: int
    not_yet_due: int
    by_state: list[tuple[State, int, int, int]]  # state, received, late, missing
    strengths: list[tuple[str, str, int]]  # slug, label, count
    compliance: dict[str, int]
    overdue_follow_up: int
    recommendations: int
    reports: list[Report]
    contributions: dict[str, int]
    is_demo: bool


def round_dashboard(
    round_: Round, *, user: Any, today: date | None = None, include_demo: bool = True
) -> RoundDashboard:
    today = today or timezone.localdate()
    matrix = round_matrix(round_, user=user, today=today)
    received = sum(r.received for r in matrix.rows)
    late = sum(r.late for r in matrix.rows)
    missing = sum(r.missing for r in matrix.rows)
    expected = len(matrix.rows) * len(matrix.questions)
    recommendations = recommendation_list(round_=round_, include_demo=include_demo)
    views = recommendation_views(recommendations, today=today)
    by_strength: dict[str, int] = defaultdict(int)
    for recommendation in recommendations:
        by_strength[recommendation.strength.slug if recommendation.strength else ""] += 1
    strengths = [
        (level.slug, level.label, by_strength.get(level.slug, 0))
        for level in strength_levels(round_)
    ]
    if by_strength.get(""):
        strengths.append(("", "", by_strength[""]))
    compliance = dict.fromkeys((c.value for c in Compliance), 0)
    for view in views:
        for key, value in view.counts().items():
            compliance[key] += value
    contribution_rows = Contribution.objects.filter(round=round_)
    if not has_role(user, Role.SECRETARIAT):
        contribution_rows = contribution_rows.filter(status=Contribution.Status.PUBLISHED)
    if not include_demo:
        contribution_rows = contribution_rows.filter(is_demo=False)
    contributions = {
        row["source"]: row["n"]
        for row in contribution_rows.values("source").annotate(n=Count("id")).order_by("source")
    }
    return RoundDashboard(
        round=round_,
        scope=matrix.scope,
        questionnaire=matrix.questionnaire,
        expected=expected,
        received=received,
        late=late,
        missing=missing,
        not_yet_due=max(0, expected - received - missing),
        by_state=[(row.state, row.received, row.late, row.missing) for row in matrix.rows],
        strengths=strengths,
        compliance=compliance,
        overdue_follow_up=sum(v.overdue for v in views),
        recommendations=len(recommendations),
        reports=report_list(round_=round_, include_demo=include_demo),
        contributions=contributions,
        is_demo=matrix.is_demo,
    )


@dataclass(frozen=True)
class StateRound:
    round: Round
    in_scope: bool
    basis: str
    questions: int
    received: int
    late: int
    missing: int
    is_demo: bool


@dataclass(frozen=True)
class StateDashboard:
    state: State
    rounds: list[StateRound]
    goq: GoqObligation | None
    recommendations: list[RecommendationView]
    compliance: dict[str, int]
    overdue_follow_up: int
    reservations: dict[int, list[ReservationFact]]


def state_dashboard(
    state: State, *, user: Any, today: date | None = None, include_demo: bool = True
) -> StateDashboard:
    today = today or timezone.localdate()
    rounds = []
    for round_ in round_list():
        matrix = round_matrix(round_, user=user, state=state.code, today=today)
        row = matrix.rows[0] if matrix.rows else None
        rounds.append(
            StateRound(
                round=round_,
                in_scope=row is not None,
                basis=row.basis if row else "",
                questions=len(matrix.questions),
                received=row.received if row else 0,
                late=row.late if row else 0,
                missing=row.missing if row else 0,
                is_demo=matrix.is_demo,
            )
        )
    recommendations = recommendation_list(state=state.code, include_demo=include_demo)
    views = recommendation_views(recommendations, today=today, state=state.code)
    compliance = dict.fromkeys((c.value for c in Compliance), 0)
    for view in views:
        for key, value in view.counts().items():
            compliance[key] += value
    return StateDashboard(
        state=state,
        rounds=rounds,
        goq=goq_obligation_of(state.code, as_of=today),
        recommendations=views,
        compliance=compliance,
        overdue_follow_up=sum(v.overdue for v in views),
        reservations=reservations_index().get(state.code, {}),
    )


# -- small reads used by the pages --------------------------------------------------------------


def reminders(round_: Round) -> list[Reminder]:
    return list(
        Reminder.objects.filter(questionnaire__round=round_)
        .select_related("state")
        .order_by("-sent_at")
    )


def attachments(reply: Reply) -> list[Attachment]:
    return list(Attachment.objects.filter(reply=reply).order_by("uploaded_at", "id"))


def convention_articles() -> list[Article]:
    return registry.articles(_convention())


def state_names() -> dict[str, str]:
    """Names of the States in the active language (a reference table: cached for ten minutes)."""
    key = f"monitoring:state-names:{translation.get_language() or 'en'}"
    names = cache.get(key)
    if names is None:
        names = {s.code: s.name for s in state_choices()}
        cache.set(key, names, 600)
    return names


def state_choices() -> list[State]:
    return list(State.objects.filter(kind=State.Kind.STATE).order_by("name_en"))
