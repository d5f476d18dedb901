"""What the monitoring reads share: the cache lifetime, the Convention, the GOQ period."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import CONVENTION

CACHE_SECONDS = registry.CACHE_SECONDS


def goq_period_months() -> int:
    """How long after its entry into force a new Party has to answer the General Overview
    Questionnaire (a setting: the Rules of Procedure that fix it are not in the sources)."""
    return int(getattr(settings, "LANZAROTE_GOQ_PERIOD_MONTHS", 12))


def _convention() -> Any:
    return registry.treaty_get(CONVENTION)
