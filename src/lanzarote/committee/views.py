"""The Committee's pages: composition on any date, meetings, adopted texts, capacity building and
priority countries (public), and the secretariat's desk. Views parse, ask a selector or one
service, and render; every list offers CSV and JSON of exactly what it shows (same shapes as the
API, from `presenters`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from datetime import date
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.committee import forms, presenters, selectors, services
from lanzarote.committee.models import Meeting
from lanzarote.core.errors import DomainError, Forbidden, NotFound, Unauthorised
from lanzarote.core.permissions import REGISTRY, allowed

View = Callable[..., HttpResponse]
MANAGE = "committee.manage"


# -- shared ----------------------------------------------------------------------------------


def _or_404(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except NotFound as error:
        raise Http404(error.message) from None


def _csv_response(rows: Sequence[dict[str, Any]], fields: list[str], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.DictWriter(response, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: ("" if v is None else "yes" if v is True else "no" if v is False else v)
                for k, v in row.items()
            }
        )
    return response


def _json_response(data: Any, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def _bad_query(form: django_forms.Form) -> JsonResponse:
    return JsonResponse(
        {"detail": _("The query is not valid."), "errors": form.errors.get_json_data()},
        status=400,
    )


def _context(request: HttpRequest, section: str, **extra: Any) -> dict[str, Any]:
    return {
        "nav_section": "committee",
        "committee_section": section,
        "may_manage": allowed(request.user, MANAGE),
        **extra,
    }


def _query(form: django_forms.Form, *names: str) -> str:
    data = form.cleaned_data
    values = {}
    for name in names:
        value = data.get(name)
        if value in (None, ""):
            continue
        values[name] = value.isoformat() if isinstance(value, date) else value
    return urlencode(values)


# -- composition -----------------------------------------------------------------------------


def _composition(
    request: HttpRequest,
) -> tuple[forms.CompositionForm, dict[str, Any]]:
    form = forms.CompositionForm(request.GET)
    context = _context(request, "composition", form=form)
    if not form.is_valid():
        return form, context
    as_of: date = form.cleaned_data["as_of"]
    since: date | None = form.cleaned_data.get("since")
    composition = selectors.composition(as_of)
    context.update(
        {
            "as_of": as_of,
            "since": since,
            "composition": composition,
            "counts": composition.counts(),
            "changes": selectors.composition_changes(since=since, until=as_of) if since else None,
            "show_contacts": allowed(request.user, "people.see_contacts"),
            "download_query": _query(form, "as_of", "since"),
        }
    )
    return form, context


@require_GET
def composition(request: HttpRequest) -> HttpResponse:
    form, context = _composition(request)
    return render(
        request, "committee/composition.html", context, status=200 if form.is_valid() else 400
    )


@require_GET
def composition_csv(request: HttpRequest) -> HttpResponse:
    form, context = _composition(request)
    if not form.is_valid():
        return _bad_query(form)
    rows = presenters.composition_csv_rows(context["composition"])
    name = f"committee-composition-{context['as_of'].isoformat()}"
    return _csv_response(rows, presenters.COMPOSITION_CSV_FIELDS, name)


@require_GET
def composition_json(request: HttpRequest) -> HttpResponse:
    form, context = _composition(request)
    if not form.is_valid():
        return _bad_query(form)
    data = presenters.composition(context["composition"], with_contacts=context["show_contacts"])
    if context["changes"] is not None:
        data["changes"] = presenters.changes(context["changes"])
    return _json_response(data, f"committee-composition-{context['as_of'].isoformat()}")


@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    item = _or_404(lambda: selectors.organisation_get(slug))
    today = timezone.localdate()
    return render(
        request,
        "committee/organisation.html",
        _context(
            request,
            "composition",
            organisation=item,
            participations=[
                p for p in selectors.participation_list() if p.organisation_id == item.pk
            ],
            observer_events=selectors.organisation_observer_events(item),
            representatives=[
                r for r in selectors.representative_list() if r.organisation_id == item.pk
            ],
            show_contacts=allowed(request.user, "people.see_contacts"),
            today=today,
        ),
    )


# -- meetings --------------------------------------------------------------------------------


@require_GET
def meetings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "committee/meetings.html",
        _context(request, "meetings", meetings=selectors.meeting_list()),
    )


@require_GET
def meetings_csv(request: HttpRequest) -> HttpResponse:
    rows = [presenters.meeting_summary(m) for m in selectors.meeting_list()]
    return _csv_response(rows, presenters.MEETING_CSV_FIELDS, "committee-meetings")


@require_GET
def meetings_json(request: HttpRequest) -> HttpResponse:
    data = {"meetings": [presenters.meeting_summary(m) for m in selectors.meeting_list()]}
    return _json_response(data, "committee-meetings")


def _attendance_rows(record: selectors.MeetingRecord) -> list[dict[str, Any]]:
    if not record.attendance:
        return []
    seated = selectors.composition(record.meeting.start_date)
    groups = {
        **{r.key: "member" for r in seated.members},
        **{r.key: "participant" for r in seated.participants},
        **{r.key: "observer" for r in seated.observers},
    }
    return [
        {"item": item, "group": groups.get(_attendance_key(item), "")} for item in record.attendance
    ]


def _attendance_key(item: Any) -> str:
    if item.organisation is not None:
        return f"organisation:{item.organisation.slug}"
    return f"state:{item.state_id}"


@require_GET
def meeting_detail(request: HttpRequest, number: int) -> HttpResponse:
    record = _or_404(lambda: selectors.meeting_record(number))
    return render(
        request,
        "committee/meeting.html",
        _context(
            request,
            "meetings",
            record=record,
            meeting=record.meeting,
            attendance=_attendance_rows(record),
        ),
    )


@require_GET
def meeting_json(request: HttpRequest, number: int) -> HttpResponse:
    record = _or_404(lambda: selectors.meeting_record(number))
    return _json_response(presenters.meeting_record(record), f"committee-meeting-{number}")


# -- adopted texts ---------------------------------------------------------------------------


def _texts(request: HttpRequest) -> tuple[forms.TextFilterForm, dict[str, Any]]:
    articles = selectors.convention_articles()
    form = forms.TextFilterForm(request.GET, articles=articles)
    context = _context(request, "texts", form=form)
    if not form.is_valid():
        return form, context
    kind = form.cleaned_data.get("kind") or ""
    article = form.cleaned_data.get("article")
    texts = selectors.text_list(kind=kind, article=article)
    context.update(
        {
            "texts": texts,
            "kind": kind,
            "article": next((a for a in articles if a.number == article), None),
            "download_query": _query(form, "kind", "article"),
        }
    )
    return form, context


@require_GET
def texts(request: HttpRequest) -> HttpResponse:
    form, context = _texts(request)
    return render(request, "committee/texts.html", context, status=200 if form.is_valid() else 400)


@require_GET
def texts_csv(request: HttpRequest) -> HttpResponse:
    form, context = _texts(request)
    if not form.is_valid():
        return _bad_query(form)
    rows = [presenters.text_csv_row(t) for t in context["texts"]]
    return _csv_response(rows, presenters.TEXT_CSV_FIELDS, "committee-texts")


@require_GET
def texts_json(request: HttpRequest) -> HttpResponse:
    form, context = _texts(request)
    if not form.is_valid():
        return _bad_query(form)
    data = {
        "filters": {"kind": context["kind"] or None, "article": form.cleaned_data.get("article")},
        "texts": [presenters.text_summary(t) for t in context["texts"]],
    }
    return _json_response(data, "committee-texts")


@require_GET
def text_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = _or_404(lambda: selectors.text_get(slug))
    return render(request, "committee/text.html", _context(request, "texts", text=item))


# -- capacity building -----------------------------------------------------------------------


def _projects(request: HttpRequest) -> tuple[forms.ProjectFilterForm, dict[str, Any]]:
    form = forms.ProjectFilterForm(request.GET, themes=selectors.theme_list())
    context = _context(request, "capacity", form=form)
    if not form.is_valid():
        return form, context
    data = form.cleaned_data
    context.update(
        {
            "projects": selectors.project_list(
                status=data.get("status") or "",
                state=data.get("state") or "",
                theme=data.get("theme") or "",
            ),
            "events": selectors.capacity_event_list(),
            "download_query": _query(form, "status", "state", "theme"),
        }
    )
    return form, context


@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    form, context = _projects(request)
    return render(
        request, "committee/projects.html", context, status=200 if form.is_valid() else 400
    )


@require_GET
def projects_csv(request: HttpRequest) -> HttpResponse:
    form, context = _projects(request)
    if not form.is_valid():
        return _bad_query(form)
    rows = [presenters.project_csv_row(p) for p in context["projects"]]
    return _csv_response(rows, presenters.PROJECT_CSV_FIELDS, "committee-projects")


@require_GET
def projects_json(request: HttpRequest) -> HttpResponse:
    form, context = _projects(request)
    if not form.is_valid():
        return _bad_query(form)
    data = {"projects": [presenters.project(p) for p in context["projects"]]}
    return _json_response(data, "committee-projects")


@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = _or_404(lambda: selectors.project_get(slug))
    return render(request, "committee/project.html", _context(request, "capacity", project=item))


@require_GET
def events_csv(request: HttpRequest) -> HttpResponse:
    rows = []
    for event in selectors.capacity_event_list():
        data = presenters.capacity_event(event)
        data["date"] = (data["date"] or {}).get("text", "")
        data["states"] = ";".join(data["states"])
        rows.append(data)
    fields = ["slug", "kind", "title", "date", "confirmed", "place", "online", "meeting", "states"]
    return _csv_response(rows, fields, "committee-events")


@require_GET
def events_json(request: HttpRequest) -> HttpResponse:
    data = {"events": [presenters.capacity_event(e) for e in selectors.capacity_event_list()]}
    return _json_response(data, "committee-events")


def _priorities(request: HttpRequest) -> tuple[Any, dict[str, Any]]:
    from lanzarote.web.forms import AsOfForm

    form = AsOfForm(request.GET)
    context = _context(request, "priorities", form=form)
    if not form.is_valid():
        return form, context
    as_of: date = form.cleaned_data["as_of"]
    context.update(
        {
            "as_of": as_of,
            "countries": selectors.priority_countries(as_of=as_of, user=request.user),
            "download_query": _query(form, "as_of"),
        }
    )
    return form, context


@require_GET
def priorities(request: HttpRequest) -> HttpResponse:
    form, context = _priorities(request)
    return render(
        request, "committee/priorities.html", context, status=200 if form.is_valid() else 400
    )


@require_GET
def priorities_csv(request: HttpRequest) -> HttpResponse:
    form, context = _priorities(request)
    if not form.is_valid():
        return _bad_query(form)
    rows = [presenters.priority_csv_row(p) for p in context["countries"]]
    name = f"committee-priority-countries-{context['as_of'].isoformat()}"
    return _csv_response(rows, presenters.PRIORITY_CSV_FIELDS, name)


@require_GET
def priorities_json(request: HttpRequest) -> HttpResponse:
    form, context = _priorities(request)
    if not form.is_valid():
        return _bad_query(form)
    data = {
        "as_of": context["as_of"].isoformat(),
        "countries": [presenters.priority_country(p) for p in context["countries"]],
    }
    name = f"committee-priority-countries-{context['as_of'].isoformat()}"
    return _json_response(data, name)


# -- the secretariat's desk ------------------------------------------------------------------


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    status = 401 if isinstance(error, Unauthorised) else 403
    return render(
        request,
        "committee/refused.html",
        _context(request, "desk", message=error.message, status=status),
        status=status,
    )


def _denial(request: HttpRequest, permission: str = MANAGE) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return _refused(request, Unauthorised(_("Sign in to use the secretariat's desk.")))
    if not allowed(request.user, permission):
        return _refused(request, Forbidden(str(REGISTRY[permission].refusal)))
    return None


def desk_only(view: View) -> View:
    """Anonymous people get 401 with a sign-in link; others without the permission get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        denial = _denial(request)
        if denial is not None:
            return denial
        return view(request, *args, **kwargs)

    return wrapped


