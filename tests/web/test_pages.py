"""Every page answers in English and French inside the shared layout, and loads nothing from
elsewhere."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from lanzarote.registry import selectors
from tests.web.helpers import figure, squash, structure_problems, text

PAGES = [
    "/{lang}/",
    "/{lang}/treaties/cets-201/chart/",
    "/{lang}/treaties/cets-201/chart/?as_of=2023-05-31",
    "/{lang}/treaties/opsc/chart/",
    "/{lang}/states/",
    "/{lang}/states/TN/",
    "/{lang}/states/FR/",
    "/{lang}/states/JP/",
    "/{lang}/join/",
    "/{lang}/treaties/cets-201/",
    "/{lang}/treaties/opsc/",
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_in_both_languages(client, loaded_db, page, lang):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = text(response)
    assert f'<html lang="{lang}">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<nav" in html


@pytest.mark.parametrize("page", PAGES)
def test_pages_respect_the_content_security_policy(client, loaded_db, page):
    html = text(client.get(page.format(lang="en")))
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    # Everything the page loads comes from this site.
    for attribute in re.findall(r'<(?:script|img|link)[^>]*(?:src|href)="([^"]+)"', html):
        assert attribute.startswith("/"), attribute
    assert "htmx-2.min.js" in html
    assert "includeIndicatorStyles" in html


@pytest.mark.parametrize(
    "page",
    [
        *PAGES,
        "/{lang}/treaties/cets-201/chart/?as_of=2012-01-01",
        "/{lang}/states/PT/?as_of=2012-01-01",
        "/{lang}/states/AD/",
        "/{lang}/states/ZZ/",
    ],
)
def test_pages_are_well_formed(client, loaded_db, page):
    html = text(client.get(page.format(lang="en")))
    assert structure_problems(html) == []


def test_language_switcher_points_to_the_same_page(client, loaded_db):
    html = squash(text(client.get("/en/states/TN/?as_of=2021-01-01")))
    assert 'href="/fr/states/TN/?as_of=2021-01-01"' in html
    assert re.search(r'href="/en/states/TN/\?as_of=2021-01-01"[^>]*aria-current="true"', html)


def test_navigation_marks_the_current_section(client, loaded_db):
    html = squash(text(client.get("/en/join/")))
    assert re.search(r'href="/en/join/"\s+aria-current="page"', html)
    assert "/api/v1/docs" in html


def test_footer_gives_the_contacts_from_settings(client, loaded_db, settings):
    settings.LANZAROTE_CONTACTS = {
        "committee_secretariat": "secretariat@test.example",
        "treaty_office": "treaties@test.example",
    }
    html = text(client.get("/en/"))
    assert "mailto:secretariat@test.example" in html
    assert "mailto:treaties@test.example" in html
    assert 'href="/en/contacts/"' in html


def test_the_default_contacts_are_the_leaflets():
    """The Council of Europe's leaflet gives these (reference/leaflet.md); no example.org."""
    from lanzarote.settings import base

    assert base.LANZAROTE_CONTACTS == {
        "committee_secretariat": "lanzarote.committee@coe.int",
        "treaty_office": "TreatyOffice@coe.int",
        "children_site": "https://www.coe.int/children",
        "council_of_europe_site": "https://www.coe.int",
    }
    assert base.DEFAULT_FROM_EMAIL not in base.LANZAROTE_CONTACTS.values()


@pytest.mark.parametrize(
    ("lang", "heading", "children"),
    [
        (
            "en",
            "Secretariat of the Lanzarote Committee",
            "Children’s rights at the Council of Europe",
        ),
        (
            "fr",
            "Secrétariat du Comité de Lanzarote",
            "Les droits de l’enfant au Conseil de l’Europe",
        ),
    ],
)
def test_the_contacts_page_lists_each_contact(client, loaded_db, settings, lang, heading, children):
    settings.LANZAROTE_CONTACTS = {
        "committee_secretariat": "secretariat@test.example",
        "treaty_office": "treaties@test.example",
        "children_site": "https://children.test.example",
        "council_of_europe_site": "https://coe.test.example",
    }
    response = client.get(f"/{lang}/contacts/")
    assert response.status_code == 200
    html = squash(text(response)).replace("&#x27;", "'")
    main = html[html.index("<main") : html.index("</main>")]
    assert heading in main and children in main
    assert 'href="mailto:treaties@test.example"' in main
    assert 'href="https://children.test.example"' in main
    assert 'href="https://coe.test.example"' in main


def test_the_contacts_page_is_cached_until_the_contacts_change(
    client, loaded_db, settings, django_assert_num_queries
):
    # Warmed through the French page; the English one is rendered once, then served as is.
    client.get("/fr/contacts/")
    with django_assert_num_queries(CONTACTS_QUERIES):
        first = client.get("/en/contacts/")
    with django_assert_num_queries(0):
        again = client.get("/en/contacts/")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Cache-Control"].startswith("public")
    settings.LANZAROTE_CONTACTS = {"treaty_office": "moved@test.example"}
    changed = client.get("/en/contacts/")
    assert changed["ETag"] != first["ETag"] and b"moved@test.example" in changed.content


CONTACTS_QUERIES = 0


def test_a_contact_left_empty_is_not_shown(client, loaded_db, settings):
    settings.LANZAROTE_CONTACTS = {"committee_secretariat": "", "treaty_office": "t@test.example"}
    main = text(client.get("/en/contacts/")).split("<main", 1)[1].split("</main>", 1)[0]
    assert "Secretariat of the Lanzarote Committee" not in main
    assert "mailto:t@test.example" in main


def test_home_shows_key_figures_computed_live(client, loaded_db):
    treaty = selectors.treaty_get("cets-201")
    view = selectors.chart_view(treaty, as_of=timezone.localdate())
    html = text(client.get("/en/"))
    assert figure(html, "Parties") == view.chart.totals.parties
    assert figure(html, "Signatories that have not yet ratified") == view.chart.totals.signatories
    # Tunisia and the Russian Federation are Parties that are not member States today.
    assert figure(html, "of which non-member States of the Council of Europe") >= 2
    assert '<time datetime="2010-07-01">1 July 2010</time>' in html
    assert "Latest Party" in html
    for link in (
        "/en/treaties/cets-201/chart/",
        "/en/join/",
        "/en/treaties/cets-201/",
        "/api/v1/docs",
    ):
        assert f'href="{link}"' in html


def test_home_in_french_formats_dates_in_french(client, loaded_db):
    html = text(client.get("/fr/"))
    assert "1er juillet 2010" in html


def test_unknown_state_answers_404_with_a_helpful_message(client, loaded_db):
    response = client.get("/en/states/ZZ/")
    assert response.status_code == 404
    html = text(response)
    assert "ZZ" in html
    assert "ISO 3166-1" in html
    assert 'href="/en/states/"' in html
    assert '<main id="main"' in html


def test_unknown_treaty_and_unknown_page_answer_404(client, loaded_db):
    assert client.get("/en/treaties/cets-999/").status_code == 404
    assert client.get("/en/treaties/cets-999/chart/").status_code == 404
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert '<main id="main"' in html
