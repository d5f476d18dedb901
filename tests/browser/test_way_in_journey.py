"""A way in, in a real browser: an official of Argentina (which joins by accession) downloads the
draft request letter from "Who can join?" without an account, asks for an account on the French
form, and the Treaty Office, landing on its home after signing in, finds the request there and
approves it from its desk. axe-core checks each new page when it is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE, blocking, run_axe
from tests.browser.test_accession_journey import create_user, sign_in

pytestmark = pytest.mark.browser


def _axe(page: Any) -> None:
    if AXE.exists():  # `make node_modules`; the accessibility tests say when it is missing
        problems = blocking(run_axe(page, AXE))
        assert not problems, f"axe-core on {page.url}:\n- " + "\n- ".join(problems)


def test_way_in_journey(new_page: Any, base_url: str, artifacts: Path) -> None:
    page = new_page(bypass_csp=AXE.exists())

    # The draft letter, without an account.
    page.goto("/en/join/")
    form = page.locator("form[action$='/join/request-letter/']")
    form.get_by_label("State").select_option("AR")
    form.get_by_label("Language").select_option("fr")
    form.get_by_label("Format").select_option("docx")
    with page.expect_download() as download:
        form.get_by_role("button", name="Download the draft").click()
    assert download.value.suggested_filename == "lanzarote-accession-request-AR-fr.docx"
    _axe(page)
    page.screenshot(path=artifacts / "way-in-01-join.png", full_page=True)

    # The same letter from the State's profile.
    page.goto("/en/states/AR/")
    expect(page.get_by_role("link", name="In English, PDF")).to_have_attribute(
        "href", "/en/states/AR/request-letter/en.pdf"
    )

    # The request for an account, in French, reached from the sign-in page.
    page.goto("/fr/accounts/login/")
    page.get_by_role("link", name="en demander un").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demander un compte")
    _axe(page)
    page.get_by_label("Votre nom").fill("Lucía Pérez")
    page.get_by_label("Ministère ou institution").fill("Cancillería")
    page.get_by_label("État", exact=True).select_option("AR")
    page.get_by_label("Adresse électronique officielle").fill("lperez@cancilleria.gob.ar")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre demande a été envoyée")
    _axe(page)
    page.screenshot(path=artifacts / "way-in-02-sent-fr.png", full_page=True)

    # The Treaty Office lands on its home, which lists the request, and approves it.
    create_user(base_url, "wayin-clerk", "treaty_office")
    office = new_page(bypass_csp=AXE.exists())
    sign_in(office, "wayin-clerk")
    expect(office).to_have_url(f"{base_url}/en/home/")
    requests = office.locator("section[aria-labelledby='work-access']")
    expect(requests.get_by_role("link", name="Lucía Pérez — Argentina")).to_be_visible()
    _axe(office)
    office.screenshot(path=artifacts / "way-in-03-home.png", full_page=True)
    requests.get_by_role("link", name="All requests for an account").click()
    _axe(office)
    office.locator("article", has_text="Lucía Pérez").get_by_role(
        "button", name="Approve and create the account"
    ).click()
    expect(office.locator(".flash")).to_contain_text("lperez@cancilleria.gob.ar")
    expect(office.get_by_text("No request is waiting.")).to_be_visible()
    office.goto("/fr/home/")
    expect(office.get_by_role("heading", level=1)).to_have_text("Mon travail")
    _axe(office)
