"""The API's shared schema pieces: the strict base every request schema derives from, the one
error shape, and the bounded pagination every list endpoint uses.

Plain lists take `core.http.lists.ListWindow`; paginated ones (`@paginate`) get
`BoundedPagination`, the project's NINJA_PAGINATION_CLASS, with the same bounds.

A request schema that silently dropped unknown fields let a client believe a misspelt field was
taken into account, and one that passed them on (`**payload`) handed arbitrary keywords to a
service (a TypeError, so a 500). Every `…In` schema derives from `InputSchema`, which refuses
unknown fields, text the database cannot store and dates outside the range the registry knows,
each as a 422 naming the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import ConfigDict, field_validator

from lanzarote.core.dates import date_out_of_range
from lanzarote.core.http.lists import MAX_LIMIT, ListWindow

# A page of a paginated list unless the client asks for another size (within ListWindow's bounds).
DEFAULT_PAGE = 100


def unstorable_text(value: str) -> str | None:
    """Why a string cannot be stored (NUL characters, lone surrogates), or None."""
    if "\x00" in value:
        return _("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("must be valid Unicode text (it holds a lone surrogate)")
    return None


def _check_value(value: Any) -> Any:
    if isinstance(value, str):
        problem = unstorable_text(value)
        if problem:
            raise ValueError(problem)
    elif isinstance(value, date):
        problem = date_out_of_range(value)
        if problem:
            raise ValueError(problem)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_value(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_value(key)
            _check_value(item)
    return value


class InputSchema(Schema):
    """Base of every request schema: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return _check_value(value)


class ErrorOut(Schema):
    """Every refusal the API answers with (4xx and 5xx)."""

    detail: str = Field(description="What was refused and why, in the request's language.")
    article: str | None = Field(
        None, description="The article of the Convention (or rule) that decided the refusal."
    )
    field: str | None = Field(None, description="The input field at fault, when there is one.")


class BoundedPagination(LimitOffsetPagination):
    """`limit`/`offset` paging (`{items, count}`) within the bounds every list shares
    (`core.http.lists`): beyond them, 422 before any query runs."""

    class Input(ListWindow):
        limit: int = Field(
            DEFAULT_PAGE, ge=1, le=MAX_LIMIT, description=f"Items per page (≤ {MAX_LIMIT})"
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
