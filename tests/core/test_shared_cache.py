"""The shared Redis cache (REDIS_URL): what one instance caches every other reads; with Redis
down, pages, rate limits and sessions keep working from the database."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.test import Client, override_settings

from lanzarote.accounts.models import User
from lanzarote.core.cache import TolerantRedisCache
from lanzarote.core.roles import Role

pytestmark = pytest.mark.django_db

# Nothing listens on port 1 of the loopback: every connection is refused at once.
REDIS_DOWN = "redis://127.0.0.1:1/0"
REDIS_UP = "redis://127.0.0.1:6379/5"


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def redis_settings(location: str) -> dict:
    # A prefix of its own: test processes share the Redis database and never clear it (a clear
    # would wipe another process's counters).
    return {
        "default": {
            "BACKEND": "lanzarote.core.cache.TolerantRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"lz-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


def test_a_cache_that_does_not_answer_is_a_miss_not_an_error(caplog):
    cache = TolerantRedisCache(REDIS_DOWN, {})
    cache.set("key", "value")
    assert cache.get("key", "fallback") == "fallback"
    assert cache.add("key", 1) is True  # a lock taken with `add` never waits on it
    assert cache.incr("counter") == 0
    assert cache.get_many(["a", "b"]) == {}
    assert cache.ping() is False
    # Logged once, then the circuit breaker spares Redis (and the request) for a few seconds.
    assert sum("did not answer" in record.getMessage() for record in caplog.records) == 1
    assert not cache.available


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_two_instances_share_what_they_cache():
    prefix = {"KEY_PREFIX": f"lz-test-{uuid.uuid4().hex}"}
    first = TolerantRedisCache(REDIS_UP, prefix)
    second = TolerantRedisCache(REDIS_UP, prefix)
    first.set("chart:cets-201", {"parties": 48}, timeout=60)
    assert second.get("chart:cets-201") == {"parties": 48}
    with pytest.raises(ValueError, match="not found"):
        second.incr("missing")  # as every cache reports a missing counter
    assert second.ping() is True
    first.delete("chart:cets-201")


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
# Per hour: three renders on a busy machine must not straddle the counting window.
@override_settings(CACHES=redis_settings(REDIS_UP), LANZAROTE_RATE_LIMITS={"map": "2/hour"})
def test_rate_limits_count_for_the_whole_site_on_redis():
    # A fresh client each time, as if each call reached another instance: one counter in Redis.
    statuses = [Client(REMOTE_ADDR="198.51.100.7").get("/en/map.svg").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(
    CACHES=redis_settings(REDIS_DOWN),
    SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    LANZAROTE_RATE_LIMITS={"map": "1/minute"},
)
def test_with_redis_down_the_site_serves_signs_in_and_does_not_throttle():
    assert Client().get("/en/treaties/cets-201/chart/?as_of=2023-05-31").status_code == 200
    assert Client().get("/api/v1/treaties/cets-201/chart?as_of=2023-05-31").status_code == 200
    # No counter: nobody is refused, rather than everybody.
    assert [Client().get("/en/map.svg").status_code for _ in range(2)] == [200, 200]
    # Sessions live in the database too: signing in and staying signed in still work.
    User.objects.create_user("office", password="a long passphrase", role=Role.TREATY_OFFICE)
    client = Client()
    signed_in = client.post(
        "/en/accounts/login/", {"login": "office", "password": "a long passphrase"}
    )
    assert signed_in.status_code == 302
    assert client.get("/api/v1/health").json()["checks"]["cache"]["status"] == "degraded"
    page = client.get("/en/")
    assert 'action="/en/accounts/logout/"' in page.content.decode()
