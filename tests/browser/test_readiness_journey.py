"""The readiness self-assessment in a real browser: an official of Brazil starts a confidential
assessment, answers Chapter VI (the follow-up questions come with htmx when Art. 23 is "not in
place"), reads the report and downloads it as PDF; then the anonymous mode, which stores nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_accession_journey import create_user, sign_in

pytestmark = pytest.mark.browser

NO_SCORE = re.compile(r"\b(overall|total|readiness)\s+score\s*:?\s*\d|\bscore\s*:\s*\d", re.I)


def answer_chapter_vi(page: Any) -> None:
    """Art. 23 "not in place", with its follow-up; a few other obligations answered."""
    art23 = page.locator("section[aria-labelledby=art-23] fieldset.obligation").first
    art23.locator(".status-choice").get_by_label("Not in place").check()
    expect(art23.locator(".followups .followup").first).to_be_visible()
    answers = {"24": "In place", "25": "Partly in place", "26": "Not known"}
    for article, status in answers.items():
        obligation = page.locator(f"section[aria-labelledby=art-{article}] fieldset.obligation")
        obligation.first.locator(".status-choice").get_by_label(status, exact=True).check()


def check_report(page: Any) -> None:
    main = page.locator("main")
    expect(main).to_contain_text("gives no overall score")
    assert not NO_SCORE.search(main.inner_text()), "the report shows a score"


def test_readiness_assessment_journey(page: Any, base_url: str, artifacts: Path) -> None:
    def shot(name: str) -> None:
        page.screenshot(path=artifacts / f"readiness-{name}.png", full_page=True)

    create_user(base_url, "br-assessor", "state_official", "BR")
    sign_in(page, "br-assessor")
    page.goto("/en/readiness/assessments/")
    expect(page.get_by_role("heading", name="Start an assessment for Brazil")).to_be_visible()
    page.get_by_label("Title").fill("Brazil — browser journey")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/readiness/assessments/\d+/"))
    pk = re.search(r"/assessments/(\d+)/", page.url).group(1)  # type: ignore[union-attr]
    shot("01-started")

    page.goto(f"/en/readiness/assessments/{pk}/chapters/VI/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chapter VI")
    answer_chapter_vi(page)
    shot("02-chapter-vi")
    page.get_by_role("button", name="Save", exact=True).click()
    art23 = page.locator("section[aria-labelledby=art-23] fieldset.obligation").first
    expect(art23.get_by_label("Not in place")).to_be_checked()
    expect(art23.locator(".followups .followup").first).to_be_visible()
    shot("03-chapter-vi-saved")

    page.goto(f"/en/readiness/assessments/{pk}/report/")
    check_report(page)
    shot("04-report")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF", exact=True).click()
    pdf = Path(download_info.value.path())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_readiness_anonymous_journey(page: Any, artifacts: Path) -> None:
    page.goto("/en/readiness/anonymous/")
    page.get_by_role("button", name="Go to the first chapter").click()
    expect(page).to_have_url(re.compile(r"/en/readiness/anonymous/chapters/II/$"))
    first = page.locator("fieldset.obligation").first
    first.locator(".status-choice").get_by_label("In place", exact=True).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.locator("fieldset.obligation").first.get_by_label("In place", exact=True)
    ).to_be_checked()
    page.screenshot(path=artifacts / "readiness-05-anonymous-chapter.png", full_page=True)
    page.goto("/en/readiness/anonymous/report/")
    check_report(page)
    page.screenshot(path=artifacts / "readiness-06-anonymous-report.png", full_page=True)
