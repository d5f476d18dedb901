"""Putting the treaty-law rules' answers into words, and their refusals into domain errors.

`treaty_law` speaks in message ids and dates; here they are rendered through Django's gettext
and the active language's date formats, so every app says a rule's answer the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext

from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.text import day_in_words, month_in_words
from lanzarote.treaty_law import Explanation, RuleViolation


class LocalizedDates:
    """Formats days ("15 October 2019", "1er février 2026") and months ("March 2010") in the
    active language (`core.text`)."""

    def __call__(self, value: date) -> str:
        return day_in_words(value)

    def month(self, value: date) -> str:
        return month_in_words(value)


format_date = LocalizedDates()


def render(explanations: Iterable[Explanation]) -> str:
    """Explanations as sentences in the active language."""
    return " ".join(e.render(translate=gettext, format_date=format_date) for e in explanations)


def refusal(violation: RuleViolation, *, conflict: bool = False) -> InvalidInput | Conflict:
    """The domain error for a rule's refusal, carrying its article: `Conflict` (409) when the
    request comes at the wrong moment (a step out of order), `InvalidInput` (422) otherwise."""
    error_class = Conflict if conflict else InvalidInput
    return error_class(
        violation.explanation.render(translate=gettext, format_date=format_date),
        article=violation.article,
    )
