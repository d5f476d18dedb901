"""The composition on any date, with its changes since another date, and an organisation's
page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from lanzarote.committee import forms, presenters, selectors
from lanzarote.committee.schemas.common import dump
from lanzarote.committee.schemas.composition import CommitteeCompositionWithChangesOut
from lanzarote.committee.views.common import context, download_query
from lanzarote.core import versions
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.downloads import csv_download, json_download
from lanzarote.core.http.pages import bad_query, or_404
from lanzarote.core.permissions import allowed


def _composition(request: HttpRequest) -> tuple[forms.CompositionForm, dict[str, Any]]:
    form = forms.CompositionForm(request.GET)
    page = context(request, "composition", form=form)
    if not form.is_valid():
        return form, page
    as_of = form.cleaned_data["as_of"]
    since = form.cleaned_data.get("since")
    shown = selectors.composition_shown(as_of, since=since)
    page.update(
        {
            "as_of": as_of,
            "since": since,
            "shown": shown,
            "composition": shown.composition,
            "counts": shown.composition.counts(),
            "changes": shown.changes,
            "show_contacts": allowed(request.user, "people.see_contacts"),
            "download_query": download_query(form, "as_of", "since"),
        }
    )
    return form, page


def _name(page: dict[str, Any]) -> str:
    return f"committee-composition-{page['as_of'].isoformat()}"


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def composition(request: HttpRequest) -> HttpResponse:
    form, page = _composition(request)
    status = 200 if form.is_valid() else 400
    return render(request, "committee/composition.html", page, status=status)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def composition_csv(request: HttpRequest) -> HttpResponse:
    form, page = _composition(request)
    if not form.is_valid():
        return bad_query(form)
    rows = presenters.composition_csv_rows(page["composition"])
    return csv_download(rows, presenters.COMPOSITION_CSV_FIELDS, _name(page))


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def composition_json(request: HttpRequest) -> HttpResponse:
    form, page = _composition(request)
    if not form.is_valid():
        return bad_query(form)
    data = dump(CommitteeCompositionWithChangesOut, page["shown"], request=request)
    return json_download(data, _name(page))


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    item = or_404(lambda: selectors.organisation_get(slug))
    page = context(
        request,
        "composition",
        organisation=item,
        participations=[p for p in selectors.participation_list() if p.organisation_id == item.pk],
        observer_events=selectors.organisation_observer_events(item),
        representatives=[
            r for r in selectors.representative_list() if r.organisation_id == item.pk
        ],
        show_contacts=allowed(request.user, "people.see_contacts"),
        today=timezone.localdate(),
    )
    return render(request, "committee/organisation.html", page)
