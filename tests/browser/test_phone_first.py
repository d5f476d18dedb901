"""Phone-first (issue 15): the menu button on narrow screens (and the links on one line from
1280 px), the chart as cards, the map's and the timelines' lists before their graphics on a
phone, and the screenshots at 375 and 1366 px, English and French, that a person looks at."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE, blocking, run_axe
from tests.browser.test_accession_journey import create_user, sign_in

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


# -- the list before the graphic, the menu on one line (issue 15) ----------------------------

LIST_FIRST = {
    # page: (the readable list, the graphic)
    "map": ("/map/?as_of=2020-02-01", ".map-list", ".map-figure"),
    "timeline": ("/timeline/", "#parties-title ~ .chart-layout .chart-table", "#parties-caption"),
    "profile": ("/states/TN/", ".state-timeline .chart-table", ".state-timeline .chart-figure"),
}


def _top(page: Any, selector: str) -> float:
    return float(page.locator(selector).first.bounding_box()["y"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_on_a_phone_the_lists_come_before_the_graphics(
    new_page: Callable[..., Any], artifacts: Path, language: str
) -> None:
    page = new_page(**PHONE, bypass_csp=True)
    for name, (path, listing, graphic) in LIST_FIRST.items():
        page.goto(f"/{language}{path}")
        expect(page.locator(listing).first).to_be_visible()
        assert _top(page, listing) < _top(page, graphic), name
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name
        if name == "map":
            group = page.locator(".map-list details").first
            group.locator("summary").click()
            tunisia = "Tunisia" if language == "en" else "Tunisie"
            expect(group.get_by_role("link", name=tunisia, exact=True)).to_be_visible()
        page.locator(listing).first.scroll_into_view_if_needed()
        page.screenshot(path=artifacts / f"phone-first-{name}-list-{language}-375.png")
        problems = blocking(run_axe(page, AXE)) if AXE.exists() else []
        assert not problems, f"axe-core on {name}:\n- " + "\n- ".join(problems)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_on_a_wide_screen_the_graphics_stay_first(
    new_page: Callable[..., Any], artifacts: Path, language: str
) -> None:
    page = new_page(**DESKTOP)
    page.goto(f"/{language}/map/?as_of=2020-02-01")
    expect(page.locator(".map-list")).to_be_hidden()
    expect(page.locator(".map-figure")).to_be_visible()
    for name in ("timeline", "profile"):
        path, listing, graphic = LIST_FIRST[name]
        page.goto(f"/{language}{path}")
        table, figure = page.locator(listing).first, page.locator(graphic).first
        if name == "timeline":
            figure = page.locator("#parties-title ~ .chart-layout .chart-figure").first
        # Side by side, the graphic on the left, their tops aligned; the whole table in view.
        assert figure.bounding_box()["x"] < table.bounding_box()["x"], name
        assert abs(figure.bounding_box()["y"] - table.bounding_box()["y"]) < 2, name
        if name == "profile":
            assert table.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
            assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
            table.scroll_into_view_if_needed()
            page.screenshot(path=artifacts / f"phone-first-profile-table-{language}-1366.png")


def _menu_rows(page: Any) -> int:
    return int(
        page.evaluate(
            """() => new Set([...document.querySelectorAll("#site-nav-links a")]
                .filter((a) => a.offsetParent)
                .map((a) => Math.round(a.getBoundingClientRect().top))).size"""
        )
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_menu_keeps_to_one_line_or_folds_under_its_button(
    new_page: Callable[..., Any], artifacts: Path, language: str
) -> None:
    for width in (1024, 1280, 1366):
        page = new_page(viewport={"width": width, "height": 800})
        page.goto(f"/{language}/")
        button = page.locator(".site-nav__toggle")
        if width < 1280:
            # Below 80rem the eleven links do not fit on one line: they fold.
            expect(button).to_be_visible()
            assert _menu_rows(page) == 0
            button.click()
            assert _menu_rows(page) >= 1
        else:
            expect(button).to_be_hidden()
            assert _menu_rows(page) == 1, (language, width)
        page.screenshot(
            path=artifacts / f"phone-first-menu-{language}-{width}.png",
            clip={"x": 0, "y": 0, "width": width, "height": 320},
        )


def test_signed_in_the_workspace_link_does_not_push_the_menu_to_a_second_line(
    new_page: Callable[..., Any], base_url: str
) -> None:
    create_user(base_url, "phone-office", "treaty_office")
    page = new_page(**DESKTOP)
    sign_in(page, "phone-office")
    for language in ("en", "fr"):
        page.goto(f"/{language}/")
        assert _menu_rows(page) == 1, language
        desk = page.locator(".account-links").get_by_role(
            "link",
            name="Treaty Office desk" if language == "en" else "Espace du Bureau des Traités",
        )
        expect(desk).to_be_visible()
    phone = new_page(**PHONE)
    sign_in(phone, "phone-office")
    phone.get_by_role("button", name="Menu").click()
    expect(
        phone.locator("#site-nav-links").get_by_role("link", name="Treaty Office desk")
    ).to_be_visible()
    expect(phone.locator(".account-links__role")).to_be_hidden()
