"""Who a client is (its real address behind the trusted proxies) and how often it may call the
expensive public endpoints.

Rates are per client and per scope (`LANZAROTE_RATE_LIMITS`, e.g. `"pdf": "20/minute"`); the
routes that count are listed by URL name in `LANZAROTE_RATE_LIMITED_VIEWS` and checked by the
edge middleware. Calls are counted in fixed windows in a cache (`LANZAROTE_RATE_LIMIT_CACHE`):
the local-memory cache counts per worker, a shared Redis cache for the whole site. A client over
its rate gets 429 with `Retry-After`, in its language.
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lanzarote.core.errors import TooManyRequests

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer's, or — only when `TRUSTED_PROXY_COUNT` proxies are
    configured in front of the application — the address the outermost trusted proxy saw,
    read from the right of `X-Forwarded-For` so that a client cannot choose its own."""
    peer = str(request.META.get("REMOTE_ADDR") or "")
    trusted = int(settings.TRUSTED_PROXY_COUNT)
    if trusted <= 0:
        return peer
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return peer
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def client_key(request: HttpRequest) -> str:
    """Signed-in people are counted per account, everyone else per address."""
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return f"addr:{client_address(request)}"


def parse_rate(rate: str) -> tuple[int, int]:
    """`"20/minute"` → (20, 60)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip().rstrip("s")]


def check_rate(request: HttpRequest, scope: str) -> None:
    """Count one call of `scope` by this client; raise `TooManyRequests` past the rate."""
    rate = settings.LANZAROTE_RATE_LIMITS.get(scope)
    if not rate:
        return
    allowed, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    key = f"rate:{scope}:{client_key(request)}:{window}"
    cache = caches[settings.LANZAROTE_RATE_LIMIT_CACHE]
    cache.add(key, 0, timeout=period + 1)
    try:
        calls = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this call as the first
        cache.set(key, 1, timeout=period + 1)
        calls = 1
    if calls > allowed:
        wait = max(1, int((window + 1) * period - now) + 1)
        raise TooManyRequests(
            _(
                "Too many requests of this kind from your connection (at most %(count)s per "
                "%(period)s). Try again in %(wait)s seconds."
            )
            % {"count": allowed, "period": _period_name(period), "wait": wait},
            retry_after=wait,
        )


def _period_name(seconds: int) -> str:
    names = {
        1: pgettext("rate limit period", "second"),
        60: pgettext("rate limit period", "minute"),
        3600: pgettext("rate limit period", "hour"),
        86400: pgettext("rate limit period", "day"),
    }
    return names[seconds]
