"""The composition on a date and its changes, a State's seat, organisations, representatives
and the Bureau."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext
from ninja import Field

from lanzarote.committee.schemas.common import (
    CommitteeOut,
    EnumValue,
    KnownDateValue,
    SourceOut,
    Text,
)
from lanzarote.core.permissions import allowed
from lanzarote.core.rules import render


class CommitteeDecisionRefOut(CommitteeOut):
    id: int
    meeting: int | None = Field(None, alias="meeting.number")
    decided_on: date | None


class CommitteeMemberOut(CommitteeOut):
    state: str = Field(alias="state.code", description="ISO 3166-1 alpha-2 code")
    name: str
    since: KnownDateValue = Field(description="The Convention's entry into force for it")
    certain: bool = Field(description="False when its status depends on a date no source gives")
    member_of_council_of_europe: bool | None
    votes: bool = Field(True, description="Members vote (Art. 39(1))")

    @staticmethod
    def resolve_votes(row: Any) -> bool:
        return True


class CommitteeParticipantOut(CommitteeOut):
    kind: str = Field(description="`state` or `organisation`")
    state: str | None = Field(None, alias="state.code")
    organisation: str | None = Field(None, alias="organisation.slug", description="Its slug")
    name: str
    basis: EnumValue = Field(
        description="`signatory`, `elaboration` (derived from the registry), `article_40_1`, "
        "`article_40_2` or `decision`"
    )
    basis_label: str
    since: KnownDateValue
    until: KnownDateValue
    decision: CommitteeDecisionRefOut | None
    certain: bool
    confirmed: bool
    votes: bool = Field(False, description="Participants take part without voting (Art. 40)")

    @staticmethod
    def resolve_kind(row: Any) -> str:
        return "state" if row.state is not None else "organisation"

    @staticmethod
    def resolve_basis_label(row: Any) -> str:
        return gettext(row.basis.label)

    @staticmethod
    def resolve_votes(row: Any) -> bool:
        return False


class CommitteeObserverOut(CommitteeOut):
    organisation: str = Field(alias="organisation.slug")
    name: str
    acronym: Text = Field(alias="organisation.acronym")
    since: KnownDateValue
    confirmed: bool = Field(alias="admission.confirmed")
    certain: bool
    meeting: int | None = Field(None, alias="admission.meeting.number")
    decision: CommitteeDecisionRefOut | None = Field(None, alias="admission.decision")
    votes: bool = Field(False, description="Observers do not vote (Art. 40(3))")

    @staticmethod
    def resolve_votes(row: Any) -> bool:
        return False


class CommitteeBureauTermOut(CommitteeOut):
    id: int
    position: str = Field(description="`chair`, `vice_chair` or `bureau_member`")
    position_label: str = Field(alias="get_position_display")
    name: str = Field(alias="person_name")
    state: str | None = Field(None, alias="state_id")
    start: KnownDateValue = Field(alias="known_date")
    end: KnownDateValue
    confirmed: bool
    evidence: Text
    sources: list[SourceOut]
    certain: bool | None = Field(None, description="On a date: whether the term certainly holds")


def may_see_contacts(context: Any) -> bool:
    """Contact details follow the permission "people.see_contacts" of the person asking (the
    request in `context`), unless the caller says `contacts=False` (a shared, cached answer)."""
    context = context or {}
    if "contacts" in context:
        return bool(context["contacts"])
    request = context.get("request")
    return allowed(getattr(request, "user", None), "people.see_contacts")


class CommitteeRepresentativeOut(CommitteeOut):
    id: int
    name: str
    role: str
    role_label: str = Field(alias="get_role_display")
    function: Text
    state: str | None = Field(None, alias="state_id")
    organisation: str | None = Field(None, alias="organisation.slug")
    term_start: date | None
    term_end: date | None
    is_demo: bool = Field(description="Invented for demonstration; not a real person")
    email: str | None = Field(None, description="Only for signed-in users")
    phone: str | None = Field(None, description="Only for signed-in users")

    @staticmethod
    def resolve_email(item: Any, context: Any = None) -> str | None:
        return (item.email or None) if may_see_contacts(context) else None

    @staticmethod
    def resolve_phone(item: Any, context: Any = None) -> str | None:
        return (item.phone or None) if may_see_contacts(context) else None


class CommitteeCountsOut(CommitteeOut):
    members: int
    members_uncertain: int
    participants: int
    participants_uncertain: int
    observers: int
    observers_uncertain: int


class CommitteeCompositionOut(CommitteeOut):
    as_of: date
    committee_exists: bool = Field(description="False before the Convention entered into force")
    treaty_entry_into_force: KnownDateValue
    counts: CommitteeCountsOut
    members: list[CommitteeMemberOut]
    participants: list[CommitteeParticipantOut]
    observers: list[CommitteeObserverOut]
    bureau: list[CommitteeBureauTermOut]
    representatives: list[CommitteeRepresentativeOut]


class CommitteeMemberChangesOut(CommitteeOut):
    joined: list[CommitteeMemberOut]
    left: list[CommitteeMemberOut]


class CommitteeParticipantChangesOut(CommitteeOut):
    joined: list[CommitteeParticipantOut]
    left: list[CommitteeParticipantOut]


class CommitteeObserverChangesOut(CommitteeOut):
    joined: list[CommitteeObserverOut]
    left: list[CommitteeObserverOut]


class CommitteeChangesOut(CommitteeOut):
    since: date
    until: date
    members: CommitteeMemberChangesOut
    participants: CommitteeParticipantChangesOut
    observers: CommitteeObserverChangesOut


class CommitteeCompositionWithChangesOut(CommitteeCompositionOut):
    """The page's JSON download: the composition, and the changes since a date when asked."""

    changes: CommitteeChangesOut | None = None


class CommitteeStateRoleOut(CommitteeOut):
    state: str = Field(alias="state.code")
    as_of: date
    committee_exists: bool
    seat: str = Field(alias="label", description="`member`, `participant`, `none` or `uncertain`")
    possible: list[str]
    basis: str | None
    confirmed: bool
    article: str | None
    explanation: str
    bureau: list[CommitteeBureauTermOut]

    @staticmethod
    def resolve_possible(role: Any) -> list[str]:
        return sorted(s.value for s in role.seat.value.possible) if role.seat else []

    @staticmethod
    def resolve_basis(role: Any) -> str | None:
        seat = role.seat
        return seat.value.basis.value if seat and seat.value.basis else None

    @staticmethod
    def resolve_confirmed(role: Any) -> bool:
        return role.seat.value.confirmed if role.seat else True

    @staticmethod
    def resolve_article(role: Any) -> str | None:
        return role.seat.article if role.seat else None

    @staticmethod
    def resolve_explanation(role: Any) -> str:
        return render(role.seat.explanations) if role.seat else ""


class CommitteeOrganisationOut(CommitteeOut):
    slug: str
    name: str
    name_en: str
    name_fr: str
    acronym: Text
    kind: str
    country: str | None = Field(None, alias="country_id")
    website: Text
