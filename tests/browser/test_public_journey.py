"""A reader's journey through the public pages in a real browser: key figures, the chart on a
past date with htmx, filters, sorting, the CSV of what is shown, a State's profile, French."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import CHART, csv_row_as_shown, row_names, table_rows

pytestmark = pytest.mark.browser

PARTIES_IN_2010 = ["Albania", "Denmark", "Greece", "Netherlands", "San Marino"]


def _totals_parties(page: Any) -> Any:
    return page.locator("#results .totals .figure--main dd")


def test_public_journey(page: Any, artifacts: Path) -> None:
    def shot(name: str) -> None:
        page.screenshot(path=artifacts / f"journey-{name}.png")

    # Home: the key figures are computed live.
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    parties = page.locator(".figures-panel .figure--main")
    expect(parties.locator("dt")).to_have_text("Parties")
    assert int(parties.locator("dd").inner_text()) >= 48
    shot("01-home")

    # The main navigation leads to the chart.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Chart", exact=True
    ).click()
    expect(page).to_have_url(re.compile(re.escape(CHART) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Chart of signatures and ratifications"
    )
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__same_document = true; }")
    shot("02-chart-today")

    # The chart on 1 July 2010, when the Convention entered into force: htmx swaps the results
    # in place and puts the query in the address bar.
    page.get_by_label("Show the situation on").fill("2010-07-01")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]as_of=2010-07-01"))
    expect(page.locator("#totals-title")).to_have_text("On 1 July 2010")
    expect(_totals_parties(page)).to_have_text("5")
    assert page.evaluate("() => window.__same_document") is True, "the page was reloaded"
    shot("03-chart-2010")

    # Only the Parties.
    page.get_by_label("Status", exact=True).select_option("party")
    expect(page).to_have_url(re.compile(r"[?&]status=party"))
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(5)
    assert row_names(page) == PARTIES_IN_2010
    expect(page.locator("#results .results__count")).to_have_text(re.compile(r"^Showing 5 of "))
    shot("04-chart-2010-parties")

    # Sorted by entry into force, by the column header.
    header = page.locator("#results thead th").filter(has_text="Entry into force")
    header.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"[?&]sort=entry_into_force"))
    expect(page.locator("#results thead th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("#results thead th[aria-sort]")).to_contain_text("Entry into force")
    days = [row["entry_into_force_day"] for row in table_rows(page)]
    assert days == sorted(days)
    assert sorted(row_names(page)) == PARTIES_IN_2010
    assert page.evaluate("() => window.__same_document") is True
    shot("05-chart-2010-sorted")

    # The CSV of exactly what is shown.
    shown = table_rows(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "cets-201-chart-2010-07-01.csv"
    with Path(download.path()).open(newline="", encoding="utf-8") as handle:
        downloaded = [csv_row_as_shown(row) for row in csv.DictReader(handle)]
    assert downloaded == shown

    # Tunisia acceded later: back to 31 May 2023, find it by name and open its profile.
    page.get_by_label("Show the situation on").fill("2023-05-31")
    page.get_by_label("Name contains").fill("Tunisia")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]as_of=2023-05-31"))
    expect(page).to_have_url(re.compile(r"[?&]q=Tunisia"))
    expect(rows).to_have_count(1)
    expect(page.locator("#totals-title")).to_have_text("On 31 May 2023")
    shot("06-chart-2023-tunisia")
    page.locator("#results tbody").get_by_role("link", name="Tunisia", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/states/TN/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tunisia")
    convention = page.locator("section.standing", has=page.locator("#treaty-cets-201"))
    key_dates = convention.locator(".key-dates")
    expect(key_dates).to_contain_text("Accession")
    expect(key_dates).to_contain_text("15 October 2019")
    expect(key_dates).to_contain_text("1 February 2020")
    expect(convention.locator(".status-line .badge")).to_have_text("Party")
    shot("07-profile-tunisia")


def test_language_switch_from_a_profile(page: Any, artifacts: Path) -> None:
    page.goto("/en/states/TN/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/fr/"))
    expect(page).to_have_url(re.compile(r"/fr/states/TN/"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tunisie")
    page.screenshot(path=artifacts / "profile-tunisia-fr.png")
