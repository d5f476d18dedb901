"""Observer applications and their chain, and the bodies of the writes on participants,
representatives and the Bureau."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field

from lanzarote.committee.schemas.common import (
    BALLOTS_TEXT,
    KNOWN_DATE_TEXT,
    CommitteeIn,
    CommitteeOut,
    KnownDateValue,
    Text,
)
from lanzarote.committee.schemas.composition import CommitteeOrganisationOut


class CommitteeObserverEventOut(CommitteeOut):
    id: int
    kind: str = Field(description="`applied`, `scheduled`, `admitted`, `refused` or `withdrawn`")
    date: KnownDateValue = Field(alias="known_date")
    confirmed: bool
    meeting: int | None = Field(None, alias="meeting.number")
    decision: int | None = Field(None, alias="decision_id")
    vote: int | None = Field(None, alias="vote_id")
    note: Text
    supersedes: int | None = Field(None, alias="supersedes_id")
    recorded_at: datetime
    recorded_by: str = Field(alias="recorded_by_label")


class CommitteeApplicationOut(CommitteeOut):
    id: int
    organisation: CommitteeOrganisationOut
    received_on: date | None
    status: str = Field(description="`received`, `scheduled`, `admitted`, `refused`, `withdrawn`")
    meeting: int | None = Field(None, alias="meeting.number")
    mission: str
    child_protection_activity: str
    references: list[str] = Field(alias="reference_list")
    contact_name: Text
    contact_email: Text
    events: list[CommitteeObserverEventOut] = Field(
        [],
        alias="events_shown",
        description="In the answer about one application: its chain, oldest first",
    )


class CommitteeApplicationIn(CommitteeIn):
    organisation: str | None = Field(
        None, description="Slug of an organisation already known; otherwise give its name"
    )
    name_en: str = Field("", max_length=250)
    name_fr: str = Field("", max_length=250)
    acronym: str = Field("", max_length=40)
    country: str | None = Field(None, description="ISO code of the country of its seat")
    website: str = Field("", max_length=200)
    received_on: date
    mission_en: str = Field(max_length=20_000)
    mission_fr: str = Field("", max_length=20_000)
    child_protection_activity_en: str = Field(max_length=20_000)
    child_protection_activity_fr: str = Field("", max_length=20_000)
    references: list[str] = Field(description="Its references, one per item", max_length=200)
    contact_name: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)


class CommitteeScheduleIn(CommitteeIn):
    meeting: int = Field(description="The number of the meeting")


class CommitteeObserverDecisionIn(CommitteeIn):
    decided_on: date
    admit: bool | None = Field(
        None, description="Required without ballots; with ballots the decision follows the vote"
    )
    ballots: dict[str, str] | None = Field(None, description=BALLOTS_TEXT, max_length=300)
    rule: str = Field("simple_majority_of_votes_cast", description="The majority required")
    note_en: str = Field("", max_length=20_000)
    note_fr: str = Field("", max_length=20_000)


class CommitteeWithdrawIn(CommitteeIn):
    withdrawn_on: date
    reason_en: str = Field(max_length=20_000)
    reason_fr: str = Field("", max_length=20_000)
    meeting: int | None = None


class CommitteeParticipationIn(CommitteeIn):
    organisation: str = Field(description="Organisation slug")
    basis: str = Field(description="`article_40_1`, `article_40_2` or `decision`")
    start: str = Field(description=KNOWN_DATE_TEXT, max_length=40)
    end: str | None = Field(None, max_length=40)
    decision: int | None = None
    confirmed: bool = False
    note_en: str = Field("", max_length=20_000)
    note_fr: str = Field("", max_length=20_000)


class CommitteeRepresentativeIn(CommitteeIn):
    name: str = Field(max_length=200)
    role: str = Field(
        description="`head_of_delegation`, `substitute`, `delegation_member` or `representative`"
    )
    term_start: date
    term_end: date | None = None
    state: str | None = None
    organisation: str | None = Field(None, description="Organisation slug")
    function_en: str = Field("", max_length=250)
    function_fr: str = Field("", max_length=250)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    is_demo: bool = False


class CommitteeBureauTermIn(CommitteeIn):
    position: str
    person_name: str = Field(max_length=200)
    start: str = Field(description=KNOWN_DATE_TEXT, max_length=40)
    end: str | None = Field(None, max_length=40)
    state: str | None = None
    confirmed: bool = False
    evidence_en: str = Field("", max_length=300)
    evidence_fr: str = Field("", max_length=300)
