"""API schemas of monitoring: questionnaires and their questions, with the reservations on the articles."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from lanzarote.core.schemas import InputSchema
from lanzarote.monitoring.schemas.rounds import QuestionnaireSummaryOut


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
