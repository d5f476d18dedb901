"""Meetings: the list and one meeting (public), and the desk's actions on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.committee import forms, presenters, selectors, services
from lanzarote.committee.checks import RECORD_VOTE
from lanzarote.committee.models import Meeting
from lanzarote.committee.schemas.common import dump, dump_all
from lanzarote.committee.schemas.meetings import CommitteeMeetingOut, CommitteeMeetingSummaryOut
from lanzarote.committee.views.common import (
    context,
    desk,
    desk_form,
    desk_url,
    meeting_or_404,
    meeting_url,
)
from lanzarote.core import versions
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.downloads import csv_download, json_download
from lanzarote.core.http.pages import or_404


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def meetings(request: HttpRequest) -> HttpResponse:
    page = context(request, "meetings", meetings=selectors.meeting_list())
    return render(request, "committee/meetings.html", page)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def meetings_csv(request: HttpRequest) -> HttpResponse:
    rows = dump_all(CommitteeMeetingSummaryOut, selectors.meeting_list())
    return csv_download(rows, presenters.MEETING_CSV_FIELDS, "committee-meetings")


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def meetings_json(request: HttpRequest) -> HttpResponse:
    data = {"meetings": dump_all(CommitteeMeetingSummaryOut, selectors.meeting_list())}
    return json_download(data, "committee-meetings")


def _attendance_rows(record: selectors.MeetingRecord) -> list[dict[str, Any]]:
    """Who attended, each in the capacity it had on the meeting's first day."""
    if not record.attendance:
        return []
    seated = selectors.composition(record.meeting.start_date)
    groups = {
        **{r.key: "member" for r in seated.members},
        **{r.key: "participant" for r in seated.participants},
        **{r.key: "observer" for r in seated.observers},
    }

    def key(item: Any) -> str:
        if item.organisation is not None:
            return f"organisation:{item.organisation.slug}"
        return f"state:{item.state_id}"

    return [{"item": item, "group": groups.get(key(item), "")} for item in record.attendance]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def meeting_detail(request: HttpRequest, number: int) -> HttpResponse:
    record = or_404(lambda: selectors.meeting_record(number))
    page = context(
        request,
        "meetings",
        record=record,
        meeting=record.meeting,
        attendance=_attendance_rows(record),
    )
    return render(request, "committee/meeting.html", page)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def meeting_json(request: HttpRequest, number: int) -> HttpResponse:
    record = or_404(lambda: selectors.meeting_record(number))
    return json_download(dump(CommitteeMeetingOut, record), f"committee-meeting-{number}")


# -- the desk --------------------------------------------------------------------------------


@desk.action(
    "meetings/new/",
    name="desk_meeting_new",
    also=(("meetings/<int:number>/edit/", "desk_meeting_edit"),),
)
def desk_meeting(request: HttpRequest, number: int | None = None) -> HttpResponse:
    meeting = meeting_or_404(number) if number is not None else None
    title = _("Edit the %(meeting)s") % {"meeting": meeting.title} if meeting else _("New meeting")
    return desk_form(
        request,
        form_class=forms.MeetingForm,
        title=title,
        initial=forms.MeetingForm.initial_from(meeting) if meeting else None,
        save=lambda data: services.meeting_save(user=request.user, meeting=meeting, **data),
        success=meeting_url,
        back=meeting_url(meeting) if meeting else desk_url(),
    )


def _meeting_form(
    request: HttpRequest,
    meeting: Meeting,
    *,
    title: str,
    service: Callable[..., Any],
    anchor: str = "",
    **options: Any,
) -> HttpResponse:
    """A desk form recording something of `meeting` with `service(user=, meeting=, **data)`,
    then back to the meeting's page. `title` holds `%(meeting)s`."""
    back = meeting_url(meeting)
    return desk_form(
        request,
        title=title % {"meeting": meeting.title},
        save=lambda data: service(user=request.user, meeting=meeting, **data),
        success=lambda saved: back + anchor,
        back=back,
        **options,
    )


@desk.action("meetings/<int:number>/agenda/new/", name="desk_agenda_new")
def desk_agenda_item(request: HttpRequest, number: int) -> HttpResponse:
    return _meeting_form(
        request,
        meeting_or_404(number),
        form_class=forms.AgendaItemForm,
        title=_("Add an agenda item to the %(meeting)s"),
        service=services.agenda_item_save,
    )


@desk.action("meetings/<int:number>/decisions/new/", name="desk_decision_new")
def desk_decision(request: HttpRequest, number: int) -> HttpResponse:
    meeting = meeting_or_404(number)
    return _meeting_form(
        request,
        meeting,
        form_class=forms.DecisionForm,
        form_kwargs={"meeting": meeting},
        initial={"decided_on": meeting.start_date},
        title=_("Record a decision of the %(meeting)s"),
        service=services.decision_save,
    )


@desk.action("meetings/<int:number>/documents/new/", name="desk_document_new")
def desk_document(request: HttpRequest, number: int) -> HttpResponse:
    return _meeting_form(
        request,
        meeting_or_404(number),
        form_class=forms.DocumentForm,
        title=_("Add a document to the %(meeting)s"),
        service=services.document_save,
    )


@desk.action("meetings/<int:number>/attendance/", name="desk_attendance")
def desk_attendance(request: HttpRequest, number: int) -> HttpResponse:
    meeting = meeting_or_404(number)
    current = list(meeting.attendance.select_related("organisation"))
    return _meeting_form(
        request,
        meeting,
        form_class=forms.AttendanceForm,
        initial={
            "states": ", ".join(sorted(a.state_id for a in current if a.state_id)),
            "organisations": [a.organisation_id for a in current if a.organisation_id],
        },
        title=_("Attendance at the %(meeting)s"),
        service=services.attendance_set,
    )


@desk.action("meetings/<int:number>/votes/new/", name="desk_vote_new", permission=RECORD_VOTE)
def desk_vote(request: HttpRequest, number: int) -> HttpResponse:
    meeting = meeting_or_404(number)
    return _meeting_form(
        request,
        meeting,
        form_class=forms.VoteForm,
        initial={"voted_on": meeting.start_date},
        title=_("Record a vote of the %(meeting)s"),
        intro=_(
            "Only the members vote: the Parties on the day of the vote (Arts. 39(1) and 40(4)). "
            "Participants and observers take part without the right to vote. The result is "
            "computed from the ballots."
        ),
        service=services.vote_record,
        anchor="#votes",
        extra={
            "members_hint": selectors.composition(meeting.start_date).members,
            "members_day": meeting.start_date,
        },
    )
