"""API schemas of the Committee: they document the JSON that `presenters` produces and the
bodies the write endpoints accept."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from lanzarote.registry.schemas import ErrorOut, KnownDateOut, SourceOut

__all__ = ["ErrorOut"]

KNOWN_DATE_TEXT = (
    "A date as known: `2015-06-16`, `2015-06`, `2015`, `2015-06-15..2015-06-17`, "
    "`..2017-12-31` (on or before), `2010-07-01..` (on or after) or `unknown`."
)
BALLOTS_TEXT = (
    "Each member's ballot by ISO 3166-1 alpha-2 code: `for`, `against` or `abstain`. Only the "
    "Parties on the day of the vote vote (Arts. 39(1) and 40(4)); any other voter is refused "
    "with 422 and the rule's explanation."
)


# -- composition -----------------------------------------------------------------------------


class DecisionRefOut(Schema):
    id: int
    meeting: int | None
    decided_on: str | None


class MemberOut(Schema):
    state: str = Field(description="ISO 3166-1 alpha-2 code")
    name: str
    since: KnownDateOut | None = Field(description="The Convention's entry into force for it")
    certain: bool = Field(description="False when its status depends on a date no source gives")
    member_of_council_of_europe: bool | None
    votes: bool


class ParticipantOut(Schema):
    kind: str = Field(description="`state` or `organisation`")
    state: str | None
    organisation: str | None = Field(description="The organisation's slug")
    name: str
    basis: str = Field(
        description="`signatory`, `elaboration` (derived from the registry), `article_40_1`, "
        "`article_40_2` or `decision`"
    )
    basis_label: str
    since: KnownDateOut | None
    until: KnownDateOut | None
    decision: DecisionRefOut | None
    certain: bool
    confirmed: bool
    votes: bool


class ObserverOut(Schema):
    organisation: str
    name: str
    acronym: str | None
    since: KnownDateOut | None
    confirmed: bool
    certain: bool
    meeting: int | None
    decision: DecisionRefOut | None
    votes: bool


class BureauTermOut(Schema):
    id: int
    position: str = Field(description="`chair`, `vice_chair` or `bureau_member`")
    position_label: str
    name: str
    state: str | None
    start: KnownDateOut | None
    end: KnownDateOut | None
    confirmed: bool
    evidence: str | None
    sources: list[SourceOut]
    certain: bool | None = None


class RepresentativeOut(Schema):
    id: int
    name: str
    role: str
    role_label: str
    function: str | None
    state: str | None
    organisation: str | None
    term_start: str | None
    term_end: str | None
    is_demo: bool = Field(description="Invented for demonstration; not a real person")
    email: str | None = Field(None, description="Only for signed-in users")
    phone: str | None = Field(None, description="Only for signed-in users")


class CountsOut(Schema):
    members: int
    members_uncertain: int
    participants: int
    participants_uncertain: int
    observers: int
    observers_uncertain: int


class CompositionOut(Schema):
    as_of: str
    committee_exists: bool = Field(description="False before the Convention entered into force")
    treaty_entry_into_force: KnownDateOut | None
    counts: CountsOut
    members: list[MemberOut]
    participants: list[ParticipantOut]
    observers: list[ObserverOut]
    bureau: list[BureauTermOut]
    representatives: list[RepresentativeOut]


class MemberChangesOut(Schema):
    joined: list[MemberOut]
    left: list[MemberOut]


class ParticipantChangesOut(Schema):
    joined: list[ParticipantOut]
    left: list[ParticipantOut]


class ObserverChangesOut(Schema):
    joined: list[ObserverOut]
    left: list[ObserverOut]


class ChangesOut(Schema):
    since: str
    until: str
    members: MemberChangesOut
    participants: ParticipantChangesOut
    observers: ObserverChangesOut


class StateRoleOut(Schema):
    state: str
    as_of: str
    committee_exists: bool
    seat: str = Field(description="`member`, `participant`, `none` or `uncertain`")
    possible: list[str]
    basis: str | None
    confirmed: bool
    article: str | None
    explanation: str
    bureau: list[BureauTermOut]


class OrganisationOut(Schema):
    slug: str
    name: str
    name_en: str
    name_fr: str
    acronym: str | None
    kind: str
    country: str | None
    website: str | None


# -- observer applications -------------------------------------------------------------------


class ObserverEventOut(Schema):
    id: int
    kind: str = Field(description="`applied`, `scheduled`, `admitted`, `refused` or `withdrawn`")
    date: KnownDateOut | None
    confirmed: bool
    meeting: int | None
    decision: int | None
    vote: int | None
    note: str | None
    supersedes: int | None
    recorded_at: str
    recorded_by: str


class ApplicationOut(Schema):
    id: int
    organisation: OrganisationOut
    received_on: str | None
    status: str = Field(description="`received`, `scheduled`, `admitted`, `refused`, `withdrawn`")
    meeting: int | None
    mission: str
    child_protection_activity: str
    references: list[str]
    contact_name: str | None
    contact_email: str | None
    events: list[ObserverEventOut] = []


class ApplicationIn(Schema):
    organisation: str | None = Field(
        None, description="Slug of an organisation already known; otherwise give its name"
    )
    name_en: str = ""
    name_fr: str = ""
    acronym: str = ""
    country: str | None = Field(None, description="ISO code of the country of its seat")
    website: str = ""
    received_on: date
    mission_en: str
    mission_fr: str = ""
    child_protection_activity_en: str
    child_protection_activity_fr: str = ""
    references: list[str] = Field(description="Its references, one per item")
    contact_name: str = ""
    contact_email: str = ""


class ScheduleIn(Schema):
    meeting: int = Field(description="The number of the meeting")


class ObserverDecisionIn(Schema):
    decided_on: date
    admit: bool | None = Field(
        None, description="Required without ballots; with ballots the decision follows the vote"
    )
    ballots: dict[str, str] | None = Field(None, description=BALLOTS_TEXT)
    rule: str = Field("simple_majority_of_votes_cast", description="The majority required")
    note_en: str = ""
    note_fr: str = ""


class WithdrawIn(Schema):
    withdrawn_on: date
    reason_en: str
    reason_fr: str = ""
    meeting: int | None = None


# -- meetings --------------------------------------------------------------------------------


class MeetingSummaryOut(Schema):
    number: int
    title: str
    start_date: str | None
    end_date: str | None
    dates_confirmed: bool
    mode: str = Field(description="`in_person`, `online`, `hybrid` or `unknown`")
    place: str | None
    texts_adopted_count: int | None = Field(description="In lists only")
    documents_count: int | None = Field(description="In lists only")
    agenda_items_count: int | None = Field(description="In lists only")
    sources: list[SourceOut]


class AgendaItemOut(Schema):
    id: int
    position: int
    number: str | None
    title: str
    articles: list[int]


class DecisionOut(Schema):
    id: int
    decided_on: str | None
    day_confirmed: bool
    kind: str
    text: str
    adopted: bool
    agenda_item: int | None
    sources: list[SourceOut]


class DocumentOut(Schema):
    code: str = Field(description="Reference code such as T-ES(2022)02")
    title: str
    date: KnownDateOut | None
    confirmed: bool
    url: str | None
    meeting: int | None


class VoteOut(Schema):
    id: int
    subject: str
    voted_on: str | None
    rule: str
    ballots: dict[str, str]
    members: int = Field(description="Members (Parties) on the day of the vote")
    votes_for: int
    votes_against: int
    abstentions: int
    adopted: bool
    article: str
    explanation: str
    decision: int | None
    supersedes: int | None


class AttendanceOut(Schema):
    state: str | None
    organisation: str | None


class TextSummaryOut(Schema):
    slug: str
    kind: str
    kind_label: str
    title: str
    title_en: str
    title_fr: str | None
    date: KnownDateOut | None
    confirmed: bool = Field(description="Whether a source confirms the date as given")
    adoption_confirmed: bool = Field(description="Whether a source confirms the adoption at all")
    meeting: int | None
    articles: list[int]
    document_code: str | None
    url: str | None
    url_en: str | None
    url_fr: str | None


class MeetingOut(MeetingSummaryOut):
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]
    documents: list[DocumentOut]
    texts_adopted: list[TextSummaryOut]
    texts_examined: list[TextSummaryOut]
    attendance: list[AttendanceOut]
    votes: list[VoteOut]


class MeetingIn(Schema):
    number: int
    start_date: date
    end_date: date
    mode: str = Field(description="`in_person`, `online`, `hybrid` or `unknown`")
    place_en: str = ""
    place_fr: str = ""
    dates_confirmed: bool = True
    sources: list[SourceOut] = []


class AgendaItemIn(Schema):
    title_en: str
    title_fr: str = ""
    number: str = ""
    articles: list[int] = []


class DecisionIn(Schema):
    decided_on: date
    kind: str
    text_en: str
    text_fr: str = ""
    agenda_item: int | None = None
    adopted: bool = True
    day_confirmed: bool = True


class DocumentIn(Schema):
    code: str
    title_en: str
    title_fr: str = ""
    dated: str = Field("unknown", description=KNOWN_DATE_TEXT)
    confirmed: bool = False
    url_en: str = ""
    url_fr: str = ""


class AttendanceIn(Schema):
    states: list[str] = []
    organisations: list[str] = Field([], description="Organisation slugs")


class VoteIn(Schema):
    subject_en: str
    subject_fr: str = ""
    voted_on: date
    ballots: dict[str, str] = Field(description=BALLOTS_TEXT)
    rule: str = Field(
        "simple_majority_of_votes_cast",
        description="`simple_majority_of_votes_cast` (default), `two_thirds_of_votes_cast` or "
        "`majority_of_members`",
    )
    decision: int | None = None


# -- texts -----------------------------------------------------------------------------------


class TextOut(TextSummaryOut):
    summary: str | None
    summary_en: str | None
    summary_fr: str | None
    examined_at: list[int]
    decision: int | None
    note: str | None
    sources: list[SourceOut]


class TextIn(Schema):
    kind: str = Field(
        description="`opinion`, `interpretative_opinion`, `declaration`, `statement`, "
        "`activity_report`, `guidance_note` or `other`"
    )
    title_en: str
    title_fr: str = ""
    adopted_on: str = Field("unknown", description=KNOWN_DATE_TEXT)
    confirmed: bool = False
    adoption_confirmed: bool = True
    slug: str = ""
    summary_en: str = ""
    summary_fr: str = ""
    url_en: str = ""
    url_fr: str = ""
    document_code: str = ""
    meeting: int | None = Field(None, description="Number of the meeting that adopted it")
    examined_at: list[int] = []
    articles: list[int] = []


# -- capacity building -----------------------------------------------------------------------


class ProjectOut(Schema):
    slug: str
    title: str
    title_en: str
    title_fr: str
    summary: str | None
    status: str
    beneficiaries: list[str]
    themes: list[str]
    articles: list[int]
    partners: list[str]
    donors: list[str]
    start_date: str | None
    end_date: str | None
    outputs: str | None
    url: str | None
    responds_to_recommendations: list[str] | None = Field(
        description="References of monitoring recommendations (a hook for the monitoring app)"
    )


class ProjectIn(Schema):
    title_en: str
    title_fr: str
    status: str = Field(description="`planned`, `ongoing`, `completed` or `cancelled`")
    slug: str = ""
    summary_en: str = ""
    summary_fr: str = ""
    beneficiaries: list[str] = []
    themes: list[str] = Field([], description="Theme slugs")
    articles: list[int] = []
    partners: list[str] = []
    donors: list[str] = []
    start_date: date | None = None
    end_date: date | None = None
    outputs_en: str = ""
    outputs_fr: str = ""
    url: str = ""
    responds_to_recommendations: list[str] | None = None


class AssistanceRequestOut(Schema):
    id: int
    state: str
    received_on: str | None
    subject: str
    articles: list[int]
    status: str
    project: str | None
    note: str | None


class AssistanceRequestIn(Schema):
    state: str
    received_on: date
    subject_en: str
    subject_fr: str = ""
    articles: list[int] = []
    status: str = "received"
    project: str | None = Field(None, description="Slug of the project answering it")
    note: str = ""


class CapacityEventOut(Schema):
    slug: str
    kind: str
    title: str
    date: KnownDateOut | None
    confirmed: bool
    place: str | None
    online: bool
    meeting: int | None
    participants: str | None
    states: list[str]
    note: str | None
    sources: list[SourceOut]


class PriorityReasonOut(Schema):
    kind: str = Field(description="`acceded`, `accession_request` or `decision`")
    label: str
    since: KnownDateOut | None
    confidential: bool
    reference: str | None
    reason: str | None
    decision: DecisionRefOut | None


class PriorityCountryOut(Schema):
    state: str
    name: str
    reasons: list[PriorityReasonOut]


class PriorityFlagIn(Schema):
    state: str
    reason_en: str
    reason_fr: str = ""
    flagged_on: date
    lifted_on: date | None = None
    decision: int | None = None


class ParticipationIn(Schema):
    organisation: str = Field(description="Organisation slug")
    basis: str = Field(description="`article_40_1`, `article_40_2` or `decision`")
    start: str = Field(description=KNOWN_DATE_TEXT)
    end: str | None = None
    decision: int | None = None
    confirmed: bool = False
    note_en: str = ""
    note_fr: str = ""


class RepresentativeIn(Schema):
    name: str
    role: str = Field(
        description="`head_of_delegation`, `substitute`, `delegation_member` or `representative`"
    )
    term_start: date
    term_end: date | None = None
    state: str | None = None
    organisation: str | None = Field(None, description="Organisation slug")
    function_en: str = ""
    function_fr: str = ""
    email: str = ""
    phone: str = ""
    is_demo: bool = False


class BureauTermIn(Schema):
    position: str
    person_name: str
    start: str = Field(description=KNOWN_DATE_TEXT)
    end: str | None = None
    state: str | None = None
    confirmed: bool = False
    evidence_en: str = ""
    evidence_fr: str = ""
