"""Pages for exploring the registry: the map, the timelines and the open-data page, with their
downloads. Thin like the other views: parse the query, ask `maps`, `charts` or `opendata` (which
ask the selectors), render."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.core import versions
from lanzarote.core.http.downloads import (
    PDF,
    attachment,
    csv_download,
    file_or_preparing,
    json_download,
)
from lanzarote.core.http.pages import bad_query
from lanzarote.core.renders import Rendered, rendered_or_queued
from lanzarote.documents.rendering import render_pdf
from lanzarote.registry import selectors
from lanzarote.treaty_law import CONVENTION, OPTIONAL_PROTOCOL
from lanzarote.web import charts, maps, opendata
from lanzarote.web.forms import MapForm, OpenDataForm
from lanzarote.web.views import _download_name, _render_list, query_download, registry_page

# -- the map ---------------------------------------------------------------------------------


def _map_form(request: HttpRequest) -> MapForm:
    return MapForm(
        request.GET,
        month_start=lambda index: maps.month_start(index, opened=maps.OPENED),
        month_of=maps.month_index,
    )


def _map(request: HttpRequest) -> tuple[MapForm, dict[str, Any]]:
    form = _map_form(request)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "form": form,
        "max_month": maps.month_index(today),
        "views": maps.VIEWS,
        "first_month": maps.FIRST_MONTH,
    }
    if not form.is_valid():
        context["view"] = maps.VIEWS[maps.DEFAULT_VIEW]
        context["month"] = maps.month_index(today)
        return form, context
    context.update(_map_context(form.cleaned_data["as_of"], form.cleaned_data["view"], today))
    return form, context


def _map_context(as_of: date, view_name: str, today: date) -> dict[str, Any]:
    """What the map's page and its downloads show for a valid query."""
    view = maps.VIEWS[view_name]
    data = maps.map_data(as_of)
    entries = maps.shown_entries(data, view.name)
    month = max(0, min(maps.month_index(as_of), maps.month_index(today)))
    query = {"as_of": as_of.isoformat(), "view": view.name}
    return {
        "as_of": as_of,
        "view": view,
        "data": data,
        "entries": entries,
        "legend": maps.legend(entries, data),
        "not_drawn": maps.not_drawn(data) if view.name == "world" else [],
        "month": month,
        "query": urlencode(query),
        "view_links": [
            {
                "view": v,
                "query": urlencode({"as_of": as_of.isoformat(), "view": v.name}),
                "current": v.name == view.name,
            }
            for v in maps.VIEWS.values()
        ],
        "kosovo_footnote": maps.KOSOVO_FOOTNOTE,
    }


@require_GET
@registry_page
def map_page(request: HttpRequest) -> HttpResponse:
    form, context = _map(request)
    if form.is_valid():
        context["svg"] = mark_safe(  # built from escaped parts
            maps.render_svg(
                context["data"],
                context["view"].name,
                geometry_url=maps.geometry_url(context["view"].name),
            )
        )
    return _render_list(
        request,
        "web/map.html",
        "web/_map_results.html",
        context,
        status=200 if form.is_valid() else 400,
    )


@require_GET
@registry_page
def map_table(request: HttpRequest) -> HttpResponse:
    """The map's States as a table: its own page, so that the map page stays light."""
    form, context = _map(request)
    if form.is_valid():
        # One reverse() for the table, not one per row: only the code differs.
        profile_url = reverse("web:state", kwargs={"code": "ZZ"})
        context["table_rows"] = [
            (entry, profile_url.replace("/ZZ/", f"/{entry.code}/")) for entry in context["entries"]
        ]
    return render(request, "web/map_table.html", context, status=200 if form.is_valid() else 400)


def _map_file(context: dict[str, Any]) -> str:
    return _download_name("map", context["view"].name, context["as_of"].isoformat())


@query_download(_map)
def map_svg(context: dict[str, Any]) -> HttpResponse:
    svg = maps.render_svg(context["data"], context["view"].name, standalone=True)
    return attachment(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg,
        filename=f"{_map_file(context)}.svg",
        content_type="image/svg+xml",
        inline=True,
    )


def _map_rows(context: dict[str, Any]) -> list[dict[str, Any]]:
    as_of, view = context["as_of"].isoformat(), context["view"].name
    return [
        {
            "state": entry.code,
            "alpha3": entry.state.alpha3,
            "numeric": entry.state.numeric,
            "name": entry.state.name,
            "member_of_council_of_europe": entry.member,
            "map_status": entry.category,
            "map_status_label": entry.label,
            "uncertain": entry.uncertain,
            "possible_statuses": " ".join(entry.possible),
            "as_of": as_of,
            "view": view,
        }
        for entry in context["entries"]
    ]


MAP_FIELDS = [
    "state",
    "alpha3",
    "numeric",
    "name",
    "member_of_council_of_europe",
    "map_status",
    "map_status_label",
    "uncertain",
    "possible_statuses",
    "as_of",
    "view",
]


