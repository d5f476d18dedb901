"""A State's page across many treaties is read by pages of 25 treaties in slug order, as the
compact standings of the API are: each page costs the queries of a registry of two treaties,
and says which treaties it shows."""

from __future__ import annotations

import re

from tests.registry.test_reads_at_scale import add_treaties, cold


def sections(html: str) -> list[str]:
    return re.findall(r'aria-labelledby="timeline-([\w-]+)"', html)


def test_a_state_page_shows_every_treaty_of_a_small_registry(client, loaded_db):
    html = client.get("/en/states/FR/").content.decode()
    assert sorted(sections(html)) == ["cets-201", "opsc"]
    assert "Previous treaties" not in html and "Next treaties" not in html


def test_a_state_page_across_many_treaties_is_read_by_pages(
    client, loaded_db, django_assert_num_queries
):
    add_treaties(30)
    cold()
    # As many queries as the page of a State under two treaties (tests/web/test_query_counts).
    with django_assert_num_queries(15):
        first = client.get("/en/states/FR/", {"as_of": "2020-01-01"}).content.decode()
    assert len(sections(first)) == 25
    assert "Treaties 1 to 25 of 32" in first
    assert "as_of=2020-01-01&amp;page=2" in first and "Previous treaties" not in first

    second = client.get("/en/states/FR/", {"as_of": "2020-01-01", "page": "2"}).content.decode()
    assert len(sections(second)) == 7
    assert "Treaties 26 to 32 of 32" in second and "Next treaties" not in second
    assert not set(sections(first)) & set(sections(second))

    beyond = client.get("/en/states/FR/", {"as_of": "2020-01-01", "page": "9"})
    assert beyond.status_code == 302
    assert beyond["Location"].endswith("?as_of=2020-01-01&page=2")


def test_the_pages_of_treaties_are_in_french_too(client, loaded_db):
    add_treaties(30)
    html = client.get("/fr/states/FR/", {"as_of": "2020-01-01"}).content.decode()
    assert "Traités 1 à 25 sur 32" in html and "Traités suivants" in html
