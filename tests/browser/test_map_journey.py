"""A reader's journey through the map in a real browser: from the home page to the map, the month
slider moves the map in place (htmx), a State is reached by keyboard and opened,
and the CSV is exactly the map's table. Then the same slider without JavaScript."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIRST_MONTH = date(2007, 10, 1)


def month_index(day: date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def table(page: Any) -> list[tuple[str, str]]:
    return [
        (row.get_attribute("data-iso"), row.get_attribute("data-status"))
        for row in page.locator("table.map-table tbody tr").all()
    ]


def test_map_journey(page: Any, artifacts: Path) -> None:
    def shot(name: str) -> None:
        page.screenshot(path=artifacts / f"map-journey-{name}.png", full_page=False)

    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Map", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/map/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of the Convention")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__same_document = true; }")
    shot("01-today")

    tunisia_path = page.locator('#map-results use[data-iso="TN"]')
    slider = page.get_by_label("Month", exact=True)

    # January 2020: Tunisia has deposited its instrument, the Convention is not yet in force
    # for it.
    slider.fill(str(month_index(date(2020, 1, 1))))
    expect(page.locator("#month-output")).to_have_text("January 2020")
    expect(page.get_by_label("Show the situation on")).to_have_value("2020-01-01")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#map-heading")).to_have_text("On 1 January 2020")
    expect(page).to_have_url(re.compile(r"[?&]as_of=2020-01-01"))
    expect(tunisia_path).to_have_attribute("class", "status-consented")
    shot("02-january-2020")

    # February 2020: a Party from the 1st.
    slider.fill(str(month_index(date(2020, 2, 1))))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#map-heading")).to_have_text("On 1 February 2020")
    expect(tunisia_path).to_have_attribute("class", "status-party")
    assert page.evaluate("() => window.__same_document") is True, "the page was reloaded"
    shot("03-february-2020")

    # The Europe view keeps the date.
    page.get_by_role("navigation", name="Map view").get_by_role("link", name="Europe").click()
    expect(page).to_have_url(re.compile(r"view=europe"))
    expect(page.locator("#map-heading")).to_have_text("On 1 February 2020")
    expect(page.locator("svg.map")).to_have_class(re.compile(r"map--europe"))
    shot("04-europe")

    # By keyboard: Tab reaches Tunisia's link on the map, Enter opens its profile.
    page.evaluate(
        """() => {
            const links = Array.from(document.querySelectorAll("svg.map a.map__state"));
            const index = links.findIndex((a) => a.dataset.iso === "TN");
            links[index - 1].focus();
        }"""
    )
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('data-iso')")
    assert focused == "TN"
    shot("05-tunisia-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/states/TN/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tunisia")
    expect(page.locator("#state-timeline-heading")).to_be_visible()

    # Back on the map, the map as a table (its own page, so that the map stays light), and the
    # CSV is exactly what the table shows.
    page.go_back()
    expect(page.locator("#map-heading")).to_have_text("On 1 February 2020")
    page.get_by_role("link", name="The map as a table").click()
    expect(page).to_have_url(re.compile(r"/en/map/table/\?as_of=2020-02-01&view=europe"))
    shown = table(page)
    assert ("TN", "party") in shown
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "map-europe-2020-02-01.csv"
    with open(download.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["state"], r["map_status"]) for r in rows] == shown


def test_the_slider_works_without_javascript(new_page: Any) -> None:
    page = new_page(java_script_enabled=False)
    page.goto("/en/map/?as_of=2015-03-17")
    expect(page.locator("#map-heading")).to_have_text("On 17 March 2015")
    page.get_by_label("Month", exact=True).fill(str(month_index(date(2020, 2, 1))))
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#map-heading")).to_have_text("On 1 February 2020")
    expect(page.locator('#map-results use[data-iso="TN"]')).to_have_attribute(
        "class", "status-party"
    )
    # The date input alone, with the slider untouched, shows the day typed.
    page.get_by_label("Show the situation on").fill("2020-01-31")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#map-heading")).to_have_text("On 31 January 2020")
    expect(page.locator('#map-results use[data-iso="TN"]')).to_have_attribute(
        "class", "status-consented"
    )
