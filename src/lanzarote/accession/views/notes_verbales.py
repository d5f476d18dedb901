"""The Treaty Office records several Parties' consents received by note verbale in one step: the
form comes first on its own page (the Parties still awaited as checkboxes, by name in the page's
language, one date, one reference), so recording 47 notes is one submission, not 47 reloads of
the case page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lanzarote.accession import forms, presenters, selectors, services
from lanzarote.accession.models import AccessionCase
from lanzarote.accession.views.access import _not_found, signed_in, with_case
from lanzarote.core.errors import DomainError
from lanzarote.core.http.pages import show_on_form
from lanzarote.core.permissions import allowed
from lanzarote.core.text import sorted_by_name
from lanzarote.registry import selectors as registry


@require_http_methods(["GET", "POST"])
@signed_in
@with_case
def notes_verbales(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    if not allowed(request.user, "accession.record_notes_verbales", case=case):
        return _not_found(request, _("No notes verbales of this case are for you to record."))
    summary = selectors.consultation_summary(case)
    awaited = sorted_by_name(registry.states_by_code(summary.pending).values(), lambda s: s.name)
    choices = [(state.code, state.name) for state in awaited]
    status = 200
    if request.method == "POST":
        form = forms.NotesVerbalesForm(request.POST, awaited=choices)
        if form.is_valid():
            try:
                # The form's fields are the service's arguments: parties, received_on, reference.
                replies = services.consultation_replies_record(
                    user=request.user, case=case, **form.cleaned_data
                )
            except DomainError as error:
                show_on_form(form, error)
                status = error.status
            else:
                messages.success(request, presenters.consents_recorded_sentence(replies))
                return redirect(reverse("accession:notes_verbales", args=[case.reference]))
        else:
            status = 400
    else:
        every = request.GET.get("select") == "all"
        form = forms.NotesVerbalesForm(
            awaited=choices, initial={"parties": [code for code, _name in choices] if every else []}
        )
    context: dict[str, Any] = {
        "nav_section": "desk",
        "case": case,
        "form": form,
        "counts": summary.as_dict(),
        "awaited": awaited,
    }
    return render(request, "accession/notes_verbales.html", context, status=status)
