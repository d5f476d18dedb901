"""No page gives two elements the same id (issue 15): a second `id` breaks the label, the
`aria-labelledby` or the link that points at it. The main public pages, in English and French,
read as HTML without a browser."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from lanzarote.committee.models import Meeting
from lanzarote.monitoring.models import Round
from tests.web.helpers import text

PAGES = [
    "/{lang}/",
    "/{lang}/treaties/cets-201/",
    "/{lang}/treaties/opsc/",
    "/{lang}/treaties/cets-201/chart/?as_of=2023-05-31",
    "/{lang}/treaties/opsc/chart/",
    "/{lang}/treaties/cets-201/data-quality/",
    "/{lang}/states/",
    "/{lang}/states/TN/",
    "/{lang}/states/BR/",
    "/{lang}/states/FR/",
    "/{lang}/join/",
    "/{lang}/map/?as_of=2020-02-01",
    "/{lang}/map/?as_of=2020-02-01&view=europe",
    "/{lang}/map/table/?as_of=2020-02-01",
    "/{lang}/timeline/",
    "/{lang}/timeline/?treaty=opsc",
    "/{lang}/contacts/",
    "/{lang}/open-data/",
    "/{lang}/notifications/",
    "/{lang}/committee/",
    "/{lang}/committee/meetings/",
    "/{lang}/committee/texts/",
    "/{lang}/committee/capacity-building/",
    "/{lang}/committee/priority-countries/",
    "/{lang}/monitoring/",
    "/{lang}/monitoring/search/?q=circle+of+trust",
    "/{lang}/monitoring/recommendations/",
    "/{lang}/readiness/",
    "/{lang}/accounts/login/",
]


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)


def duplicate_ids(html: str) -> list[str]:
    parser = Ids()
    parser.feed(html)
    return sorted(value for value, n in Counter(parser.ids).items() if n > 1)


def test_a_duplicate_is_found() -> None:
    html = '<label for="a">A</label><input id="a"><p id="b"></p><svg><g id="a"></g></svg>'
    assert duplicate_ids(html) == ["a"]
    assert duplicate_ids('<p id="a"></p><p id="b"></p>') == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_id_is_unique_on_the_main_public_pages(client, loaded_db, lang) -> None:
    pages = [page.format(lang=lang) for page in PAGES]
    first_round = Round.objects.order_by("pk").first()
    if first_round is not None:
        pages.append(f"/{lang}/monitoring/rounds/{first_round.slug}/")
    meeting = Meeting.objects.order_by("-number").first()
    if meeting is not None:
        pages.append(f"/{lang}/committee/meetings/{meeting.number}/")
    problems = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        duplicates = duplicate_ids(text(response))
        if duplicates:
            problems[page] = duplicates
    assert problems == {}
