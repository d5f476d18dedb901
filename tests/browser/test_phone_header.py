"""The signed-in header on a phone (issue 15): the person's name, role and State keep to one line,
cut with an ellipsis, the whole of it in the title attribute; the same on a wide screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_accession_journey import create_user, sign_in
from tests.browser.test_phone_first import DESKTOP, PHONE

pytestmark = pytest.mark.browser

STATE = {"en": "Bosnia and Herzegovina", "fr": "Bosnie-Herzégovine"}
ROLE = {"en": "Party delegate", "fr": "Délégué d’une Partie"}


def test_the_signed_in_header_keeps_to_one_line_on_a_phone(
    new_page: Callable[..., Any], base_url: str, artifacts: Path
) -> None:
    username = "bosnia-herzegovina-delegate"
    create_user(base_url, username, "party_delegate", "BA")
    for width, options in ((375, PHONE), (1366, DESKTOP)):
        page = new_page(**options)
        sign_in(page, username)
        for language in ("en", "fr"):
            page.goto(f"/{language}/")
            who = page.locator(".account-links__who")
            title = who.get_attribute("title") or ""
            assert username in title and STATE[language] in title and ROLE[language] in title
            line = who.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
            assert who.bounding_box()["height"] < 1.5 * line, (width, language)
            # Nothing spills out of the header sideways.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            page.locator(".site-header").screenshot(
                path=artifacts / f"phone-header-{language}-{width}.png"
            )
