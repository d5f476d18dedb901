"""Texts adopted by the Committee, and the body of their writes."""

from __future__ import annotations

from ninja import Field

from lanzarote.committee.schemas.common import (
    KNOWN_DATE_TEXT,
    ArticleNumbers,
    CommitteeIn,
    CommitteeOut,
    KnownDateValue,
    MeetingNumbers,
    SourceOut,
    Text,
)


class CommitteeTextSummaryOut(CommitteeOut):
    slug: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    title: str
    title_en: str
    title_fr: Text
    date: KnownDateValue = Field(alias="known_date")
    confirmed: bool = Field(description="Whether a source confirms the date as given")
    adoption_confirmed: bool = Field(description="Whether a source confirms the adoption at all")
    meeting: int | None = Field(None, alias="meeting.number")
    articles: ArticleNumbers
    document_code: Text
    url: Text
    url_en: Text
    url_fr: Text


class CommitteeTextOut(CommitteeTextSummaryOut):
    summary: Text
    summary_en: Text
    summary_fr: Text
    examined_at: MeetingNumbers = Field(alias="considered_at")
    decision: int | None = Field(None, alias="decision_id")
    note: Text
    sources: list[SourceOut]


class CommitteeTextIn(CommitteeIn):
    kind: str = Field(
        description="`opinion`, `interpretative_opinion`, `declaration`, `statement`, "
        "`activity_report`, `guidance_note` or `other`"
    )
    title_en: str = Field(max_length=400)
    title_fr: str = Field("", max_length=400)
    adopted_on: str = Field("unknown", description=KNOWN_DATE_TEXT, max_length=40)
    confirmed: bool = False
    adoption_confirmed: bool = True
    slug: str = Field("", max_length=120)
    summary_en: str = Field("", max_length=20_000)
    summary_fr: str = Field("", max_length=20_000)
    url_en: str = Field("", max_length=500)
    url_fr: str = Field("", max_length=500)
    document_code: str = Field("", max_length=40)
    meeting: int | None = Field(None, description="Number of the meeting that adopted it")
    examined_at: list[int] = Field([], max_length=100)
    articles: list[int] = Field([], max_length=50)
