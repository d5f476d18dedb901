"""A State that is asking to accede: its profile shows the public step the map shows (invited to
accede), never the confidential steps before the invitation."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from lanzarote.web.maps.statuses import map_data
from tests.accession.helpers import Cast, brazil_case, today
from tests.web.helpers import squash, text

pytestmark = pytest.mark.django_db


def convention_status(language: str = "en") -> str:
    cache.clear()
    html = squash(text(Client().get(f"/{language}/states/BR/")))
    section = html.split('id="treaty-cets-201"', 1)[1]
    return section.split("key-dates", 1)[0]


def test_after_the_invitation_the_profile_says_what_the_map_says():
    case = brazil_case(Cast(), "invited")
    assert map_data(today()).entries["BR"].label == "Invited to accede"
    status = convention_status()
    assert "Invited to accede" in status and "No action" not in status
    assert f'href="/en/accession/cases/{case.reference}/"' in status
    french = convention_status("fr")
    assert "Invitation à adhérer adressée" in french and "Aucun acte" not in french


@pytest.mark.parametrize("phase", ["received", "consultation", "objection"])
def test_before_the_invitation_the_request_stays_confidential(phase):
    case = brazil_case(Cast(), phase)
    status = convention_status()
    assert "No action" in status
    assert "Invited to accede" not in status and case.reference not in status


def test_after_the_deposit_the_registry_speaks():
    brazil_case(Cast(), "deposited")
    status = convention_status()
    assert "Invited to accede" not in status and "No action" not in status
