"""Parsing dates given by people (query strings, command-line options) with a specific message,
and the range of dates and years the product accepts at its edge.

The Convention was opened for signature in 2007 and the oldest fact the registry holds is a
State's creation or membership in the twentieth century; nothing is planned beyond a few decades.
A year or date far outside 1900–2200 is a typing error or a probe, and letting it through made
the date arithmetic (three months after 9999-12-31) overflow into a 500.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator

from lanzarote.core.errors import InvalidInput

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def year_out_of_range(year: int) -> str | None:
    """Why a year is refused at the edge, or None when it is within the accepted range."""
    if EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    return _("must be a year from %(earliest)s to %(latest)s; got %(year)s") % {
        "earliest": EARLIEST_YEAR,
        "latest": LATEST_YEAR,
        "year": year,
    }


def date_out_of_range(value: date) -> str | None:
    """Why a date (or date-time) is refused at the edge, or None."""
    return year_out_of_range(value.year)


def _within_range(value: date) -> date:
    problem = date_out_of_range(value)
    if problem:
        raise ValueError(problem)
    return value


# A date parameter of an API operation (`as_of: BoundedDate | None = None`): 422 outside the range.
BoundedDate = Annotated[date, AfterValidator(_within_range)]


def check_year(year: int, *, field: str) -> int:
    """A year given by a client (`?year=`), refused with a 422 naming the field when absurd."""
    problem = year_out_of_range(year)
    if problem:
        raise InvalidInput(f"{field} {problem}.", field=field)
    return year


def check_date(value: date, *, field: str) -> date:
    """A date given by a client, refused with a 422 naming the field when outside the range."""
    problem = date_out_of_range(value)
    if problem:
        raise InvalidInput(f"{field} {problem}.", field=field)
    return value


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
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{field} must be a date in ISO 8601 form (YYYY-MM-DD); got {value!r}.", field=field
        ) from None
    return check_date(parsed, field=field)


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
    check_date(parsed, field="known_on")
    if len(value) == 10:
        parsed = datetime.combine(parsed.date(), time.max)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
