"""Error answers, the same everywhere: a page in the site's layout for people, JSON under /api/,
in the request's language, never with a traceback.

`error_response` is the one way to answer with an error; `status_for` maps the exceptions Django
and the database raise on bad input to the 4xx they deserve; the `handler*` views are wired in
`lanzarote.urls` for what escapes the views.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.urls import Resolver404
from django.utils import translation
from django.utils.translation import gettext as _

from lanzarote.core.errors import DomainError, ServiceUnavailable, TooManyRequests

logger = logging.getLogger("lanzarote.edge")

API_PREFIX = "/api/"

# The statuses with a page of their own (templates/<status>.html in lanzarote.web).
PAGES = frozenset({400, 403, 404, 413, 429, 500, 503})


def default_detail(status: int) -> str:
    """The sentence shown when nothing more specific is known."""
    details = {
        400: _(
            "The request could not be read: it is malformed or holds characters that are "
            "not allowed."
        ),
        403: _("You are not allowed to do this."),
        404: _("There is no page at this address."),
        413: _("The request is larger than this address accepts."),
        429: _("Too many requests from your connection: please wait a moment and try again."),
        500: _(
            "The page could not be produced because of an error on our side. It has been "
            "logged; please try again in a moment."
        ),
        503: _("The service is temporarily unavailable; please try again in a moment."),
    }
    return details.get(status, details[400] if status < 500 else details[500])


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def request_language(request: HttpRequest) -> str:
    """The language of the page asked for (its /en/ or /fr/ prefix), else what the browser asks."""
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)


def status_for(exception: BaseException) -> int | None:
    """The status a request that raised `exception` deserves, or None for a real server error."""
    if isinstance(exception, DomainError):
        return exception.status
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return 413
    if isinstance(
        exception, MultiPartParserError | BadRequest | SuspiciousOperation | UnreadablePostError
    ):
        return 400
    if isinstance(exception, PermissionDenied):
        return 403
    if isinstance(exception, Http404):
        return 404
    if isinstance(exception, DataError | OverflowError):
        # A value the schema let through but the column cannot hold (too long, a number beyond
        # 64 bits — SQLite's driver raises OverflowError for it, PostgreSQL's a DataError): the
        # transaction is rolled back, nothing is written.
        return 422
    if isinstance(exception, OperationalError | InterfaceError):
        return 503
    return None


def detail_for(exception: BaseException, status: int) -> str:
    if isinstance(exception, DomainError):
        return exception.message
    if status == 422:
        return _("A value is too long or out of range for its field.")
    return default_detail(status)


def retry_after(exception: BaseException | None, status: int) -> int | None:
    if isinstance(exception, TooManyRequests):
        return exception.retry_after
    if status == 503:
        return ServiceUnavailable.retry_after
    return None


def error_response(
    request: HttpRequest,
    status: int,
    detail: str | None = None,
    *,
    exception: BaseException | None = None,
) -> HttpResponse:
    """The answer to a refused or failed request: JSON under /api/, else the page for `status`."""
    with translation.override(request_language(request)):
        text = detail or (
            detail_for(exception, status) if exception is not None else default_detail(status)
        )
        response: HttpResponse
        if is_api(request):
            payload: dict[str, Any] = (
                exception.as_dict()
                if isinstance(exception, DomainError) and detail is None
                else {"detail": text}
            )
            response = JsonResponse(
                payload, status=status, json_dumps_params={"ensure_ascii": False}
            )
        else:
            response = HttpResponse(_render_page(request, status, text), status=status)
    wait = retry_after(exception, status)
    if wait is not None:
        response["Retry-After"] = str(wait)
    return response


def _render_page(request: HttpRequest, status: int, detail: str) -> str:
    if status not in PAGES:
        status = 400 if status < 500 else 500
    template = f"{status}.html"
    context = {"detail": detail, "status": status}
    if status >= 500:
        # Without the request context: an error page must not need the database or the session.
        return loader.render_to_string(template, context)
    return loader.render_to_string(template, context, request=request)


def exception_response(request: HttpRequest, exception: BaseException) -> HttpResponse | None:
    """The error answer for an exception with a known status, or None to let it be a 500."""
    status = status_for(exception)
    if status is None:
        return None
    if status >= 500 or isinstance(exception, SuspiciousOperation):
        logger.warning("%s %s refused with %s: %r", request.method, request.path, status, exception)
    return error_response(request, status, exception=exception)


# -- handlers wired in lanzarote.urls --------------------------------------------------------------


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    status = status_for(exception) if exception is not None else None
    return error_response(request, status or 400, exception=exception)


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    # A view's own sentence ("No State has the code ZZ.") is kept; the resolver's is not for people.
    message = exception.args[0] if exception is not None and exception.args else None
    if isinstance(exception, Resolver404) or not isinstance(message, str):
        message = None
    return error_response(request, 404, message)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while it handles the exception, wherever it was raised (a middleware
    # reading the session when the database is down, too): a known cause keeps its status.
    exception = sys.exception()
    status = status_for(exception) if exception is not None else None
    if status is not None and status >= 500:
        return error_response(request, status, exception=exception)
    return error_response(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(
        request,
        403,
        _(
            "The form could not be accepted because its security token is missing or out of "
            "date. Go back, reload the page and try again."
        ),
    )
