"""A way in without an account: the draft request letter on "Who can join?" and on the profile
of each State that joins by accession."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from docx import Document

from tests.web.helpers import squash, text

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_join_page_offers_the_letter_for_the_states_that_accede(client):
    html = squash(text(client.get("/en/join/")))
    form = html.split('id="letter-title"', 1)[1].split("</form>", 1)[0]
    states = re.findall(r'<option value="([A-Z]{2})"', form)
    assert "BR" in states and "IN" in states
    # Members, the States that drafted it and the Parties that acceded sign or are bound already.
    assert not {"FR", "JP", "TN"} & set(states)
    assert 'href="/en/access/request/"' in html


def test_the_choice_leads_to_the_letters_own_address(client):
    response = client.get("/en/join/request-letter/?state=BR&language=fr&format=docx")
    assert response.status_code == 302
    assert response["Location"] == "/en/states/BR/request-letter/fr.docx"
    assert (
        client.get("/en/join/request-letter/?state=FR&language=fr&format=docx").status_code == 400
    )
    assert client.get("/en/join/request-letter/?state=BR&language=de").status_code == 400


def test_the_letter_is_filled_with_the_states_name_in_either_language(client):
    english = client.get("/en/states/BR/request-letter/en.docx")
    assert english.status_code == 200
    assert english["Content-Disposition"].endswith('lanzarote-accession-request-BR-en.docx"')
    assert "Brazil" in _docx_text(english.content)
    french = client.get("/en/states/BR/request-letter/fr.docx")
    assert "Brésil" in _docx_text(french.content)
    assert "Secrétaire Général" in _docx_text(french.content)


def test_the_pdf_is_a_pdf(client):
    response = client.get("/fr/states/BR/request-letter/fr.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_states_that_do_not_accede_and_bad_addresses_have_no_letter(client):
    assert client.get("/en/states/FR/request-letter/en.pdf").status_code == 404
    assert client.get("/en/states/TN/request-letter/en.pdf").status_code == 404
    assert client.get("/en/states/ZZ/request-letter/en.pdf").status_code == 404
    assert client.get("/en/states/BR/request-letter/de.pdf").status_code == 404
    assert client.get("/en/states/BR/request-letter/en.odt").status_code == 404


def test_a_letter_is_rendered_once_per_state_language_format_and_version():
    first = Client().get("/en/states/BR/request-letter/en.docx")
    with CaptureQueriesContext(connection) as queries:
        again = Client().get("/en/states/BR/request-letter/en.docx")
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"]
    # The version check is all that runs: the letter comes from the page cache.
    assert len(queries) <= 2
    other = Client().get("/en/states/BR/request-letter/fr.docx")
    assert other["ETag"] != first["ETag"]


@override_settings(LANZAROTE_RATE_LIMITS={"pdf": "2/hour"})
def test_the_letter_is_rate_limited_like_other_renders():
    client = Client()
    statuses = [
        client.get(f"/en/states/BR/request-letter/{language}.docx").status_code
        for language in ("en", "fr", "en")
    ]
    assert statuses == [200, 200, 429]


def test_the_profile_of_a_state_that_accedes_links_its_letter(client):
    html = text(client.get("/en/states/BR/"))
    for language in ("en", "fr"):
        for fmt in ("docx", "pdf"):
            assert f'href="/en/states/BR/request-letter/{language}.{fmt}"' in html
    assert "/en/access/request/" in html
    assert "request-letter" not in text(client.get("/en/states/FR/"))
    french = text(client.get("/fr/states/BR/"))
    assert "projet de lettre demandant à être invité à adhérer" in french
