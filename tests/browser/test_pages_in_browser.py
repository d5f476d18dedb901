"""Keyboard use, the pages without JavaScript and on a phone, who can join, the Convention."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CHART, row_names

pytestmark = pytest.mark.browser

ACTIVE_ELEMENT_JS = """
() => {
  const element = document.activeElement;
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    type: element.getAttribute("type") || "",
    text: element.textContent.trim(),
    cls: element.className,
  };
}
"""


def test_keyboard_reaches_the_skip_link_then_main_and_the_form(page: Any) -> None:
    page.goto(CHART)
    page.keyboard.press("Tab")
    focused = page.evaluate(ACTIVE_ELEMENT_JS)
    assert focused["cls"] == "skip-link", focused
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    box = skip.bounding_box()
    assert box is not None
    assert box["y"] >= 0, box
    assert box["height"] > 10, box
    expect(skip).to_have_attribute("href", "#main")

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    date_input = page.get_by_label("Show the situation on")
    show = page.get_by_role("button", name="Show", exact=True)
    expect(date_input).to_have_count(1)
    expect(date_input).to_have_attribute("type", "date")
    expect(show).to_have_count(1)
    reached: list[str] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE_ELEMENT_JS)
        reached.append(focused["id"] or f"{focused['tag']}:{focused['text']}")
        if focused["tag"] == "button" and focused["text"] == "Show":
            break
    else:
        pytest.fail(f"Tab never reached the Show button: {reached}")
    assert reached[0] == "id_as_of", reached
    expect(show).to_be_focused()
    for label in ("Name contains", "Status"):
        expect(page.get_by_label(label, exact=True)).to_have_count(1)


def test_who_can_join_lists_the_steps_and_checks_a_state(page: Any, artifacts: Path) -> None:
    page.goto("/en/join/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who can join the Lanzarote Convention?"
    )
    accession = page.locator("section.route-group", has=page.locator("#accession-title"))
    steps = accession.locator("ol.steps > li")
    assert steps.count() >= 6
    expect(steps.first).to_contain_text("Secretary General")
    expect(accession).to_contain_text("Art. 46")
    page.screenshot(path=artifacts / "join.png")

    check = page.locator("section.check")
    check.get_by_label("State", exact=True).select_option(label="Japan")
    check.get_by_role("button", name="See its route").click()
    expect(page).to_have_url(re.compile(r"/en/states/JP/#join$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Japan")
    route = page.locator("section#join")
    expect(route.locator(".route__label")).to_contain_text(
        "Signature, then ratification, acceptance or approval"
    )
    expect(route).to_contain_text("elaboration")
    # The five drafting States are confirmed by Art. 45(1) and the leaflet: no caveat on their route.
    expect(route).not_to_contain_text("unconfirmed")
    expect(route.locator("ol.steps > li").first).to_contain_text("Sign the Convention")
    expect(route.locator("ol.steps > li").nth(1)).to_contain_text("ratification")
    page.screenshot(path=artifacts / "profile-japan-route.png")


def test_the_convention_lists_its_articles_and_reservations(page: Any) -> None:
    page.goto("/en/treaties/cets-201/")
    expect(page.locator("li.article")).to_have_count(50)
    expect(page.locator("#chapters-title")).to_have_text(re.compile(r"50 articles"))
    article_20 = page.locator("#art-20")
    expect(article_20).to_have_class(re.compile(r"\barticle--admits\b"))
    expect(article_20.locator(".tag--admits")).to_have_text("admits a reservation or declaration")
    # Art. 48's closed list: only a few articles admit anything.
    admits = page.locator("li.article--admits").count()
    assert 1 <= admits < 50
    expect(page.locator("#art-1")).not_to_have_class(re.compile(r"\barticle--admits\b"))


def test_the_chart_filters_without_javascript(new_page: Callable[..., Any]) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(CHART)
    page.get_by_label("Show the situation on").fill("2010-07-01")
    page.get_by_label("Status", exact=True).select_option("party")
    with page.expect_navigation():
        page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]as_of=2010-07-01"))
    expect(page).to_have_url(re.compile(r"[?&]status=party"))
    expect(page.locator("#results tbody tr")).to_have_count(5)
    assert row_names(page) == ["Albania", "Denmark", "Greece", "Netherlands", "San Marino"]
    expect(page.locator("#results .totals .figure--main dd")).to_have_text("5")


def test_the_chart_fits_a_phone(new_page: Callable[..., Any], artifacts: Path) -> None:
    page = new_page(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(f"{CHART}?as_of=2023-05-31")
    expect(page.locator("#results tbody tr").first).to_be_visible()
    page.screenshot(path=artifacts / "chart-375.png")
    widths = page.evaluate(
        """() => {
          const wrapper = document.querySelector("#results .table-scroll");
          return {
            page: document.documentElement.scrollWidth,
            body: document.body.scrollWidth,
            wrapper: wrapper.clientWidth,
            table: wrapper.scrollWidth,
            overflow: getComputedStyle(wrapper).overflowX,
          };
        }"""
    )
    assert widths["page"] <= 375, widths
    assert widths["body"] <= 375, widths
    # One card per State on a phone: nothing to scroll sideways, the entry into force in view.
    assert widths["table"] <= widths["wrapper"], widths
    entry_into_force = page.locator("#results tbody tr").first.locator("td").nth(3)
    expect(entry_into_force).to_be_visible()
    box = entry_into_force.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 375, box


def test_the_french_filter_buttons_stay_inside_the_form(page: Any) -> None:
    """French labels are longer ("Réinitialiser"): the buttons wrap instead of overflowing."""
    page.goto("/fr/treaties/cets-201/chart/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    form = page.locator("#list-form").bounding_box()
    assert form is not None
    for button in page.locator("#list-form .field--actions .button").all():
        box = button.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= form["x"] + form["width"], (button.inner_text(), box)
