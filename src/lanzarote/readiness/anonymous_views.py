"""The interview in anonymous mode: anyone, without an account, through the same pages as a
State's team, with the answers kept only in the visitor's browser (readiness.browser_store).
Nothing about them is written to the database, the session store included."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.core.errors import PayloadTooLarge
from lanzarote.core.text import name_key
from lanzarote.readiness import exchange
from lanzarote.readiness.forms import AnonymousStartForm
from lanzarote.readiness.selectors import CHAPTERS
from lanzarote.readiness.views.interview import (
    _chapter,
    _export,
    _import,
    _private,
    _progress,
    _report,
    _report_file,
)
from lanzarote.readiness.workspaces import BrowserWorkspace
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State


def _state_choices() -> list[tuple[str, str]]:
    states = [s for s in registry.state_list() if s.kind == State.Kind.STATE]
    return sorted(((s.code, s.name) for s in states), key=lambda item: name_key(item[1]))


def _kept_in_browser(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An anonymous page: never cached, and the answers it changed sent back to the browser."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        return _private(BrowserWorkspace.of(request).keep_in(response))

    return wrapped


@require_http_methods(["GET", "POST"])
@_kept_in_browser
def anonymous_overview(request: HttpRequest) -> HttpResponse:
    workspace = BrowserWorkspace.of(request)
    sheet = workspace.sheet()
    initial = {
        "state": sheet.state.code if sheet.state else "",
        "title": sheet.title,
        "weprotect_member": sheet.weprotect_member,
    }
    form = AnonymousStartForm(request.POST or None, initial=initial, states=_state_choices())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                workspace.start(
                    state=form.cleaned_data["state"] or None,
                    title=form.cleaned_data["title"],
                    weprotect_member=form.cleaned_data["weprotect_member"],
                )
            except PayloadTooLarge as error:
                form.add_error(None, error.message)
                status = 413
            else:
                return redirect("readiness:anonymous_chapter", chapter=CHAPTERS[0])
    return render(
        request,
        "readiness/anonymous.html",
        {
            "workspace": workspace,
            "sheet": sheet,
            "form": form,
            "started": workspace.started,
            "progress": _progress(workspace) if workspace.started else None,
        },
        status=status,
    )


def _started(request: HttpRequest) -> BrowserWorkspace:
    workspace = BrowserWorkspace.of(request)
    if not workspace.started:
        workspace.start(state=None, title="", weprotect_member=False)
    return workspace


@require_http_methods(["GET", "POST"])
@_kept_in_browser
def anonymous_chapter(request: HttpRequest, chapter: str) -> HttpResponse:
    return _chapter(request, _started(request), chapter)


@require_GET
@_kept_in_browser
def anonymous_report(request: HttpRequest) -> HttpResponse:
    return _report(request, BrowserWorkspace.of(request))


@require_GET
@_kept_in_browser
def anonymous_report_pdf(request: HttpRequest) -> HttpResponse:
    return _report_file(request, BrowserWorkspace.of(request), "pdf")


@require_GET
@_kept_in_browser
def anonymous_report_docx(request: HttpRequest) -> HttpResponse:
    return _report_file(request, BrowserWorkspace.of(request), "docx")


@require_GET
@_kept_in_browser
def anonymous_export(request: HttpRequest) -> HttpResponse:
    return _export(BrowserWorkspace.of(request), "readiness-anonymous.json")


@require_http_methods(["GET", "POST"])
@_kept_in_browser
def anonymous_import(request: HttpRequest) -> HttpResponse:
    def load(parsed: exchange.ParsedExport) -> str:
        BrowserWorkspace.of(request).replace(
            state=parsed.state,
            title=parsed.title,
            weprotect_member=parsed.weprotect_member,
            answers=parsed.answers,
        )
        return reverse("readiness:anonymous_overview")

    return _import(
        request, anonymous=True, load=load, done=_("The answers were loaded into this browser.")
    )


@require_POST
@_kept_in_browser
def anonymous_clear(request: HttpRequest) -> HttpResponse:
    BrowserWorkspace.of(request).clear()
    messages.success(request, _("Your answers were removed from this browser."))
    return redirect("readiness:anonymous_overview")
