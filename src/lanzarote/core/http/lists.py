"""Bounded lists in the API: every list endpoint takes `offset` and `limit` within bounds (a
value out of them is refused with 422 before any query runs) and answers the window asked.

    @router.get("/things", response=list[ThingOut])
    def things(request, window: Query[ListWindow]):
        return window.apply(selectors.thing_list())
"""

from __future__ import annotations

from collections.abc import Sequence

from ninja import Field, Schema

MAX_OFFSET = 1_000_000
MAX_LIMIT = 1000
DEFAULT_LIMIT = 500


class ListWindow(Schema):
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many rows to skip")
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"How many rows at most (≤ {MAX_LIMIT})"
    )

    def apply[T](self, rows: Sequence[T]) -> list[T]:
        return list(rows[self.offset : self.offset + self.limit])
