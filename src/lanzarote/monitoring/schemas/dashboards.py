"""API schemas of monitoring: the Parties × questions matrix and the dashboards of a round and of a Party."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from lanzarote.monitoring.schemas.questionnaires import QuestionOut, ReservationOut
from lanzarote.monitoring.schemas.replies import GoqObligationOut
from lanzarote.monitoring.schemas.rounds import QuestionnaireSummaryOut


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
