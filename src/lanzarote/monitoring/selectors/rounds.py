"""Reads of rounds and their scope (derived from the registry on the launch date), the
reservations and declarations that bear on each article, and the registry lists the pages use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import translation

from lanzarote.core.errors import NotFound
from lanzarote.core.text import sorted_by_name
from lanzarote.monitoring.models import (
    Round,
    ScopeAddition,
    StrengthLevel,
)
from lanzarote.monitoring.selectors._common import CACHE_SECONDS, _convention
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, LocalizedField, State, TreatyEvent
from lanzarote.treaty_law import KnownDate, Status


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
        return sorted_by_name((e.state for e in self.entries), lambda s: s.name)


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
    for code in sorted_by_name(codes, lambda c: states[c].name):
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
    return sorted_by_name(State.objects.filter(kind=State.Kind.STATE), lambda s: s.name)
