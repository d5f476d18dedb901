"""Anonymous answers kept in the visitor's browser, never on the server.

The answers are signed (so that a browser cannot hand the report something the interview never
checked) and compressed, then split over a few cookies, because a browser keeps at most about
4 KB in one cookie. They are session cookies: the browser drops them when it closes, and the
"remove my answers" button expires them at once. The server only reads them for the request it
answers; nothing about them reaches the database or the session store.

Every byte of these cookies travels with each request, so their total is bounded
(`MAX_COOKIES` × `COOKIE_BYTES`): answers that would not fit are refused with a 413 that says
why, rather than cut. The Cookie header then stays under gunicorn's
`limit_request_field_size` (lanzarote/gunicorn_config.py) and the proxy's header buffers
(docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lanzarote.core.errors import PayloadTooLarge

COOKIE_NAME = "lz_readiness"
SALT = "lanzarote.readiness.browser_store"
# A browser keeps 4096 bytes of name and value per cookie; this leaves room for the name.
COOKIE_BYTES = 3800
MAX_COOKIES = 5
MAX_BYTES = COOKIE_BYTES * MAX_COOKIES


def _name(index: int) -> str:
    return f"{COOKIE_NAME}_{index}"


def _pieces(request: HttpRequest) -> list[str]:
    pieces = []
    for index in range(MAX_COOKIES):
        piece = request.COOKIES.get(_name(index))
        if piece is None:
            break
        pieces.append(piece)
    return pieces


def read(request: HttpRequest) -> dict[str, Any] | None:
    """The answers this browser holds, or None when it holds none (or altered ones, which are
    ignored as if absent)."""
    pieces = _pieces(request)
    if not pieces:
        return None
    try:
        data = signing.loads("".join(pieces), salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    return data


def encode(data: dict[str, Any]) -> list[str]:
    """The cookie values that carry `data`; PayloadTooLarge if they would exceed the budget."""
    value = signing.dumps(data, salt=SALT, compress=True)
    if len(value) > MAX_BYTES:
        raise PayloadTooLarge(
            _(
                "Your answers no longer fit in this browser. Anonymous answers are kept only "
                "in your browser's cookies, which hold about %(limit)s KB of compressed text; "
                "these would need %(size)s KB. Shorten some notes or evidence, or export your "
                "answers and import them into an assessment of your State's team."
            )
            % {"limit": MAX_BYTES // 1000, "size": -(-len(value) // 1000)}
        )
    return [value[start : start + COOKIE_BYTES] for start in range(0, len(value), COOKIE_BYTES)]


def _set(response: HttpResponse, index: int, value: str) -> None:
    response.set_cookie(
        _name(index),
        value,
        # No max_age: a session cookie, gone when the browser closes.
        path="/",  # both /en/ and /fr/ pages read the same answers
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def write(request: HttpRequest, response: HttpResponse, data: dict[str, Any]) -> None:
    values = encode(data)
    for index, value in enumerate(values):
        _set(response, index, value)
    # Pieces of a longer earlier version would be read as part of this one.
    for index in range(len(values), MAX_COOKIES):
        if _name(index) in request.COOKIES:
            response.delete_cookie(_name(index), path="/", samesite="Lax")


def forget(request: HttpRequest, response: HttpResponse) -> None:
    for index in range(MAX_COOKIES):
        if _name(index) in request.COOKIES:
            response.delete_cookie(_name(index), path="/", samesite="Lax")
