"""HTTP caching and compression of public responses (docs/adr/0007-http-caching-and-compression.md).

`public_cache(*domains)` wraps a view (a page or an API read) whose answer depends only on the
URL, the language, today's date and the data of `domains` (`lanzarote.core.versions`). For an
anonymous GET it:
- answers 304 to an `If-None-Match` that holds the current ETag, without rendering anything;
- serves the response from the cache when it has been rendered once for the same key — already
  compressed in gzip and brotli, with no query;
- otherwise calls the view and keeps its 200 answer, unless that answer set a cookie, used the
  CSRF token or chose its own Cache-Control: then it is a personal answer and is sent as is.
The ETag and the cache key are the same digest of (path, sorted query, language, date, htmx
request or not, data versions), so a new event changes both at once.

A new event changes every key at once, so the next requests for a popular page all miss
together. Only one of them renders it (the one that takes the page's lock with `cache.add`,
which locmem and Redis both do atomically); the others serve the answer rendered under the
previous versions while it is being rendered, or, when there is none, wait briefly for the new
one. A renderer that fails or gives an answer that is not kept releases the lock, and the others
then render for themselves: the lock saves work, it never withholds a page.

A request is personal when it carries the session cookie, the messages cookie or an
Authorization header: it is never answered from the cache nor stored, and gets `private,
no-store` (`CachingMiddleware`). Anonymous visitors of public pages carry none of these.

`CachingMiddleware` also compresses the large text answers that were not served from the cache,
but only those that cannot carry a secret: never for a personal request, never an answer that
sets a cookie or holds a CSRF token (BREACH: a compressed response that reflects attacker input
next to a secret leaks the secret through its length).
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from lanzarote.core import versions

try:  # brotli is a dependency; without it (a bare install) gzip alone is offered
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

# Browsers and proxies may keep a public answer one minute without asking again, then use it for
# ten more while they revalidate in the background (a 304 costs no rendering). A new event thus
# reaches every visitor within about a minute; the registry changes a few times a month.
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600"
PERSONAL_CACHE_CONTROL = "private, no-store"
# Rendered answers are kept as long as their versions hold; this only bounds memory.
STORE_SECONDS = 60 * 60
# Larger answers (a full open-data dump) are served but not kept: they would crowd the cache.
STORE_MAX_BYTES = 2 * 1024 * 1024
# Below this, compression saves less than the headers it adds.
COMPRESS_MIN_BYTES = 1024
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
# The page's render lock: held while one request renders, released as soon as it is done. Its
# expiry only bounds a renderer that died holding it.
LOCK_SECONDS = 30
# How long a request that found the page being rendered waits for it before rendering it too.
WAIT_SECONDS = 5.0
FIRST_POLL_SECONDS = 0.01
LAST_POLL_SECONDS = 0.1
# A copy rendered under older versions, served only while the new one is being rendered:
# browsers and proxies must ask again at once.
STALE_CACHE_CONTROL = "public, max-age=0, must-revalidate"
CSRF_FIELD = b"csrfmiddlewaretoken"
_REBUILT = {"content-length", "etag", "content-encoding"}


def is_personal(request: HttpRequest) -> bool:
    """Whether the request may be answered with anything that belongs to one person. Read from
    the cookies and headers only, so that an anonymous request never loads a session."""
    cookies = request.COOKIES
    return bool(
        request.headers.get("Authorization")
        or settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    )


def accepted_encodings(request: HttpRequest) -> set[str]:
    accepted = set()
    for item in request.headers.get("Accept-Encoding", "").split(","):
        name, _sep, params = item.strip().partition(";")
        quality = params.replace(" ", "").removeprefix("q=")
        if name and quality not in ("0", "0.0", "0.00", "0.000"):
            accepted.add(name.lower())
    return accepted


def _compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE_TYPES)


def _compressed(body: bytes) -> dict[str, bytes]:
    bodies = {"gzip": gzip.compress(body, compresslevel=6, mtime=0)}
    if brotli is not None:
        bodies["br"] = brotli.compress(body, quality=6)
    return bodies


def _page(request: HttpRequest) -> list[str]:
    """What names the page whatever the data: the same page under other versions is its
    previous state."""
    query = sorted((key, value) for key, values in request.GET.lists() for value in values)
    return [
        request.path,
        repr(query),
        get_language() or "",
        timezone.localdate().isoformat(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]


def _hash(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _digest(request: HttpRequest, domains: tuple[str, ...], extra: str = "") -> str:
    return _hash([*_page(request), versions.tokens(*domains), extra])


def _etag(digest: str, encoding: str) -> str:
    # Each encoding is its own representation, so each has its own strong ETag.
    return f'"{digest}"' if encoding == "identity" else f'"{digest}-{encoding}"'


def _matching_tag(request: HttpRequest, digest: str) -> str | None:
    """The tag of `If-None-Match` that names this digest in any encoding, if one does."""
    for tag in request.headers.get("If-None-Match", "").split(","):
        tag = tag.strip().removeprefix("W/")
        if tag.strip('"').split("-", 1)[0] == digest:
            return tag
    return None


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not response.has_header("Content-Encoding")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A view that started a session for this visitor (an anonymous self-assessment) made
        # the answer theirs; the cookie itself is only set after the view returns.
        and not getattr(getattr(request, "session", None), "modified", False)
        and len(response.content) <= STORE_MAX_BYTES
    )


def _entry(response: HttpResponse) -> dict[str, Any]:
    body = response.content
    # Every header the view set (Content-Type, Content-Disposition, Vary, Link, …); the ones
    # the middleware adds after the view are added to each hit the same way.
    headers = {name: value for name, value in response.items() if name.lower() not in _REBUILT}
    if _compressible(response.get("Content-Type", "")) and len(body) >= COMPRESS_MIN_BYTES:
        # The identity body is not kept: few clients ask for it and gzip gives it back.
        return {"headers": headers, "bodies": _compressed(body)}
    return {"headers": headers, "bodies": {"identity": body}}


def _choose(bodies: dict[str, bytes], accepted: set[str]) -> tuple[str, bytes]:
    for encoding in ("br", "gzip", "identity"):
        if encoding in bodies and (encoding == "identity" or encoding in accepted):
            return encoding, bodies[encoding]
    return "identity", gzip.decompress(bodies["gzip"])


def _public_headers(response: HttpResponseBase, *, vary_on_cookie: bool) -> None:
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    # Pages show who is signed in, so they differ by cookie; API reads do not.
    patch_vary_headers(response, ["Accept-Encoding", *(["Cookie"] if vary_on_cookie else [])])


def _from_entry(entry: dict[str, Any], request: HttpRequest, digest: str) -> HttpResponse:
    encoding, body = _choose(entry["bodies"], accepted_encodings(request))
    response = HttpResponse(body)
    for name, value in entry["headers"].items():
        response[name] = value
    if encoding != "identity":
        response["Content-Encoding"] = encoding
    response["ETag"] = _etag(digest, encoding)
    return response


def public_cache(
    *domains: str, vary_on_cookie: bool = True, configuration: Callable[[], str] | None = None
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Cache the anonymous answers of a view under `domains`' versions (see the module).
    `configuration` names what else the answer shows, read from the settings rather than the
    data (the contacts), so that a changed setting is a new key."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method not in ("GET", "HEAD") or is_personal(request):
                return view(request, *args, **kwargs)
            digest = _digest(request, domains, configuration() if configuration else "")
            tag = _matching_tag(request, digest)
            if tag is not None:
                response: HttpResponseBase = HttpResponseNotModified()
                response["ETag"] = tag
                _public_headers(response, vary_on_cookie=vary_on_cookie)
                return response
            entry = cache.get(f"page:{digest}")
            stale = False
            if entry is None:
                entry, shown, rendered = _fill(
                    request, digest, lambda: view(request, *args, **kwargs)
                )
                if entry is None:
                    return rendered  # type: ignore[return-value]
                stale, digest = shown != digest, shown
            response = _from_entry(entry, request, digest)
            _public_headers(response, vary_on_cookie=vary_on_cookie)
            if stale:
                response["Cache-Control"] = STALE_CACHE_CONTROL
            return response

        return wrapper

    return decorate


def _fill(
    request: HttpRequest, digest: str, render: Callable[[], HttpResponseBase]
) -> tuple[dict[str, Any] | None, str, HttpResponseBase | None]:
    """The entry to serve for a page missing from the cache, and the digest it was rendered
    under; or no entry and the view's own answer when that answer may not be kept.

    One request renders while holding the page's lock; the others serve the previous state of
    the page if the cache still has it, else wait for the new one (see the module)."""
    page = f"page-latest:{_hash(_page(request))}"
    lock = f"page-lock:{digest}"
    owner = cache.add(lock, 1, LOCK_SECONDS)
    if not owner:
        previous = cache.get(page)
        entry = cache.get(f"page:{previous}") if previous and previous != digest else None
        if entry is not None:
            return entry, previous, None
        entry = _wait_for(f"page:{digest}", lock)
        if entry is not None:
            return entry, digest, None
    try:
        rendered = render()
        if not _storable(request, rendered):
            return None, digest, rendered
        entry = _entry(rendered)  # type: ignore[arg-type]
        cache.set(f"page:{digest}", entry, STORE_SECONDS)
        cache.set(page, digest, STORE_SECONDS)
        return entry, digest, None
    finally:
        if owner:
            cache.delete(lock)


def _wait_for(key: str, lock: str) -> dict[str, Any] | None:
    """The entry under `key` once the lock's holder has stored it; None when the holder let go
    without storing one or takes longer than `WAIT_SECONDS`."""
    deadline = time.monotonic() + WAIT_SECONDS
    pause = FIRST_POLL_SECONDS
    while time.monotonic() < deadline:
        time.sleep(pause)
        entry = cache.get(key)
        if entry is not None:
            return entry
        if cache.get(lock) is None:
            return cache.get(key)
        pause = min(pause * 2, LAST_POLL_SECONDS)
    return None


def _carries_secret(request: HttpRequest, response: HttpResponse) -> bool:
    return bool(
        is_personal(request)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or CSRF_FIELD in response.content
    )


def _compress_in_place(request: HttpRequest, response: HttpResponseBase) -> None:
    if (
        not isinstance(response, HttpResponse)
        or response.streaming
        or response.has_header("Content-Encoding")
        or len(response.content) < COMPRESS_MIN_BYTES
        or not _compressible(response.get("Content-Type", ""))
        or _carries_secret(request, response)
    ):
        return
    accepted = accepted_encodings(request)
    if "br" in accepted and brotli is not None:
        encoding, body = "br", brotli.compress(response.content, quality=4)
    elif "gzip" in accepted:
        encoding, body = "gzip", gzip.compress(response.content, compresslevel=6, mtime=0)
    else:
        return
    patch_vary_headers(response, ["Accept-Encoding"])
    if len(body) >= len(response.content):
        return
    response.content = body
    response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    if response.has_header("ETag"):
        # The compressed bytes differ from those the view's ETag named.
        response["ETag"] = _etag(response["ETag"].strip('"'), encoding)


class CachingMiddleware:
    """Placed above the session, CSRF and messages middleware, so that it sees the cookies they
    set: personal answers get `private, no-store`, other large text answers are compressed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response  # whitenoise's own headers and pre-compressed files
        if (is_personal(request) or response.cookies) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = PERSONAL_CACHE_CONTROL
        _compress_in_place(request, response)
        return response
