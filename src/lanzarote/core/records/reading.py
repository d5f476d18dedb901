"""Reading records: `one` finds a row or says it is not there, and `ReadsThrough` lets a row that
selectors return around a record read as that record.

Rows that selectors return around a record: a Bureau term with whether it certainly holds on
the day, a meeting with its agenda and decisions. `ReadsThrough` lets such a row read as the
record it wraps, so one schema (or template) serves the record and the row alike.

    @dataclass(frozen=True)
    class BureauRow(ReadsThrough):
        through: ClassVar[str] = "term"
        term: BureauTerm
        certain: bool

    row.person_name  # the term's
    row.certain      # the row's own
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import QuerySet

from lanzarote.core.errors import NotFound


class ReadsThrough:
    """Attributes the row does not have are read from the attribute named by `through`."""

    through: ClassVar[str]

    def __getattr__(self, name: str) -> Any:
        # Private and special names are never delegated: copying and unpickling look them up
        # before the row's own attributes exist.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(object.__getattribute__(self, self.through), name)


def one[M: models.Model](queryset: QuerySet[M], *, missing: str, **lookup: Any) -> M:
    """The row of `queryset` matching `lookup`, or `NotFound(missing)` (a page answers 404): also
    for a lookup value of the wrong type ("x" for a number)."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise NotFound(missing) from None
