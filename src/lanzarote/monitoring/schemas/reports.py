"""API schemas of monitoring: reports, recommendations, follow-up and compliance."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from lanzarote.committee.schemas.common import ArticleNumbers
from lanzarote.core.schemas import InputSchema
from lanzarote.monitoring.schemas.common import KNOWN_DATE_TEXT
from lanzarote.monitoring.schemas.questionnaires import ReservationOut
from lanzarote.monitoring.schemas.rounds import RecordOut, ReportSummaryOut
from lanzarote.registry.schemas import SourceOut


class ComplianceAssessmentOut(RecordOut):
    id: int
    status: str
    status_label: str = Field(alias="get_status_display")
    assessed_on: dt.date
    meeting: int | None = Field(None, alias="meeting.number")
    note: str
    supersedes: int | None = Field(None, alias="supersedes_id")
    recorded_by: str = Field(alias="recorded_by_label")
    is_demo: bool


class FollowUpOut(Schema):
    id: int
    state: str
    text: str
    language: str
    submitted_at: str
    by: str
    is_demo: bool


class AddresseeOut(Schema):
    state: str
    name: str
    compliance: str = Field(
        description="`not_assessed`, `complied`, `partially_complied` or `not_complied`"
    )
    compliance_label: str
    history: list[ComplianceAssessmentOut] = Field(description="Every assessment, oldest first")
    follow_ups: list[FollowUpOut]
    follow_up_due: dt.date | None
    follow_up_overdue: bool
    reservations: list[ReservationOut]


class RecommendationSummaryOut(Schema):
    id: int
    report: str
    round: str
    number: str
    text: str
    text_en: str
    text_fr: str
    strength: str | None
    strength_label: str | None
    strength_confirmed: bool
    addressed_to_all: bool
    addressees: list[str]
    articles: list[int]
    questions: list[int]
    responding_projects: list[str]
    follow_up_due: dt.date | None
    compliance_counts: dict[str, int]
    follow_up_overdue: int
    is_demo: bool


class RecommendationOut(RecommendationSummaryOut):
    by_party: list[AddresseeOut]


class FindingOut(RecordOut):
    number: str
    text: str
    articles: ArticleNumbers


class ReportOut(ReportSummaryOut):
    summary: str
    note: str
    sources: list[SourceOut]
    findings: list[FindingOut]
    recommendations: list[RecommendationOut]


class ReportIn(InputSchema):
    round: str
    slug: str = Field(pattern=r"^[a-z0-9-]{2,120}$")
    kind: str = "implementation"
    title_en: str
    title_fr: str
    adopted: str = Field(description=KNOWN_DATE_TEXT)
    document_code: str = ""
    meeting: int | None = None
    url: str = ""
    follow_up_due: dt.date | None = None


class FindingIn(InputSchema):
    number: str
    text_en: str
    text_fr: str = ""
    articles: list[int] = []


class RecommendationIn(InputSchema):
    number: str
    text_en: str
    text_fr: str = ""
    strength: str | None = Field(None, description="A term of the round's vocabulary")
    addressees: list[str] | None = Field(
        None, description="ISO codes; omit to address every Party in the round's scope"
    )
    articles: list[int] = []
    questions: list[int] = []
    follow_up_due: dt.date | None = None


class FollowUpIn(InputSchema):
    state: str
    text: str
    language: str = "en"


class ComplianceAssessmentIn(InputSchema):
    state: str
    status: str = Field(
        description="`complied`, `partially_complied`, `not_complied` or `not_assessed`"
    )
    meeting: int | None = Field(None, description="The meeting that assessed it")
    assessed_on: dt.date | None = Field(None, description="Default: the meeting's last day")
    note_en: str = ""
    note_fr: str = ""
    supersedes: int | None = Field(None, description="An assessment this one corrects")


class ComplianceRowOut(Schema):
    round: str
    report: str
    recommendation: str
    recommendation_id: int
    strength: str
    state: str
    name: str
    compliance: str
    compliance_label: str
    assessed_on: dt.date | None
    meeting: int | None
    assessments: int
    follow_ups: int
    follow_up_due: dt.date | None
    follow_up_overdue: bool
    is_demo: bool
