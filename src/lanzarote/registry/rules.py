"""The date rules asked directly ("if a State deposited on …"), with the treaty's own entry into
force taken from the log. Shared by the `lanzarote rules` command and the API."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext

from lanzarote.core.errors import InvalidInput
from lanzarote.registry import selectors
from lanzarote.registry.models import Treaty
from lanzarote.treaty_law import (
    Instrument,
    KnownDate,
    RuleAnswer,
    RuleViolation,
    denunciation_effective,
    get_final_clauses,
    state_entry_into_force,
)
from lanzarote.treaty_law import guards as rules


def _instrument(value: str) -> Instrument:
    try:
        return Instrument(value)
    except ValueError:
        choices = ", ".join(i.value for i in Instrument)
        raise InvalidInput(
            f"instrument must be one of {choices}; got {value!r}.", field="instrument"
        ) from None


def answer_entry_into_force(
    treaty: Treaty, *, instrument: str, deposited: date
) -> RuleAnswer[KnownDate]:
    clauses = get_final_clauses(treaty.slug)
    kind = _instrument(instrument)
    treaty_date = selectors.treaty_entry_into_force(treaty).value
    try:
        rules.check_instrument_allowed(
            clauses,
            instrument=kind,
            deposited=KnownDate.exact(deposited),
            treaty_entry_into_force=treaty_date,
        )
    except RuleViolation as violation:
        raise InvalidInput(
            violation.explanation.render(translate=gettext), article=violation.article
        ) from None
    return state_entry_into_force(
        clauses,
        instrument=kind,
        deposited=KnownDate.exact(deposited),
        treaty_entry_into_force=treaty_date,
    )


def answer_denunciation(treaty: Treaty, *, received: date) -> RuleAnswer[date]:
    return denunciation_effective(get_final_clauses(treaty.slug), received=received)
