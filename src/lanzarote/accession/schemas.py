"""API schemas of the accession procedure (Art. 46 CETS 201): what each endpoint accepts (`…In`)
and answers (`…Out`). Values the rules check themselves (the signatory's capacity, the addressee)
are plain strings here, documented with their allowed values, so that a wrong one is refused by
the rule that forbids it, with its article, rather than by a generic type error."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from lanzarote.core.schemas import ErrorOut, InputSchema
from lanzarote.treaty_law import CONVENTION

__all__ = ["ErrorOut"]

CAPACITIES = ["minister_of_foreign_affairs", "diplomatic_representative"]
STATUSES = [
    "draft",
    "received",
    "consultation",
    "consent_obtained",
    "objection",
    "decided",
    "invited",
    "deposited",
    "in_force",
    "withdrawn",
]


def _enum(values: list[str]) -> dict[str, Any]:
    return {"enum": values}


# -- requests ------------------------------------------------------------------------------------


class LetterIn(InputSchema):
    signatory_name: str = Field(description="Name of the person who signed the request letter.")
    signatory_capacity: str = Field(
        description="Capacity of the signatory: the Minister of Foreign Affairs or a diplomatic "
        "representative (Art. 46(1) practice).",
        json_schema_extra=_enum(CAPACITIES),
    )
    date: dt.date = Field(description="Date of the letter (ISO 8601); not in the future.")
    addressee: str = Field(
        "secretary_general",
        description="To whom the letter is addressed; it must be the Secretary General.",
        json_schema_extra=_enum(["secretary_general"]),
    )


class CaseCreateIn(InputSchema):
    state: str = Field(description="ISO 3166-1 alpha-2 code of the requesting State.")
    treaty: str = Field(CONVENTION, description="Treaty slug.")
    letter: LetterIn


class ConsultationOpenIn(InputSchema):
    deadline: dt.date = Field(description="Last day for the Parties to reply; after today.")


class ConsultationReplyIn(InputSchema):
    party: str = Field(description="ISO code of the consulted Party replying.")
    reply: str = Field(
        description="`consent` or `objection`.",
        json_schema_extra=_enum(["consent", "objection"]),
    )
    note: str = Field("", description="Free text: a note verbale reference, conditions, …")
    supersedes: int | None = Field(
        None,
        description="Id of the Party's current reply when this reply replaces it; a second "
        "reply without it is refused (409).",
    )


class NotesVerbalesIn(InputSchema):
    parties: list[str] = Field(
        description="ISO codes of the consulted Parties whose consent arrived by note verbale. "
        "All are recorded or none: one that was not consulted, was not a Party on "
        "`received_on` (422) or has already replied (409) refuses the whole request."
    )
    received_on: dt.date = Field(
        description="The day the notes verbales were received; not before the consultation "
        "opened, not after today."
    )
    reference: str = Field(
        description="The reference under which the Treaty Office registered them (at most 100 "
        "characters)."
    )


class MinistersDecisionIn(InputSchema):
    meeting_date: dt.date = Field(description="Date of the Committee of Ministers' meeting.")
    meeting_reference: str = Field("", description="e.g. CM/Del/Dec(2026)1550.")
    votes_for: int | None = Field(None, ge=0, description="Totals mode: votes for.")
    votes_against: int | None = Field(None, ge=0, description="Totals mode: votes against.")
    abstentions: int | None = Field(None, ge=0, description="Totals mode: abstentions.")
    contracting_states_against: list[str] = Field(
        default_factory=list,
        description="Totals mode: Contracting States whose representatives voted against.",
    )
    contracting_states_abstaining: list[str] = Field(
        default_factory=list, description="Totals mode: Contracting States that abstained."
    )
    contracting_states_absent: list[str] = Field(
        default_factory=list, description="Totals mode: Contracting States not present."
    )
    representative_votes: dict[str, Literal["for", "against", "abstain"]] | None = Field(
        None,
        description="Per-representative mode, instead of the totals: the vote of each member "
        "State's representative (absent representatives are left out).",
    )


class DepositIn(InputSchema):
    date: dt.date = Field(description="Date the instrument of accession was deposited.")


class CaseWithdrawIn(InputSchema):
    note: str = Field("", description="Why the request is withdrawn.")


# -- answers -------------------------------------------------------------------------------------


class LetterOut(Schema):
    signatory_name: str
    signatory_capacity: str | None
    signatory_capacity_label: str | None
    date: str | None
    addressee: str | None
    has_scanned_copy: bool = Field(description="Whether a scanned PDF of the letter was filed.")


class ConsultationReplyOut(Schema):
    id: int
    party: str
    reply: str = Field(json_schema_extra=_enum(["consent", "objection"]))
    note: str
    channel: str = Field(
        description="`delegate` (given by the Party's delegate) or `note_verbale` (recorded by "
        "the Treaty Office)."
    )
    supersedes: int | None
    received_on: str | None = Field(
        description="The day a note verbale was received (ISO 8601); null for a delegate's reply."
    )
    reference: str = Field(description="The note verbale's reference, if any.")
    recorded_at: str
    recorded_by: str


class NotesVerbalesOut(Schema):
    message: str = Field(
        description="What was recorded, in the request's language: the States by name and the "
        "day in words."
    )
    recorded: list[ConsultationReplyOut] = Field(description="The consents, by Party code.")


class ConsultationOut(Schema):
    consulted: int = Field(description="Parties consulted (frozen when the consultation opened).")
    consents: int
    objections: int
    pending: int = Field(description="Consulted Parties that have not replied.")
    opened_on: str | None
    deadline: str | None
    closed_on: str | None
    replies: list[ConsultationReplyOut] = Field(
        description="Current replies: all of them for the Treaty Office, the delegate's own "
        "Party's for a delegate, none for others."
    )


class MinistersDecisionOut(Schema):
    meeting_date: str
    meeting_reference: str
    votes_for: int
    votes_against: int
    abstentions: int
    entitled_to_sit: int = Field(description="Representatives entitled to sit on that date.")
    contracting_states_entitled: list[str]
    contracting_states_for: list[str]
    representative_votes: dict[str, str]
    adopted: bool = Field(
        description="Two-thirds of the votes cast, a majority of the representatives entitled to "
        "sit (Statute Art. 20.d) and the unanimity of the Contracting States entitled to sit."
    )
    explanation: str


class DepositOut(Schema):
    date: str
    entry_into_force: str | None = Field(description="Computed under Art. 46(2).")
    registry_event: int = Field(description="Id of the accession event in the registry's log.")


class TimelineEventOut(Schema):
    step: str
    step_label: str
    from_: str | None = Field(alias="from", description="Status before the step.")
    to: str = Field(description="Status after the step.")
    at: str
    by: str
    note: str


class CaseOut(Schema):
    reference: str = Field(description="e.g. ACC-2026-001.")
    state: str
    state_name: str
    treaty: str
    status: str = Field(json_schema_extra=_enum(STATUSES))
    status_label: str
    public: bool = Field(description="Public once the invitation is issued.")
    letter: LetterOut
    received_on: str | None
    consultation: ConsultationOut
    decision: MinistersDecisionOut | None
    invited_on: str | None
    deposit: DepositOut | None
    timeline: list[TimelineEventOut]


class CaseSummaryOut(Schema):
    reference: str
    state: str
    state_name: str
    treaty: str
    status: str = Field(json_schema_extra=_enum(STATUSES))
    status_label: str
    public: bool
    received_on: str | None
    consultation_deadline: str | None
    invited_on: str | None


class ConsultationReminderOut(Schema):
    party: str
    name: str
    delegates: list[str] = Field(description="Contacts of the Party's delegates.")


class RemindersSentOut(Schema):
    reminded: list[str] = Field(description="Parties that had not replied.")
    emailed: list[str] = Field(description="Those whose delegates were e-mailed a reminder.")
    emails: int = Field(description="How many reminder e-mails left.")
    note_verbale: list[str] = Field(
        description="Parties that have not replied and have no delegate account: write to them "
        "by note verbale instead."
    )
