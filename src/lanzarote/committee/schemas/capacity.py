"""Capacity building: projects, requests for assistance, events and priority countries; the
bodies of their writes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Field

from lanzarote.committee.schemas.common import (
    ArticleNumbers,
    CommitteeIn,
    CommitteeOut,
    KnownDateValue,
    Slugs,
    SourceOut,
    StateCodes,
    Text,
)
from lanzarote.committee.schemas.composition import CommitteeDecisionRefOut

PRIORITY_LABELS = {
    "acceded": _("acceded to the Convention"),
    "accession_request": _("asked to be invited to accede"),
    "decision": _("flagged by a decision"),
}


class CommitteeProjectOut(CommitteeOut):
    slug: str
    title: str
    title_en: str
    title_fr: str
    summary: Text
    status: str
    beneficiaries: StateCodes
    themes: Slugs
    articles: ArticleNumbers
    partners: list[str]
    donors: list[str]
    start_date: date | None
    end_date: date | None
    outputs: Text
    url: Text


class CommitteeProjectIn(CommitteeIn):
    title_en: str = Field(max_length=300)
    title_fr: str = Field(max_length=300)
    status: str = Field(description="`planned`, `ongoing`, `completed` or `cancelled`")
    slug: str = Field("", max_length=120)
    summary_en: str = Field("", max_length=20_000)
    summary_fr: str = Field("", max_length=20_000)
    beneficiaries: list[str] = Field([], max_length=300)
    themes: list[str] = Field([], description="Theme slugs", max_length=50)
    articles: list[int] = Field([], max_length=50)
    partners: list[str] = Field([], max_length=100)
    donors: list[str] = Field([], max_length=100)
    start_date: date | None = None
    end_date: date | None = None
    outputs_en: str = Field("", max_length=20_000)
    outputs_fr: str = Field("", max_length=20_000)
    url: str = Field("", max_length=500)


class CommitteeAssistanceRequestOut(CommitteeOut):
    id: int
    state: str = Field(alias="state_id")
    received_on: date | None
    subject: str
    articles: ArticleNumbers
    status: str
    project: str | None = Field(None, alias="project.slug")
    note: Text


class CommitteeAssistanceRequestIn(CommitteeIn):
    state: str
    received_on: date
    subject_en: str = Field(max_length=20_000)
    subject_fr: str = Field("", max_length=20_000)
    articles: list[int] = Field([], max_length=50)
    status: str = "received"
    project: str | None = Field(None, description="Slug of the project answering it")
    note: str = Field("", max_length=20_000)


class CommitteeCapacityEventOut(CommitteeOut):
    slug: str
    kind: str
    title: str
    date: KnownDateValue = Field(alias="known_date")
    confirmed: bool
    place: Text
    online: bool
    meeting: int | None = Field(None, alias="meeting.number")
    participants: Text
    states: StateCodes
    note: Text
    sources: list[SourceOut]


class CommitteePriorityReasonOut(CommitteeOut):
    kind: str = Field(description="`acceded`, `accession_request` or `decision`")
    label: str
    since: KnownDateValue
    confidential: bool
    reference: Text
    reason: str | None = Field(None, alias="flag.reason")
    decision: CommitteeDecisionRefOut | None = Field(None, alias="flag.decision")

    @staticmethod
    def resolve_label(reason: Any) -> str:
        return str(PRIORITY_LABELS[reason.kind])


class CommitteePriorityCountryOut(CommitteeOut):
    state: str = Field(alias="state.code")
    name: str = Field(alias="state.name")
    reasons: list[CommitteePriorityReasonOut]


class CommitteePriorityFlagIn(CommitteeIn):
    state: str
    reason_en: str = Field(max_length=20_000)
    reason_fr: str = Field("", max_length=20_000)
    flagged_on: date
    lifted_on: date | None = None
    decision: int | None = None
