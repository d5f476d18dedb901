"""API schemas of monitoring: they document the JSON that `presenters` produces and the bodies
the write endpoints accept. Bodies refuse unknown fields (422), which is how a children's
contribution refuses a name: the schema has no place for one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import model_validator

from lanzarote.core.schemas import ErrorOut, InputSchema
from lanzarote.monitoring.children import personal_details_refusal
from lanzarote.registry.schemas import KnownDateOut, SourceOut

__all__ = ["ErrorOut"]

KNOWN_DATE_TEXT = (
    "A date as known: `2023-06-20`, `2012-03` (a month), `2016` (a year), "
    "`2023-05-30..2023-06-02` (between) or `..2017-12-31` (on or before)."
)


# -- rounds ---------------------------------------------------------------------------------


class StrengthOut(Schema):
    slug: str
    label: str
    label_en: str
    label_fr: str
    rank: int
    usage_confirmed: bool = Field(description="A source shows the term used in this round")
    meaning_confirmed: bool = Field(
        description="Always false so far: no source defines the Committee's scale"
    )
    note: str
    sources: list[SourceOut]


class RoundSummaryOut(Schema):
    slug: str
    kind: str = Field(description="`thematic` or `urgent`")
    number: int | None
    title: str
    title_en: str
    title_fr: str
    theme: str
    theme_en: str
    theme_fr: str
    launch: KnownDateOut
    launch_confirmed: bool
    launch_meeting: int | None = Field(description="Number of the Committee meeting")
    questionnaire_sent_on: dt.date | None
    replies_due: dt.date | None
    replies_due_confirmed: bool
    status: str
    status_label: str


class ScopePartyOut(Schema):
    state: str
    name: str
    basis: str = Field(
        description="`party` (a Party on the launch date, from the registry), `uncertain` (its "
        "status on that day depends on a date no source gives) or `added` (by a decision)"
    )
    added_on: dt.date | None
    reason: str | None


class ScopeOut(Schema):
    computed_on: KnownDateOut = Field(description="The launch date the scope is computed on")
    parties: list[ScopePartyOut]
    count: int
    certain: int
    uncertain: int
    added: int
    stated: list[str] = Field(description="The list a source gives, kept only for comparison")
    stated_count: int | None
    stated_note: str
    stated_not_computed: list[str]
    computed_not_stated: list[str]


class QuestionnaireSummaryOut(Schema):
    id: int
    kind: str = Field(description="`general_overview` or `thematic`")
    round: str | None
    version: int
    title: str
    adopted_on: dt.date | None
    is_demo: bool = Field(description="True: demonstration wording, not the Committee's")
    questions: int | None


class ReportSummaryOut(Schema):
    slug: str
    round: str
    kind: str
    title: str
    document_code: str | None
    date: KnownDateOut
    date_confirmed: bool
    date_is_publication: bool
    meeting: int | None
    url: str | None
    follow_up_due: dt.date | None
    recommendation_count: int | None
    is_demo: bool


class RoundOut(RoundSummaryOut):
    note: str
    sources: list[SourceOut]
    scope: ScopeOut
    vocabulary: list[StrengthOut]
    vocabulary_note: str
    questionnaires: list[QuestionnaireSummaryOut]
    reports: list[ReportSummaryOut]


class RoundIn(InputSchema):
    slug: str = Field(pattern=r"^[a-z0-9-]{2,40}$")
    kind: str = "thematic"
    number: int | None = None
    title_en: str
    title_fr: str
    theme_en: str
    theme_fr: str
    launch: str = Field(description=KNOWN_DATE_TEXT)
    launch_meeting: int | None = None
    questionnaire_sent_on: dt.date | None = None
    replies_due: dt.date | None = None
    status: str = "replies"


class ScopeAdditionIn(InputSchema):
    state: str
    decided_on: dt.date
    reason: str
    meeting: int | None = None


class StrengthIn(InputSchema):
    slug: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    label_en: str
    label_fr: str
    rank: int = 1
    confirmed: bool = False


# -- questionnaires ---------------------------------------------------------------------------


class ReservationOut(Schema):
    state: str
    kind: str = Field(description="`reservation` or `declaration`")
    provision: str = Field(description="As recorded in the registry, e.g. `20(3)`")
    article: int
    text: str
    confirmed: bool


class QuestionOut(Schema):
    id: int
    number: str
    parent: str | None = Field(description="The number of the question it is a sub-question of")
    text: str
    text_en: str
    text_fr: str
    articles: list[int]


class QuestionDetailOut(QuestionOut):
    questionnaire: QuestionnaireSummaryOut
    reservations: list[ReservationOut] = Field(
        description="The reservations and declarations of Parties on the question's articles"
    )


class QuestionnaireOut(QuestionnaireSummaryOut):
    note: str
    items: list[QuestionOut]


class QuestionnaireIn(InputSchema):
    kind: str = "thematic"
    round: str | None = None
    title_en: str
    title_fr: str
    adopted_on: dt.date | None = None


class QuestionIn(InputSchema):
    number: str
    text_en: str
    text_fr: str
    articles: list[int] = []
    parent: str | None = Field(None, description="Number of the parent question")


# -- replies ------------------------------------------------------------------------------------


class ReplyOut(Schema):
    id: int
    question: int
    question_number: str
    questionnaire: int
    round: str | None
    state: str
    state_name: str
    status: str = Field(description="`draft`, `validated`, `submitted` or `published`")
    status_label: str
    text: str | None
    language: str
    due_on: dt.date | None
    submitted_at: str | None
    published_at: str | None
    received: bool | None = None
    late: bool | None = Field(None, description="Submitted after its due date")
    missing: bool | None = Field(None, description="Due date passed, not submitted")
    is_demo: bool


class ReplyEventOut(Schema):
    kind: str
    label: str
    status_after: str
    at: str
    by: str
    note: str


class ReplyDetailOut(ReplyOut):
    events: list[ReplyEventOut]
    attachments: list[dict[str, Any]]
    reservations: list[ReservationOut]


class ReplyIn(InputSchema):
    question: int
    state: str
    text: str
    language: str = "en"


class StepIn(InputSchema):
    note: str = ""


class ReminderIn(InputSchema):
    questionnaire: int | None = Field(None, description="Default: the round's newest")
    states: list[str] | None = Field(None, description="Default: every Party in scope")


class RoundReminderOut(Schema):
    state: str
    pending: int
    recipients: int
    sent_at: str


class GoqObligationOut(Schema):
    state: str
    name: str
    entry_into_force: KnownDateOut
    due: KnownDateOut = Field(description="Entry into force plus the configured period")
    uncertain: bool
    is_due: bool
    questions: int
    received: int
    slots: int
    complete: bool
    overdue: bool


# -- matrix and dashboards --------------------------------------------------------------------


class MatrixCellOut(Schema):
    question: str
    reply: int | None = Field(description="The reply's id when the caller may read it")
    status: str = Field(
        description="`none`, `not_submitted` (a draft the caller may not see), `draft`, "
        "`validated`, `submitted` or `published`"
    )
    late: bool
    missing: bool
    excerpt: str
    observation: str | None
    reservations: list[ReservationOut]


class MatrixRowOut(Schema):
    state: str
    name: str
    scope_basis: str
    received: int
    late: int
    missing: int
    cells: list[MatrixCellOut]


class MatrixOut(Schema):
    round: str
    questionnaire: QuestionnaireSummaryOut | None
    is_demo: bool
    today: dt.date
    filters: dict[str, Any]
    questions: list[QuestionOut]
    rows: list[MatrixRowOut]


class RoundDashboardOut(Schema):
    round: str
    is_demo: bool
    scope: int
    replies: dict[str, int]
    by_state: list[dict[str, Any]]
    recommendations: int
    by_strength: list[dict[str, Any]]
    compliance: dict[str, int]
    follow_up_overdue: int
    contributions: dict[str, int]


class StateDashboardOut(Schema):
    state: str
    name: str
    general_overview: GoqObligationOut | None
    rounds: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    compliance: dict[str, int]
    follow_up_overdue: int
    reservations: list[ReservationOut]


# -- contributions and observations -----------------------------------------------------------


class SafeguardsOut(Schema):
    age_band: str = Field(description="`6-9`, `10-13` or `14-17`; never an age")
    consent_from: str
    consent_recorded_at: str | None
    consent_recorded_by: str
    anonymised: bool
    gathered_by: str
    screening: str = Field(
        description="`clear`, `flagged` (held: the screen found details that could identify a "
        "child), `redacted` or `confirmed` (by the secretariat); only the last three may be "
        "published"
    )
    screening_label: str
    found: list[FoundOut] = Field(description="What the screen found in the text shown, by kind")


class FoundOut(Schema):
    kind: str = Field(
        description="`email`, `phone`, `social`, `address`, `postcode`, `place`, `school`, "
        "`birth_date` or `name`"
    )
    label: str


class ReviewOut(Schema):
    findings: list[dict[str, Any]] = Field(description="Spans of the text: {kind, start, end}")
    note: str
    reviewed_at: str | None
    reviewed_by: str


class ContributionOut(Schema):
    id: int
    round: str
    source: str = Field(description="`observer`, `nhri`, `stakeholder` or `children`")
    source_label: str
    from_: str = Field(alias="from")
    organisation: str | None
    text: str
    language: str
    status: str
    questions: list[int]
    states: list[str]
    received_at: str
    published_at: str | None
    is_demo: bool
    safeguards: SafeguardsOut | None = None
    original_text: str | None = Field(
        None, description="Secretariat only: a redacted children's contribution as received"
    )
    review: ReviewOut | None = Field(None, description="Secretariat only: the screen's review")


class ContributionIn(InputSchema):
    round: str
    source: str = Field(description="`observer` (sent by an observer), `nhri` or `stakeholder`")
    text: str
    language: str = "en"
    questions: list[int] = []
    states: list[str] = []
    organisation: str | None = Field(None, description="Observer organisation's slug")
    contributor: str = Field("", description="Institution or organisation, never a person")


class ChildrenContributionIn(InputSchema):
    """No field for a name, an age or a birth date exists; sending one is refused (422) with the
    fields named. Nor may a sender set what the Committee decides (status, screening, `is_demo`):
    any field not listed here is refused."""

    round: str
    text: str
    age_band: str = Field(description="`6-9`, `10-13` or `14-17`")
    consent_from: str = Field(description="`child_and_guardian` or `child`")
    consent_recorded_at: str | None = None
    anonymised: bool = Field(description="Must be true: the text has been anonymised")
    facilitator: str = Field("", description="The organisation that gathered it")
    language: str = "en"
    questions: list[int] = []
    states: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _no_personal_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            refusal = personal_details_refusal(data)
            if refusal:
                raise ValueError(refusal)
        return data


class RedactionIn(InputSchema):
    text: str = Field(description="The text to show instead; the original is kept")
    facilitator: str | None = Field(None, description="Who gathered it, if that changes too")


class ScreeningConfirmationIn(InputSchema):
    note: str = Field(description="Why what the screen found does not identify a child")


class RapporteurIn(InputSchema):
    username: str
    assigned_on: dt.date
    meeting: int | None = None


class RapporteurOut(Schema):
    question: int
    rapporteur: str
    state: str | None
    assigned_on: dt.date


class ObservationIn(InputSchema):
    text: str
    state: str | None = Field(None, description="The Party whose reply it concerns; none: all")
    language: str = "en"


class ObservationOut(Schema):
    id: int
    question: int
    state: str | None
    text: str
    language: str
    written_at: str
    by: str
    supersedes: int | None
    is_demo: bool


# -- reports, recommendations, compliance -------------------------------------------------------


class ComplianceAssessmentOut(Schema):
    id: int
    status: str
    status_label: str
    assessed_on: dt.date
    meeting: int | None
    note: str
    supersedes: int | None
    recorded_by: str
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


class FindingOut(Schema):
    number: str
    text: str
    articles: list[int]


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


# -- search and imports -----------------------------------------------------------------------


class SearchHitOut(Schema):
    kind: str = Field(description="`question`, `reply`, `contribution` or `recommendation`")
    id: int
    round: str | None
    states: list[str]
    title: str
    snippet: str = Field(description="HTML-escaped excerpt; matches inside <mark>…</mark>")
    score: float = Field(description="Higher is better (bm25 on SQLite, ts_rank_cd on PostgreSQL)")
    language: str
    is_public: bool
    is_demo: bool


class SearchOut(Schema):
    query: str
    backend: str = Field(description="`sqlite-fts5` or `postgresql-fts`")
    total: int
    limit: int
    offset: int
    facets: dict[str, Any]
    hits: list[SearchHitOut]
    counts: dict[str, dict[str, int]] = Field(
        description="Facet → value → number of matching records (round, kind, state, article, "
        "strength, compliance)"
    )


class ImportProblemOut(Schema):
    line: int
    column: str | None
    reason: str


class ImportOut(Schema):
    kind: str
    filename: str
    rows: int
    valid: int
    clean: bool
    problems: list[ImportProblemOut]
    preview: list[dict[str, Any]]
    imported: int = Field(0, description="Rows written (0 on a dry run or when any row is wrong)")
