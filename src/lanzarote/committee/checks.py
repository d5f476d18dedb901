"""Checks the Committee's services and its observer workflow share: the permissions they need
and the days of a meeting."""

from __future__ import annotations

from datetime import date
from typing import Any

from lanzarote.committee.models import Meeting
from lanzarote.core.audit import Actor
from lanzarote.core.errors import InvalidInput
from lanzarote.core.permissions import require
from lanzarote.treaty_law import KnownDate

MANAGE = "committee.manage"
RECORD_VOTE = "committee.record_vote"


def authorised(user: Any, permission: str = MANAGE) -> Actor:
    """The actor for `user`, once the permission is checked (before any rule is looked at)."""
    require(user, permission)
    return Actor(user=user)


def outside_meeting(meeting: Meeting, day: date) -> str | None:
    """Why `day` is not a day of `meeting`, or None when it is."""
    if meeting.covers(day):
        return None
    return (
        f"{day.isoformat()} is not a day of the {meeting.number}th meeting "
        f"({meeting.start_date.isoformat()} to {meeting.end_date.isoformat()})."
    )


def within_meeting(meeting: Meeting, day: date, *, field: str) -> None:
    problem = outside_meeting(meeting, day)
    if problem:
        raise InvalidInput(problem, field=field)


def known_within_meeting(meeting: Meeting, known: KnownDate, *, field: str) -> None:
    if known.is_exact and known.value is not None:
        within_meeting(meeting, known.value, field=field)
