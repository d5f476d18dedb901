"""API schemas of monitoring: the Committee's public record, its recommendations and compliance
findings as published (`public_record`), read from the records themselves. Summaries and
subjects are ours, never the Committee's wording."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator

from lanzarote.committee.schemas.common import (
    ArticleNumbers,
    CommitteeOut,
    KnownDateValue,
    StateCodes,
    Text,
)

# Rows as their ids (the recommendations a finding concerns).
Ids = Annotated[list[int], BeforeValidator(lambda rows: [getattr(row, "pk", row) for row in rows])]


class PublishedSourceOut(Schema):
    url: str
    title: str = ""
    grade: str = Field(
        "",
        description="`depositary`, `gazette`, `government`, `committee`, `press` or `other`",
    )
    note: str = ""


# What the report published: which entry, in which round's report (a base, not in the document).
class _PublishedInReport(CommitteeOut):
    id: int
    round: str = Field(alias="report.round.slug")
    report: str = Field(alias="report.slug")


class PublishedRecommendationOut(_PublishedInReport):
    number: Text = Field(description="Empty when the entry stands for a group of recommendations")
    subject: str
    subject_en: str
    subject_fr: Text
    summary: str = Field(description="Our one-line summary, not the Committee's wording")
    summary_en: str
    summary_fr: Text
    strength: Text = Field(description="The report's own category of strength, as it classes it")
    strength_word: Text = Field(description="The verb as printed")
    strength_confirmed: bool = Field(description="A source prints this verb beside it")
    addressed_scope: str = Field(
        description="`all` (the Parties in the report's scope), `named` or `some` (not named)"
    )
    addressed_count: int | None
    addressees: StateCodes = Field(description="The Parties named, when they are")
    articles: ArticleNumbers
    report_adopted: KnownDateValue = Field(alias="known_date")
    confirmed: bool = Field(description="Whether a source confirms it as recorded")
    note: Text
    sources: list[PublishedSourceOut]


class PublishedComplianceFindingOut(_PublishedInReport):
    finding: str = Field(description="Our summary of the finding, not the Committee's wording")
    finding_en: str
    finding_fr: Text
    date: KnownDateValue = Field(alias="known_date")
    meeting: int | None = Field(None, alias="meeting.number")
    recommendations: Ids = Field(description="Ids of the published recommendations it concerns")
    parties_scope: str = Field(description="`all`, `named` or `some` (not named)")
    parties_count: int | None
    parties: StateCodes
    documents: list[str]
    confirmed: bool
    note: Text
    sources: list[PublishedSourceOut]
