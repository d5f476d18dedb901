"""The shared cache on Redis, and a site that keeps serving when Redis does not answer.

Every instance behind the load balancer shares one Redis (`REDIS_URL`): derived views, rendered
pages, rate-limit counters and cached sessions. The cache only ever saves work, the database
holds every fact, so a Redis that is down or slow must cost speed, never a page:
`TolerantRedisCache` answers a failed read as a miss and a failed write as done, logs the first
failure, and then leaves Redis alone for `RETRY_AFTER` seconds (a circuit breaker) so that a
hung server does not add its timeout to every cache call of every request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("lanzarote.cache")

RETRY_AFTER = 5.0


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, whose failures are a miss (reads), done (writes) and 0 (counters)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _guarded[T](self, operation: Callable[[], T], fallback: T, what: str) -> T:
        if not self.available:
            return fallback
        try:
            return operation()
        except Exception as error:  # the client raises its own errors and OSError alike
            if isinstance(error, ValueError) and what == "incr":
                raise  # a missing key, as every cache backend reports it
            with self._lock:
                first = self.available
                self._down_until = time.monotonic() + RETRY_AFTER
            if first:
                logger.warning(
                    "The shared cache did not answer (%s: %r); serving from the database for "
                    "the next %.0f seconds.",
                    what,
                    error,
                    RETRY_AFTER,
                )
            return fallback

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        # Reported as added: a lock taken with `add` (allauth's rate limits take one) must not
        # wait for a cache that is not there.
        return self._guarded(
            lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), True, "add"
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guarded(
            lambda: super(TolerantRedisCache, self).get(key, default, version), default, "get"
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._guarded(
            lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None, "set"
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._guarded(
            lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False, "touch"
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._guarded(
            lambda: super(TolerantRedisCache, self).delete(key, version), False, "delete"
        )

    def get_many(self, keys: Iterable[Any], version: Any = None) -> dict[Any, Any]:
        return self._guarded(
            lambda: super(TolerantRedisCache, self).get_many(keys, version), {}, "get_many"
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._guarded(
            lambda: super(TolerantRedisCache, self).has_key(key, version), False, "has_key"
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        # 0 lets a rate-limited call through: with no counters, no client is refused.
        return self._guarded(
            lambda: super(TolerantRedisCache, self).incr(key, delta, version), 0, "incr"
        )

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        return self._guarded(
            lambda: super(TolerantRedisCache, self).set_many(data, timeout, version),
            list(data),
            "set_many",
        )

    def delete_many(self, keys: Iterable[Any], version: Any = None) -> None:
        self._guarded(
            lambda: super(TolerantRedisCache, self).delete_many(keys, version), None, "delete_many"
        )

    def clear(self) -> None:
        self._guarded(lambda: super(TolerantRedisCache, self).clear(), None, "clear")

    def ping(self) -> bool:
        """Whether Redis answers now (the health check asks, whatever the circuit breaker says)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except Exception:
            return False
