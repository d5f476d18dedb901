"""The catalogue, the report and the API ask a fixed number of queries, whatever the number of
obligations, mappings or answers (the cache starts empty)."""

from __future__ import annotations

import pytest

from lanzarote.readiness import selectors, services
from lanzarote.readiness.answers import Answer

# Session and user (2), the assessment and its team (2), the current answers (1), the catalogue
# (version + 3), the OPSC position for hints (treaty, events ×2), the registry's version (which
# also says whether the synthetic banner shows), the State, the route to join (treaty, log
# version, the State's events, notes and drafting flags), then treaty and States for the cached
# chart (whose log version is the token already read).
REPORT_QUERIES = 18
# With gaps: the Committee's records of the texts they cite (one query, for the official links).
CITED_TEXTS_QUERIES = 1
# Session and user, the assessment and its team, the catalogue version, the answers, the OPSC
# position for hints, the registry's version (the synthetic banner) and the user's State in the
# page header.
CHAPTER_QUERIES = 14


def test_catalogue_page(client, loaded_db, django_assert_num_queries):
    # And the readiness data version that keys the page cache, and the registry's, which says
    # whether the synthetic banner shows.
    with django_assert_num_queries(6):
        client.get("/en/readiness/obligations/")


def test_catalogue_page_when_cached(client, loaded_db, django_assert_num_queries):
    client.get("/en/readiness/obligations/")
    # The same page again is served from the page cache.
    with django_assert_num_queries(0):
        client.get("/en/readiness/obligations/")


def test_article_page(client, loaded_db, django_assert_num_queries):
    # As the catalogue: with the registry's version for the synthetic banner.
    with django_assert_num_queries(6):
        client.get("/en/readiness/obligations/25/")


def test_api_catalogue(client, loaded_db, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/api/v1/readiness/obligations")


@pytest.mark.parametrize("answered", [0, 40, 109])
def test_report_page(client, official, assessment, django_assert_num_queries, answered):
    codes = [e.code for e in selectors.catalogue().obligations][:answered]
    for status in ("not_in_place", "partly"):  # a history: two versions per answer
        services.answers_record(
            user=official,
            assessment=assessment,
            answers={c: Answer(status=status, notes="x") for c in codes},
        )
    client.force_login(official)
    client.get("/en/")  # settle the session and the cached chart
    with django_assert_num_queries(REPORT_QUERIES + (CITED_TEXTS_QUERIES if answered else 0)):
        client.get(f"/en/readiness/assessments/{assessment.pk}/report/")


@pytest.mark.parametrize("chapter", ["II", "VI"])
def test_chapter_page(client, official, assessment, django_assert_num_queries, chapter):
    client.force_login(official)
    client.get("/en/")
    with django_assert_num_queries(CHAPTER_QUERIES):
        client.get(f"/en/readiness/assessments/{assessment.pk}/chapters/{chapter}/")
