"""What every monitoring write shares: the permission check for people, clean text and language,
the Convention's articles and States by code."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.utils.translation import gettext

from lanzarote.core.errors import InvalidInput
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import CONVENTION

logger = logging.getLogger("lanzarote.monitoring")

MANAGE = "monitoring.manage"
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
LANGUAGES = ("en", "fr")
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _language(value: str) -> str:
    value = (value or "en").lower()[:2]
    if value not in LANGUAGES:
        raise InvalidInput(f"language must be en or fr; got {value!r}.", field="language")
    return value


def _text(value: str, *, field: str, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if "\x00" in cleaned:
        # PostgreSQL cannot store a NUL character in text; no real text contains one.
        raise InvalidInput(gettext("The text contains a NUL character."), field=field)
    if required and not cleaned:
        raise InvalidInput(f"{field} must not be empty.", field=field)
    return cleaned


def _articles(numbers: Iterable[int]) -> list[Article]:
    wanted = sorted({int(n) for n in numbers})
    if not wanted:
        return []
    found = {
        a.number: a for a in Article.objects.filter(treaty__slug=CONVENTION, number__in=wanted)
    }
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise InvalidInput(
            f"The Convention has no article {', '.join(map(str, unknown))} (Arts. 1–50).",
            field="articles",
        )
    return [found[n] for n in wanted]


def _state(code: str) -> State:
    return registry.state_get(code)