@query_download(_map)
def map_csv(context: dict[str, Any]) -> HttpResponse:
    return csv_download(_map_rows(context), MAP_FIELDS, _map_file(context))


@query_download(_map)
def map_json(context: dict[str, Any]) -> HttpResponse:
    rows = _map_rows(context)
    for row in rows:
        row["possible_statuses"] = row["possible_statuses"].split()
    data = {
        "treaty": CONVENTION,
        "as_of": context["as_of"].isoformat(),
        "view": context["view"].name,
        "categories": [
            {"key": row["key"], "label": str(row["label"]), "count": row["count"]}
            for row in context["legend"]
        ],
        "states": rows,
    }
    return json_download(data, _map_file(context))


def map_pdf_file(*, as_of: str, view: str) -> Rendered:
    """The map on `as_of` as an A4 PDF in the active language (run by `core.renders`, in the
    worker where there is one)."""
    context = _map_context(date.fromisoformat(as_of), view, timezone.localdate())
    context["svg"] = mark_safe(  # built from escaped parts
        maps.render_svg(context["data"], view, standalone=True)
    )
    context["generated_at"] = timezone.now()
    language = (get_language() or "en")[:2]
    pdf = render_pdf(template="web/map_pdf.html", context=context, language=language)
    return Rendered(pdf, PDF, f"{_download_name('map', view, as_of)}.pdf")


@require_GET
@registry_page
def map_pdf(request: HttpRequest) -> HttpResponse:
    form = _map_form(request)
    if not form.is_valid():
        return bad_query(form)
    rendered = rendered_or_queued(
        renderer=f"{__name__}.map_pdf_file",
        params={"as_of": form.cleaned_data["as_of"].isoformat(), "view": form.cleaned_data["view"]},
        language=(get_language() or "en")[:2],
        version=versions.current(versions.REGISTRY),
    )
    return file_or_preparing(request, rendered)


# -- the Convention over time ----------------------------------------------------------------

TIMELINE_TREATIES = (CONVENTION, OPTIONAL_PROTOCOL)


@require_GET
@registry_page
def timeline(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("treaty") or TIMELINE_TREATIES[0]
    if slug not in TIMELINE_TREATIES:
        raise Http404(_("There is no timeline for the treaty “%(slug)s”.") % {"slug": slug})
    today = timezone.localdate()
    data = charts.history(slug, today=today)
    treaties = [selectors.treaty_get(s) for s in TIMELINE_TREATIES]
    context = {
        "treaty": data.treaty,
        "treaties": treaties,
        "today": today,
        "data": data,
        "latest": data.on(today),
        "parties_svg": mark_safe(charts.parties_chart(data)),
        "signatures_svg": mark_safe(charts.signatures_chart(data)),
        "party_rows": charts.party_rows(data),
        "signature_rows": charts.signature_rows(data),
    }
    return render(request, "web/timeline.html", context)


# -- open data -------------------------------------------------------------------------------


@require_GET
@registry_page
def open_data(request: HttpRequest) -> HttpResponse:
    form = OpenDataForm(request.GET)
    as_of = form.cleaned_data["as_of"] if form.is_valid() else timezone.localdate()
    entries = []
    for dataset in opendata.datasets().values():
        params: dict[str, str] = {}
        if dataset.by_date:
            params["as_of"] = as_of.isoformat()
        queries = (
            [{**params, "treaty": slug} for slug in opendata.TREATIES]
            if dataset.by_treaty
            else [params]
        )
        entries.append(
            {
                "dataset": dataset,
                "dictionary": opendata.dictionary(dataset),
                "downloads": [
                    {"treaty": q.get("treaty", ""), "query": urlencode(q)} for q in queries
                ],
            }
        )
    context = {
        "form": form,
        "as_of": as_of,
        "entries": entries,
        "formats": opendata.FORMATS,
        "licence": opendata.licence(),
        "licence_url": opendata.licence_url(),
        "extracted_at": timezone.now(),
        "registry_version": selectors.registry_version(),
        "today": timezone.localdate(),
    }
    return render(request, "web/open_data.html", context, status=200 if form.is_valid() else 400)


@require_GET
@registry_page
def open_data_download(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    found = opendata.datasets().get(dataset)
    if found is None or fmt not in opendata.FORMATS:
        raise Http404(
            _("There is no dataset “%(name)s”. The open-data page lists them.")
            % {"name": f"{dataset}.{fmt}"}
        )
    form = OpenDataForm(request.GET)
    if not form.is_valid():
        return bad_query(form)
    query = opendata.Query(as_of=form.cleaned_data["as_of"], treaty=form.cleaned_data["treaty"])
    data = opendata.extract(found, query)
    response = HttpResponse(opendata.WRITERS[fmt](data), content_type=opendata.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{data.filename}.{fmt}"'
    response["X-Registry-Version"] = data.registry_version
    response["X-Extracted-At"] = data.extracted_at.isoformat(timespec="seconds")
    if opendata.licence_url():
        response["Link"] = f'<{opendata.licence_url()}>; rel="license"'
    return response
