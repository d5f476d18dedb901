"""Meetings with everything recorded about them, votes and decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Count, Prefetch

from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    Attendance,
    CapacityEvent,
    CommitteeDocument,
    Decision,
    Meeting,
    ObserverEvent,
    Vote,
)
from lanzarote.core.records.reading import ReadsThrough, one
from lanzarote.registry.models import Article

# -- meetings --------------------------------------------------------------------------------


def meeting_list(*, year: int | None = None) -> list[Meeting]:
    meetings = Meeting.objects.annotate(
        text_count=Count("texts_adopted", distinct=True),
        document_count=Count("documents", distinct=True),
        item_count=Count("agenda_items", distinct=True),
    )
    if year:
        meetings = meetings.filter(start_date__year=year)
    return list(meetings.order_by("-start_date", "-number"))


def meeting_get(number: int | str) -> Meeting:
    return one(Meeting.objects.all(), missing=f"No meeting number {number!r}.", number=number)


@dataclass(frozen=True)
class MeetingRecord(ReadsThrough):
    """A meeting with everything recorded about it; otherwise it reads as the meeting."""

    through: ClassVar[str] = "meeting"
    meeting: Meeting
    agenda: list[AgendaItem]
    decisions: list[Decision]
    documents: list[CommitteeDocument]
    texts_adopted: list[AdoptedText]
    texts_considered: list[AdoptedText]
    attendance: list[Attendance]
    votes: list[Vote]
    observer_events: list[ObserverEvent]
    capacity_events: list[CapacityEvent]
    previous: Meeting | None
    next: Meeting | None


def meeting_record(number: int | str) -> MeetingRecord:
    meeting = meeting_get(number)
    articles = Prefetch("articles", queryset=Article.objects.order_by("number"))
    texts = AdoptedText.objects.prefetch_related(articles).order_by("date_earliest", "title_en")
    return MeetingRecord(
        meeting=meeting,
        agenda=list(meeting.agenda_items.prefetch_related(articles).order_by("position", "id")),
        decisions=list(
            meeting.decisions.select_related("agenda_item").order_by("decided_on", "id")
        ),
        documents=list(meeting.documents.order_by("code")),
        texts_adopted=list(texts.filter(meeting=meeting)),
        texts_considered=list(texts.filter(considered_at=meeting).exclude(meeting=meeting)),
        attendance=list(
            meeting.attendance.select_related("state", "organisation").order_by(
                "state__name_en", "organisation__name_en"
            )
        ),
        votes=list(meeting.votes.filter(superseded_by__isnull=True).order_by("voted_on", "id")),
        observer_events=list(
            meeting.observer_events.filter(superseded_by__isnull=True, is_retraction=False)
            .select_related("organisation")
            .order_by("id")
        ),
        capacity_events=list(meeting.capacity_events.order_by("date_earliest")),
        previous=Meeting.objects.filter(number__lt=meeting.number).order_by("-number").first(),
        next=Meeting.objects.filter(number__gt=meeting.number).order_by("number").first(),
    )


def vote_list(meeting: Meeting) -> list[Vote]:
    return list(meeting.votes.order_by("voted_on", "id"))


def decision_get(pk: int | str) -> Decision:
    return one(Decision.objects.select_related("meeting"), missing=f"No decision {pk!r}.", pk=pk)
