"""Per-client rate limits on expensive public endpoints: 429 with Retry-After, in the request's
language, counted per client in the cache."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client, override_settings

from lanzarote.core.http import throttle
from lanzarote.core.http.throttle import parse_rate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):  # type: ignore[no-untyped-def]
    """Calls are counted in fixed windows: on a busy machine three slow map renders could
    straddle the end of a minute and be counted in two windows."""
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: 1_000_000.0))


def test_rates_are_read_as_count_per_period():
    assert parse_rate("20/minute") == (20, 60)
    assert parse_rate("5/hours") == (5, 3600)


@override_settings(LANZAROTE_RATE_LIMITS={"map": "2/minute"})
def test_map_renders_past_the_rate_get_429_with_retry_after_in_the_page_language():
    client = Client(REMOTE_ADDR="198.51.100.1")
    answers = [client.get("/fr/map.svg", {"as_of": "2020-02-01"}) for _ in range(3)]
    assert [a.status_code for a in answers[:2]] == [200, 200]
    refused = answers[2]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "Trop de requêtes" in refused.content.decode()
    # Another client is counted on its own.
    assert Client(REMOTE_ADDR="198.51.100.2").get("/fr/map.svg").status_code == 200


@override_settings(LANZAROTE_RATE_LIMITS={"search": "1/minute"})
def test_the_search_api_answers_429_in_json():
    client = Client()
    assert client.get("/api/v1/monitoring/search", {"q": "sport"}).status_code == 200
    refused = client.get("/api/v1/monitoring/search", {"q": "sport"})
    assert refused.status_code == 429
    assert "Retry-After" in refused
    assert "Too many requests" in refused.json()["detail"]


@override_settings(LANZAROTE_RATE_LIMITS={"map": ""})
def test_an_empty_rate_means_no_limit():
    client = Client()
    assert all(client.get("/en/map.svg").status_code == 200 for _ in range(3))
