"""A French page says nothing in English (issue 15): the visible text of the public pages in
French, outside what is English by nature (an element marked lang="en", such as a source's
title), holds no run of common English words."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.accounts.factories import person
from tests.web.helpers import text

PUBLIC_PAGES = [
    "/fr/",
    "/fr/treaties/cets-201/",
    "/fr/treaties/cets-201/chart/?as_of=2023-05-31",
    "/fr/states/",
    "/fr/states/TN/",
    "/fr/states/BR/",
    "/fr/join/",
    "/fr/map/?as_of=2020-02-01",
    "/fr/timeline/",
    "/fr/contacts/",
    "/fr/open-data/",
    "/fr/committee/",
    "/fr/readiness/",
    "/fr/notifications/",
    "/fr/accounts/login/",
]

# Runs of words no French sentence contains; each needs two English words so that a name
# ("Gender and Equality…" in a title marked lang="en") is the only way to meet one.
ENGLISH = re.compile(
    r"\b(?:of the|and the|in the|to the|on the|for the|has been|have been|is not|"
    r"does not|will be|with the|from the|by the)\b",
    re.IGNORECASE,
)
SKIPPED = {"script", "style", "template", "svg"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "base"}


class VisibleFrench(HTMLParser):
    """The text a reader sees, without the parts marked as English or hidden from view."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        excluded = (
            tag in SKIPPED
            or (values.get("lang") or "").startswith("en")
            or "hidden" in values
            or values.get("aria-hidden") == "true"
        )
        self.stack.append(excluded or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def english_runs(html: str) -> list[str]:
    parser = VisibleFrench()
    body = html.split("<body", 1)[-1]
    parser.feed(body)
    visible = " ".join(" ".join(parser.parts).split())
    return [visible[max(0, m.start() - 60) : m.end() + 60] for m in ENGLISH.finditer(visible)]


def test_the_detector_finds_an_english_sentence_and_spares_marked_english():
    assert english_runs("<body><p>La Convention. The Parties have been consulted.</p></body>")
    assert not english_runs(
        '<body><p>Source : <cite lang="en">Report of the Committee</cite>.</p></body>'
    )


def test_the_detector_reads_real_pages(client, loaded_db):
    # The same pages in English are full of such runs: the extraction sees the pages' text.
    assert len(english_runs(text(client.get("/en/join/")))) >= 3


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_french_public_page_has_no_english_sentence(client, loaded_db, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert english_runs(text(response)) == [], url


SIGNED_IN_PAGES = {
    "state_official": ["/fr/", "/fr/accession/my-state/", "/fr/readiness/"],
    "party_delegate": ["/fr/", "/fr/accession/consultations/", "/fr/monitoring/"],
    "treaty_office": ["/fr/", "/fr/accession/desk/", "/fr/accession/"],
    "secretariat": ["/fr/", "/fr/monitoring/", "/fr/committee/meetings/"],
}


@pytest.mark.parametrize("role", sorted(SIGNED_IN_PAGES))
def test_the_french_pages_of_a_signed_in_role_have_no_english_sentence(client, loaded_db, role):
    client.force_login(person(role))
    for url in SIGNED_IN_PAGES[role]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = text(response)
        assert "Convention" in html, url  # the extraction saw the page
        assert english_runs(html) == [], url
