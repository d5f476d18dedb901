"""Registry endpoints: treaties, charts, events, States, eligibility and the date rules."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from lanzarote.core import versions
from lanzarote.core.api import Endpoints
from lanzarote.core.dates import parse_iso_date, parse_known_on, parse_required_date
from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.lists import MAX_LIMIT, MAX_OFFSET
from lanzarote.core.http.responses import dumps, json_bytes_response
from lanzarote.registry import notifications, presenters, selectors
from lanzarote.registry.clauses import remember_stored_clauses
from lanzarote.registry.in_force import InForce, in_force_by_treaty
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.registry.rules import answer_entry_into_force
from lanzarote.registry.schemas import (
    ChartOut,
    EligibilityOut,
    EventOut,
    NotificationOut,
    RuleAnswerOut,
    StandingOut,
    StandingsPageOut,
    StateOut,
    StateProfileOut,
    TreatyOut,
)
from lanzarote.registry.standings import standings_page
from lanzarote.treaty_law import CONVENTION

router = Router(tags=["registry"])
# Every read here is the same for every client: cached and sent with ETag and Cache-Control.
api = Endpoints(
    router,
    read_decorators=(public_cache(versions.REGISTRY, versions.ACCESSION, vary_on_cookie=False),),
)
# Treaties per page of a State's standings: some 25 KB of JSON.
STANDINGS_PAGE = 50


def _cached_json(key: str, build: Callable[[str], object]) -> HttpResponse:
    """The answer `build(version)` makes from the log at `version`, cached under it."""
    version = selectors.registry_version()
    full_key = f"api:{get_language()}:{key}:{version}"
    body = cache.get(full_key)
    if body is None:
        body = dumps(build(version))
        cache.set(full_key, body, selectors.CACHE_SECONDS)
    return json_bytes_response(body)


def _treaty_out(treaty: Treaty, entry: InForce) -> dict:
    return {
        "slug": treaty.slug,
        "number": treaty.number,
        "title": treaty.title,
        "title_en": treaty.title_en,
        "title_fr": treaty.title_fr,
        "short_title": treaty.short_title,
        "opened_for_signature": treaty.opened_for_signature.isoformat()
        if treaty.opened_for_signature
        else None,
        "opened_at": presenters.localized(treaty, "opened_at"),
        "depositary": presenters.localized(treaty, "depositary"),
        "entry_into_force": presenters.rule_answer(entry),
        "sources": treaty.sources,
    }


@api.read("/treaties", list[TreatyOut], "Treaties in the registry", errors={})
def treaties(request: HttpRequest) -> list[dict]:
    found = selectors.treaty_list()
    entries = _entries_into_force(found)
    return [_treaty_out(treaty, entries[treaty.pk]) for treaty in found]


def _entries_into_force(treaties: list[Treaty]) -> dict[int, InForce]:
    """Each treaty's own entry into force as its charts use it: cached per version of the log
    (one round trip to the cache for every treaty), not folded from each treaty's log."""
    # The version token the page cache already holds; the clauses from the rows already read.
    version = versions.current(versions.REGISTRY)
    remember_stored_clauses(treaties)
    return in_force_by_treaty(
        treaties, version=version, members=selectors.membership(version=version)
    )


@api.read("/treaties/{slug}", TreatyOut, "One treaty")
def treaty(request: HttpRequest, slug: str) -> dict:
    found = selectors.treaty_get(slug)
    return _treaty_out(found, _entries_into_force([found])[found.pk])


@api.read(
    "/treaties/{slug}/chart",
    ChartOut,
    "Chart of signatures and ratifications on a date",
    description="`as_of` is the legal date (default today); `known_on` replays the log as it was "
    "recorded at that moment (ISO date or date-time); `explain=true` adds to every row the "
    "sentences that justify its status.",
)
def chart(
    request: HttpRequest,
    slug: str,
    as_of: str | None = None,
    known_on: str | None = None,
    explain: bool = False,
):
    day = parse_iso_date(as_of, field="as_of")
    recorded = parse_known_on(known_on)

    def build(version: str) -> dict:
        view = selectors.chart_view(
            selectors.treaty_get(slug), as_of=day, known_on=recorded, version=version
        )
        return presenters.chart(view, explain=explain)

    # The treaty is looked up only on a cache miss: an unknown slug is never cached.
    return _cached_json(f"chart:{slug}:{day}:{recorded}:{explain}", build)


@api.read("/treaties/{slug}/events", list[EventOut], "The treaty-action log (paginated)")
@paginate
def events(
    request: HttpRequest,
    slug: str,
    state: str | None = None,
    kind: str | None = None,
    include_superseded: bool = False,
):
    treaty = selectors.treaty_get(slug)
    if kind and kind not in TreatyEvent.Kind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(TreatyEvent.Kind.values)}; got {kind!r}.", field="kind"
        )
    if state:
        selectors.state_get(state)
    queryset = selectors.event_list(
        treaty, state=state, kind=kind, include_superseded=include_superseded
    )
    return PresentedEvents(queryset)


