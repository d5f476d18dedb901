"""What the monitoring endpoints share: error documentation, the person asking, and the records
named in a path or a body."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from lanzarote.accounts.auth import API_AUTH, READ_AUTH
from lanzarote.committee import selectors as committee
from lanzarote.committee.models import Meeting
from lanzarote.core.api import ERRORS, Endpoints
from lanzarote.core.audit import Actor
from lanzarote.core.errors import InvalidInput, NotFound
from lanzarote.core.http.access import OPTIONAL_SECURITY, require_reader
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import Round
from lanzarote.monitoring.schemas import ErrorOut
from lanzarote.treaty_law import KnownDate

__all__ = ["ERRORS", "OPTIONAL_SECURITY", "READ_AUTH", "require_reader"]

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def endpoints(router: Router) -> Endpoints:
    """The router's endpoints: reads public (a Party's own drafts when signed in), writes signed in."""
    return Endpoints(router, write_auth=API_AUTH, read_auth=READ_AUTH, read_errors=READ_ERRORS)


def user_of(request: HttpRequest) -> Any:
    return getattr(request, "user", None)


def actor(request: HttpRequest) -> Actor:
    return Actor(user=user_of(request))


def round_of(slug: str) -> Round:
    return selectors.round_get(slug)


def meeting_of(number: int | None) -> Meeting | None:
    """The Committee meeting a body names by number (none when it names none)."""
    if number is None:
        return None
    try:
        return committee.meeting_get(number)
    except NotFound:
        raise NotFound(f"No meeting number {number} is recorded.") from None


def known_of(text: str, field: str) -> KnownDate:
    try:
        return KnownDate.parse(text)
    except ValueError as error:
        raise InvalidInput(str(error), field=field) from None
