"""The Committee's pages and endpoints ask a fixed number of queries, whatever the number of
members, participants, observers or texts (reference data loaded; the cache starts empty)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from lanzarote.committee import services
from tests.committee.factories import secretariat


def test_composition_page_queries(client, loaded_db, django_assert_num_queries):
    # The page cache's two data versions, the two versions, the treaty, the chart (events,
    # memberships, States), the drafting flags, participations, observer events, Bureau terms
    # and representatives.
    with django_assert_num_queries(13):
        client.get("/en/committee/", {"as_of": "2023-05-31"})


def test_composition_page_queries_when_cached(client, loaded_db, django_assert_num_queries):
    client.get("/en/committee/", {"as_of": "2023-05-31"})
    # The same page again is served from the page cache.
    with django_assert_num_queries(0):
        client.get("/en/committee/", {"as_of": "2023-05-31"})


def test_composition_queries_do_not_grow_with_rows(client, loaded_db, django_assert_num_queries):
    staff = secretariat()
    for n in range(3):
        services.representative_save(
            user=staff,
            name=f"Demo {n}",
            role="substitute",
            state="FR",
            term_start=date(2023, 1, 1),
            is_demo=True,
        )
    cache.clear()
    # Charts read from each treaty's timeline (registry.timelines): no fold, no events re-read.
    with django_assert_num_queries(11):
        client.get("/en/committee/", {"as_of": "2023-05-31"})


@pytest.mark.parametrize("as_of", ["2012-06-01", "2023-05-31"])
def test_composition_api_queries(client, loaded_db, django_assert_num_queries, as_of):
    with django_assert_num_queries(13):
        client.get("/api/v1/committee/", {"as_of": as_of})
    with django_assert_num_queries(2):
        client.get("/api/v1/committee/", {"as_of": as_of})


@pytest.mark.parametrize("query", [{}, {"kind": "declaration"}, {"article": 20}])
def test_texts_list_queries(client, loaded_db, django_assert_num_queries, query):
    with django_assert_num_queries(5):
        client.get("/en/committee/texts/", query)


def test_texts_api_queries(client, loaded_db, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/api/v1/texts/")


def test_meetings_list_queries(client, loaded_db, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/en/committee/meetings/")