class PresentedEvents:
    """Lets the paginator slice the queryset, then presents only the page."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [presenters.event(e) for e in self.queryset[item]]


@api.read("/states", list[StateOut], "States and the EU")
def states(
    request: HttpRequest,
    kind: str | None = None,
    council_of_europe_member: bool | None = None,
    as_of: str | None = None,
) -> list[dict]:
    if kind and kind not in State.Kind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(State.Kind.values)}; got {kind!r}.", field="kind"
        )
    day = parse_iso_date(as_of, field="as_of")
    return [
        {
            "code": s.code,
            "alpha3": s.alpha3,
            "numeric": s.numeric or None,
            "name": s.name,
            "name_en": s.name_en,
            "name_fr": s.name_fr,
            "kind": s.kind,
        }
        for s in selectors.state_list(kind=kind, member=council_of_europe_member, as_of=day)
    ]


@api.read("/states/{code}", StateProfileOut, "A State's standing under every treaty on a date")
def state(request: HttpRequest, code: str, as_of: str | None = None):
    day = parse_iso_date(as_of, field="as_of")
    # The State is looked up only on a cache miss: an unknown code is never cached.
    return _cached_json(
        f"profile:{code.upper()}:{day}",
        lambda version: presenters.profile(
            selectors.state_profile(code, as_of=day, version=version)
        ),
    )


class StandingsWindow(Schema):
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many treaties to skip")
    limit: int = Field(
        STANDINGS_PAGE,
        ge=1,
        le=MAX_LIMIT,
        description=f"How many treaties at most (default {STANDINGS_PAGE}, ≤ {MAX_LIMIT})",
    )


@api.read(
    "/states/{code}/standings",
    StandingsPageOut,
    "A State's standing under every treaty, compact and by pages",
    description="For each treaty (in slug order, `offset`/`limit`): the State's row of the "
    "treaty's chart on `as_of`, its route to becoming a Party and how many data warnings there "
    "are, with the address of the full standing (`detail`: events, explanations, notes). "
    "`count` is the number of treaties. The full profile (`/states/{code}`) carries every "
    "treaty's events and explanations at once, megabytes for a registry of hundreds of treaties.",
)
def standings(
    request: HttpRequest, code: str, window: Query[StandingsWindow], as_of: str | None = None
):
    day = parse_iso_date(as_of, field="as_of")
    base = request.path.rsplit("/", 1)[0]
    detail = f"{base}/treaties/{{treaty}}?as_of={day.isoformat()}"
    # The State is looked up only on a cache miss: an unknown code is never cached.
    return _cached_json(
        f"standings:{code.upper()}:{day}:{window.offset}:{window.limit}",
        lambda version: presenters.standings_page(
            standings_page(
                code, as_of=day, offset=window.offset, limit=window.limit, version=version
            ),
            detail=detail,
        ),
    )


@api.read(
    "/states/{code}/treaties/{slug}",
    StandingOut,
    "A State's full standing under one treaty on a date",
    description="The State's row of the treaty's chart with its explanation, its route to "
    "becoming a Party, its events, reservations and declarations, notes and data warnings: one "
    "treaty's entry of the full profile.",
)
def standing(request: HttpRequest, code: str, slug: str, as_of: str | None = None):
    day = parse_iso_date(as_of, field="as_of")
    found = selectors.state_get(code)
    treaty = selectors.treaty_get(slug)
    return _cached_json(
        f"standing:{found.code}:{slug}:{day}",
        lambda version: presenters.standing(
            selectors.standing_of(treaty, found, as_of=day, version=version), found
        ),
    )


@api.read("/states/{code}/eligibility", EligibilityOut, "How a State can join a treaty")
def eligibility(
    request: HttpRequest, code: str, treaty: str = CONVENTION, as_of: str | None = None
):
    day = parse_iso_date(as_of, field="as_of")
    found = selectors.state_get(code)
    selectors.treaty_get(treaty)
    return _cached_json(
        f"eligibility:{found.code}:{treaty}:{day}",
        lambda version: presenters.eligibility(
            selectors.eligibility_of(found.code, treaty_slug=treaty, as_of=day, version=version)
        ),
    )


@api.read(
    "/rules/{slug}/entry-into-force",
    RuleAnswerOut,
    "Entry into force for a State depositing on a date",
)
def rule_entry_into_force(
    request: HttpRequest, slug: str, deposited: str, instrument: str = "ratification"
):
    treaty = selectors.treaty_get(slug)
    day = parse_required_date(deposited, field="deposited")
    return presenters.rule_answer(
        answer_entry_into_force(treaty, instrument=instrument, deposited=day)
    )


@api.read(
    "/notifications",
    list[NotificationOut],
    "Depositary notifications, newest first (paginated)",
    description="The numbered notifications of Art. 50 CETS 201, in the language asked for by "
    "`Accept-Language` (`subject`, `text`) and in both languages (`*_en`, `*_fr`). Filter by "
    "`treaty` (slug) and `state` (ISO 3166-1 alpha-2 code).",
)
@paginate
def notification_list(request: HttpRequest, treaty: str | None = None, state: str | None = None):
    queryset = notifications.notification_list(
        treaty=selectors.treaty_get(treaty) if treaty else None,
        state=selectors.state_get(state) if state else None,
    )
    return PresentedNotifications(queryset)


class PresentedNotifications(PresentedEvents):
    def __getitem__(self, item):
        return [notifications.notification_data(n) for n in self.queryset[item]]


@api.read("/notifications/{number}", NotificationOut, "One depositary notification")
def notification(request: HttpRequest, number: str):
    return notifications.notification_data(notifications.notification_get(number))
