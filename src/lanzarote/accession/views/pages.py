"""The accession pages outside a case: the public list, the requesting State's view with its
draft letter and request form, the Party delegates' consultation inbox and the Treaty Office's
desk."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lanzarote.accession import forms, presenters, selectors, services
from lanzarote.accession.views.access import _download, _error, _person
from lanzarote.core.errors import DomainError
from lanzarote.core.http.access import role_required
from lanzarote.core.permissions import allowed, require
from lanzarote.core.roles import Role
from lanzarote.documents import letters
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.treaty_law import CONVENTION, Route
from lanzarote.treaty_law.accession import CaseStatus, RequestLetter


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    cases = [c for c in selectors.case_list(user=None) if c.is_public]
    return render(request, "accession/public_list.html", {"cases": cases})


# -- the requesting State ------------------------------------------------------------------------


def _my_state_context(request: HttpRequest, state: State, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    route = registry.eligibility_of(state.code, treaty_slug=CONVENTION, as_of=today)
    cases = [c for c in selectors.case_list(user=request.user) if c.state_id == state.code]
    open_case = next((c for c in cases if c.is_open), None)
    may_file = allowed(request.user, "accession.file_request", state=state)
    accession_route = route.route is Route.ACCESSION
    context: dict[str, Any] = {
        "nav_section": "my_state",
        "state": state,
        "route": route,
        "accession_route": accession_route,
        "cases": cases,
        "open_case": open_case,
        # The latest request tells where the State stands, whatever its route says now (after
        # the deposit the registry shows it as consenting, no longer as one that may accede).
        "latest_case": open_case or next(iter(cases), None),
        "may_draft": may_file and accession_route,
        "may_file": may_file and accession_route and open_case is None,
        "draft_form": forms.DraftLetterForm(auto_id="draft_%s"),
        "file_form": forms.FileRequestForm(),
        "error": None,
    }
    context.update(extra)
    return context


@role_required(Role.STATE_OFFICIAL)
@require_GET
def my_state(request: HttpRequest) -> HttpResponse:
    state = registry.state_get(_person(request).state_id or "")
    return render(request, "accession/my_state.html", _my_state_context(request, state))


@role_required(Role.STATE_OFFICIAL)
@require_GET
def draft_letter(request: HttpRequest) -> HttpResponse:
    state = registry.state_get(_person(request).state_id or "")
    form = forms.DraftLetterForm(request.GET, auto_id="draft_%s")
    if not form.is_valid():
        context = _my_state_context(request, state, draft_form=form)
        return render(request, "accession/my_state.html", context, status=400)
    data = form.cleaned_data
    try:
        require(request.user, "accession.file_request", state=state)
        document = letters.accession_request_letter(
            state=state,
            treaty=registry.treaty_get(CONVENTION),
            signatory_name=data["signatory_name"],
            signatory_capacity=data["signatory_capacity"],
            letter_date=data["date"],
            language=data["language"],
            file_format=data["format"],
        )
    except DomainError as error:
        context = _my_state_context(request, state, draft_form=form, error=_error("draft", error))
        return render(request, "accession/my_state.html", context, status=error.status)
    return _download(document.content, document.filename, document.content_type)


@role_required(Role.STATE_OFFICIAL)
@require_POST
def file_request(request: HttpRequest) -> HttpResponse:
    state = registry.state_get(_person(request).state_id or "")
    form = forms.FileRequestForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _my_state_context(request, state, file_form=form)
        return render(request, "accession/my_state.html", context, status=400)
    data = form.cleaned_data
    upload: UploadedFile = data["letter_file"]
    try:
        case = services.accession_request_file(
            user=request.user,
            state_code=state.code,
            treaty_slug=CONVENTION,
            letter=RequestLetter(
                signatory_name=data["signatory_name"],
                signatory_capacity=data["signatory_capacity"],
                date=data["date"],
                addressee=data["addressee"],
            ),
            letter_file=upload,
        )
    except DomainError as error:
        context = _my_state_context(request, state, file_form=form, error=_error("file", error))
        return render(request, "accession/my_state.html", context, status=error.status)
    messages.success(
        request,
        _("The request was filed with the Secretary General as case %(reference)s.")
        % {"reference": case.reference},
    )
    return redirect("accession:case", reference=case.reference)


# -- the delegates' inbox ------------------------------------------------------------------------


def _inbox_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    cases = selectors.consultation_inbox(user=_person(request))
    replies = selectors.replies_of_party(cases, _person(request).state_id)
    items = []
    for case in cases:
        reply = replies.get(case.pk)
        items.append(
            {
                "case": case,
                "reply": reply,
                "form": forms.DelegateReplyForm.changing(reply, prefix=case.reference),
            }
        )
    context: dict[str, Any] = {
        "nav_section": "inbox",
        "items": items,
        "today": timezone.localdate(),
        "error": None,
    }
    context.update(extra)
    return context


@role_required(Role.PARTY_DELEGATE)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "accession/inbox.html", _inbox_context(request))


# -- the Treaty Office's desk --------------------------------------------------------------------


@role_required(Role.TREATY_OFFICE)
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    form = forms.DeskFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    counts = selectors.status_counts()
    return render(
        request,
        "accession/desk.html",
        {
            "nav_section": "desk",
            "form": form,
            "status": status,
            "cases": selectors.desk_case_list(status=status),
            "counts": [
                {"status": s.value, "label": presenters.status_label(s), "count": counts[s.value]}
                for s in CaseStatus
                if counts.get(s.value)
            ],
            "total": sum(counts.values()),
        },
        status=200 if form.is_valid() else 400,
    )