def _form_page(
    request: HttpRequest,
    *,
    form_class: type[django_forms.Form],
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success: Callable[[Any], str],
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    intro: str = "",
    back: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A desk form: GET shows it, POST validates it and calls one service; a refusal is shown on
    the form with the rule's article, and the service's transaction has written nothing."""
    kwargs = form_kwargs or {}
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                saved = save(form.cleaned_data)
            except (Unauthorised, Forbidden) as error:
                return _refused(request, error)
            except DomainError as error:
                text = f"{error.message} ({error.article})" if error.article else error.message
                field = error.field if error.field in form.fields else None
                form.add_error(field, text)
            else:
                messages.success(request, _("Saved."))
                return redirect(success(saved))
        status = 400
    else:
        form = form_class(initial=initial, **kwargs)
    context = _context(
        request, "desk", form=form, title=title, intro=intro, back=back or reverse("committee:desk")
    )
    context.update(extra or {})
    return render(request, "committee/desk_form.html", context, status=status)


@require_GET
@desk_only
def desk(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "committee/desk.html",
        _context(
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
        ),
    )


def _meeting_or_404(number: int) -> Meeting:
    return _or_404(lambda: selectors.meeting_get(number))


def _meeting_url(meeting: Any) -> str:
    return reverse(
        "committee:meeting", args=[getattr(meeting, "number", None) or meeting.meeting.number]
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_meeting(request: HttpRequest, number: int | None = None) -> HttpResponse:
    meeting = _meeting_or_404(number) if number is not None else None
    return _form_page(
        request,
        form_class=forms.MeetingForm,
        title=_("Edit the %(meeting)s") % {"meeting": meeting.title}
        if meeting
        else _("New meeting"),
        initial=forms.MeetingForm.initial_from(meeting) if meeting else None,
        save=lambda data: services.meeting_save(user=request.user, meeting=meeting, **data),
        success=_meeting_url,
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_agenda_item(request: HttpRequest, number: int) -> HttpResponse:
    meeting = _meeting_or_404(number)
    return _form_page(
        request,
        form_class=forms.AgendaItemForm,
        title=_("Add an agenda item to the %(meeting)s") % {"meeting": meeting.title},
        save=lambda data: services.agenda_item_save(user=request.user, meeting=meeting, **data),
        success=lambda item: _meeting_url(meeting),
        back=_meeting_url(meeting),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_decision(request: HttpRequest, number: int) -> HttpResponse:
    meeting = _meeting_or_404(number)
    return _form_page(
        request,
        form_class=forms.DecisionForm,
        form_kwargs={"meeting": meeting},
        initial={"decided_on": meeting.start_date},
        title=_("Record a decision of the %(meeting)s") % {"meeting": meeting.title},
        save=lambda data: services.decision_save(user=request.user, meeting=meeting, **data),
        success=lambda item: _meeting_url(meeting),
        back=_meeting_url(meeting),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_document(request: HttpRequest, number: int) -> HttpResponse:
    meeting = _meeting_or_404(number)
    return _form_page(
        request,
        form_class=forms.DocumentForm,
        title=_("Add a document to the %(meeting)s") % {"meeting": meeting.title},
        save=lambda data: services.document_save(user=request.user, meeting=meeting, **data),
        success=lambda item: _meeting_url(meeting),
        back=_meeting_url(meeting),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_attendance(request: HttpRequest, number: int) -> HttpResponse:
    meeting = _meeting_or_404(number)
    current = list(meeting.attendance.select_related("organisation"))
    return _form_page(
        request,
        form_class=forms.AttendanceForm,
        initial={
            "states": ", ".join(sorted(a.state_id for a in current if a.state_id)),
            "organisations": [a.organisation_id for a in current if a.organisation_id],
        },
        title=_("Attendance at the %(meeting)s") % {"meeting": meeting.title},
        save=lambda data: services.attendance_set(user=request.user, meeting=meeting, **data),
        success=lambda rows: _meeting_url(meeting),
        back=_meeting_url(meeting),
    )


@require_http_methods(["GET", "POST"])
def desk_vote(request: HttpRequest, number: int) -> HttpResponse:
    denial = _denial(request, "committee.record_vote")
    if denial is not None:
        return denial
    meeting = _meeting_or_404(number)
    members = selectors.composition(meeting.start_date).members
    return _form_page(
        request,
        form_class=forms.VoteForm,
        initial={"voted_on": meeting.start_date},
        title=_("Record a vote of the %(meeting)s") % {"meeting": meeting.title},
        intro=_(
            "Only the members vote: the Parties on the day of the vote (Arts. 39(1) and 40(4)). "
            "Participants and observers take part without the right to vote. The result is "
            "computed from the ballots."
        ),
        save=lambda data: services.vote_record(user=request.user, meeting=meeting, **data),
        success=lambda vote: _meeting_url(meeting) + "#votes",
        back=_meeting_url(meeting),
        extra={"members_hint": members, "members_day": meeting.start_date},
    )


def _kept_decision(text: Any, meeting: Any) -> Any:
    """An edited text keeps its adopting decision while it stays with the same meeting."""
    if text is None or text.decision is None:
        return None
    return text.decision if text.meeting_id == getattr(meeting, "pk", None) else None


@require_http_methods(["GET", "POST"])
@desk_only
def desk_text(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    text = _or_404(lambda: selectors.text_get(slug)) if slug else None

    def save(data: dict[str, Any]) -> Any:
        return services.text_save(
            user=request.user,
            text=text,
            adopted_on=data.pop("adopted_on") or "unknown",
            considered_at=list(text.considered_at.all()) if text else [],
            decision=_kept_decision(text, data.get("meeting")),
            **data,
        )

    return _form_page(
        request,
        form_class=forms.TextForm,
        initial=forms.TextForm.initial_from(text) if text else None,
        title=_("Edit “%(title)s”") % {"title": text.title} if text else _("New adopted text"),
        save=save,
        success=lambda item: reverse("committee:text", args=[item.slug]),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_organisation(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form_class=forms.OrganisationForm,
        title=_("New organisation"),
        save=lambda data: services.organisation_save(user=request.user, **data),
        success=lambda item: reverse("committee:organisation", args=[item.slug]),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_participation(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = _or_404(lambda: selectors.participation_get(pk)) if pk else None
    return _form_page(
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
        success=lambda saved: reverse("committee:desk") + "#participants",
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_representative(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = _or_404(lambda: selectors.representative_get(pk)) if pk else None
    return _form_page(
        request,
        form_class=forms.RepresentativeForm,
        initial=forms.RepresentativeForm.initial_from(item) if item else None,
        title=_("Edit a representative") if item else _("New representative"),
        save=lambda data: services.representative_save(
            user=request.user, representative=item, **data
        ),
        success=lambda saved: reverse("committee:desk") + "#representatives",
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_bureau(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = _or_404(lambda: selectors.bureau_get(pk)) if pk else None
    return _form_page(
        request,
        form_class=forms.BureauTermForm,
        initial=forms.BureauTermForm.initial_from(item) if item else None,
        title=_("Edit a Bureau term") if item else _("New Bureau term"),
        save=lambda data: services.bureau_term_save(user=request.user, term=item, **data),
        success=lambda saved: reverse("committee:desk") + "#bureau",
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_project(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    item = _or_404(lambda: selectors.project_get(slug)) if slug else None
    return _form_page(
        request,
        form_class=forms.ProjectForm,
        initial=forms.ProjectForm.initial_from(item) if item else None,
        title=_("Edit “%(title)s”") % {"title": item.title} if item else _("New project"),
        save=lambda data: services.project_save(user=request.user, project=item, **data),
        success=lambda saved: reverse("committee:project", args=[saved.slug]),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_assistance(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = _or_404(lambda: selectors.assistance_request_get(pk)) if pk else None
    return _form_page(
        request,
        form_class=forms.AssistanceRequestForm,
        initial=forms.AssistanceRequestForm.initial_from(item) if item else None,
        title=_("Edit a request for assistance") if item else _("New request for assistance"),
        save=lambda data: services.assistance_request_save(user=request.user, request=item, **data),
        success=lambda saved: reverse("committee:desk") + "#assistance",
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_priority(request: HttpRequest) -> HttpResponse:
    return _form_page(
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


@require_http_methods(["GET", "POST"])
@desk_only
def desk_event(request: HttpRequest) -> HttpResponse:
    def save(data: dict[str, Any]) -> Any:
        return services.capacity_event_save(
            user=request.user, held_on=data.pop("held_on") or "unknown", **data
        )

    return _form_page(
        request,
        form_class=forms.CapacityEventForm,
        title=_("New event or study visit"),
        save=save,
        success=lambda saved: reverse("committee:projects") + "#events",
    )


# -- the observer chain ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@desk_only
def desk_application_new(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form_class=forms.ObserverApplicationForm,
        title=_("Record an application for observer status"),
        intro=_(
            "Civil society, in particular non-governmental organisations, may be admitted as "
            "observers by a vote of the members (Art. 40(3)). Record the application as received; "
            "then put it to a meeting, and record the members' decision there."
        ),
        save=lambda data: services.observer_application_record(user=request.user, **data),
        success=lambda saved: reverse("committee:desk_application", args=[saved.pk]),
    )


def _application_page(
    request: HttpRequest, application: Any, *, status: int = 200, **forms_: Any
) -> HttpResponse:
    return render(
        request,
        "committee/desk_application.html",
        _context(
            request,
            "desk",
            application=application,
            events=selectors.application_events(application),
            schedule_form=forms_.get("schedule_form") or forms.ScheduleForm(),
            decision_form=forms_.get("decision_form")
            or forms.ObserverDecisionForm(
                initial={"decided_on": application.meeting.start_date}
                if application.meeting
                else None
            ),
            withdraw_form=forms_.get("withdraw_form") or forms.WithdrawForm(),
        ),
        status=status,
    )


@require_GET
@desk_only
def desk_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = _or_404(lambda: selectors.application_get(pk))
    return _application_page(request, application)


def _application_action(
    request: HttpRequest,
    pk: int,
    form_class: type[django_forms.Form],
    name: str,
    act: Callable[[Any, dict[str, Any]], Any],
) -> HttpResponse:
    application = _or_404(lambda: selectors.application_get(pk))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(application, form.cleaned_data)
        except (Unauthorised, Forbidden) as error:
            return _refused(request, error)
        except DomainError as error:
            text = f"{error.message} ({error.article})" if error.article else error.message
            form.add_error(error.field if error.field in form.fields else None, text)
        else:
            messages.success(request, _("Recorded."))
            return redirect("committee:desk_application", pk=application.pk)
    application = selectors.application_get(pk)
    return _application_page(request, application, status=400, **{name: form})


@require_POST
@desk_only
def desk_application_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_action(
        request,
        pk,
        forms.ScheduleForm,
        "schedule_form",
        lambda application, data: services.observer_application_schedule(
            user=request.user, application=application, meeting=data["meeting"]
        ),
    )


@require_POST
@desk_only
def desk_application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    def act(application: Any, data: dict[str, Any]) -> Any:
        outcome = data.get("outcome")
        return services.observer_application_decide(
            user=request.user,
            application=application,
            decided_on=data["decided_on"],
            admit=None if not outcome else outcome == "admit",
            ballots=data.get("ballots") or None,
            rule=data["rule"],
        )

    return _application_action(request, pk, forms.ObserverDecisionForm, "decision_form", act)


@require_POST
@desk_only
def desk_application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_action(
        request,
        pk,
        forms.WithdrawForm,
        "withdraw_form",
        lambda application, data: services.observer_status_withdraw(
            user=request.user, organisation=application.organisation, **data
        ),
    )


@require_http_methods(["GET", "POST"])
@desk_only
def desk_organisation_withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    """Withdraw the status of an observer admitted without an application on record."""
    item = _or_404(lambda: selectors.organisation_get(slug))
    return _form_page(
        request,
        form_class=forms.WithdrawForm,
        title=_("Withdraw the observer status of %(name)s") % {"name": item.name},
        save=lambda data: services.observer_status_withdraw(
            user=request.user, organisation=item, **data
        ),
        success=lambda saved: reverse("committee:organisation", args=[item.slug]),
        back=reverse("committee:organisation", args=[item.slug]),
    )
