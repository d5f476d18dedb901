"""The Treaty Office's registry desk: record any treaty action, and correct or retract one from a
State's list of events. Treaty Office only; each form calls one registry service and shows its
refusal, with the article, next to the form (the service's transaction rolled back).

Mounted inside `i18n_patterns` under `desk/registry/` (namespace `registry_desk`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.http.access import role_required
from lanzarote.core.http.pages import ActionError
from lanzarote.core.roles import Role
from lanzarote.core.text import sorted_by_name
from lanzarote.registry import desk, selectors
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.treaty_law import CONVENTION
from lanzarote.web import chart_import

app_name = "registry_desk"


def _states() -> list[State]:
    states = [s for s in selectors.state_list() if s.kind != State.Kind.TERRITORY]
    return sorted_by_name(states, lambda s: s.name)


def _event_form(data: Any = None) -> desk.EventForm:
    return desk.EventForm(data, treaties=selectors.treaty_list(), states=_states())


def _index(
    request: HttpRequest,
    form: desk.EventForm,
    *,
    error: ActionError | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "web/desk_registry.html",
        {
            "nav_section": "desk",
            "form": form,
            "error": error,
            "recent": desk.recent_events(),
            "states": _states(),
            "treaties": selectors.treaty_list(),
        },
        status=status,
    )


def _event_or_404(pk: int) -> TreatyEvent:
    try:
        return desk.event_get(pk)
    except NotFound as error:
        raise Http404(error.message) from None


def _state_events_url(event: TreatyEvent) -> str:
    url = reverse("registry_desk:state_events", kwargs={"code": event.state_id})
    return f"{url}?treaty={event.treaty.slug}#event-{event.pk}"


@role_required(Role.TREATY_OFFICE)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("state", "")
    if code:
        return redirect(
            f"{reverse('registry_desk:state_events', kwargs={'code': code.upper()[:2]})}"
            f"?treaty={request.GET.get('treaty', CONVENTION)}"
        )
    return _index(request, _event_form())


@role_required(Role.TREATY_OFFICE)
@require_POST
def record(request: HttpRequest) -> HttpResponse:
    form = _event_form(request.POST)
    if not form.is_valid():
        return _index(request, form, status=400)
    try:
        event = desk.record(user=request.user, form=form)
    except DomainError as error:
        failure = ActionError("record", error.message, error.article)
        return _index(request, form, error=failure, status=error.status)
    messages.success(
        request,
        _("Recorded: %(kind)s of %(state)s, %(date)s (event #%(id)s).")
        % {
            "kind": event.get_kind_display(),
            "state": event.state.name,
            "date": event.known_date.as_text(),
            "id": event.pk,
        },
    )
    return redirect(_state_events_url(event))


def _state_page(
    request: HttpRequest,
    state: State,
    treaty: Treaty,
    *,
    error: ActionError | None = None,
    error_event: int | None = None,
    retract_form: desk.RetractionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "web/desk_registry_state.html",
        {
            "nav_section": "desk",
            "state": state,
            "treaty": treaty,
            "treaties": selectors.treaty_list(),
            "events": desk.state_events(treaty, state),
            "error": error,
            "error_event": error_event,
            "retract_form": retract_form or desk.RetractionForm(),
        },
        status=status,
    )


@role_required(Role.TREATY_OFFICE)
@require_GET
def state_events(request: HttpRequest, code: str) -> HttpResponse:
    try:
        state = selectors.state_get(code)
        treaty = selectors.treaty_get(request.GET.get("treaty") or CONVENTION)
    except NotFound as error:
        raise Http404(error.message) from None
    return _state_page(request, state, treaty)


@role_required(Role.TREATY_OFFICE)
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    error = None
    status = 200
    if request.method == "POST":
        form = desk.CorrectionForm(request.POST)
        if form.is_valid():
            try:
                new = desk.correct(user=request.user, event=event, form=form)
            except DomainError as refusal:
                error = ActionError("correct", refusal.message, refusal.article)
                status = refusal.status
            else:
                messages.success(
                    request,
                    _("Event #%(old)s is corrected by event #%(new)s.")
                    % {"old": event.pk, "new": new.pk},
                )
                return redirect(_state_events_url(new))
        else:
            status = 400
    else:
        form = desk.CorrectionForm.for_event(event)
    return render(
        request,
        "web/desk_registry_correct.html",
        {"nav_section": "desk", "event": event, "form": form, "error": error},
        status=status,
    )


@role_required(Role.TREATY_OFFICE)
@require_POST
def retract(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(pk)
    form = desk.RetractionForm(request.POST)
    if not form.is_valid():
        return _state_page(
            request, event.state, event.treaty, error_event=pk, retract_form=form, status=400
        )
    try:
        retraction = desk.retract(user=request.user, event=event, form=form)
    except DomainError as refusal:
        failure = ActionError("retract", refusal.message, refusal.article)
        return _state_page(
            request,
            event.state,
            event.treaty,
            error=failure,
            error_event=pk,
            retract_form=form,
            status=refusal.status,
        )
    messages.success(
        request,
        _("Event #%(old)s is retracted (event #%(new)s).")
        % {"old": event.pk, "new": retraction.pk},
    )
    return redirect(_state_events_url(retraction))


urlpatterns = [
    path("", index, name="index"),
    path("chart-import/", chart_import.upload, name="chart_import"),
    path("chart-import/apply/", chart_import.apply, name="chart_import_apply"),
    path("record/", record, name="record"),
    path("states/<str:code>/", state_events, name="state_events"),
    path("events/<int:pk>/correct/", correct, name="correct"),
    path("events/<int:pk>/retract/", retract, name="retract"),
]
