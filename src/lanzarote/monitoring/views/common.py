"""What the monitoring pages share: their context, downloads of what a list shows, refusals and
the secretariat's desk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from lanzarote.committee import selectors as committee
from lanzarote.committee.models import Meeting
from lanzarote.core.audit import Actor
from lanzarote.core.errors import DomainError, Forbidden, NotFound
from lanzarote.core.http.desk import Desk
from lanzarote.core.http.downloads import TABLE_FORMATS, table_download
from lanzarote.core.http.pages import or_404
from lanzarote.core.permissions import REGISTRY, allowed
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import Round

MANAGE = "monitoring.manage"
PAGE_SIZE = 20


def actor(request: HttpRequest) -> Actor:
    return Actor(user=request.user)


def include_demo(request: HttpRequest) -> bool:
    return request.GET.get("include_demo", "").lower() in ("1", "true", "yes", "on")


def download_format(request: HttpRequest) -> str | None:
    value = request.GET.get("format", "")
    return value if value in TABLE_FORMATS else None


def query(request: HttpRequest, **changes: Any) -> str:
    data = {k: v for k, v in request.GET.items() if k not in ("format", *changes)}
    data.update({k: v for k, v in changes.items() if v not in (None, "")})
    return urlencode(data)


def context(request: HttpRequest, section: str, **extra: Any) -> dict[str, Any]:
    """The context of every monitoring page: its place in the navigation, whether the person may
    open the desk, and the query its downloads repeat."""
    return {
        "nav_section": "monitoring",
        "monitoring_section": section,
        "may_manage": allowed(request.user, MANAGE),
        "include_demo": include_demo(request),
        "download_query": query(request),
        **extra,
    }


def list_page(
    request: HttpRequest,
    template: str,
    section: str,
    *,
    table: Callable[[], list[dict[str, Any]]],
    fields: list[str],
    filename: str,
    **extra: Any,
) -> HttpResponse:
    """A page listing records (`monitoring_page`), or the list as CSV, XLSX or JSON when the
    query asks for a `format` (`download`); `table()` is made only for a download."""
    if download_format(request):
        return download(request, rows=table(), fields=fields, filename=filename)
    return monitoring_page(request, template, section, **extra)


@dataclass(frozen=True)
class RoundAndState:
    """The round (by slug; 404 for an unknown one) and the Party (by code) a list is filtered
    by, as the query gives them, and what `_filter_round.html` and `_filter_state.html` show."""

    round_slug: str
    round: Round | None
    state: str | None

    @classmethod
    def chosen(cls, request: HttpRequest) -> RoundAndState:
        slug = request.GET.get("round") or ""
        round_ = or_404(lambda: selectors.round_get(slug)) if slug else None
        return cls(slug, round_, (request.GET.get("state") or "").upper() or None)

    def page_context(self) -> dict[str, Any]:
        return {
            "rounds": selectors.round_list(),
            "chosen_round": self.round_slug,
            "chosen_state": self.state or "",
        }


def monitoring_page(
    request: HttpRequest, template: str, section: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """`template` with the context every monitoring page has (`context`)."""
    return render(request, template, context(request, section, **extra), status=status)


def download(
    request: HttpRequest,
    *,
    rows: list[dict[str, Any]],
    fields: list[str],
    filename: str,
    json_data: Any = None,
    demo: bool | None = None,
) -> HttpResponse:
    """CSV, XLSX or JSON (`json_data`, else the whole rows) of what the page shows, through the
    project's one download convention; demonstration rows only when asked for (`demo`, else the
    query's `include_demo`), and then the file's name says so."""
    if demo is None:
        demo = include_demo(request)
        rows = [r for r in rows if demo or not r.get("is_demo")]
        if isinstance(json_data, list):
            json_data = [r for r in json_data if demo or not r.get("is_demo")]
    return table_download(
        rows,
        fields,
        f"{filename}{'-with-demo' if demo else ''}",
        file_format=download_format(request) or "json",
        json_data=rows if json_data is None else json_data,
        bom=True,
    )


def service_form_page(
    request: HttpRequest,
    *,
    form: Form,
    act: Callable[[dict[str, Any]], Any],
    done: str,
    success: Callable[[Any], HttpResponse],
    template: str,
    section: str,
    page: Callable[[], dict[str, Any]] = dict,
    invalid_status: int = 200,
) -> HttpResponse:
    """A page with one form and one service: a valid POST calls `act(cleaned_data)`, then shows
    `done` and answers `success(result)`; a refusal stays on the form (422) with the rule's
    sentence; an invalid POST answers `invalid_status`. `page()` gives the rest of the page's
    context, read only when the page is shown."""
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            result = act(form.cleaned_data)
        except DomainError as refusal:
            error = refusal
        else:
            messages.success(request, done)
            return success(result)
    invalid = request.method == "POST" and not form.is_valid()
    return render(
        request,
        template,
        context(request, section, form=form, error=error, **page()),
        status=422 if error else (invalid_status if invalid else 200),
    )


def refusal_context(request: HttpRequest) -> dict[str, Any]:
    return context(
        request,
        "",
        eyebrow=_("Monitoring"),
        back_url=reverse("monitoring:index"),
        back_label=_("Back to monitoring"),
    )


def refused(request: HttpRequest, error: DomainError, status: int | None = None) -> HttpResponse:
    """The refusal page with the status the refusal carries (a service's 404, 409 or 422 keeps
    its own, unlike `core.http.pages.refused`, which knows only 401 and 403)."""
    page = {
        **refusal_context(request),
        "message": error.message,
        "article": error.article,
        "status": status or error.status,
    }
    return render(request, "refused.html", page, status=status or error.status)


def refused_by_rule(request: HttpRequest, permission: str) -> HttpResponse:
    """403 with the sentence of the permission rule that refused."""
    return refused(request, Forbidden(str(REGISTRY[permission].refusal)), status=403)


def meeting(number: int | None) -> Meeting | None:
    """The Committee meeting a form names by number (none when left empty)."""
    if not number:
        return None
    try:
        return committee.meeting_get(number)
    except NotFound:
        raise NotFound(
            _("No meeting number %(number)s is recorded.") % {"number": number}
        ) from None


def service_values(data: dict[str, Any]) -> dict[str, Any]:
    """A form's values as the monitoring services take them: the meeting it names by number
    read (`meeting`), the Party as `state_code`."""
    values = dict(data)
    if "meeting" in values:
        values["meeting"] = meeting(values["meeting"])
    if "state" in values:
        values["state_code"] = values.pop("state")
    return values


desk = Desk(prefix="desk/", permission=MANAGE, refusal_context=refusal_context)
