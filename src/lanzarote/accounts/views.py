"""The public request for an account, and the Treaty Office's desk where it is decided.

The form needs no account: it is throttled per address (`access_request` rate) and carries a
field hidden from people that robots fill, whose requests are thanked and dropped. The desk is
the Treaty Office's alone; anyone else is told there is no such page (404), as the requests name
people."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lanzarote.accounts import selectors, services
from lanzarote.accounts.forms import AccessRequestForm, DeclineForm
from lanzarote.core.audit import Actor
from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.http.pages import show_on_form
from lanzarote.core.http.throttle import check_rate
from lanzarote.core.permissions import allowed

View = Callable[..., HttpResponse]


def access_request(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        check_rate(request, "access_request")
        form = AccessRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                return redirect("accounts:access_request_sent")
            try:
                services.access_request_submit(
                    name=data["name"],
                    ministry=data["ministry"],
                    state_code=data["state"],
                    email=data["email"],
                    message=data["message"],
                    language=(get_language() or "en")[:2],
                )
            except DomainError as error:
                show_on_form(form, error)
                status = error.status
            else:
                return redirect("accounts:access_request_sent")
        else:
            status = 400
    elif request.method in ("GET", "HEAD"):
        form = AccessRequestForm()
    else:
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    return render(request, "accounts/access_request.html", {"form": form}, status=status)


@require_GET
def access_request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/access_request_sent.html")


def treaty_office_only(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not allowed(request.user, "accounts.decide_access_request"):
            raise Http404(_("There is no such page."))
        return view(request, *args, **kwargs)

    return wrapped


def _desk_page(request: HttpRequest, *, status: int = 200, **extra: Any) -> HttpResponse:
    context = {
        "nav_section": "access_desk",
        "pending": selectors.pending_access_requests(),
        "decided": selectors.decided_access_requests(),
        "decline_form": DeclineForm(),
        "failed_pk": None,
        **extra,
    }
    return render(request, "accounts/access_desk.html", context, status=status)


@treaty_office_only
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    return _desk_page(request)


def _request_or_404(pk: int) -> Any:
    try:
        return selectors.access_request_get(pk)
    except NotFound:
        raise Http404(_("There is no such request.")) from None


@treaty_office_only
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request_or_404(pk)
    try:
        decided = services.access_request_approve(
            actor=Actor(user=request.user),
            access_request=found,
            site_url=settings.LANZAROTE_SITE_URL,
        )
    except DomainError as error:
        return _desk_page(request, status=error.status, error=error.message, failed_pk=pk)
    messages.success(
        request,
        _(
            "Approved: %(email)s now has an account as %(role)s; a link to choose a password was sent."
        )
        % {"email": decided.email, "role": decided.user.role_label if decided.user else ""},
    )
    return redirect("accounts:access_desk")


@treaty_office_only
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request_or_404(pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _desk_page(request, status=400, decline_form=form, failed_pk=pk)
    try:
        decided = services.access_request_decline(
            actor=Actor(user=request.user),
            access_request=found,
            reason=form.cleaned_data["reason"],
        )
    except DomainError as error:
        return _desk_page(request, status=error.status, error=error.message, failed_pk=pk)
    messages.success(
        request, _("Declined: %(email)s was told by e-mail.") % {"email": decided.email}
    )
    return redirect("accounts:access_desk")
