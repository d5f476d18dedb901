"""API schemas of monitoring: rounds, their scope and vocabulary of strengths. The summaries of
a round, a strength, a questionnaire and a report read the records themselves (by attribute,
dotted aliases allowed): they are the only statement of those shapes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict

from lanzarote.committee.schemas.common import Text
from lanzarote.core.schemas import InputSchema
from lanzarote.monitoring.schemas.common import KNOWN_DATE_TEXT
from lanzarote.registry.presenters import known_date
from lanzarote.registry.schemas import KnownDateOut, SourceOut
from lanzarote.treaty_law import KnownDate


def _known(value: Any) -> Any:
    return known_date(value) if isinstance(value, KnownDate) else value


# A date as known (`treaty_law.KnownDate`), with its words in the active language.
KnownDateField = Annotated[KnownDateOut, BeforeValidator(_known)]


# A count the list's read annotates; read from a record without it, the name would find its
# related rows, which are no count.
Count = Annotated[
    int | None, BeforeValidator(lambda value: value if isinstance(value, int) else None)
]


class RecordOut(Schema):
    """An answer read from a record (by attribute, dotted aliases allowed) or from its own dump
    (by field name)."""

    model_config = ConfigDict(from_attributes=True, populate_by_name=True)


class StrengthOut(RecordOut):
    slug: str
    label: str
    label_en: str
    label_fr: str
    rank: int
    usage_confirmed: bool = Field(
        alias="confirmed", description="A source shows the term used in this round"
    )
    meaning_confirmed: bool = Field(
        description="Always false so far: no source defines the Committee's scale"
    )
    note: str
    sources: list[SourceOut]


class RoundSummaryOut(RecordOut):
    slug: str
    kind: str = Field(description="`thematic` or `urgent`")
    number: int | None
    title: str
    title_en: str
    title_fr: str
    theme: str
    theme_en: str
    theme_fr: str
    launch: KnownDateField = Field(alias="known_date")
    launch_confirmed: bool
    launch_meeting: int | None = Field(
        None, alias="launch_meeting.number", description="Number of the Committee meeting"
    )
    questionnaire_sent_on: dt.date | None
    replies_due: dt.date | None
    replies_due_confirmed: bool
    status: str
    status_label: str = Field(alias="get_status_display")


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


class QuestionnaireSummaryOut(RecordOut):
    id: int
    kind: str = Field(description="`general_overview` or `thematic`")
    round: str | None = Field(None, alias="round.slug")
    version: int
    title: str
    adopted_on: dt.date | None
    is_demo: bool = Field(description="True: demonstration wording, not the Committee's")
    questions: Count = Field(None, alias="question_count")


class ReportSummaryOut(RecordOut):
    slug: str
    round: str = Field(alias="round.slug")
    kind: str
    title: str
    document_code: Text
    date: KnownDateField = Field(alias="known_date")
    date_confirmed: bool
    date_is_publication: bool
    meeting: int | None = Field(None, alias="meeting.number")
    url: Text
    follow_up_due: dt.date | None
    recommendation_count: int | None = Field(None, alias="recommendation_count")
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
