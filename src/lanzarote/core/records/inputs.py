"""Cleaning what people give the services: dates as known, sources, lines, slugs. Each refusal is
`InvalidInput` naming the field, so forms show it in place and the API answers 422."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models
from django.utils.text import slugify

from lanzarote.core.errors import InvalidInput
from lanzarote.treaty_law import KnownDate

SourceInput = Mapping[str, str] | str


def known_date(value: KnownDate | str | None, *, field: str) -> KnownDate:
    """A date as known from its text ("2015-06", "2015-06-15..2015-06-17", "unknown"…)."""
    if isinstance(value, KnownDate):
        return value
    try:
        return KnownDate.parse(value or "")
    except ValueError as error:
        raise InvalidInput(str(error), field=field) from None


def optional_known_date(value: KnownDate | str | None, *, field: str) -> KnownDate | None:
    """As `known_date`, but nothing given means no date (an open end, say)."""
    if value is None or value == "":
        return None
    return known_date(value, field=field)


def clean_sources(
    sources: Sequence[SourceInput], *, field: str = "sources"
) -> list[dict[str, str]]:
    """Sources as stored: `{"url", "note"}` each; a bare string is a URL. A source needs one of
    the two."""
    cleaned = []
    for source in sources:
        item = {"url": source, "note": ""} if isinstance(source, str) else dict(source)
        if not item.get("url") and not item.get("note"):
            raise InvalidInput("A source needs a URL or a description.", field=field)
        cleaned.append({"url": item.get("url", ""), "note": item.get("note", "")})
    return cleaned


def lines(values: Iterable[str] | str) -> list[str]:
    """Non-empty, stripped lines from a text or a list (partners, donors, references)."""
    if isinstance(values, str):
        values = values.splitlines()
    return [v.strip() for v in values if v and v.strip()]


def required_text(value: str, *, field: str, message: str) -> str:
    """`value` stripped, refused with `message` when nothing is left."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise InvalidInput(message, field=field)
    return cleaned


def unique_slug(model: type[models.Model], text: str, *, current: Any = None) -> str:
    """A slug for `text` that no other row of `model` uses ("name", "name-2", …)."""
    base = slugify(text)[:70] or "item"
    slug, n = base, 2
    others = model._default_manager.exclude(pk=getattr(current, "pk", None))
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def one_of(value: str, choices: Iterable[str], *, field: str) -> str:
    """`value` when it is one of `choices` (a TextChoices' `values`), refused otherwise."""
    allowed = list(choices)
    if value not in allowed:
        raise InvalidInput(f"{field} must be one of {', '.join(allowed)}.", field=field)
    return value
