"""Edge validation across the API and the error answers (issue 10): unknown fields, unbounded
paging, absurd dates and years, and every error as a specific status in the request's language,
JSON under /api/ and a page in the site's layout elsewhere, never a traceback."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings
from django.urls import path

from lanzarote.accounts.models import Role
from lanzarote.core.dates import check_year
from lanzarote.core.errors import InvalidInput
from lanzarote.monitoring.models import Contribution
from lanzarote.urls import urlpatterns as site_urls
from tests.accounts.factories import person
from tests.monitoring.factories import bearer

pytestmark = pytest.mark.django_db

CHILDREN = {
    "round": "round-1",
    "text": "We want safe changing rooms.",
    "age_band": "10-13",
    "consent_from": "child_and_guardian",
    "anonymised": True,
}


def test_an_unknown_field_is_422_and_never_reaches_the_service(client: Client):
    """`"actor": "x"` used to be handed to the service as a keyword: a TypeError, so a 500."""
    secretariat = person(Role.SECRETARIAT)
    before = Contribution.objects.count()
    response = client.post(
        "/api/v1/monitoring/contributions/children",
        {**CHILDREN, "actor": "x"},
        content_type="application/json",
        **bearer(secretariat),
    )
    assert response.status_code == 422, response.content
    assert response.json()["field"] == "actor"
    assert Contribution.objects.count() == before


@pytest.mark.parametrize("offset", ["99999999999999999999", "-1", "1000001"])
def test_paging_beyond_its_bounds_is_422(client: Client, offset):
    response = client.get(f"/api/v1/treaties/cets-201/events?offset={offset}")
    assert response.status_code == 422
    assert response.json()["field"] == "offset"


def test_paging_within_its_bounds_answers(client: Client):
    response = client.get("/api/v1/treaties/cets-201/events?offset=1000000&limit=500")
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert client.get("/api/v1/notifications?limit=1001").status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/rules/cets-201/entry-into-force?deposited=9999-12-31",
        "/api/v1/rules/cets-201/entry-into-force?deposited=0001-01-01",
        "/api/v1/treaties/cets-201/chart?as_of=9999-12-31",
        "/api/v1/treaties/cets-201/chart?known_on=9999-12-31",
        "/api/v1/monitoring/general-overview?as_of=9999-12-31",
    ],
)
def test_dates_outside_1900_2200_are_422_naming_the_field(client: Client, url):
    response = client.get(url)
    assert response.status_code == 422, response.content
    assert "1900" in response.json()["detail"]


def test_a_date_in_a_request_body_is_range_checked(client: Client):
    office = person(Role.TREATY_OFFICE)
    response = client.post(
        "/api/v1/accession-cases",
        {
            "state": "BR",
            "letter": {
                "signatory_name": "A. Minister",
                "signatory_capacity": "minister_of_foreign_affairs",
                "date": "9999-12-31",
            },
        },
        content_type="application/json",
        **bearer(office),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "letter.date"


def test_check_year_is_the_helper_for_year_parameters():
    assert check_year(2026, field="year") == 2026
    for year in (-1, 1899, 2201, 30322):
        with pytest.raises(InvalidInput) as refused:
            check_year(year, field="year")
        assert refused.value.field == "year"


# -- error answers ------------------------------------------------------------------------------


def test_an_unknown_api_address_is_a_json_404(client: Client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_an_unknown_page_is_the_404_page_in_its_language(client: Client):
    english = client.get("/en/no-such-page/")
    french = client.get("/fr/no-such-page/")
    assert english.status_code == french.status_code == 404
    assert "Page not found" in english.content.decode()
    assert "Page introuvable" in french.content.decode()
    assert 'href="/fr/"' in french.content.decode()


def _boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("secret detail of the failure")


def _refused(request):  # type: ignore[no-untyped-def]
    raise InvalidInput("The date is not valid.", field="as_of")


urlpatterns = [path("en/boom/", _boom), path("fr/refused/", _refused), *site_urls]


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_page_shows_no_traceback(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        response = client.get("/en/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "secret detail" not in body
    assert "Traceback" not in body


def test_an_api_server_error_is_json_without_a_traceback(client: Client, monkeypatch, caplog):
    from lanzarote.registry import selectors

    def broken() -> None:
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(selectors, "treaty_list", broken)
    with caplog.at_level(logging.CRITICAL, logger="django.request"):
        response = client.get("/api/v1/treaties")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "secret detail" not in response.content.decode()
    assert set(response.json()) == {"detail"}


@override_settings(ROOT_URLCONF=__name__)
def test_an_uncaught_domain_error_on_a_page_gets_its_status_and_language():
    response = Client().get("/fr/refused/")
    assert response.status_code == 422
    assert 'lang="fr"' in response.content.decode()
    assert "The date is not valid." in response.content.decode()


def test_an_id_beyond_64_bits_is_never_a_500(client: Client):
    # PostgreSQL compares it and finds nothing (404); SQLite's driver cannot bind it (422).
    response = client.get("/api/v1/monitoring/questionnaires/99999999999999999999999")
    assert response.status_code in (404, 422)
    assert response["Content-Type"].startswith("application/json")
