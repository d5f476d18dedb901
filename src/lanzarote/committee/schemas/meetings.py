"""Meetings with their agenda, decisions, documents, attendance and votes; the bodies of the
writes on them."""

from __future__ import annotations

from datetime import date

from ninja import Field

from lanzarote.committee.schemas.common import (
    BALLOTS_TEXT,
    KNOWN_DATE_TEXT,
    ArticleNumbers,
    CommitteeIn,
    CommitteeOut,
    KnownDateValue,
    SourceOut,
    Text,
)
from lanzarote.committee.schemas.texts import CommitteeTextSummaryOut


class CommitteeMeetingSummaryOut(CommitteeOut):
    number: int
    title: str
    number_confirmed: bool
    status: str = Field(description="`held`, or `announced` when only the announcement is known")
    start_date: date | None
    end_date: date | None
    period_precision: str = Field(
        description="Empty when the days are known; otherwise `month`, `year` or `range`: "
        "`start_date` and `end_date` then only bound a meeting whose days are not known"
    )
    dates_confirmed: bool
    mode: str = Field(description="`in_person`, `online`, `hybrid` or `unknown`")
    place: Text
    place_confirmed: bool
    texts_adopted_count: int | None = Field(None, alias="text_count", description="In lists only")
    documents_count: int | None = Field(None, alias="document_count", description="In lists only")
    agenda_items_count: int | None = Field(None, alias="item_count", description="In lists only")
    sources: list[SourceOut]


class CommitteeAgendaItemOut(CommitteeOut):
    id: int
    position: int
    number: Text
    title: str
    articles: ArticleNumbers


class CommitteeDecisionOut(CommitteeOut):
    id: int
    decided_on: date | None
    day_confirmed: bool
    kind: str
    text: str
    adopted: bool
    agenda_item: int | None = Field(None, alias="agenda_item_id")
    sources: list[SourceOut]


class CommitteeDocumentOut(CommitteeOut):
    code: str = Field(description="Reference code such as T-ES(2022)02")
    title: str
    date: KnownDateValue = Field(alias="known_date")
    confirmed: bool
    url: Text
    meeting: int | None = Field(None, alias="meeting.number")


class CommitteeVoteOut(CommitteeOut):
    id: int
    subject: str
    voted_on: date | None
    rule: str
    ballots: dict[str, str]
    members: int = Field(description="Members (Parties) on the day of the vote")
    votes_for: int
    votes_against: int
    abstentions: int
    adopted: bool
    article: str
    explanation: str
    decision: int | None = Field(None, alias="decision_id")
    supersedes: int | None = Field(None, alias="supersedes_id")


class CommitteeAttendanceOut(CommitteeOut):
    state: str | None = Field(None, alias="state_id")
    organisation: str | None = Field(None, alias="organisation.slug")


class CommitteeMeetingOut(CommitteeMeetingSummaryOut):
    """One meeting (`selectors.MeetingRecord`, which reads as its meeting)."""

    agenda: list[CommitteeAgendaItemOut]
    decisions: list[CommitteeDecisionOut]
    documents: list[CommitteeDocumentOut]
    texts_adopted: list[CommitteeTextSummaryOut]
    texts_examined: list[CommitteeTextSummaryOut] = Field(alias="texts_considered")
    attendance: list[CommitteeAttendanceOut]
    votes: list[CommitteeVoteOut]


class CommitteeMeetingIn(CommitteeIn):
    number: int = Field(ge=1, le=32767)
    start_date: date
    end_date: date
    mode: str = Field(description="`in_person`, `online`, `hybrid` or `unknown`")
    place_en: str = Field("", max_length=200)
    place_fr: str = Field("", max_length=200)
    dates_confirmed: bool = True
    sources: list[SourceOut] = Field([], max_length=50)


class CommitteeAgendaItemIn(CommitteeIn):
    title_en: str = Field(max_length=400)
    title_fr: str = Field("", max_length=400)
    number: str = Field("", max_length=20)
    articles: list[int] = Field([], max_length=50)


class CommitteeDecisionIn(CommitteeIn):
    decided_on: date
    kind: str
    text_en: str = Field(max_length=20_000)
    text_fr: str = Field("", max_length=20_000)
    agenda_item: int | None = None
    adopted: bool = True
    day_confirmed: bool = True


class CommitteeDocumentIn(CommitteeIn):
    code: str = Field(max_length=40)
    title_en: str = Field(max_length=400)
    title_fr: str = Field("", max_length=400)
    dated: str = Field("unknown", description=KNOWN_DATE_TEXT, max_length=40)
    confirmed: bool = False
    url_en: str = Field("", max_length=500)
    url_fr: str = Field("", max_length=500)


class CommitteeAttendanceIn(CommitteeIn):
    states: list[str] = Field([], max_length=300)
    organisations: list[str] = Field([], description="Organisation slugs", max_length=300)


class CommitteeVoteIn(CommitteeIn):
    subject_en: str = Field(max_length=400)
    subject_fr: str = Field("", max_length=400)
    voted_on: date
    ballots: dict[str, str] = Field(description=BALLOTS_TEXT, max_length=300)
    rule: str = Field(
        "simple_majority_of_votes_cast",
        description="`simple_majority_of_votes_cast` (default), `two_thirds_of_votes_cast` or "
        "`majority_of_members`",
    )
    decision: int | None = None
