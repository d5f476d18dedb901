"""Parsing dates given by people (query strings, command-line options) with a specific message."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from lanzarote.core.errors import InvalidInput


def parse_iso_date(value: str | None, *, field: str) -> date:
    """A required date, or today when none is given (`as_of` parameters)."""
    if value in (None, ""):
        return timezone.localdate()
    return _parse(value, field=field)


def parse_required_date(value: str | None, *, field: str) -> date:
    """A date the caller must give (a deposit, a receipt)."""
    if value in (None, ""):
        raise InvalidInput(f"{field} is required (YYYY-MM-DD).", field=field)
    return _parse(value, field=field)


def _parse(value: str, *, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{field} must be a date in ISO 8601 form (YYYY-MM-DD); got {value!r}.", field=field
        ) from None


def parse_known_on(value: str | None) -> datetime | None:
    """A recorded-time cut-off: an ISO date means the end of that day, a date-time is taken as is."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"known_on must be an ISO 8601 date or date-time; got {value!r}.", field="known_on"
        ) from None
    if len(value) == 10:
        parsed = datetime.combine(parsed.date(), time.max)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
