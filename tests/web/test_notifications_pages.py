"""Depositary notifications on the site and in the API: the list, one notification, the Atom feed,
CSV/JSON downloads, the PDF, in English and French, with pinned query counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils import timezone
from django.utils.html import escape

from lanzarote.registry.models import DepositaryNotification
from lanzarote.registry.services import treaty_event_retract
from lanzarote.web import notifications as pages
from tests.registry.factories import actor, record_event
from tests.web.helpers import csv_rows, json_body, squash, structure_problems, text

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def number(sequence: int) -> str:
    return f"JJ-{timezone.localdate().year}-{sequence:04d}"


@pytest.fixture
def issued(loaded_db) -> list[DepositaryNotification]:  # type: ignore[no-untyped-def]
    """Three notifications, oldest first: Brazil's accession, Japan's signature, Tunisia's
    denunciation."""
    return [
        record_event(state="BR", kind="accession", on=date(2024, 3, 5)).notification,
        record_event(state="JP", kind="signature", on=date(2024, 4, 2)).notification,
        record_event(state="TN", kind="denunciation", on=date(2025, 3, 5)).notification,
    ]


# -- the list ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_list_is_empty_before_anything_is_notified(client, loaded_db, language):
    response = client.get(f"/{language}/notifications/")
    assert response.status_code == 200
    assert "<tbody>" not in text(response)


def test_the_list_shows_the_newest_first_with_links(client, issued):
    response = client.get("/en/notifications/")
    assert response.status_code == 200
    html = text(response)
    assert structure_problems(html) == []
    positions = [html.index(number(n)) for n in (3, 2, 1)]
    assert positions == sorted(positions)
    assert f'href="/en/notifications/{number(1)}/"' in html
    assert "CETS No. 201 – Accession – Brazil" in html
    assert "3 notifications" in squash(html)
    assert 'rel="alternate"' in html
    assert 'type="application/atom+xml"' in html
    assert 'href="/en/notifications/feed.atom"' in html
    assert 'href="/en/notifications.csv"' in html


def test_the_french_list_shows_french_subjects(client, issued):
    response = client.get("/fr/notifications/")
    assert response.status_code == 200
    html = text(response)
    assert "Brésil" in html
    assert "Brazil" not in html
    assert f'href="/fr/notifications/{number(1)}/"' in html


def test_the_footer_links_to_the_notifications(client, loaded_db):
    assert 'href="/en/notifications/"' in text(client.get("/en/"))
    assert 'href="/fr/notifications/"' in text(client.get("/fr/"))


def test_the_list_is_paginated(client, issued, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    first = text(client.get("/en/notifications/"))
    assert number(3) in first and number(1) not in first
    assert 'rel="next"' in first
    second = text(client.get("/en/notifications/", {"page": 2}))
    assert number(1) in second and number(3) not in second


def test_list_page_queries_are_pinned(client, issued, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/en/notifications/")
    # An interpretative declaration, which may be made at any time (a reservation made in 2025
    # by a State that acceded in 2019 is now refused as too late).
    record_event(state="TN", kind="declaration", on=date(2025, 3, 5), provisions=["18(2)"])
    with django_assert_num_queries(3):
        client.get("/fr/notifications/")


# -- one notification --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_notification_shows_its_full_text_in_both_languages(client, issued, language):
    brazil = issued[0]
    response = client.get(f"/{language}/notifications/{brazil.number}/")
    assert response.status_code == 200
    html = squash(text(response))
    assert structure_problems(text(response)) == []
    shown, other = (
        (brazil.text_en, brazil.text_fr) if language == "en" else (brazil.text_fr, brazil.text_en)
    )
    for paragraph in shown.split("\n\n") + other.split("\n\n"):
        assert squash(str(escape(paragraph))) in html
    assert f'href="/{language}/states/BR/"' in html
    assert 'datetime="2024-07-01"' in html
    assert f'href="/en/notifications/{brazil.number}.pdf"' in html
    assert f'href="/fr/notifications/{brazil.number}.pdf"' in html


def test_a_lower_case_number_finds_the_notification(client, issued):
    assert client.get(f"/en/notifications/{number(1).lower()}/").status_code == 200


def test_an_unknown_number_is_a_404_that_says_so(client, loaded_db):
    response = client.get("/en/notifications/JJ-1999-0042/")
    assert response.status_code == 404


def test_a_corrected_notification_links_both_ways(client, issued):
    retraction = treaty_event_retract(
        actor=actor(), event=issued[1].event, reason="Recorded in error."
    ).notification
    original = text(client.get(f"/en/notifications/{issued[1].number}/"))
    assert f'href="/en/notifications/{retraction.number}/"' in original
    assert "A later notification corrects this one." in squash(original)
    correction = text(client.get(f"/en/notifications/{retraction.number}/"))
    assert f'href="/en/notifications/{issued[1].number}/"' in correction


def test_detail_page_queries_are_pinned(client, issued, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get(f"/en/notifications/{issued[0].number}/")


def test_a_notification_as_pdf(client, issued):
    response = client.get(f"/fr/notifications/{issued[0].number}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert issued[0].number.lower() in response["Content-Disposition"]
    assert "-fr.pdf" in response["Content-Disposition"]
    assert client.get("/en/notifications/JJ-1999-0042.pdf").status_code == 404


# -- the feed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_atom_feed_is_valid_and_in_the_language_of_the_url(client, issued, language):
    response = client.get(f"/{language}/notifications/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    assert feed.findtext(f"{ATOM}id")
    assert feed.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"urn:lanzarote:depositary-notification:{number(n)}" for n in (3, 2, 1)
    ]
    brazil = entries[2]
    subject = issued[0].subject_en if language == "en" else issued[0].subject_fr
    assert brazil.findtext(f"{ATOM}title") == f"{number(1)} — {subject}"
    assert (
        brazil.find(f"{ATOM}link").get("href").endswith(f"/{language}/notifications/{number(1)}/")
    )
    summary = brazil.findtext(f"{ATOM}summary")
    assert ("Brazil" if language == "en" else "Brésil") in summary
    assert brazil.findtext(f"{ATOM}updated")


def test_feed_entry_ids_do_not_depend_on_the_language(client, issued):
    ids = []
    for language in ("en", "fr"):
        feed = ET.fromstring(client.get(f"/{language}/notifications/feed.atom").content)
        ids.append([e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")])
    assert ids[0] == ids[1]


def test_the_feed_is_valid_when_empty(client, loaded_db):
    feed = ET.fromstring(client.get("/en/notifications/feed.atom").content)
    assert feed.findall(f"{ATOM}entry") == []


def test_feed_queries_are_pinned(client, issued, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/en/notifications/feed.atom")


# -- downloads ---------------------------------------------------------------------------------


def test_csv_download(client, issued, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get("/fr/notifications.csv")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [row["number"] for row in rows] == [number(3), number(2), number(1)]
    brazil = rows[2]
    assert brazil["kind"] == "deposit"
    assert brazil["state"] == "BR"
    assert brazil["state_name"] == "Brésil"
    assert brazil["entry_into_force"] == "2024-07-01"
    assert brazil["subject"] == issued[0].subject_fr


def test_json_download(client, issued, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get("/en/notifications.json")
    assert response.status_code == 200
    data = json_body(response)
    assert data["language"] == "en"
    assert [n["number"] for n in data["notifications"]] == [number(3), number(2), number(1)]
    tunisia = data["notifications"][0]
    assert tunisia["kind"] == "denunciation"
    assert tunisia["entry_into_force"] == "2025-07-01"
    assert tunisia["text"] == issued[2].text_en
    assert tunisia["text_fr"] == issued[2].text_fr


# -- the API -----------------------------------------------------------------------------------


def test_api_list_is_paginated_and_filtered(client, issued):
    data = client.get("/api/v1/notifications").json()
    assert data["count"] == 3
    assert [n["number"] for n in data["items"]] == [number(3), number(2), number(1)]
    page = client.get("/api/v1/notifications", {"limit": 1, "offset": 1}).json()
    assert [n["number"] for n in page["items"]] == [number(2)]
    japan = client.get("/api/v1/notifications", {"state": "jp", "treaty": "cets-201"}).json()
    assert [n["number"] for n in japan["items"]] == [number(2)]
    assert client.get("/api/v1/notifications", {"treaty": "opsc"}).json()["count"] == 0


def test_api_list_refuses_unknown_filters(client, loaded_db):
    state = client.get("/api/v1/notifications", {"state": "XX"})
    assert state.status_code == 404
    assert "XX" in state.json()["detail"]
    assert client.get("/api/v1/notifications", {"treaty": "cets-999"}).status_code == 404


def test_api_detail_follows_accept_language(client, issued):
    english = client.get(f"/api/v1/notifications/{number(1)}").json()
    assert english["subject"] == issued[0].subject_en
    assert english["entry_into_force"] == "2024-07-01"
    assert english["corrects"] is None
    french = client.get(f"/api/v1/notifications/{number(1)}", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["text"] == issued[0].text_fr
    assert french["state_name"] == "Brésil"
    missing = client.get("/api/v1/notifications/JJ-1999-0042")
    assert missing.status_code == 404
    assert "JJ-1999-0042" in missing.json()["detail"]


def test_api_queries_are_pinned(client, issued, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/api/v1/notifications")
    # An interpretative declaration, which may be made at any time (a reservation made in 2025
    # by a State that acceded in 2019 is now refused as too late).
    record_event(state="TN", kind="declaration", on=date(2025, 3, 5), provisions=["18(2)"])
    with django_assert_num_queries(3):
        client.get("/api/v1/notifications")
    with django_assert_num_queries(1):
        client.get(f"/api/v1/notifications/{number(1)}")


def test_the_openapi_document_describes_the_notifications(client, loaded_db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/notifications" in paths
    assert "/api/v1/notifications/{number}" in paths
