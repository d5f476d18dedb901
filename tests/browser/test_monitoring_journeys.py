"""The monitoring roles' journeys from their home to the finished task, in English and in French
(issue 15): a national coordinator drafts, validates and submits a reply to the open round; a
rapporteur writes an observation on the question the Committee appointed them to; the Committee
secretariat publishes a contribution it has received. Every page on the way is checked and
photographed by `Journey`; the round, the appointments and the contributions are made through the
services beforehand (`journey_data.seed`)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.journey_data import seed
from tests.browser.journeys import LANGUAGES, Journey, StartJourney

pytestmark = pytest.mark.browser

REPLY = {
    "en": "Coaches are screened against the national register of sex offenders.",
    "fr": "Les entraîneurs sont contrôlés au fichier national des auteurs d’infractions sexuelles.",
}


def _signed_in_home(journey: Journey, username: str, section: str) -> Any:
    """Signs in; the person lands on their home, whose list `section` (`work-…`) is returned."""
    journey.sign_in(username)
    expect(journey.page).to_have_url(re.compile(rf"/{journey.language}/home/$"))
    journey.arrived("home")
    return journey.page.locator(f"section[aria-labelledby='work-{section}']")


def _flash(journey: Journey, message: str) -> None:
    expect(journey.page.locator(".flash")).to_contain_text(journey.text(message))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_national_coordinator_submits_a_reply(
    start_journey: StartJourney, base_url: str, language: str
) -> None:
    data = seed(base_url, "national_coordinator")
    question = data["question"]
    journey = start_journey("coordinator", language)
    page = journey.page

    due = _signed_in_home(journey, data["users"][language], "replies")
    due.locator(f"a[href$='/monitoring/questions/{question}/']").click()
    journey.arrived("question")
    page.get_by_role("link", name=journey.text("Draft my Party's reply")).click()
    journey.arrived("draft")
    page.locator("textarea[name=text]").fill(REPLY[language])
    page.locator("select[name=language]").select_option(language)
    page.get_by_role("button", name=journey.text("Save the draft")).click()
    _flash(journey, "Draft saved.")
    journey.arrived("draft-saved")
    page.get_by_role("button", name=journey.text("Validate")).click()
    _flash(journey, "Reply validated.")
    page.get_by_role("button", name=journey.text("Submit to the Committee")).click()
    _flash(journey, "Reply submitted to the Committee.")
    # The header counts what is left: two questions of three.
    expect(page.locator(".account-links__work .count")).to_have_text("2")
    journey.arrived("submitted")

    journey.go("/home/", "home-after")
    expect(
        page.locator(f"section[aria-labelledby='work-replies'] a[href$='/questions/{question}/']")
    ).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rapporteur_writes_an_observation(
    start_journey: StartJourney, base_url: str, language: str
) -> None:
    data = seed(base_url, "rapporteur")
    journey = start_journey("rapporteur", language)
    page = journey.page

    waiting = _signed_in_home(journey, data["users"][language], "observations")
    waiting.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/monitoring/questions/{data['question']}/"))
    journey.arrived("question")
    words = f"The screening of coaches is thorough ({language})."
    form = page.locator("#observe")
    form.locator("textarea[name=text]").fill(words)
    form.locator("select[name=language]").select_option(language)
    form.get_by_role("button", name=journey.text("Record the observation")).click()
    _flash(journey, "Observation recorded.")
    expect(page.locator("main")).to_contain_text(words)
    journey.arrived("observed")

    journey.go("/home/", "home-after")
    expect(page.locator("section[aria-labelledby='work-observations']")).to_contain_text(
        journey.text("You have written an observation on every question you are appointed to.")
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_secretariat_publishes_a_contribution(
    start_journey: StartJourney, base_url: str, language: str
) -> None:
    data = seed(base_url, "secretariat")
    contribution = data["contributions"][language]
    link = f"a[href$='/monitoring/contributions/{contribution['pk']}/']"
    journey = start_journey("secretariat", language)
    page = journey.page

    waiting = _signed_in_home(journey, data["users"][language], "contributions")
    waiting.locator(link).click()
    expect(page.locator("main")).to_contain_text(contribution["contributor"])
    journey.arrived("contribution")
    page.locator("main").get_by_role("button", name=journey.text("Publish"), exact=True).click()
    expect(page.locator("main")).to_contain_text(journey.text("Published"))
    journey.arrived("published")

    journey.go("/home/", "home-after")
    expect(page.locator(f"section[aria-labelledby='work-contributions'] {link}")).to_have_count(0)
