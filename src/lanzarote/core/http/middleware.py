"""The edge: what every request goes through before the application spends anything on it.

`StreamingLimits` wraps the WSGI application (see `lanzarote.wsgi`): it counts the body as it is
read, and reads a chunked body — which Django would otherwise ignore — into a bounded spool.
`EdgeMiddleware` comes first among Django's middleware: it refuses NUL bytes in the path, the
query and the headers (400), a multipart body without a boundary (400), a declared length over
the route's cap (413) — before the session, the user or any permission is looked at — and turns
the exceptions that mean "bad input" into their 4xx page instead of a 500. Once the URL is
resolved it applies the route's own body cap and rate limit (`LANZAROTE_UPLOAD_LIMITS`,
`LANZAROTE_RATE_LIMITED_VIEWS`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from lanzarote.core.errors import PayloadTooLarge, TooManyRequests
from lanzarote.core.http.errors import error_response, exception_response, request_language
from lanzarote.core.http.limits import (
    CountingInput,
    body_limit,
    body_limit_largest,
    spool_chunked_body,
    too_large,
)
from lanzarote.core.http.throttle import check_rate

# Set on the WSGI environ by StreamingLimits when a chunked body went over every route's cap.
REFUSED_BODY = "lanzarote.refused_body_limit"

_NUL_IN_QUERY = re.compile(r"%00|\x00")


class StreamingLimits:
    """WSGI middleware: no body is ever read beyond the largest cap of any route."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        stream = environ.get("wsgi.input")
        limit = body_limit_largest()
        if stream is not None:
            chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
            if chunked and not environ.get("CONTENT_LENGTH"):
                try:
                    spool, length = spool_chunked_body(stream, limit)
                except PayloadTooLarge:
                    environ[REFUSED_BODY] = limit
                    environ["wsgi.input"] = io.BytesIO()
                    environ["CONTENT_LENGTH"] = "0"
                else:
                    environ["wsgi.input"] = spool
                    environ["CONTENT_LENGTH"] = str(length)
            else:
                environ["wsgi.input"] = CountingInput(stream, limit)
        return self.application(environ, start_response)


def _declared_length(request: HttpRequest) -> int | None:
    """The Content-Length as an integer; None when absent. A malformed one raises ValueError."""
    raw = request.META.get("CONTENT_LENGTH")
    if raw in (None, ""):
        return None
    length = int(str(raw))
    if length < 0:
        raise ValueError(raw)
    return length


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path_info or _NUL_IN_QUERY.search(request.META.get("QUERY_STRING", "")):
        return True
    return any(
        "\x00" in str(value)
        for key, value in request.META.items()
        if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")
    )


def _multipart_without_boundary(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    if not content_type.startswith("multipart/"):
        return False
    return not (request.content_params or {}).get("boundary")


class EdgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Before LocaleMiddleware: the refusal is worded in the language the request asks for.
        with translation.override(request_language(request)):
            refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        if _has_nul(request):
            return error_response(
                request,
                400,
                _(
                    "The address, the query or a header holds a NUL character, which is not allowed."
                ),
            )
        if REFUSED_BODY in request.META:
            return error_response(request, 413, exception=too_large(request.META[REFUSED_BODY]))
        try:
            length = _declared_length(request)
        except ValueError:
            return error_response(request, 400, _("The Content-Length header is not a number."))
        largest = body_limit_largest()
        if length is not None and length > largest:
            return error_response(request, 413, exception=too_large(largest))
        if _multipart_without_boundary(request):
            return error_response(
                request, 400, _("The multipart body has no boundary: it cannot be read.")
            )
        return None

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        """The route's own cap and rate, now that the URL is resolved: still before the body is
        read and before the view looks at anything."""
        match = request.resolver_match
        view_name = match.view_name if match is not None else None
        limit = body_limit(view_name)
        length = _declared_length(request)
        if length is not None and length > limit:
            return error_response(request, 413, exception=too_large(limit))
        scope = settings.LANZAROTE_RATE_LIMITED_VIEWS.get(view_name or "")
        if scope:
            try:
                check_rate(request, scope)
            except TooManyRequests as refusal:
                return error_response(request, 429, exception=refusal)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404 | PermissionDenied):
            return None  # Django's handlers (lanzarote.urls) keep the view's own sentence
        return exception_response(request, exception)
