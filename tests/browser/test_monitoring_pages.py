"""The public monitoring pages in a real browser, in English and French: the rounds, a round, its
matrix and dashboard, and a search; axe-core finds no serious or critical violation on them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_script, blocking, run_axe

__all__ = ["axe_script"]  # the fixture, shared with the accessibility tests

pytestmark = pytest.mark.browser


def round_path(page: Any, language: str) -> str:
    page.goto(f"/{language}/monitoring/")
    links = page.locator(f"main a[href^='/{language}/monitoring/rounds/']")
    if not links.count():
        pytest.skip("no monitoring round in the reference data")
    href = links.first.get_attribute("href")
    return re.sub(r"(/rounds/[^/]+/).*", r"\1", href)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_monitoring_pages(
    new_page: Callable[..., Any], axe_script: Path, artifacts: Path, language: str
) -> None:
    page = new_page(bypass_csp=True)
    problems: list[str] = []

    def visit(path: str, name: str) -> None:
        response = page.goto(path) if path != page.url else None
        if response is not None:
            assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.screenshot(path=artifacts / f"monitoring-{language}-{name}.png", full_page=True)
        problems.extend(f"{path}: {p}" for p in blocking(run_axe(page, axe_script)))

    visit(f"/{language}/monitoring/", "index")
    round_url = round_path(page, language)
    visit(round_url, "round")
    visit(f"{round_url}matrix/", "matrix")
    visit(f"{round_url}dashboard/", "dashboard")

    page.goto(f"/{language}/monitoring/search/")
    box = page.locator("form.filters input[type=search], form.filters input[type=text]").first
    box.fill("child")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"\?.*=child"))
    visit(page.url, "search")

    assert not problems, "axe-core:\n- " + "\n- ".join(problems)
