"""API schemas of the registry: they document the JSON that `presenters` produces."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from lanzarote.core.schemas import ErrorOut

__all__ = ["ErrorOut"]


class KnownDateOut(Schema):
    date: str | None = None
    precision: str
    earliest: str | None = None
    latest: str | None = None
    text: str | None = None


class ConsentOut(KnownDateOut):
    instrument: str | None = None


class PositionOut(Schema):
    """Where a State stands under a treaty on a date: a chart's row without its State."""

    status: str
    possible_statuses: list[str]
    signature: KnownDateOut | None
    consent: ConsentOut | None
    entry_into_force: KnownDateOut | None
    denunciation_effective: KnownDateOut | None = None


class ChartRowOut(PositionOut):
    state: str
    name: str
    explanation: str | None = None


class TotalsOut(Schema):
    parties: int
    uncertain: int
    consented: int
    signatories: int
    denounced: int


class ExplanationOut(Schema):
    article: str
    text: str


class WarningOut(Schema):
    state: str
    code: str
    stated: str | None
    computed: KnownDateOut | None


class ChartOut(Schema):
    treaty: str
    as_of: str
    known_on: str | None = None
    entry_into_force: str | KnownDateOut | None
    entry_into_force_explanation: ExplanationOut
    totals: TotalsOut
    rows: list[ChartRowOut]
    warnings: list[WarningOut]


class EligibilityOut(Schema):
    state: str
    treaty: str
    route: str
    legal_basis: list[str]
    steps: list[str]
    open_now: bool
    opens_on: str | None
    explanation: str


class SourceOut(Schema):
    url: str
    note: str


class EventOut(Schema):
    id: int
    treaty: str | None
    state: str
    kind: str
    instrument: str | None
    date: KnownDateOut
    provisions: list[str]
    stated_entry_into_force: str | None
    text: str
    confirmed: bool
    basis: str
    sources: list[SourceOut]
    supersedes: int | None
    is_retraction: bool
    recorded_at: str
    recorded_by: str


class StateOut(Schema):
    code: str
    alpha3: str
    numeric: str | None
    name: str
    name_en: str
    name_fr: str
    kind: str


class TreatyOut(Schema):
    slug: str
    number: str
    title: str
    title_en: str
    title_fr: str
    short_title: str
    opened_for_signature: str | None
    opened_at: str
    depositary: str
    entry_into_force: Any
    sources: list[SourceOut]


class RuleAnswerOut(Schema):
    date: str | None
    article: str
    explanation: str


class StandingOut(Schema):
    treaty: str
    position: ChartRowOut
    eligibility: EligibilityOut
    events: list[EventOut]
    reservations_and_declarations: list[EventOut]
    notes: list[dict[str, Any]]
    warnings: list[WarningOut]


class CompactStandingOut(PositionOut):
    treaty: str
    number: str
    title: str
    route: str
    open_now: bool
    opens_on: str | None
    warnings: int = Field(description="How many data warnings the full standing lists")
    detail: str = Field(description="The full standing: events, explanations, notes, warnings")


class StandingsPageOut(Schema):
    state: str
    name: str
    as_of: str
    member_of_council_of_europe: bool | None
    count: int = Field(description="How many treaties the registry holds")
    offset: int
    treaties: list[CompactStandingOut]


class StateProfileOut(Schema):
    state: str
    alpha3: str
    numeric: str | None
    name: str
    name_en: str
    name_fr: str
    kind: str
    as_of: str
    member_of_council_of_europe: bool | None
    council_of_europe_membership: list[dict[str, Any]]
    treaties: dict[str, StandingOut]


class NotificationOut(Schema):
    """A depositary notification (Art. 50 CETS 201) as issued; its texts never change."""

    number: str
    kind: str
    treaty: str
    state: str
    state_name: str
    issued_at: str
    issued_on: str
    subject: str
    subject_en: str
    subject_fr: str
    text: str
    text_en: str
    text_fr: str
    entry_into_force: str | None
    event: int
    corrects: str | None
