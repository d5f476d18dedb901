"""What every role's journey does on each page it reaches (issue 15): axe-core finds no serious or
critical violation, a French page holds no English sentence, and at 375 and 1366 px the page
neither scrolls sideways nor stretches a radio button away from its label. For a person to look
at (`test-artifacts/browser/journeys/`, git-ignored), every page is photographed at 375 px and
the page the journey ends on at 1366 px too: a full-page photograph costs more than the checks.

    journey = start_journey("delegate", "fr")  # the fixture of tests/browser/conftest.py
    journey.go("/home/")            # /fr/home/, then checked and photographed
    journey.text("Send our reply")  # the words the page shows in the journey's language
    journey.arrived("replied")      # check and photograph the page an action led to
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils import translation
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE, blocking, run_axe
from tests.web.test_no_english_in_french import english_runs

LANGUAGES = ["en", "fr"]
WIDTHS = (375, 1366)
# The phone's width, where a page goes wrong first; the wide one only for the journey's end.
PHOTOGRAPHED_EVERY_STEP = 375
HEIGHT = 900
# The people the journey data creates (tests/accounts/factories.py).
PASSWORD = "a-long-test-passphrase-7"

# What a reader of a narrow screen would see wrong: the page scrolling sideways, a radio button or
# check box stretched away from its label.
LAYOUT_FAULTS_JS = """
() => {
  const faults = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const beyond = (el) => el.getBoundingClientRect().right > root.clientWidth + 1;
    const scrolled = (el) => el.parentElement && el.parentElement.closest(".table-scroll");
    const wide = Array.from(document.body.querySelectorAll("*"))
      .filter((el) => beyond(el) && !scrolled(el))
      .filter((el) => !Array.from(el.children).some((child) => beyond(child)))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`);
    faults.push(
      `the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window: ${wide.join(", ")}`
    );
  }
  for (const box of document.querySelectorAll("input[type=radio], input[type=checkbox]")) {
    const width = box.getBoundingClientRect().width;
    if (width > 32) faults.push(`${box.name}=${box.value} is ${Math.round(width)} px wide`);
  }
  return faults;
}
"""


def context_options() -> dict[str, Any]:
    """The browser context of a journey: wide, and with the CSP bypassed only when axe-core must
    be injected (the other browser tests keep it enforced)."""
    return {"viewport": {"width": WIDTHS[-1], "height": HEIGHT}, "bypass_csp": AXE.exists()}


class Journey:
    def __init__(self, page: Any, name: str, language: str, artifacts: Path) -> None:
        self.page = page
        self.language = language
        self.directory = artifacts / "journeys" / f"{name}-{language}"
        self.directory.mkdir(parents=True, exist_ok=True)
        for earlier in self.directory.glob("*.png"):  # a previous run's, maybe of other steps
            earlier.unlink()
        self.step = 0
        self.last_name = ""

    def url(self, path: str) -> str:
        return f"/{self.language}{path}"

    def text(self, message: str, context: str | None = None, **params: Any) -> str:
        """`message` as the product's catalogue renders it in the journey's language."""
        with translation.override(self.language):
            words = (
                translation.pgettext(context, message) if context else translation.gettext(message)
            )
        return words % params if params else words

    def go(self, path: str, name: str | None = None) -> None:
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == 200, f"{path}: {response}"
        self.arrived(name or path.strip("/").replace("/", "-") or "home-page")

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.go("/accounts/login/", "sign-in")
        form = self.page.locator("main form").first
        form.locator("input[name=login]").fill(username)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        expect(self.page.locator("input[name=password]")).to_have_count(0)

    def arrived(self, name: str) -> None:
        """Checks the page now shown at each width and photographs it at 375 px."""
        page = self.page
        page.wait_for_load_state("load")
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        if AXE.exists():  # `make node_modules`; test_accessibility says when it is missing
            problems = blocking(run_axe(page, AXE))
            assert not problems, f"axe-core on {page.url}:\n- " + "\n- ".join(problems)
        if self.language == "fr":
            english = english_runs(page.content())
            assert not english, f"English on the French page {page.url}:\n- " + "\n- ".join(english)
        self.step += 1
        self.last_name = name
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            faults = page.evaluate(LAYOUT_FAULTS_JS)
            assert not faults, f"{page.url} at {width} px:\n- " + "\n- ".join(faults)
            if width == PHOTOGRAPHED_EVERY_STEP:
                self._photograph(width)
        page.set_viewport_size({"width": WIDTHS[-1], "height": HEIGHT})

    def ended(self) -> None:
        """Photographs the page the journey ended on at the widths `arrived` left out."""
        if self.step and not self.page.is_closed():
            for width in WIDTHS:
                if width != PHOTOGRAPHED_EVERY_STEP:
                    self.page.set_viewport_size({"width": width, "height": HEIGHT})
                    self._photograph(width)

    def _photograph(self, width: int) -> None:
        path = self.directory / f"{self.step:02d}-{self.last_name}-{width}.png"
        self.page.screenshot(path=path, full_page=True)


# The type of the `start_journey` fixture (tests/browser/conftest.py): (name, language) -> Journey.
StartJourney = Callable[[str, str], Journey]
