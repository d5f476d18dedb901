"""An official of Brazil — a non-member of the Council of Europe bound by the OPSC — completes an
assessment through the web pages, chapter by chapter, and downloads the report."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from docx import Document as open_docx

from lanzarote.readiness import selectors
from lanzarote.readiness.models import AnswerVersion, Assessment
from tests.readiness.helpers import chapter_post, docx_text, html, pdf_text
from tests.web.helpers import structure_problems

CHAPTERS = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def answers_for(chapter: str) -> dict[str, dict[str, str]]:
    """Most obligations in place; a few gaps, so that the report has something to say."""
    answers = {
        entry.code: {"status": "in_place", "ref": f"Law on {entry.code}"}
        for entry in selectors.catalogue().chapter(chapter).obligations
    }
    gaps = {
        "23": {"status": "not_in_place", "notes": "No offence of online solicitation yet."},
        "33": {"status": "partly", "notes": "The period runs from the offence, not majority."},
        "13": {"status": "partly", "notes": "A helpline exists in some states only."},
        "37.1": {"status": "not_in_place", "notes": "No register of convicted offenders."},
        "20.1.f": {"status": "not_known"},
    }
    for code, answer in gaps.items():
        if code in answers:
            answers[code] = answer
    return answers


@pytest.mark.django_db
def test_an_official_of_brazil_completes_an_assessment_and_downloads_the_report(client, official):
    client.force_login(official)
    response = client.get("/en/readiness/assessments/")
    assert response.status_code == 200
    assert "Start an assessment for Brazil" in html(response)
    response = client.post(
        "/en/readiness/assessments/", {"title": "Baseline, March 2026", "weprotect_member": ""}
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.state_id == "BR"
    base = f"/en/readiness/assessments/{assessment.pk}"
    assert response["Location"] == f"{base}/"

    for position, chapter in enumerate(CHAPTERS, start=1):
        page = client.get(f"{base}/chapters/{chapter}/")
        assert page.status_code == 200
        text = html(page)
        assert f"Chapter {position} of 8" in text
        assert 'aria-current="step"' in text
        assert "<fieldset" in text and "<legend" in text
        assert structure_problems(page.content.decode()) == []
        answers = answers_for(chapter)
        response = client.post(f"{base}/chapters/{chapter}/", chapter_post(chapter, answers))
        assert response.status_code == 302, response.content.decode()[:2000]
        while "#o-" in response["Location"]:
            # An answer opened follow-up questions: the same chapter again, at that obligation.
            assert response["Location"].startswith(f"{base}/chapters/{chapter}/#o-")
            followed = html(client.get(response["Location"]))
            assert "Your answers opened follow-up questions" in followed
            opened = [
                code
                for code, given in answers.items()
                if selectors.triggered_followups(code, given["status"]) and "shown" not in given
            ]
            for code in opened:
                branches = selectors.triggered_followups(code, answers[code]["status"])
                answers[code]["shown"] = ",".join(b.key for b in branches)
                assert all(escape(b.intro_en) in followed for b in branches)
            if chapter == "VI":
                assert opened == ["23"]
                assert "What Art. 23 asks" in followed
                assert "Opinion on Article 23" in followed
                assert "2015" in followed
                assert "Does national law also reach solicitation" in followed
                answers["23"].update(
                    {
                        "fu-online_proposal": "no",
                        "fu-online_abuse": "no",
                        "fu-draft_law": "Bill 1234/2025 before the Chamber.",
                    }
                )
            response = client.post(f"{base}/chapters/{chapter}/", chapter_post(chapter, answers))
            assert response.status_code == 302
        if chapter == "VI":
            assert answers["23"]["shown"] == "grooming"
        expected = (
            f"{base}/chapters/{CHAPTERS[position]}/"
            if position < len(CHAPTERS)
            else f"{base}/report/"
        )
        assert response["Location"] == expected

    sheet = selectors.sheet_of(assessment)
    assert len(sheet.answers) == 108  # every obligation but Art. 20(1)(f), left "not known"
    assert sheet.answers["23"].followups == {
        "online_proposal": "no",
        "online_abuse": "no",
        "draft_law": "Bill 1234/2025 before the Chamber.",
    }
    assert sheet.answers["18.1.a"].provisions[0].reference == "Law on 18.1.a"

    report = client.get(f"{base}/report/")
    assert report.status_code == 200
    text = html(report)
    assert "How ready is Brazil to join the Lanzarote Convention?" in text
    assert "<svg" in text and "<title" in text
    assert structure_problems(report.content.decode()) == []
    gap_order = re.findall(r'<article class="gap" id="gap-([0-9-a-z]+)"', text)
    assert gap_order == ["23", "33", "13", "37-1"]
    assert "No offence of online solicitation yet." in text
    assert "accession" in text.lower()

    pdf = client.get(f"{base}/report.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "no-store"
    content, pages = pdf_text(pdf.content)
    assert "Brazil" in content
    for heading in [
        "Chapter VI – Substantive criminal law",
        "Chapter VII – Investigation, prosecution and procedural law",
        "Chapter II – Preventive measures",
    ]:
        assert heading in content
    assert "The gaps" in content and "Art. 23" in content
    assert 4 <= pages <= 20

    word = client.get(f"{base}/report.docx")
    assert word.status_code == 200
    document = open_docx(io.BytesIO(word.content))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name.startswith("Heading") or p.style.name == "Title"
    ]
    assert "Readiness of Brazil to join the Lanzarote Convention" in headings
    assert "Chapter VI – Substantive criminal law" in headings
    assert "No register of convicted offenders." in docx_text(word.content)
    assert AnswerVersion.objects.filter(assessment=assessment).count() >= 108


@pytest.mark.django_db
def test_the_report_comes_in_french(client, official, assessment):
    client.force_login(official)
    client.post(
        f"/fr/readiness/assessments/{assessment.pk}/chapters/VI/",
        chapter_post("VI", {"23": {"status": "not_in_place", "notes": "Rien."}}),
    )
    page = client.get(f"/fr/readiness/assessments/{assessment.pk}/report/")
    assert page.status_code == 200
    assert "Droit pénal matériel" in html(page)
    content, _pages = pdf_text(
        client.get(f"/fr/readiness/assessments/{assessment.pk}/report.pdf").content
    )
    assert "Brésil" in content
    assert "Droit pénal matériel" in content
    word = docx_text(client.get(f"/fr/readiness/assessments/{assessment.pk}/report.docx").content)
    assert "Brésil" in word


@pytest.mark.django_db
def test_an_invalid_answer_shows_an_error_summary_and_saves_nothing(client, official, assessment):
    client.force_login(official)
    data = chapter_post("VI", {"22": {"status": "in_place", "url": "not a web address"}})
    data.update(
        chapter_post("VI", {"23": {"status": "in_place", "url": "https://example.org/law"}})
    )
    data["o22-url-0"] = "not a web address"
    data["o22-status"] = "in_place"
    response = client.post(f"/en/readiness/assessments/{assessment.pk}/chapters/VI/", data)
    assert response.status_code == 400
    text = html(response)
    assert 'id="error-summary"' in text
    assert "There is a problem: nothing was saved" in text
    assert "Art. 22 — National provision 1: web address: Enter a valid URL." in text
    assert 'href="#id_o22-url-0"' in text
    assert (
        "Art. 23 — National provision 1: reference: Give the reference of this provision as "
        "well as its address." in text
    )
    assert 'href="#id_o23-ref-0"' in text
    # The answers given are shown again, not lost.
    assert 'value="https://example.org/law"' in text
    assert AnswerVersion.objects.count() == 0


@pytest.mark.django_db
def test_the_follow_up_fragment_for_htmx(client, loaded_db):
    shown = html(client.get("/en/readiness/followups/23/", {"o23-status": "partly"}))
    assert "Follow-up questions" in shown
    assert 'name="o23-shown" value="grooming"' in shown
    hidden = html(client.get("/en/readiness/followups/23/", {"o23-status": "in_place"}))
    assert "Follow-up questions" not in hidden
    assert client.get("/en/readiness/followups/99.9/").status_code == 404


@pytest.mark.django_db
def test_blank_answers_record_nothing(client, official, assessment):
    client.force_login(official)
    client.post(f"/en/readiness/assessments/{assessment.pk}/chapters/II/", chapter_post("II", {}))
    assert AnswerVersion.objects.count() == 0
    assert timezone.now()
