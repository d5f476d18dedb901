"""Shared by the accession API, page and permission tests: people, a request letter, and a case of
Brazil brought through the services to any phase of the procedure, on today's date (the pages
and the API act on today)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from lanzarote.accession import services
from lanzarote.accession.models import AccessionCase
from lanzarote.accounts.models import Role, User
from lanzarote.accounts.services import token_create
from lanzarote.core.audit import Actor
from lanzarote.treaty_law.accession import RequestLetter
from tests.accounts.factories import person

PHASES = (
    "received",
    "consultation",
    "consent_obtained",
    "objection",
    "decided",
    "invited",
    "deposited",
    "withdrawn",
)


def today() -> date:
    return timezone.localdate()


def letter(**changes: Any) -> RequestLetter:
    values: dict[str, Any] = {
        "signatory_name": "Mauro Vieira",
        "signatory_capacity": "minister_of_foreign_affairs",
        "date": today() - timedelta(days=7),
        "addressee": "secretary_general",
    }
    values.update(changes)
    return RequestLetter(**values)


def letter_json(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "signatory_name": "Mauro Vieira",
        "signatory_capacity": "minister_of_foreign_affairs",
        "date": (today() - timedelta(days=7)).isoformat(),
        "addressee": "secretary_general",
    }
    values.update(changes)
    return values


def bearer(user: User) -> dict[str, str]:
    _token, key = token_create(actor=Actor.system("tests"), user=user)
    return {"Authorization": f"Bearer {key}"}


class Cast:
    """One person in each role that matters to a case of Brazil."""

    def __init__(self) -> None:
        self.office = person(Role.TREATY_OFFICE, username="treaty-office")
        self.secretariat = person(Role.SECRETARIAT, username="secretariat")
        self.brazil = person(Role.STATE_OFFICIAL, username="brazil-official", state="BR")
        self.argentina = person(Role.STATE_OFFICIAL, username="argentina-official", state="AR")
        self.france = person(Role.PARTY_DELEGATE, username="france-delegate", state="FR")
        self.germany = person(Role.PARTY_DELEGATE, username="germany-delegate", state="DE")
        self.observer = person(Role.OBSERVER, username="observer")


def advance(case: AccessionCase, to: str, *, office: User, official: User) -> AccessionCase:
    """Bring a received case of Brazil to the phase `to`, through the services."""
    if to == "received":
        return case
    if to == "withdrawn":
        return services.case_withdraw(user=official, case=case, note="Not now.")
    case = services.consultation_open(user=office, case=case, deadline=today() + timedelta(days=30))
    if to == "consultation":
        return case
    if to == "objection":
        services.consultation_reply(user=office, case=case, party_code="AZ", reply="objection")
        return services.consultation_close(user=office, case=case)
    for code in sorted(case.consulted_party_codes):
        services.consultation_reply(user=office, case=case, party_code=code, reply="consent")
    case = services.consultation_close(user=office, case=case)
    if to == "consent_obtained":
        return case
    services.decision_record(
        user=office,
        case=case,
        meeting_date=today(),
        meeting_reference="CM/Del/Dec(2026)1550",
        votes_for=46,
        votes_against=0,
        abstentions=0,
    )
    case.refresh_from_db()
    if to == "decided":
        return case
    case = services.invitation_issue(user=office, case=case)
    if to == "invited":
        return case
    services.deposit_record(user=office, case=case, deposit_date=today())
    case.refresh_from_db()
    assert to == "deposited", to
    return case


def brazil_case(cast: Cast, phase: str = "received") -> AccessionCase:
    case = services.accession_request_file(user=cast.brazil, state_code="BR", letter=letter())
    case = advance(case, phase, office=cast.office, official=cast.brazil)
    case.refresh_from_db()
    assert case.status == phase
    return case
