"""Who may do what in the accession procedure (and at the registry desk), role by role, exactly as
`core/permissions.py` says: each action is exercised through its service for every role; the
service either acts or refuses (401 for anonymous people, 403 otherwise), and `allowed(...)`,
which the pages use to offer actions, agrees. A subset goes through the API for the HTTP codes,
where a case the person may not see answers 404 as if it did not exist.

Every Party is consulted, so a delegate's Party is always among those consulted: "a delegate of
another Party" is the German delegate acting on France's reply."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from lanzarote.accession import selectors, services
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Forbidden, NotFound, Unauthorised
from lanzarote.core.permissions import REGISTRY, allowed
from lanzarote.registry import selectors as registry
from lanzarote.registry.services import treaty_event_record
from lanzarote.treaty_law import KnownDate
from tests.accession.helpers import PHASES, Cast, bearer, brazil_case, letter, letter_json, today

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "treaty_office",
    "secretariat",
    "delegate",  # France's delegate: a consulted Party
    "other_delegate",  # Germany's delegate, acting on France's reply
    "official",  # an official of Brazil, the requesting State
    "other_official",  # an official of Argentina
    "observer",
)

# action → the roles that may take it; everyone else is refused.
ALLOWED: dict[str, set[str]] = {
    "file_request": {"treaty_office", "official"},
    "open_consultation": {"treaty_office"},
    "reply_for_france": {"treaty_office", "delegate"},
    "send_reminders": {"treaty_office"},
    "close_consultation": {"treaty_office"},
    "record_decision": {"treaty_office"},
    "issue_invitation": {"treaty_office"},
    "record_deposit": {"treaty_office"},
    "withdraw": {"treaty_office", "official"},
    "record_registry_event": {"treaty_office"},
}

# phase → the roles that may see the case (the public once the invitation is issued).
EVERYONE = set(ROLES)
VISIBLE: dict[str, set[str]] = {
    "received": {"treaty_office", "official"},
    "consultation": {"treaty_office", "official", "delegate", "other_delegate"},
    "consent_obtained": {"treaty_office", "official"},
    "objection": {"treaty_office", "official"},
    "decided": {"treaty_office", "official"},
    "invited": EVERYONE,
    "deposited": EVERYONE,
    "withdrawn": {"treaty_office", "official"},
}


@pytest.fixture
def cast():  # type: ignore[no-untyped-def]
    return Cast()


def user_of(cast: Cast, role: str) -> Any:
    return {
        "anonymous": AnonymousUser(),
        "treaty_office": cast.office,
        "secretariat": cast.secretariat,
        "delegate": cast.france,
        "other_delegate": cast.germany,
        "official": cast.brazil,
        "other_official": cast.argentina,
        "observer": cast.observer,
    }[role]


# Each action: (the phase the case must be in, the permission and its objects, the call).
Action = tuple[str | None, Callable[[Any, Any], tuple[str, dict[str, Any]]], Callable[..., Any]]


def _deadline() -> Any:
    return today() + timedelta(days=20)


ACTIONS: dict[str, Action] = {
    "file_request": (
        None,
        lambda case, _u: ("accession.file_request", {"state": registry.state_get("BR")}),
        lambda user, case: services.accession_request_file(
            user=user, state_code="BR", letter=letter()
        ),
    ),
    "open_consultation": (
        "received",
        lambda case, _u: ("accession.advance_case", {"case": case}),
        lambda user, case: services.consultation_open(user=user, case=case, deadline=_deadline()),
    ),
    "reply_for_france": (
        "consultation",
        lambda case, _u: ("accession.reply_to_consultation", {"case": case, "party": "FR"}),
        lambda user, case: services.consultation_reply(
            user=user, case=case, party_code="FR", reply="consent"
        ),
    ),
    "send_reminders": (
        "consultation",
        lambda case, _u: ("accession.advance_case", {"case": case}),
        lambda user, case: services.consultation_remind(user=user, case=case),
    ),
    "close_consultation": (
        "consultation",
        lambda case, _u: ("accession.advance_case", {"case": case}),
        lambda user, case: services.consultation_close(user=user, case=case),
    ),
    "record_decision": (
        "consent_obtained",
        lambda case, _u: ("accession.advance_case", {"case": case}),
        lambda user, case: services.decision_record(
            user=user,
            case=case,
            meeting_date=today(),
            votes_for=46,
            votes_against=0,
            abstentions=0,
        ),
    ),
    "issue_invitation": (
        "decided",
        lambda case, _u: ("accession.advance_case", {"case": case}),
        lambda user, case: services.invitation_issue(user=user, case=case),
    ),
    "record_deposit": (
        "invited",
        lambda case, _u: ("accession.advance_case", {"case": case}),
        lambda user, case: services.deposit_record(user=user, case=case, deposit_date=today()),
    ),
    "withdraw": (
        "received",
        lambda case, _u: ("accession.withdraw_case", {"case": case}),
        lambda user, case: services.case_withdraw(user=user, case=case),
    ),
    "record_registry_event": (
        None,
        lambda case, _u: ("registry.record_event", {}),
        lambda user, case: treaty_event_record(
            actor=Actor(user=user),
            treaty=registry.treaty_get("cets-201"),
            state=registry.state_get("JP"),
            kind="signature",
            legal_date=KnownDate.exact(today()),
            sources=[{"url": "", "note": "Treaty Office"}],
        ),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_who_may_take_each_step(cast, action, role):
    phase, permission, call = ACTIONS[action]
    case = brazil_case(cast, phase) if phase else None
    if action == "close_consultation":
        # An objection lets the consultation close before its deadline.
        services.consultation_reply(user=cast.office, case=case, party_code="AZ", reply="objection")
    user = user_of(cast, role)
    name, objects = permission(case, user)
    expected = role in ALLOWED[action]
    assert allowed(user, name, **objects) is expected
    if expected:
        assert call(user, case) is not None
        return
    refusal = Unauthorised if role == "anonymous" else Forbidden
    with pytest.raises(refusal) as refused:
        call(user, case)
    if role != "anonymous":
        assert refused.value.message == str(REGISTRY[name].refusal)


@pytest.mark.parametrize("phase", PHASES)
def test_who_may_see_a_case_in_each_phase(cast, phase):
    case = brazil_case(cast, phase)
    for role in ROLES:
        user = user_of(cast, role)
        sees = role in VISIBLE[phase]
        if sees:
            assert selectors.case_get(case.reference, user=user).pk == case.pk, role
        else:
            # Whoever may not see a case is told it does not exist (was 401 or 403).
            with pytest.raises(NotFound):
                selectors.case_get(case.reference, user=user)
        listed = [c.reference for c in selectors.case_list(user=user)]
        assert (case.reference in listed) is sees, role
        inbox = [c.reference for c in selectors.consultation_inbox(user=user)]
        in_inbox = phase == "consultation" and role in {"delegate", "other_delegate"}
        assert (case.reference in inbox) is in_inbox, role


def test_the_delegates_see_the_case_only_while_consulted(cast):
    case = brazil_case(cast, "consultation")
    assert allowed(cast.france, "accession.view_case", case=case)
    services.consultation_reply(user=cast.office, case=case, party_code="AZ", reply="objection")
    closed = services.consultation_close(user=cast.office, case=case)
    assert not allowed(cast.france, "accession.view_case", case=closed)


def test_an_inactive_person_may_do_nothing(cast):
    cast.office.is_active = False
    cast.office.save()
    assert not allowed(cast.office, "registry.record_event")
    with pytest.raises(Forbidden):
        services.accession_request_file(user=cast.office, state_code="BR", letter=letter())


# -- the same rules, through the API -------------------------------------------------------------

CASES = "/api/v1/accession-cases"


def _api(client: Client, role: str, cast: Cast) -> dict[str, str]:
    return {} if role == "anonymous" else bearer(user_of(cast, role))


def _code(role: str, allowed_roles: set[str], success: int, *, sees: set[str] | None = None) -> int:
    """The answer to `role`: `success`; 401 where credentials are needed; 404 for a case the role
    may not see (`sees`: the roles that see it), as for a reference never issued; else 403."""
    if role in allowed_roles:
        return success
    if role == "anonymous":
        return 401
    if sees is not None and role not in sees:
        return 404
    return 403


@pytest.mark.parametrize("role", ROLES)
def test_filing_through_the_api(client, cast, role):
    response = client.post(
        CASES,
        {"state": "BR", "letter": letter_json()},
        content_type="application/json",
        headers=_api(client, role, cast),
    )
    assert response.status_code == _code(role, ALLOWED["file_request"], 201), response.content
    if response.status_code != 201:
        assert response.json()["detail"]


@pytest.mark.parametrize("role", ROLES)
def test_replying_for_france_through_the_api(client, cast, role):
    case = brazil_case(cast, "consultation")
    response = client.post(
        f"{CASES}/{case.reference}/consultation/replies",
        {"party": "FR", "reply": "consent"},
        content_type="application/json",
        headers=_api(client, role, cast),
    )
    # Roles that cannot even see the case are told it does not exist.
    expected = _code(role, ALLOWED["reply_for_france"], 201, sees=VISIBLE["consultation"])
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role", ROLES)
def test_opening_the_consultation_through_the_api(client, cast, role):
    case = brazil_case(cast)
    response = client.post(
        f"{CASES}/{case.reference}/consultation",
        {"deadline": _deadline().isoformat()},
        content_type="application/json",
        headers=_api(client, role, cast),
    )
    expected = _code(role, ALLOWED["open_consultation"], 200, sees=VISIBLE["received"])
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", ["consultation", "invited"])
def test_reading_a_case_through_the_api(client, cast, role, phase):
    case = brazil_case(cast, phase)
    response = client.get(f"{CASES}/{case.reference}", headers=_api(client, role, cast))
    # Reading needs no credentials, so an anonymous reader of a confidential case gets 404 too.
    expected = 200 if role in VISIBLE[phase] else 404
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role", ROLES)
def test_drafting_the_letter_through_the_api(client, cast, role):
    response = client.get(
        f"{CASES}/draft-letter",
        {"state": "BR", "format": "docx"},
        headers=_api(client, role, cast),
    )
    assert response.status_code == _code(role, {"treaty_office", "official"}, 200)
