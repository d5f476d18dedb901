"""Meetings: the list, one meeting with everything recorded about it, and the writes on them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from lanzarote.committee import selectors, services
from lanzarote.committee.api.common import (
    YEARS,
    decision_of,
    endpoints,
    meeting_of,
    user_of,
)
from lanzarote.committee.checks import MANAGE, RECORD_VOTE
from lanzarote.committee.schemas.common import ErrorOut
from lanzarote.committee.schemas.meetings import (
    CommitteeAgendaItemIn,
    CommitteeAgendaItemOut,
    CommitteeAttendanceIn,
    CommitteeAttendanceOut,
    CommitteeDecisionIn,
    CommitteeDecisionOut,
    CommitteeDocumentIn,
    CommitteeDocumentOut,
    CommitteeMeetingIn,
    CommitteeMeetingOut,
    CommitteeMeetingSummaryOut,
    CommitteeVoteIn,
    CommitteeVoteOut,
)
from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.lists import ListWindow
from lanzarote.core.permissions import require

router = Router(tags=["committee: meetings"])
api = endpoints(router)


@api.read(
    "/",
    list[CommitteeMeetingSummaryOut],
    "Meetings of the Committee, newest first",
    errors={422: ErrorOut},
    description="`year` (1900–2200) keeps the meetings that started that year.",
)
def meeting_list(
    request: HttpRequest, window: Query[ListWindow], year: int | None = Query(None, **YEARS)
) -> Any:
    return window.apply(selectors.meeting_list(year=year))


@api.read(
    "/{number}",
    CommitteeMeetingOut,
    "One meeting: agenda, decisions, documents, texts, attendance and votes",
)
def meeting_detail(request: HttpRequest, number: int) -> Any:
    return selectors.meeting_record(number)


@api.create("/", CommitteeMeetingSummaryOut, "Record a meeting")
def meeting_create(request: HttpRequest, payload: CommitteeMeetingIn) -> Status:
    return Status(201, services.meeting_save(user=user_of(request), **payload.dict()))


@api.write(
    "PUT", "/{number}", CommitteeMeetingSummaryOut, "Correct a meeting's dates, place or mode"
)
def meeting_update(request: HttpRequest, number: int, payload: CommitteeMeetingIn) -> Any:
    require(user_of(request), MANAGE)
    return services.meeting_save(
        user=user_of(request), meeting=meeting_of(number), **payload.dict()
    )


@api.create("/{number}/agenda-items", CommitteeAgendaItemOut, "Add an agenda item")
def agenda_item_create(request: HttpRequest, number: int, payload: CommitteeAgendaItemIn) -> Status:
    require(user_of(request), MANAGE)
    item = services.agenda_item_save(
        user=user_of(request), meeting=meeting_of(number), **payload.dict()
    )
    return Status(201, item)


@api.create("/{number}/decisions", CommitteeDecisionOut, "Record a decision taken at the meeting")
def decision_create(request: HttpRequest, number: int, payload: CommitteeDecisionIn) -> Status:
    require(user_of(request), MANAGE)
    meeting = meeting_of(number)
    data = payload.dict()
    item_id = data.pop("agenda_item")
    agenda_item = meeting.agenda_items.filter(pk=item_id).first() if item_id else None
    if item_id and agenda_item is None:
        raise InvalidInput("The agenda item belongs to another meeting.", field="agenda_item")
    decision = services.decision_save(
        user=user_of(request), meeting=meeting, agenda_item=agenda_item, **data
    )
    return Status(201, decision)


@api.create(
    "/{number}/documents",
    CommitteeDocumentOut,
    "Record a document of the meeting (reference code such as T-ES(2022)02)",
)
def document_create(request: HttpRequest, number: int, payload: CommitteeDocumentIn) -> Status:
    require(user_of(request), MANAGE)
    document = services.document_save(
        user=user_of(request), meeting=meeting_of(number), **payload.dict()
    )
    return Status(201, document)


@api.write(
    "PUT",
    "/{number}/attendance",
    list[CommitteeAttendanceOut],
    "Replace the list of those who attended",
)
def attendance_set(request: HttpRequest, number: int, payload: CommitteeAttendanceIn) -> Any:
    require(user_of(request), MANAGE)
    organisations = [selectors.organisation_get(slug) for slug in payload.organisations]
    return services.attendance_set(
        user=user_of(request),
        meeting=meeting_of(number),
        states=payload.states,
        organisations=organisations,
    )


@api.read(
    "/{number}/votes",
    list[CommitteeVoteOut],
    "Votes recorded at the meeting (corrections included, with `supersedes`)",
)
def vote_list(request: HttpRequest, number: int, window: Query[ListWindow]) -> Any:
    return window.apply(selectors.vote_list(meeting_of(number)))


@api.create(
    "/{number}/votes",
    CommitteeVoteOut,
    "Record a vote of the Committee",
    description="The ballots are checked (only the Parties on `voted_on` vote, Arts. 39(1) and "
    "40(4)) and counted by the rule; the result and its explanation are returned.",
)
def vote_create(request: HttpRequest, number: int, payload: CommitteeVoteIn) -> Status:
    require(user_of(request), RECORD_VOTE)
    meeting = meeting_of(number)
    data = payload.dict()
    decision = decision_of(data.pop("decision"))
    vote = services.vote_record(user=user_of(request), meeting=meeting, decision=decision, **data)
    return Status(201, vote)
