"""What the Committee's pages share: their context, the secretariat's desk and its refusals."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from lanzarote.committee import selectors
from lanzarote.committee.checks import MANAGE
from lanzarote.committee.models import Meeting
from lanzarote.core.http.desk import Desk
from lanzarote.core.http.pages import form_page, or_404
from lanzarote.core.permissions import allowed


def context(request: HttpRequest, section: str, **extra: Any) -> dict[str, Any]:
    """The context of every Committee page: its place in the navigation, and whether the person
    may open the desk."""
    return {
        "nav_section": "committee",
        "committee_section": section,
        "may_manage": allowed(request.user, MANAGE),
        **extra,
    }


def refusal_context(request: HttpRequest) -> dict[str, Any]:
    return context(
        request,
        "desk",
        eyebrow=_("The Lanzarote Committee"),
        back_url=reverse("committee:composition"),
        back_label=_("Back to the Committee"),
    )


desk = Desk(prefix="desk/", permission=MANAGE, refusal_context=refusal_context)


def desk_form(
    request: HttpRequest,
    *,
    back: str = "",
    extra: dict[str, Any] | None = None,
    **options: Any,
) -> HttpResponse:
    """A desk form page (`core.http.pages.form_page`) in the Committee's desk template, going
    back to the desk unless told otherwise."""
    return form_page(
        request,
        back=back or desk_url(),
        context=context(request, "desk", **(extra or {})),
        template="committee/desk_form.html",
        **options,
    )


def download_query(form: forms.Form, *names: str) -> str:
    """The query string of the page's downloads: the form's valid values, so a download says
    exactly what the page shows."""
    values = {}
    for name in names:
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        values[name] = value.isoformat() if isinstance(value, date) else value
    return urlencode(values)


def meeting_or_404(number: int) -> Meeting:
    return or_404(lambda: selectors.meeting_get(number))


def meeting_url(meeting: Meeting) -> str:
    return reverse("committee:meeting", args=[meeting.number])


def desk_url(anchor: str = "") -> str:
    return reverse("committee:desk") + (f"#{anchor}" if anchor else "")
