"""API schemas of monitoring: a Party's replies, their steps and reminders, and the General Overview Questionnaire."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from lanzarote.core.schemas import InputSchema
from lanzarote.monitoring.schemas.questionnaires import ReservationOut
from lanzarote.registry.schemas import KnownDateOut


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
