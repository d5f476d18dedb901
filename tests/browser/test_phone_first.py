"""Phone-first (issue 15): the menu button on narrow screens, the chart as cards, and the
screenshots at 375 and 1366 px, English and French, that a person looks at."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 800}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def test_the_menu_folds_under_a_button_on_a_phone(new_page: Callable[..., Any]) -> None:
    page = new_page(**PHONE)
    page.goto("/en/")
    button = page.get_by_role("button", name="Menu")
    chart_link = page.locator("#site-nav-links").get_by_role("link", name="Chart")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(chart_link).to_be_hidden()

    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(chart_link).to_be_visible()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(chart_link).to_be_hidden()
    expect(button).to_be_focused()

    button.click()
    chart_link.click()
    expect(page).to_have_url(re.compile(r"/en/treaties/cets-201/chart/"))


def test_without_javascript_or_on_a_wide_screen_the_links_are_simply_there(
    new_page: Callable[..., Any],
) -> None:
    for options in ({**PHONE, "java_script_enabled": False}, DESKTOP):
        page = new_page(**options)
        page.goto("/fr/")
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        expect(page.locator("#site-nav-links").get_by_role("link", name="Carte")).to_be_visible()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [375, 1366])
def test_screenshots_of_the_main_pages(
    new_page: Callable[..., Any], artifacts: Path, language: str, width: int
) -> None:
    page = new_page(**(PHONE if width == 375 else DESKTOP))
    for name, path in (
        ("home", "/"),
        ("chart", "/treaties/cets-201/chart/?as_of=2023-05-31"),
        ("map", "/map/?as_of=2020-02-01"),
        ("profile", "/states/TN/"),
        ("convention", "/treaties/cets-201/"),
        ("sign-in", "/accounts/login/"),
    ):
        page.goto(f"/{language}{path}")
        expect(page.locator("main h1").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        page.screenshot(path=artifacts / f"phone-first-{name}-{language}-{width}.png")
    page.goto(f"/{language}/treaties/cets-201/chart/?as_of=2023-05-31")
    page.locator("#results tbody tr").nth(2).scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"phone-first-chart-rows-{language}-{width}.png")
