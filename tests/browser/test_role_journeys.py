"""Each role's journey from arrival to the finished task, in English and in French (issue 15): the
public finds a State's status and downloads the chart's CSV; the official of a State that joins by
accession files its request; a Party's delegate replies to a consultation; the Treaty Office
issues the invitation and records the deposit. Every page on the way is checked (axe-core, no
English sentence on a French page) and photographed at 375 and 1366 px by `Journey`. The work
each role finds waiting on its home is made through the services beforehand
(`journey_data.seed`)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.journey_data import ACCESSION_STATES, OFFICIAL_STATES, seed
from tests.browser.journeys import LANGUAGES, Journey, StartJourney
from tests.browser.test_accession_journey import today_in_paris

pytestmark = pytest.mark.browser

# The State the public looks for: its name in each language.
TUNISIA = {"en": "Tunisia", "fr": "Tunisie"}
# The smallest file a browser will upload as a PDF; the service only keeps it.
LETTER = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _home(journey: Journey, section: str) -> Any:
    """The person's home, reached by signing in, and its list `section` (`work-…`)."""
    expect(journey.page).to_have_url(re.compile(rf"/{journey.language}/home/$"))
    journey.arrived("home")
    return journey.page.locator(f"section[aria-labelledby='work-{section}']")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_finds_a_states_status_and_downloads_the_chart(
    start_journey: StartJourney, language: str
) -> None:
    journey = start_journey("public", language)
    page = journey.page
    journey.go("/")
    page.get_by_role("navigation", name=journey.text("Main")).get_by_role(
        "link", name=journey.text("Chart"), exact=True
    ).click()
    expect(page).to_have_url(re.compile(r"/treaties/cets-201/chart/$"))
    journey.arrived("chart")

    page.locator("input[name=q]").fill(TUNISIA[language])
    page.get_by_role("button", name=journey.text("Show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]q=Tuni"))
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".badge")).to_have_text(journey.text("Party"))
    journey.arrived("chart-found")

    with page.expect_download() as download:
        page.get_by_role("link", name=journey.text("Download CSV")).click()
    with Path(download.value.path()).open(newline="", encoding="utf-8") as handle:
        downloaded = list(csv.DictReader(handle))
    assert [(row["state"], row["status"]) for row in downloaded] == [("TN", "party")]

    rows.first.get_by_role("link", name=TUNISIA[language], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{language}/states/TN/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TUNISIA[language])
    journey.arrived("profile")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_state_official_files_the_request_to_accede(
    start_journey: StartJourney, base_url: str, tmp_path: Path, language: str
) -> None:
    users = seed(base_url, "state_official")["users"]
    code = OFFICIAL_STATES[language]
    journey = start_journey("state-official", language)
    page = journey.page

    # Arrival: who can join, and the draft letter without an account.
    journey.go("/join/")
    form = page.locator("form[action$='/join/request-letter/']")
    form.locator("select[name=state]").select_option(code)
    form.locator("select[name=language]").select_option(language)
    form.locator("select[name=format]").select_option("docx")
    with page.expect_download() as download:
        form.locator("button[type=submit]").click()
    assert (
        download.value.suggested_filename == f"lanzarote-accession-request-{code}-{language}.docx"
    )

    # Signed in: the home points to My State, where the signed letter is filed.
    journey.sign_in(users[language])
    expect(page).to_have_url(re.compile(rf"/{language}/home/$"))
    journey.arrived("home")
    page.locator("main").get_by_role("link", name=journey.text("My State")).first.click()
    expect(page).to_have_url(re.compile(rf"/{language}/accession/my-state/$"))
    journey.arrived("my-state")
    letter = tmp_path / "request.pdf"
    letter.write_bytes(LETTER)
    filing = page.locator("#file form")
    filing.locator("[name=signatory_name]").fill("Ana Ruiz")
    filing.locator("[name=signatory_capacity]").select_option(index=0)
    filing.locator("[name=date]").fill(today_in_paris().isoformat())
    filing.locator("input[type=file]").set_input_files(str(letter))
    filing.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/accession/cases/[^/]+/$"))
    expect(page.locator(".status-line__badge")).to_contain_text(journey.text("Request received"))
    journey.arrived("request-received")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_party_delegate_replies_to_a_consultation(
    start_journey: StartJourney, base_url: str, language: str
) -> None:
    data = seed(base_url, "party_delegate")
    reference = data["case"]
    journey = start_journey("delegate", language)
    page = journey.page

    journey.sign_in(data["users"][language])
    waiting = _home(journey, "consultations")
    waiting.get_by_role("link", name=re.compile(re.escape(reference))).click()
    expect(page).to_have_url(re.compile(rf"/{language}/accession/cases/{reference}/$"))
    journey.arrived("case")

    reply = page.locator("#reply")
    reply.locator("input[name=reply][value=consent]").check()
    reply.get_by_role("button", name=journey.text("Send our reply")).click()
    expect(page.locator(".flash")).to_contain_text(
        journey.text("Your Party's reply on %(reference)s is recorded.", reference=reference)
    )
    journey.arrived("replied")

    journey.go("/home/", "home-after")
    expect(page.locator("section[aria-labelledby='work-consultations']")).not_to_contain_text(
        reference
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_treaty_office_records_a_deposit(
    start_journey: StartJourney, base_url: str, language: str
) -> None:
    data = seed(base_url, "treaty_office")
    reference = data["cases"][language]
    code = ACCESSION_STATES["treaty_office"][language]  # type: ignore[index]
    journey = start_journey("treaty-office", language)
    page = journey.page

    journey.sign_in(data["users"][language])
    waiting = _home(journey, "cases")
    waiting.get_by_role("link", name=re.compile(re.escape(reference))).click()
    expect(page).to_have_url(re.compile(rf"/{language}/accession/cases/{reference}/$"))
    journey.arrived("case")

    page.get_by_role("button", name=journey.text("Issue the invitation")).click()
    expect(page.get_by_role("button", name=journey.text("Record the deposit"))).to_be_visible()
    journey.arrived("invited")
    page.locator("input[name=date]").last.fill(today_in_paris().isoformat())
    page.get_by_role("button", name=journey.text("Record the deposit")).click()
    confirmation = page.locator("#deposit")
    expect(confirmation).to_contain_text(journey.text("Instrument of accession deposited"))
    journey.arrived("deposited")

    journey.go(f"/states/{code}/", "profile")
    expect(page.locator("main")).to_contain_text(journey.text("Accession"))
