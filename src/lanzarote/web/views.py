"""The public pages. Each view parses its input, asks a selector and hands the answer to a
template; rows are arranged by `lanzarote.web.display`, and the open-data shapes come from
`registry.presenters`, so a page, its downloads and the API say the same thing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.core import versions
from lanzarote.core.errors import NotFound
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.downloads import csv_download, json_download
from lanzarote.core.http.pages import bad_query
from lanzarote.core.text import sorted_by_name
from lanzarote.registry import presenters, selectors
from lanzarote.registry.models import State, Treaty
from lanzarote.treaty_law import CONVENTION, Route, get_final_clauses
from lanzarote.web import display, way_in
from lanzarote.web.forms import (
    AsOfForm,
    ChartQueryForm,
    RequestLetterForm,
    StateChoiceForm,
    StateIndexForm,
)
from lanzarote.web.maps.statuses import AccessionStep, accession_step

# Every page here shows the registry, and the map and State pages the public accession cases.
registry_page = public_cache(versions.REGISTRY, versions.ACCESSION)


def _treaty_or_404(slug: str) -> Treaty:
    try:
        return selectors.treaty_get(slug)
    except NotFound:
        raise Http404(
            _("There is no treaty “%(slug)s” here. The treaties shown are CETS 201 and the OPSC.")
            % {"slug": slug}
        ) from None


def _partial_wanted(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def _render_list(
    request: HttpRequest,
    page: str,
    partial: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    template = partial if _partial_wanted(request) else page
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _download_name(*parts: str) -> str:
    return "-".join(parts)


def query_download(
    shown: Callable[..., tuple[forms.Form, dict[str, Any]]],
) -> Callable[[Callable[[dict[str, Any]], HttpResponse]], Callable[..., HttpResponseBase]]:
    """A download of what a page shows, for the same query: `shown(request, **url_kwargs)` reads
    the query into the page's form and context; an invalid query answers 400 with what was
    wrong (a download never falls back to the page), a valid one gets the file the decorated
    function makes of the context.

        @query_download(_state_index)
        def states_json(context): return json_download(..., name)
    """

    def decorate(
        make_file: Callable[[dict[str, Any]], HttpResponse],
    ) -> Callable[..., HttpResponseBase]:
        @require_GET
        @registry_page
        @wraps(make_file)
        def download(request: HttpRequest, **url_kwargs: Any) -> HttpResponse:
            form, context = shown(request, **url_kwargs)
            if not form.is_valid():
                return bad_query(form)
            return make_file(context)

        return download

    return decorate


def _filters(form: ChartQueryForm | StateIndexForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "q": data["q"],
        "status": data["status"],
        "member": data.get("member", ""),
        "sort": data["sort"],
        "dir": data["dir"],
    }


def _list_context[R: (display.ChartRow, display.StateRow)](
    form: ChartQueryForm | StateIndexForm,
    as_of: date,
    rows: list[R],
    sort: Callable[..., list[R]],
) -> dict[str, Any]:
    """A list page's rows as the query filters and sorts them (`sort` the list's own order),
    with the query that reproduces what is shown, for sort links and downloads."""
    filters = _filters(form)
    found = display.filter_rows(
        rows, q=filters["q"], status=filters["status"], member=filters["member"]
    )
    base = {"as_of": as_of.isoformat(), "q": filters["q"], "status": filters["status"]}
    if filters["member"]:
        base["member"] = filters["member"]
    base = {k: v for k, v in base.items() if v}
    full = {**base, "sort": filters["sort"], "dir": filters["dir"]}
    return {
        "as_of": as_of,
        "rows": sort(found, sort=filters["sort"], direction=filters["dir"]),
        "total_rows": len(rows),
        "filters": filters,
        "base_query": base,
        "download_query": urlencode(full),
    }


# -- home ------------------------------------------------------------------------------------


@require_GET
@registry_page
def home(request: HttpRequest) -> HttpResponse:
    treaty = _treaty_or_404(CONVENTION)
    today = timezone.localdate()
    view = selectors.chart_view(treaty, as_of=today)
    members = selectors.membership()
    rows = display.chart_rows(view, lambda code: members.is_member(code, today))
    return render(
        request,
        "web/home.html",
        {
            "treaty": treaty,
            "today": today,
            "figures": display.key_figures(view, rows),
            "entry_into_force": view.chart.entry_into_force,
        },
    )


# -- the chart -------------------------------------------------------------------------------


def _chart(request: HttpRequest, slug: str) -> tuple[ChartQueryForm, dict[str, Any]]:
    treaty = _treaty_or_404(slug)
    form = ChartQueryForm(request.GET, with_membership=slug == CONVENTION)
    context: dict[str, Any] = {
        "treaty": treaty,
        "form": form,
        "with_membership": slug == CONVENTION,
    }
    if not form.is_valid():
        return form, context
    as_of: date = form.cleaned_data["as_of"]
    view = selectors.chart_view(treaty, as_of=as_of)
    member_on = None
    if slug == CONVENTION:
        members = selectors.membership()

        def member_on(code: str) -> bool | None:
            return members.is_member(code, as_of)

    rows = display.chart_rows(view, member_on)
    context.update(
        {
            "view": view,
            "warning_rows": [r for r in rows if r.warning is not None],
            **_list_context(form, as_of, rows, display.sort_chart_rows),
        }
    )
    return form, context


@require_GET
@registry_page
def chart(request: HttpRequest, slug: str) -> HttpResponse:
    form, context = _chart(request, slug)
    return _render_list(
        request,
        "web/chart.html",
        "web/_chart_results.html",
        context,
        status=200 if form.is_valid() else 400,
    )


def _chart_file(context: dict[str, Any]) -> str:
    return _download_name(context["treaty"].slug, "chart", context["as_of"].isoformat())


@query_download(_chart)
def chart_csv(context: dict[str, Any]) -> HttpResponse:
    everything = {row["state"]: row for row in presenters.chart_csv_rows(context["view"])}
    rows = [everything[row.code] for row in context["rows"]]
    fields = list(next(iter(everything.values())).keys()) if everything else ["state", "name"]
    return csv_download(rows, fields, _chart_file(context))


@query_download(_chart)
def chart_json(context: dict[str, Any]) -> HttpResponse:
    data = presenters.chart(context["view"])
    everything = {row["state"]: row for row in data["rows"]}
    data["rows"] = [everything[row.code] for row in context["rows"]]
    data["filters"] = context["filters"]
    return json_download(data, _chart_file(context))


# -- States ----------------------------------------------------------------------------------


def _state_index(request: HttpRequest) -> tuple[StateIndexForm, dict[str, Any]]:
    form = StateIndexForm(request.GET)
    context: dict[str, Any] = {"form": form, "with_membership": True}
    if not form.is_valid():
        return form, context
    as_of: date = form.cleaned_data["as_of"]
    treaty = _treaty_or_404(CONVENTION)
    view = selectors.chart_view(treaty, as_of=as_of)
    members = selectors.membership()
    rows = display.state_rows(
        selectors.state_list(), view, lambda code: members.is_member(code, as_of)
    )
    context.update({"treaty": treaty, **_list_context(form, as_of, rows, display.sort_state_rows)})
    return form, context


@require_GET
@registry_page
def states(request: HttpRequest) -> HttpResponse:
    form, context = _state_index(request)
    return _render_list(
        request,
        "web/states.html",
        "web/_states_results.html",
        context,
        status=200 if form.is_valid() else 400,
    )


@query_download(_state_index)
def states_csv(context: dict[str, Any]) -> HttpResponse:
    data = display.state_index_data(context["rows"])
    fields = [
        "state",
        "alpha3",
        "name",
        "name_en",
        "name_fr",
        "kind",
        "member_of_council_of_europe",
        "cets_201_status",
    ]
    return csv_download(data, fields, _download_name("states", context["as_of"].isoformat()))


@query_download(_state_index)
def states_json(context: dict[str, Any]) -> HttpResponse:
    data = {
        "as_of": context["as_of"].isoformat(),
        "treaty": CONVENTION,
        "filters": context["filters"],
        "states": display.state_index_data(context["rows"]),
    }
    return json_download(data, _download_name("states", context["as_of"].isoformat()))


def _state_or_404(code: str) -> State:
    try:
        return selectors.state_get(code)
    except NotFound:
        raise Http404(
            _(
                "No State has the code “%(code)s”. States are identified by their two-letter "
                "ISO 3166-1 code, for example TN for Tunisia."
            )
            % {"code": code}
        ) from None


# Treaties per page of a State's profile: each is a section with its events and explanations.
PROFILE_PAGE = 25


def _profile_or_404(
    code: str, as_of: date, *, offset: int = 0, limit: int | None = None
) -> selectors.StateProfile:
    """The State's profile on `as_of` (its treaties from `offset`, `limit` of them); a code no
    State has is the 404 that says how codes look."""
    try:
        return selectors.state_profile(code, as_of=as_of, offset=offset, limit=limit)
    except NotFound:
        _state_or_404(code)
        raise


@require_GET
@registry_page
def state_profile(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        return redirect("web:state", code=code.upper())
    form = AsOfForm(request.GET)
    if not form.is_valid():
        state = _state_or_404(code)
        return render(request, "web/state_profile.html", {"form": form, "state": state}, status=400)
    as_of: date = form.cleaned_data["as_of"]
    number = _page_number(request)
    profile = _profile_or_404(code, as_of, offset=(number - 1) * PROFILE_PAGE, limit=PROFILE_PAGE)
    pages = max(1, -(-(profile.treaty_count or 0) // PROFILE_PAGE))
    as_of_query = urlencode({"as_of": as_of.isoformat()})
    if number > pages:
        return redirect(f"{request.path}?{as_of_query}&page={pages}")
    sections = [display.standing_page(s) for s in display.order_standings(profile.standings)]
    return render(
        request,
        "web/state_profile.html",
        {
            "form": form,
            "as_of": as_of,
            "state": profile.state,
            "profile": profile,
            "sections": sections,
            "as_of_query": as_of_query,
            "treaty_pages": _treaty_pages(profile, number, pages),
            # The registry records no treaty action before the deposit; the map's accession
            # step (public once invited) is what the State has done by then.
            "accession_step": _accession_step(profile.state.code, sections, as_of),
        },
    )


def _page_number(request: HttpRequest) -> int:
    """The page asked for: a positive whole number, else the first."""
    asked = request.GET.get("page", "")
    return int(asked) if asked.isdigit() and 0 < int(asked) < 10_000 else 1


def _treaty_pages(profile: selectors.StateProfile, number: int, pages: int) -> dict[str, int]:
    """Where the page stands among the treaties, for the links between pages (none: one page)."""
    if pages == 1:
        return {}
    return {
        "number": number,
        "pages": pages,
        "first": profile.offset + 1,
        "last": profile.offset + len(profile.standings),
        "count": profile.treaty_count or 0,
    }


def _accession_step(
    code: str, sections: list[display.StandingPage], as_of: date
) -> AccessionStep | None:
    """Only a State with no action under the Convention and accession as its route can have
    a step to show; the others never pay for the look-up."""
    convention = next((s for s in sections if s.treaty.slug == CONVENTION), None)
    if convention is None or convention.status != display.NONE:
        return None
    if convention.route.route != Route.ACCESSION:
        return None
    return accession_step(code, as_of)


@require_GET
@registry_page
def state_json(request: HttpRequest, code: str) -> HttpResponse:
    form = AsOfForm(request.GET)
    if not form.is_valid():
        return bad_query(form)
    as_of: date = form.cleaned_data["as_of"]
    profile = _profile_or_404(code, as_of)
    name = _download_name(profile.state.code, "profile", as_of.isoformat())
    return json_download(presenters.profile(profile), name)


# -- who can join ----------------------------------------------------------------------------


def _state_choices() -> list[tuple[str, str]]:
    states = [s for s in selectors.state_list() if s.kind == State.Kind.STATE or s.code == "EU"]
    return [(s.code, s.name) for s in sorted_by_name(states, lambda s: s.name)]


def _join_page(
    request: HttpRequest, check_form: StateChoiceForm, *, status: int = 200
) -> HttpResponse:
    treaty = _treaty_or_404(CONVENTION)
    today = timezone.localdate()
    entry = selectors.chart_view(treaty, as_of=today).chart.entry_into_force
    members = selectors.state_list(kind=State.Kind.STATE, member=True, as_of=today)
    participants = [p for p in selectors.elaboration_participants(treaty) if p.took_part]
    european_union = next(
        (s for s in selectors.state_list(kind=State.Kind.ORGANISATION) if s.code == "EU"), None
    )
    context = {
        "treaty": treaty,
        "today": today,
        "clauses": get_final_clauses(CONVENTION),
        "member_states": sorted_by_name(members, lambda s: s.name),
        "participants": sorted_by_name(participants, lambda p: p.state.name),
        "european_union": european_union,
        "signatory_route": display.hypothetical_route(
            CONVENTION, member=True, treaty_entry_into_force=entry.value, as_of=today
        ),
        "accession_route": display.hypothetical_route(
            CONVENTION, member=False, treaty_entry_into_force=entry.value, as_of=today
        ),
        "check_form": check_form,
        "letter_form": RequestLetterForm(states=way_in.letter_choices(today), auto_id="letter_%s"),
    }
    return render(request, "web/join.html", context, status=status)


@require_GET
@registry_page
def join(request: HttpRequest) -> HttpResponse:
    return _join_page(request, StateChoiceForm(states=_state_choices()))


@require_GET
@registry_page
def join_check(request: HttpRequest) -> HttpResponse:
    choices = _state_choices()
    form = StateChoiceForm(request.GET, states=choices)
    if form.is_valid():
        url = reverse("web:state", kwargs={"code": form.cleaned_data["state"]})
        return redirect(f"{url}#join")
    return _join_page(request, form, status=400)


# -- the treaties ----------------------------------------------------------------------------


def _convention_texts_configured() -> str:
    return repr(sorted(settings.LANZAROTE_CONVENTION_TEXTS.items()))


@require_GET
@public_cache(versions.REGISTRY, versions.ACCESSION, configuration=_convention_texts_configured)
def treaty_detail(request: HttpRequest, slug: str) -> HttpResponse:
    treaty = _treaty_or_404(slug)
    today = timezone.localdate()
    view = selectors.chart_view(treaty, as_of=today)
    clauses = get_final_clauses(treaty.slug)
    context: dict[str, Any] = {
        "treaty": treaty,
        "today": today,
        "clauses": clauses,
        "entry_into_force": view.chart.entry_into_force,
        "totals": view.chart.totals,
    }
    if slug != CONVENTION:
        return render(request, "web/treaty_short.html", context)
    context["chapters"] = display.chapters(slug, selectors.articles(treaty))
    context["article_count"] = sum(len(c.articles) for c in context["chapters"])
    context["permitted"] = clauses.permitted_provisions
    context["texts"] = settings.LANZAROTE_CONVENTION_TEXTS
    return render(request, "web/treaty.html", context)


# -- contacts --------------------------------------------------------------------------------


def _contacts_configured() -> str:
    return repr(sorted(settings.LANZAROTE_CONTACTS.items()))


@require_GET
@public_cache(configuration=_contacts_configured)
def contacts(request: HttpRequest) -> HttpResponse:
    """The public contacts (settings.LANZAROTE_CONTACTS, given to every page by the context
    processor)."""
    return render(request, "web/contacts.html")
