"""API schemas of the readiness app: they document the JSON that `presenters` produces."""

from __future__ import annotations

from ninja import Field, Schema
from pydantic import ConfigDict

from lanzarote.core.schemas import ErrorOut, InputSchema
from lanzarote.registry.schemas import KnownDateOut

__all__ = ["ErrorOut"]


class ImportErrorRowOut(Schema):
    line: int | None = Field(None, description="Line of the file where the answer starts")
    row: int | None = Field(None, description="Position of the answer in `answers`, from 1")
    obligation: str | None = None
    field: str = Field(description="The field at fault, e.g. `status` or `provisions[1].url`")
    message: str


class ImportErrorOut(Schema):
    detail: str
    errors: list[ImportErrorRowOut]


class InterpretingTextOut(Schema):
    key: str
    kind: str = Field(description="opinion, declaration or guidance_note")
    status: str = Field(description="adopted or under_consideration")
    title: str
    adopted: KnownDateOut | None
    note: str
    confirmed: bool
    url: str
    articles: list[int]
    link_basis: str = Field(
        description="`stated`: the text names the article; `our_reading`: linked by subject"
    )


class PermittedProvisionOut(Schema):
    code: str
    kind: str
    article: str
    summary: str
    when: str | None = None


class MappingOut(Schema):
    obligation: str | None = None
    instrument: str = Field(description="opsc, mnr or sdg")
    target: str = Field(description="OPSC article, MNR area or SDG target/indicator code")
    target_label: str
    relation: str = Field(description="equivalent, partial or related")
    rationale: str


class ObligationOut(Schema):
    id: str = Field(description="Article, paragraph and sub-paragraph, e.g. `20.1.f`")
    citation: str
    article: int
    article_title: str
    paragraph: int | None
    item: str | None
    chapter: str
    chapter_title: str
    kind: str
    description: str
    description_en: str
    description_fr: str
    description_checked: bool = Field(
        description="False: a summary in our own words, not yet checked against the treaty"
    )
    reservations: list[PermittedProvisionOut]
    interpreting_texts: list[InterpretingTextOut]
    mappings: list[MappingOut]


class ProvisionIn(InputSchema):
    reference: str = Field(max_length=300, description="e.g. `Penal Code, art. 218-C`")
    url: str = Field("", max_length=500)


class AnswerIn(InputSchema):
    status: str = Field(description="in_place, partly, not_in_place or not_known")
    provisions: list[ProvisionIn] = []
    evidence: str = ""
    notes: str = Field("", description="What is missing, and any other remark")
    followups: dict[str, str] = Field(
        default_factory=dict, description="Answers to the obligation's follow-up questions"
    )


# An answer as the exchange format carries it (no docstring: it would enter the OpenAPI document).
class ExportAnswerOut(Schema):
    obligation: str
    status: str
    provisions: list[ProvisionIn]
    evidence: str
    notes: str
    followups: dict[str, str]


# An answer as stored: with who recorded it, when, and its version.
class AnswerOut(ExportAnswerOut):
    recorded_at: str | None
    recorded_by: str | None
    version: int | None = Field(description="Id of the stored version; each save is a new one")


class AssessmentIn(InputSchema):
    title: str = Field(max_length=200)
    state: str | None = Field(None, description="Defaults to the State you act for")
    weprotect_member: bool = False


class AssessmentSummaryOut(Schema):
    id: int
    state: str
    title: str
    weprotect_member: bool
    created_at: str
    created_by: str
    updated_at: str
    duplicated_from: int | None


class TeamMemberOut(Schema):
    username: str
    role: str


class ChapterCountOut(Schema):
    chapter: str
    title: str
    in_place: int
    partly: int
    not_in_place: int
    not_known: int
    total: int


class HintOut(Schema):
    instrument: str
    targets: list[str]
    rationale: list[str]


class AssessmentOut(AssessmentSummaryOut):
    team: list[TeamMemberOut]
    chapters: list[ChapterCountOut]
    answers: list[AnswerOut]
    hints: dict[str, list[HintOut]] = Field(
        description="“Likely in place — check” per obligation, from the OPSC (if the State is a "
        "Party) and the WeProtect Model National Response (if declared a member); never an answer"
    )


class ExportOut(Schema):
    """The exchange format: what `GET …/export` returns and `POST …/import` reads."""

    schema_: str = Field(alias="schema", description="Always `lanzarote.readiness.answers`")
    version: int
    state: str | None
    title: str
    weprotect_member: bool
    exported_at: str
    answers: list[ExportAnswerOut]

    model_config = ConfigDict(populate_by_name=True)
