"""The secretariat's desk: its overview, and the forms of organisations, participants,
representatives and the Bureau."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lanzarote.committee import forms, selectors, services
from lanzarote.committee.views.common import context, desk, desk_form, desk_url
from lanzarote.core.http.pages import or_404


@desk.page("", name="desk")
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = context(
        request,
        "desk",
        overview=selectors.desk_overview(today=today),
        today=today,
        participations=selectors.participation_list(),
        bureau=selectors.bureau_list(),
        representatives=selectors.representative_list(),
        applications=selectors.application_list(),
        assistance=selectors.assistance_request_list(user=request.user),
        flags=selectors.priority_flag_list(),
        texts=selectors.text_list(),
        projects=selectors.project_list(),
    )
    return render(request, "committee/desk.html", page)


@desk.action("organisations/new/", name="desk_organisation_new")
def desk_organisation(request: HttpRequest) -> HttpResponse:
    return desk_form(
        request,
        form_class=forms.OrganisationForm,
        title=_("New organisation"),
        save=lambda data: services.organisation_save(user=request.user, **data),
        success=lambda item: reverse("committee:organisation", args=[item.slug]),
    )


@desk.action(
    "participants/new/",
    name="desk_participation_new",
    also=(("participants/<int:pk>/edit/", "desk_participation_edit"),),
)
def desk_participation(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = or_404(lambda: selectors.participation_get(pk)) if pk else None
    return desk_form(
        request,
        form_class=forms.ParticipationForm,
        initial=forms.ParticipationForm.initial_from(item) if item else None,
        title=_("Edit a participation") if item else _("New participant"),
        intro=_(
            "Organisations and bodies that take part without the right to vote (Art. 40). States "
            "that signed or took part in the elaboration are derived from the registry."
        ),
        save=lambda data: services.participation_save(
            user=request.user, participation=item, **data
        ),
        success=lambda saved: desk_url("participants"),
    )


@desk.action(
    "representatives/new/",
    name="desk_representative_new",
    also=(("representatives/<int:pk>/edit/", "desk_representative_edit"),),
)
def desk_representative(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = or_404(lambda: selectors.representative_get(pk)) if pk else None
    return desk_form(
        request,
        form_class=forms.RepresentativeForm,
        initial=forms.RepresentativeForm.initial_from(item) if item else None,
        title=_("Edit a representative") if item else _("New representative"),
        save=lambda data: services.representative_save(
            user=request.user, representative=item, **data
        ),
        success=lambda saved: desk_url("representatives"),
    )


@desk.action(
    "bureau/new/", name="desk_bureau_new", also=(("bureau/<int:pk>/edit/", "desk_bureau_edit"),)
)
def desk_bureau(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = or_404(lambda: selectors.bureau_get(pk)) if pk else None
    return desk_form(
        request,
        form_class=forms.BureauTermForm,
        initial=forms.BureauTermForm.initial_from(item) if item else None,
        title=_("Edit a Bureau term") if item else _("New Bureau term"),
        save=lambda data: services.bureau_term_save(user=request.user, term=item, **data),
        success=lambda saved: desk_url("bureau"),
    )
