"""The readiness report a minister reads: a summary of one or two pages first (the chapters, the
most important gaps, the route and its timeline), then the detail; each Committee text cited
once, with its official link from the Committee's records; no row split across pages and no
forced page break. In English and French, in the PDF, the DOCX and the page."""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from lanzarote.readiness import report_files, reports, selectors
from lanzarote.readiness.answers import Answer, AnswerSheet
from lanzarote.registry import selectors as registry
from tests.readiness.helpers import docx_text

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)
# Seventeen gaps over six chapters; the ICT opinion interprets Arts. 18–23, so six of them cite it.
GAPS = {
    "18.1.a": "not_in_place",
    "18.1.b": "partly",
    "20.1.a": "partly",
    "20.1.f": "not_in_place",
    "21.1.a": "partly",
    "22": "not_in_place",
    "23": "not_in_place",
    "24.1": "partly",
    "25.1.a": "partly",
    "33": "partly",
    "35.2": "partly",
    "37.1": "not_in_place",
    "5.3": "not_in_place",
    "13": "partly",
    "12.1": "partly",
    "6": "not_in_place",
    "9.1": "partly",
}


def brazil(gaps: dict[str, str] = GAPS) -> reports.Report:
    answers = {e.code: Answer(status="in_place") for e in selectors.catalogue().obligations}
    for code, status in gaps.items():
        answers[code] = Answer(status=status, notes=f"A bill on {code} is before parliament.")
    sheet = AnswerSheet(
        state=registry.state_get("BR"), title="T", weprotect_member=False, answers=answers
    )
    return reports.readiness_report(sheet, today=TODAY)


def pages_of(content: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(content)).pages
    ]


def page_of(pages: list[str], words: str) -> int:
    """The 1-based page on which `words` first appear."""
    return next(number for number, text in enumerate(pages, start=1) if words in text)


def test_the_most_important_gaps_are_defined_in_code(loaded_db):
    report = brazil()
    assert len(report.gaps) == 17
    key = [(g.entry.chapter, g.answer.status) for g in report.key_gaps]
    assert len(key) == reports.KEY_GAPS == 5
    # Criminal law and procedure not in place first, then partly in place.
    assert key == [("VI", "not_in_place")] * 4 + [("VI", "partly")]
    assert [g.entry.code for g in report.key_gaps[:4]] == ["18.1.a", "20.1.f", "22", "23"]
    few = brazil({"5.3": "not_in_place", "35.2": "partly", "6": "partly"})
    assert [g.entry.code for g in few.key_gaps] == ["35.2", "5.3", "6"]


def test_each_committee_text_is_cited_once_with_its_official_link(loaded_db):
    report = brazil()
    keys = [c.text.key for c in report.cited]
    assert len(keys) == len(set(keys))
    assert [c.ref for c in report.cited] == [f"C{n}" for n in range(1, len(keys) + 1)]
    ict = next(c for c in report.cited if c.text.key == "opinion-ict-applicability")
    citing = [g.entry.code for g in report.gaps if ict in g.cited]
    assert len(citing) >= 6
    for cited in report.cited:
        if cited.url:
            assert (urlsplit(cited.url).hostname or "").endswith("coe.int"), cited.url
    assert all(c.url for c in report.cited if c.text.status == "adopted")

    for language in ("en", "fr"):
        content = report_files.report_document(report, language=language, file_format="pdf")
        text = " ".join(pages_of(content.content))
        word = docx_text(
            report_files.report_document(report, language=language, file_format="docx").content
        )
        for document in (text, word):
            for host in ("dig.watch", "lifepr.de"):
                assert host not in document
        assert text.count("T-ES(2015)04") == 1 and word.count("T-ES(2015)04") == 1


@pytest.mark.parametrize(
    ("language", "brief", "gaps_heading", "end"),
    [
        ("en", "In brief", "What is missing:", "The detail follows"),
        ("fr", "En bref", "Ce qui manque :", "Le détail suit"),
    ],
)
def test_the_summary_comes_first_and_fits_on_two_pages(
    loaded_db, language, brief, gaps_heading, end
):
    report = brazil()
    content = report_files.report_document(report, language=language, file_format="pdf").content
    pages = pages_of(content)
    assert page_of(pages, brief) == 1
    assert page_of(pages, end) <= 2
    whole = " ".join(pages)
    assert whole.index(brief) < whole.index(end) < whole.index(gaps_heading)
    route = "Accession" if language == "en" else "Adhésion"
    assert whole.index(route) < whole.index(end)
    word = docx_text(
        report_files.report_document(report, language=language, file_format="docx").content
    )
    assert word.index(brief) < word.index(end) < word.index(gaps_heading)


def test_no_row_is_split_and_no_page_break_is_forced(loaded_db):
    content = report_files.report_document(brazil(), language="en", file_format="docx").content
    document = open_docx(io.BytesIO(content))
    rows = [row for table in document.tables for row in table.rows]
    assert rows and all(row._tr.trPr is not None for row in rows)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)

    css = (
        selectors.DATA_DIR.parents[1]
        / "readiness"
        / "templates"
        / "readiness"
        / "_report_document.css"
    ).read_text()
    assert re.search(r"tr[^{]*\{[^}]*break-inside: avoid", css)
    assert "break-before: page" not in css and "page-break-before" not in css


def test_the_page_puts_the_summary_first_and_cites_each_text_once(client, official, assessment):
    from lanzarote.readiness import services

    services.answers_record(
        user=official,
        assessment=assessment,
        answers={code: Answer(status=status) for code, status in GAPS.items()},
    )
    client.force_login(official)
    for language in ("en", "fr"):
        body = client.get(f"/{language}/readiness/assessments/{assessment.pk}/report/")
        html = body.content.decode()
        assert html.index('id="key-gaps-title"') < html.index('id="route-title"')
        assert html.index('id="route-title"') < html.index('id="gaps-title"')
        refs = re.findall(r'<li id="cited-(C\d+)"', html)
        assert refs and len(refs) == len(set(refs))
        assert html.count("T-ES(2015)04") == 1
        assert 'href="#cited-C1"' in html
