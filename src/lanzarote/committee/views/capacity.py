"""Capacity building and priority countries: the public lists and pages, and the desk's forms."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.committee import forms, presenters, selectors, services
from lanzarote.committee.panels import project_panels
from lanzarote.committee.schemas.capacity import (
    CommitteeCapacityEventOut,
    CommitteePriorityCountryOut,
    CommitteeProjectOut,
)
from lanzarote.committee.schemas.common import dump_all
from lanzarote.committee.views.common import context, desk, desk_form, desk_url, download_query
from lanzarote.core import versions
from lanzarote.core.forms import AsOfForm
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.downloads import csv_download, json_download
from lanzarote.core.http.pages import bad_query, or_404


def _projects(request: HttpRequest) -> tuple[forms.ProjectFilterForm, dict[str, Any]]:
    form = forms.ProjectFilterForm(request.GET, themes=selectors.theme_list())
    page = context(request, "capacity", form=form)
    if not form.is_valid():
        return form, page
    data = form.cleaned_data
    page.update(
        {
            "projects": selectors.project_list(
                status=data.get("status") or "",
                state=data.get("state") or "",
                theme=data.get("theme") or "",
            ),
            "events": selectors.capacity_event_list(),
            "download_query": download_query(form, "status", "state", "theme"),
        }
    )
    return form, page


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def projects(request: HttpRequest) -> HttpResponse:
    form, page = _projects(request)
    status = 200 if form.is_valid() else 400
    return render(request, "committee/projects.html", page, status=status)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def projects_csv(request: HttpRequest) -> HttpResponse:
    form, page = _projects(request)
    if not form.is_valid():
        return bad_query(form)
    rows = [presenters.project_csv_row(p) for p in page["projects"]]
    return csv_download(rows, presenters.PROJECT_CSV_FIELDS, "committee-projects")


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def projects_json(request: HttpRequest) -> HttpResponse:
    form, page = _projects(request)
    if not form.is_valid():
        return bad_query(form)
    data = {"projects": dump_all(CommitteeProjectOut, page["projects"])}
    return json_download(data, "committee-projects")


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = or_404(lambda: selectors.project_get(slug))
    page = context(request, "capacity", project=item, panels=project_panels.render(item))
    return render(request, "committee/project.html", page)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def events_csv(request: HttpRequest) -> HttpResponse:
    rows = [
        presenters.dated_row(row)
        for row in dump_all(CommitteeCapacityEventOut, selectors.capacity_event_list())
    ]
    return csv_download(rows, presenters.EVENT_CSV_FIELDS, "committee-events")


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def events_json(request: HttpRequest) -> HttpResponse:
    data = {"events": dump_all(CommitteeCapacityEventOut, selectors.capacity_event_list())}
    return json_download(data, "committee-events")


def _priorities(request: HttpRequest) -> tuple[AsOfForm, dict[str, Any]]:
    form = AsOfForm(request.GET)
    page = context(request, "priorities", form=form)
    if not form.is_valid():
        return form, page
    as_of = form.cleaned_data["as_of"]
    page.update(
        {
            "as_of": as_of,
            "countries": selectors.priority_countries(as_of=as_of, user=request.user),
            "download_query": download_query(form, "as_of"),
        }
    )
    return form, page


def _priorities_name(page: dict[str, Any]) -> str:
    return f"committee-priority-countries-{page['as_of'].isoformat()}"


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def priorities(request: HttpRequest) -> HttpResponse:
    form, page = _priorities(request)
    status = 200 if form.is_valid() else 400
    return render(request, "committee/priorities.html", page, status=status)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def priorities_csv(request: HttpRequest) -> HttpResponse:
    form, page = _priorities(request)
    if not form.is_valid():
        return bad_query(form)
    rows = [presenters.priority_csv_row(p) for p in page["countries"]]
    return csv_download(rows, presenters.PRIORITY_CSV_FIELDS, _priorities_name(page))


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def priorities_json(request: HttpRequest) -> HttpResponse:
    form, page = _priorities(request)
    if not form.is_valid():
        return bad_query(form)
    data = {
        "as_of": page["as_of"].isoformat(),
        "countries": dump_all(CommitteePriorityCountryOut, page["countries"]),
    }
    return json_download(data, _priorities_name(page))


# -- the desk --------------------------------------------------------------------------------


@desk.action(
    "projects/new/",
    name="desk_project_new",
    also=(("projects/<slug:slug>/edit/", "desk_project_edit"),),
)
def desk_project(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    item = or_404(lambda: selectors.project_get(slug)) if slug else None
    return desk_form(
        request,
        form_class=forms.ProjectForm,
        initial=forms.ProjectForm.initial_from(item) if item else None,
        title=_("Edit “%(title)s”") % {"title": item.title} if item else _("New project"),
        save=lambda data: services.project_save(user=request.user, project=item, **data),
        success=lambda saved: reverse("committee:project", args=[saved.slug]),
    )


@desk.action(
    "assistance/new/",
    name="desk_assistance_new",
    also=(("assistance/<int:pk>/edit/", "desk_assistance_edit"),),
)
def desk_assistance(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = or_404(lambda: selectors.assistance_request_get(pk)) if pk else None
    return desk_form(
        request,
        form_class=forms.AssistanceRequestForm,
        initial=forms.AssistanceRequestForm.initial_from(item) if item else None,
        title=_("Edit a request for assistance") if item else _("New request for assistance"),
        save=lambda data: services.assistance_request_save(user=request.user, request=item, **data),
        success=lambda saved: desk_url("assistance"),
    )


@desk.action("priority-countries/new/", name="desk_priority_new")
def desk_priority(request: HttpRequest) -> HttpResponse:
    return desk_form(
        request,
        form_class=forms.PriorityFlagForm,
        title=_("Flag a priority country"),
        intro=_(
            "States that asked to accede or acceded are flagged automatically; flag here the "
            "others the Committee decided to treat as priorities, with the reason."
        ),
        save=lambda data: services.priority_flag_save(user=request.user, **data),
        success=lambda saved: reverse("committee:priorities"),
    )


@desk.action("events/new/", name="desk_event_new")
def desk_event(request: HttpRequest) -> HttpResponse:
    def save(data: dict[str, Any]) -> Any:
        return services.capacity_event_save(
            user=request.user, held_on=data.pop("held_on") or "unknown", **data
        )

    return desk_form(
        request,
        form_class=forms.CapacityEventForm,
        title=_("New event or study visit"),
        save=save,
        success=lambda saved: reverse("committee:projects") + "#events",
    )
