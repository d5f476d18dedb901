"""A readiness report prints in the language it is asked in, whatever language was active when
it was built: chapter titles, the route's timeline, the chart, what joining brings and what
existing commitments cover (a reviewer found English chapter titles in the French PDF)."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lanzarote.documents import pdf
from lanzarote.readiness import report_files, reports, selectors
from lanzarote.readiness.answers import Answer, AnswerSheet
from lanzarote.registry import selectors as registry
from tests.readiness.helpers import docx_text

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
OTHER = {"en": "fr", "fr": "en"}


@pytest.fixture
def printed_html(monkeypatch) -> list[str]:
    """The HTML handed to WeasyPrint, which is not run (the words are what is tested)."""
    printed: list[str] = []

    def capture(html: str) -> bytes:
        printed.append(unescape(html))
        return b"%PDF-"

    monkeypatch.setattr(pdf, "html_to_pdf", capture)
    return printed


def brazil() -> reports.Report:
    answers = {e.code: Answer(status="in_place") for e in selectors.catalogue().obligations}
    answers["23"] = Answer(status="not_in_place")
    sheet = AnswerSheet(
        state=registry.state_get("BR"), title="T", weprotect_member=True, answers=answers
    )
    return reports.readiness_report(sheet, today=TODAY)


def words(language: str) -> dict[str, list[str]]:
    """What the report must say in `language`: chapter titles and timeline labels."""
    book = selectors.catalogue()
    with translation.override(language):
        return {
            "chapters": [c.title for c in book.chapters],
            "timeline": [
                gettext("Request to the Secretary General"),
                gettext("Consultation of the Parties"),
                gettext("Invitation to accede"),
            ],
            "joining": [gettext("A seat on the Lanzarote Committee")],
            "coverage": [
                gettext(
                    "The assessment says the State is a member of the WeProtect Global Alliance "
                    "(self-declared)."
                )
            ],
        }


def assert_in_language(text: str, language: str) -> None:
    wanted, other = words(language), words(OTHER[language])
    for kind, found in wanted.items():
        for word, foreign in zip(found, other[kind], strict=True):
            assert word in text, (kind, word)
            if foreign != word:
                assert foreign not in text, (kind, foreign)


@pytest.mark.parametrize(("active", "language"), [("en", "fr"), ("fr", "en")])
def test_a_report_built_in_one_language_prints_in_the_other(
    loaded_db, printed_html, active, language
):
    assert words("fr")["chapters"] != words("en")["chapters"]
    with translation.override(active):
        report = brazil()
        report_files.report_document(report, language=language, file_format="pdf")
        word = docx_text(
            report_files.report_document(report, language=language, file_format="docx").content
        )
    (html,) = printed_html
    assert_in_language(html, language)
    assert_in_language(word, language)


def test_the_team_pdf_render_prints_in_the_language_it_is_asked(
    loaded_db, printed_html, assessment
):
    # What the worker runs, in the language the render was queued in (core.renders).
    with translation.override("fr"):
        rendered = report_files.assessment_report_pdf(
            assessment=assessment.pk, today=TODAY.isoformat(), deposit=None
        )
    assert rendered.filename.endswith("-fr.pdf")
    (html,) = printed_html
    assert "Chapitre" in html and words("fr")["chapters"][0] in html
    assert words("en")["chapters"][0] not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_anonymous_pdf_prints_in_the_language_of_its_address(
    client, loaded_db, printed_html, language
):
    client.post("/en/readiness/anonymous/", {"state": "BR", "title": "Essai"})
    assert client.get(f"/{language}/readiness/anonymous/report.pdf").status_code == 200
    (html,) = printed_html
    for title, foreign in zip(
        words(language)["chapters"], words(OTHER[language])["chapters"], strict=True
    ):
        assert title in html
        if foreign != title:
            assert foreign not in html
    assert words(language)["timeline"][1] in html
