"""API schemas of monitoring: contributions (children's with their safeguards), rapporteurs and observations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import model_validator

from lanzarote.core.schemas import InputSchema
from lanzarote.monitoring.children import personal_details_refusal


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
