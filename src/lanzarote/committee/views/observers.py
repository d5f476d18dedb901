"""The observer chain at the desk (Art. 40(3)): recording an application, its page with the
steps the workflow allows now, each step at its own URL, and the withdrawal of an observer that
has no application on record."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from lanzarote.committee import forms, selectors, services
from lanzarote.committee.models import ObserverApplication
from lanzarote.committee.views.common import context, desk, desk_form
from lanzarote.committee.workflows import OBSERVER_APPLICATIONS
from lanzarote.core.http.pages import or_404, post_action


@desk.action("observers/new/", name="desk_application_new")
def desk_application_new(request: HttpRequest) -> HttpResponse:
    return desk_form(
        request,
        form_class=forms.ObserverApplicationForm,
        title=_("Record an application for observer status"),
        intro=_(
            "Civil society, in particular non-governmental organisations, may be admitted as "
            "observers following the procedure of the relevant rules of the Council of Europe "
            "(Art. 40(3)). Record the application as received; then put it to a meeting, and "
            "record the members' decision there."
        ),
        save=lambda data: services.observer_application_record(user=request.user, **data),
        success=lambda saved: reverse("committee:desk_application", args=[saved.pk]),
    )


def _application_page(
    request: HttpRequest, application: ObserverApplication, **bound: django_forms.Form
) -> HttpResponse:
    """The application with its chain and a form for each step the person may take now."""
    steps = {t.step for t in OBSERVER_APPLICATIONS.available_transitions(application, request.user)}
    meeting = application.meeting
    page = context(
        request,
        "desk",
        application=application,
        events=selectors.application_events(application),
        steps=steps,
        schedule_form=bound.get("schedule_form") or forms.ScheduleForm(),
        decision_form=bound.get("decision_form")
        or forms.ObserverDecisionForm(
            initial={"decided_on": meeting.start_date} if meeting else None
        ),
        withdraw_form=bound.get("withdraw_form") or forms.WithdrawForm(),
    )
    return render(request, "committee/desk_application.html", page)


@desk.page("observers/<int:pk>/", name="desk_application")
def desk_application(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_page(request, or_404(lambda: selectors.application_get(pk)))


def _step(
    request: HttpRequest,
    pk: int,
    form_class: type[django_forms.Form],
    name: str,
    act: Any,
) -> HttpResponse:
    application = or_404(lambda: selectors.application_get(pk))
    return post_action(
        request,
        form=form_class(request.POST),
        act=lambda data: act(application, data),
        success_url=reverse("committee:desk_application", args=[pk]),
        rerender=lambda form: _application_page(
            request, selectors.application_get(pk), **{name: form}
        ),
        context=context(request, "desk"),
    )


@desk.action("observers/<int:pk>/schedule/", name="desk_application_schedule", post_only=True)
def desk_application_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        forms.ScheduleForm,
        "schedule_form",
        lambda application, data: services.observer_application_schedule(
            user=request.user, application=application, meeting=data["meeting"]
        ),
    )


@desk.action("observers/<int:pk>/decide/", name="desk_application_decide", post_only=True)
def desk_application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: ObserverApplication, data: dict[str, Any]) -> Any:
        outcome = data.get("outcome")
        return services.observer_application_decide(
            user=request.user,
            application=application,
            decided_on=data["decided_on"],
            admit=None if not outcome else outcome == "admit",
            ballots=data.get("ballots") or None,
            rule=data["rule"],
        )

    return _step(request, pk, forms.ObserverDecisionForm, "decision_form", act)


@desk.action("observers/<int:pk>/withdraw/", name="desk_application_withdraw", post_only=True)
def desk_application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        forms.WithdrawForm,
        "withdraw_form",
        lambda application, data: services.observer_status_withdraw(
            user=request.user, organisation=application.organisation, **data
        ),
    )


@desk.action("organisations/<slug:slug>/withdraw/", name="desk_organisation_withdraw")
def desk_organisation_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    """Withdraw the status of an observer admitted without an application on record."""
    item = or_404(lambda: selectors.organisation_get(slug))
    back = reverse("committee:organisation", args=[item.slug])
    return desk_form(
        request,
        form_class=forms.WithdrawForm,
        title=_("Withdraw the observer status of %(name)s") % {"name": item.name},
        save=lambda data: services.observer_status_withdraw(
            user=request.user, organisation=item, **data
        ),
        success=lambda saved: back,
        back=back,
    )
