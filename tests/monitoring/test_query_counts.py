"""The matrix, search and dashboard pages and their API endpoints answer in a fixed number of
queries, whatever the number of Parties, questions, replies or matches."""

from __future__ import annotations

import pytest
from django.db import connection

from lanzarote.monitoring.demo import demo_generate
from tests.monitoring.factories import people

pytestmark = pytest.mark.django_db


def _pinned(client, django_assert_num_queries, url, params, count):  # type: ignore[no-untyped-def]
    # Warms the registry caches the pages share through the French page: the English one is
    # then rendered, not served from the page cache, and its own queries are counted.
    client.get(url.replace("/en/", "/fr/", 1), params)
    if "/search/" in url:
        client.get(url, params)  # not page-cached: its own English caches warmed too
    with django_assert_num_queries(count):
        response = client.get(url, params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("demo", [False, True], ids=["empty", "filled"])
def test_the_matrix(client, loaded_db, django_assert_num_queries, demo):
    if demo:
        demo_generate()  # 48 Parties × 5 questions, hundreds of replies: same count
    _pinned(client, django_assert_num_queries, "/en/monitoring/rounds/round-3/matrix/", {}, 9)
    _pinned(
        client,
        django_assert_num_queries,
        "/en/monitoring/rounds/round-3/matrix/",
        {"status": "late", "article": "18"},
        9,
    )
    _pinned(client, django_assert_num_queries, "/api/v1/monitoring/rounds/round-3/matrix", {}, 9)
    _pinned(
        client,
        django_assert_num_queries,
        "/en/monitoring/rounds/round-2/matrix/",
        {"state": "RU"},
        9,
    )
    client.force_login(people()["secretariat"])
    _pinned(client, django_assert_num_queries, "/en/monitoring/rounds/round-3/matrix/", {}, 11)


@pytest.mark.parametrize("demo", [False, True], ids=["empty", "filled"])
def test_search(client, loaded_db, django_assert_num_queries, demo):
    if demo:
        demo_generate()
    # SQLite: the total, the page, the facet counts and the page's documents (4 queries);
    # PostgreSQL: the page and the facet counts (2). Plus the rounds for the facets' names.
    base = 5 if connection.vendor == "sqlite" else 3
    params = {"q": "children or enfants", "demo": "on"}
    _pinned(client, django_assert_num_queries, "/en/monitoring/search/", params, base)
    _pinned(
        client,
        django_assert_num_queries,
        "/en/monitoring/search/",
        {**params, "kind": "question", "round": "round-2", "article": "20"},
        base,
    )
    _pinned(
        client,
        django_assert_num_queries,
        "/api/v1/monitoring/search",
        {"q": "children", "demo": "true"},
        base,
    )
    _pinned(
        client,
        django_assert_num_queries,
        "/api/v1/monitoring/search",
        {"q": "", "round": "round-3", "demo": "true"},
        base,
    )


def test_the_dashboard(client, loaded_db, django_assert_num_queries):
    demo_generate()
    _pinned(client, django_assert_num_queries, "/en/monitoring/rounds/round-3/dashboard/", {}, 21)
