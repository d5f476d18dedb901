"""The accession e-mails: both halves, each with the case's page in its language (issue 15)."""

from __future__ import annotations

from datetime import date

from django.test import override_settings

from lanzarote.accession import notices
from lanzarote.core.mail import page_line
from lanzarote.core.rules import format_date


@override_settings(LANZAROTE_SITE_URL="https://lanzarote.example")
def test_a_case_message_says_everything_in_english_then_french_with_its_page():
    body = notices.bilingual(
        notices.CONSULTED,
        link=lambda: page_line("accession:case", reference="ACC-2026-001"),
        state="Brazil",
        reference="ACC-2026-001",
        deadline=lambda: format_date(date(2026, 3, 1)),
    )
    english, french = body.split("\n\n")
    assert "Please reply by 1 March 2026." in english
    assert english.endswith(
        "See the page: https://lanzarote.example/en/accession/cases/ACC-2026-001/"
    )
    assert "1er mars 2026" in french
    assert "Please" not in french
    assert french.endswith(
        "Voir la page : https://lanzarote.example/fr/accession/cases/ACC-2026-001/"
    )
