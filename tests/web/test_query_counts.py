"""The pages ask the selectors a fixed number of times: the count of queries does not grow with
the number of rows or events shown (the reference data is loaded; the cache starts empty)."""

from __future__ import annotations

import pytest


def test_chart_page_queries(client, loaded_db, django_assert_num_queries):
    # 2 for the data versions that key the page cache (the registry's, the accession cases');
    # the treaty's events twice: as rows for its timeline (once per version), and as records
    # for the events the page lists under each State. The chart reuses the registry's version
    # token instead of asking for it again.
    with django_assert_num_queries(8):
        client.get("/en/treaties/cets-201/chart/", {"as_of": "2023-05-31"})


def test_chart_page_queries_when_the_chart_is_cached(client, loaded_db, django_assert_num_queries):
    client.get("/en/treaties/cets-201/chart/", {"as_of": "2023-05-31"})
    # The chart comes from the treaty's timeline (no query); the events the page lists do not.
    with django_assert_num_queries(3):
        client.get("/en/treaties/cets-201/chart/", {"as_of": "2023-05-31", "status": "party"})


@pytest.mark.parametrize("code", ["AD", "TN", "JP"])
def test_profile_page_queries(client, loaded_db, django_assert_num_queries, code):
    # 10 for the registry (as many whatever the number of treaties: tests/registry/
    # test_reads_at_scale.py), 3 for the State's role in the Committee (the log's version, the
    # drafting flag, the Bureau terms; the chart itself comes from the registry's cache).
    with django_assert_num_queries(15):
        client.get(f"/en/states/{code}/")


def test_states_index_queries(client, loaded_db, django_assert_num_queries):
    with django_assert_num_queries(8):
        client.get("/en/states/")


def test_downloads_do_not_add_queries(client, loaded_db, django_assert_num_queries):
    with django_assert_num_queries(8):
        client.get("/en/treaties/cets-201/chart.csv", {"as_of": "2023-05-31"})


@pytest.mark.parametrize("code", ["AD", "RU", "BR"])
def test_profile_json_queries_do_not_grow_with_events(
    client, loaded_db, django_assert_num_queries, code
):
    with django_assert_num_queries(11):
        client.get(f"/en/states/{code}.json")
