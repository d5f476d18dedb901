"""A State's standings, compact and by pages (issue 13): each treaty's entry is the State's row
of that treaty's chart and the route the full profile gives, on any date; a page costs the same
queries however many treaties the registry holds; the detail of one treaty is one entry of the
full profile; and the answers keep to their OpenAPI schemas."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from lanzarote.registry import presenters, selectors
from lanzarote.registry.clauses import forget_stored_clauses
from lanzarote.registry.models import State
from lanzarote.registry.standings import standings_page
from lanzarote.registry.timelines import forget_local
from tests.api.test_openapi import assert_conforms, build_document
from tests.registry.test_reads_at_scale import add_treaties

pytestmark = pytest.mark.django_db

DATES = [date(2007, 10, 24), date(2010, 7, 1), date(2013, 3, 15), date(2024, 6, 30)]


def cold() -> None:
    cache.clear()
    forget_stored_clauses()
    forget_local()


@pytest.mark.parametrize("code", ["FR", "AD", "JP", "TN", "RU"])
def test_each_entry_is_the_profiles_row_and_route(code):
    add_treaties(3)
    cold()
    for as_of in DATES:
        profile = selectors.state_profile(code, as_of=as_of)
        page = standings_page(code, as_of=as_of, offset=0, limit=50)
        assert page.count == len(profile.standings) == 5
        assert [s.treaty.slug for s in page.standings] == sorted(
            s.treaty.slug for s in profile.standings
        )
        full = {s.treaty.slug: s for s in profile.standings}
        for item in page.standings:
            standing = full[item.treaty.slug]
            assert item.position == standing.position, (item.treaty.slug, as_of)
            assert item.eligibility == standing.eligibility, (item.treaty.slug, as_of)
            assert item.warnings == len(standing.warnings)


def test_pages_are_windows_of_the_treaties_in_slug_order():
    add_treaties(4)
    cold()
    every = standings_page("FR", as_of=date(2020, 1, 1), offset=0, limit=50).standings
    first = standings_page("FR", as_of=date(2020, 1, 1), offset=0, limit=2)
    rest = standings_page("FR", as_of=date(2020, 1, 1), offset=2, limit=50)
    assert first.count == rest.count == 6
    assert [s.treaty.slug for s in [*first.standings, *rest.standings]] == [
        s.treaty.slug for s in every
    ]


@pytest.mark.parametrize("treaties", [1, 8])
def test_a_page_costs_the_same_queries_whatever_the_number_of_treaties(
    client, treaties, django_assert_num_queries
):
    add_treaties(treaties)
    cold()
    # The data versions (2), the log's version, the State, the membership periods, the
    # treaties of the page, their stored clauses, their consents (entry into force), the
    # State's events and drafting flags under them, and the number of treaties.
    with django_assert_num_queries(11):
        answer = client.get("/api/v1/states/FR/standings", {"as_of": "2020-01-01"})
    assert answer.status_code == 200
    assert len(answer.json()["treaties"]) == 2 + treaties
    # On another date the courses are cached: the log's version, the State, the treaties of the
    # page and their number.
    with django_assert_num_queries(4):
        client.get("/api/v1/states/FR/standings", {"as_of": "2021-01-01"})


def test_the_answers_keep_to_their_schemas_and_link_the_detail(client, monkeypatch):
    document, _collisions = build_document(monkeypatch)
    page = client.get("/api/v1/states/TN/standings", {"as_of": "2023-05-31", "limit": 1})
    assert_conforms(document, "get", "/api/v1/states/{code}/standings", page)
    data = page.json()
    assert (data["count"], data["offset"], len(data["treaties"])) == (2, 0, 1)
    entry = data["treaties"][0]
    assert (entry["treaty"], entry["status"], entry["route"]) == (
        "cets-201",
        "party",
        "already_party",
    )
    assert entry["detail"] == "/api/v1/states/TN/treaties/cets-201?as_of=2023-05-31"
    detail = client.get(entry["detail"])
    assert_conforms(document, "get", "/api/v1/states/{code}/treaties/{slug}", detail)
    profile = client.get("/api/v1/states/TN", {"as_of": "2023-05-31"}).json()
    assert detail.json() == profile["treaties"]["cets-201"]
    tunisia = State.objects.get(code="TN")
    assert entry == presenters.compact_standing(
        standings_page("TN", as_of=date(2023, 5, 31), offset=0, limit=1).standings[0],
        tunisia,
        detail=entry["detail"],
    )


def test_bad_input_is_refused(client):
    assert client.get("/api/v1/states/ZZ/standings").status_code == 404
    assert client.get("/api/v1/states/TN/standings", {"limit": 0}).status_code == 422
    assert client.get("/api/v1/states/TN/standings", {"as_of": "2023-13-01"}).status_code == 422
    assert client.get("/api/v1/states/TN/treaties/nope").status_code == 404
    assert client.get("/api/v1/states/ZZ/treaties/cets-201").status_code == 404
