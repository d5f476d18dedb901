"""Priority countries: States that acceded or asked to accede are flagged automatically; others
by a decision, with the reason. A request to accede stays confidential until the invitation."""

from __future__ import annotations

from datetime import date

import pytest

from lanzarote.accession.services import accession_request_file
from lanzarote.accounts.models import Role
from lanzarote.committee import selectors, services
from lanzarote.treaty_law.accession import RequestLetter
from tests.accounts.factories import person
from tests.committee.factories import others, secretariat

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def codes(day: date, user=None) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {p.state.code: p.kinds for p in selectors.priority_countries(as_of=day, user=user)}


@pytest.fixture
def brazil_case():  # type: ignore[no-untyped-def]
    office = person(Role.TREATY_OFFICE, username="treaty-office")
    return accession_request_file(
        user=office,
        state_code="BR",
        letter=RequestLetter(
            signatory_name="Mauro Vieira",
            signatory_capacity="minister_of_foreign_affairs",
            date=date(2026, 2, 20),
            addressee="secretary_general",
        ),
        today=TODAY,
    )


def test_tunisia_is_flagged_because_it_acceded():
    assert codes(TODAY) == {"TN": ["acceded"]}
    assert "TN" not in codes(date(2019, 10, 14))
    assert codes(date(2019, 10, 15)) == {"TN": ["acceded"]}


def test_a_state_that_asked_to_accede_is_flagged(brazil_case):
    staff = secretariat()
    assert codes(TODAY, staff) == {"BR": ["accession_request"], "TN": ["acceded"]}
    reason = selectors.priority_countries(as_of=TODAY, user=staff)[0].reasons[0]
    assert reason.confidential and reason.reference == brazil_case.reference
    # Confidential until the invitation: not for the public, nor for other roles.
    assert "BR" not in codes(TODAY)
    assert "BR" not in codes(TODAY, others()["observer"])
    assert "BR" in codes(TODAY, person(Role.STATE_OFFICIAL, username="br-official", state="BR"))
    assert "BR" not in codes(date(2026, 3, 1), staff)  # not yet received


def test_a_flag_set_by_decision_with_its_reason():
    staff = secretariat()
    decision = services.decision_save(
        user=staff,
        meeting=selectors.meeting_get(38),
        decided_on=date(2023, 5, 31),
        kind="other",
        text_en="The Committee treats Morocco as a priority for co-operation.",
    )
    services.priority_flag_save(
        user=staff,
        state="MA",
        reason_en="Took part in monitoring as a rapporteur's State; co-operation requested.",
        flagged_on=date(2023, 6, 1),
        decision=decision,
        lifted_on=date(2025, 1, 1),
    )
    assert codes(date(2024, 1, 1))["MA"] == ["decision"]
    assert "MA" not in codes(date(2025, 1, 1))
    with pytest.raises(Exception, match="cannot precede"):
        services.priority_flag_save(
            user=staff, state="MA", reason_en="x", flagged_on=date(2023, 5, 1), decision=decision
        )


def test_the_public_page_and_api_keep_requests_confidential(client, brazil_case):
    assert "Brazil" not in client.get("/en/committee/priority-countries/").content.decode()
    assert [p["state"] for p in client.get("/api/v1/committee/priority-countries").json()] == ["TN"]
    client.force_login(secretariat())
    html = client.get("/en/committee/priority-countries/").content.decode()
    assert "Brazil" in html and "confidential" in html
