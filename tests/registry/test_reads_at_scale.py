"""A treaty's chart and a State's profile cost the same number of queries however many treaties
the registry holds (issue 13: 600 treaties), and the profile, which no longer folds every
treaty's chart, still shows each treaty's chart row for the State."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from lanzarote.registry import selectors
from lanzarote.registry.clauses import forget_stored_clauses
from lanzarote.registry.in_force import in_force_by_treaty
from lanzarote.registry.models import Treaty, TreatyEvent
from lanzarote.registry.timelines import forget_local
from lanzarote.treaty_law import CONVENTION
from tests.registry.factories import treaty_with_stored_clauses

pytestmark = pytest.mark.django_db

DATES = [date(2008, 1, 1), date(2010, 7, 1), date(2013, 3, 15), date(2024, 6, 30)]


def add_treaties(count: int) -> list[Treaty]:
    """`count` treaties that copy the Convention's standing signatures and ratifications, each
    from its own threshold, so they enter into force on different days."""
    copied = [
        event
        for event in selectors.effective_events(Treaty.objects.get(slug=CONVENTION))
        if event.kind in {"signature", "ratification"}
    ]
    treaties = []
    for index in range(count):
        treaty = treaty_with_stored_clauses(f"test-{index:02d}", threshold=2 + 3 * index)
        TreatyEvent.objects.bulk_create(
            TreatyEvent(
                treaty=treaty,
                state_id=event.state_id,
                kind=event.kind,
                date_earliest=event.date_earliest,
                date_latest=event.date_latest,
                date_precision=event.date_precision,
                sources=event.sources,
                confirmed=event.confirmed,
                recorded_at=event.recorded_at,
                recorded_by_label="test",
            )
            for event in copied
        )
        treaties.append(treaty)
    return treaties


def cold() -> None:
    """As a freshly started process after a write: nothing cached, no clauses built."""
    cache.clear()
    forget_stored_clauses()
    forget_local()


@pytest.mark.parametrize("treaties", [1, 8])
def test_a_profile_costs_the_same_queries_whatever_the_number_of_treaties(
    treaties, django_assert_num_queries
):
    add_treaties(treaties)
    cold()
    # The State, the log's version, the membership periods (all, then the State's), the
    # treaties, their dates of entry into force (not cached yet), the State's events, notes
    # and drafting flags.
    with django_assert_num_queries(9):
        profile = selectors.state_profile("FR", as_of=date(2020, 1, 1))
    assert len(profile.standings) == 2 + treaties


@pytest.mark.parametrize("treaties", [1, 8])
def test_the_profile_api_costs_the_same_queries_whatever_the_number_of_treaties(
    client, treaties, django_assert_num_queries
):
    add_treaties(treaties)
    cold()
    # Besides the profile's 9: the data versions that key the page cache (the registry's, the
    # accession cases').
    with django_assert_num_queries(11):
        answer = client.get("/api/v1/states/FR", {"as_of": "2020-01-01"})
    assert answer.status_code == 200
    assert len(answer.json()["treaties"]) == 2 + treaties


@pytest.mark.parametrize("treaties", [1, 8])
def test_a_chart_costs_the_same_queries_whatever_the_number_of_treaties(
    client, treaties, django_assert_num_queries
):
    add_treaties(treaties)
    cold()
    # The data versions (2), the treaty, the log's version, the treaty's events (its timeline),
    # the membership periods and the States.
    with django_assert_num_queries(7):
        answer = client.get("/api/v1/treaties/test-00/chart", {"as_of": "2015-01-01"})
    assert answer.status_code == 200
    assert answer.json()["rows"]
    # On another date: the log's version and the treaty; the chart is read from the timeline,
    # and the States were read for this version already.
    with django_assert_num_queries(2):
        client.get("/api/v1/treaties/test-00/chart", {"as_of": "2016-01-01"})
    # From the shared cache, as another process of the same deployment reads it: no more.
    forget_local()
    with django_assert_num_queries(3):
        client.get("/api/v1/treaties/test-00/chart", {"as_of": "2017-01-01"})


@pytest.mark.parametrize("code", ["FR", "AD", "JP", "TN", "RU"])
def test_the_profile_shows_each_charts_row_for_the_state(code):
    add_treaties(3)
    cold()
    for as_of in DATES:
        profile = selectors.state_profile(code, as_of=as_of)
        for standing in profile.standings:
            view = selectors.chart_view(standing.treaty, as_of=as_of)
            row = next((r for r in view.chart.rows if r.state == code), None)
            if row is not None:
                assert standing.position == row, (standing.treaty.slug, as_of)
            else:
                assert standing.position.signature is None and standing.position.consent is None
            assert standing.warnings == tuple(w for w in view.warnings if w.state == code)


def test_the_cached_entry_into_force_is_the_charts():
    treaties = [*add_treaties(4), *Treaty.objects.filter(slug__in=[CONVENTION, "opsc"])]
    cold()
    version = selectors.registry_version()
    computed = in_force_by_treaty(treaties, version=version, members=selectors.membership())
    for treaty in treaties:
        cache.clear()
        chart = selectors.chart_view(treaty, as_of=date(2024, 1, 1)).chart
        assert computed[treaty.pk] == chart.entry_into_force, treaty.slug
    assert len({str(answer.value) for answer in computed.values()}) > 2
