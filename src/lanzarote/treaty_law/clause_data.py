"""Final clauses written as plain data (JSON-ready dictionaries) rather than as code.

CETS 201 and the OPSC are declared in `final_clauses.py` with the wording of their articles.
Other treaties — the synthetic registry of `lanzarote scale-data`, and any treaty an operator
describes by its clauses — follow the same patterns with other numbers: who may sign, which
instruments, how many consents bring the treaty into force, the delays, whether accession is
open and needs an invitation, a closed list of reservations, denunciation. `clauses_from_data`
turns such a dictionary into `FinalClauses`, so the same rules fold their log.

A dictionary looks like this (every key is required unless a default is given):

    {"slug": "syn1-0007", "number": "S1-0007", "title": "…", "short_title": "…",
     "opened_for_signature": "1998-03-01", "depositary": "…",
     "signatory_groups": ["coe_member_states", "elaboration_non_member_states"],
     "consent_instruments": ["ratification", "acceptance", "approval", "accession"],
     "threshold": 5, "minimum_member_states": 3,
     "formula": "first_day_of_month_after_period" | "same_day_after_period",
     "entry_into_force_months": 3, "later_months": 3, "accession_months": 3,
     "later_consents": "after_conditions_met" | "after_entry_into_force",
     "accession_after_entry_into_force": true, "accession_by_invitation": true,
     "reservations": ["5(2)", "9(4)"], "denunciation_months": 3}

Such treaties carry a standard article layout (signature and consent in Art. 20, entry into
force in Art. 21, accession in Art. 22, reservations in Art. 23, denunciation in Art. 25).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from lanzarote.treaty_law.explain import Explanation, _
from lanzarote.treaty_law.final_clauses import (
    AccessionClause,
    DelayRule,
    FinalClauses,
    FirstDayOfMonthAfterPeriod,
    GeneralEntryIntoForce,
    Instrument,
    LaterConsents,
    SameDayAfterPeriod,
    SignatoryGroup,
)
from lanzarote.treaty_law.provisions import PermittedProvision, ProvisionKind, Timing

FORMULAS = ("first_day_of_month_after_period", "same_day_after_period")

SIGNATURE_ARTICLE = "Art. 20(1)"
CONSENT_ARTICLE = "Art. 20(2)"
ENTRY_INTO_FORCE_ARTICLE = "Art. 21(1)"
LATER_ARTICLE = "Art. 21(2)"
ACCESSION_PROCEDURE_ARTICLE = "Art. 22(1)"
ACCESSION_DELAY_ARTICLE = "Art. 22(2)"
RESERVATIONS_ARTICLE = "Art. 23"
DENUNCIATION_ARTICLE = "Art. 25(1)"
DENUNCIATION_DELAY_ARTICLE = "Art. 25(2)"


class ClauseDataError(ValueError):
    """The dictionary does not describe final clauses; the message names the key."""


def _delay(data: Mapping[str, Any], months_key: str, article: str, event: str) -> DelayRule:
    """The delay of `months_key` months, counted by the treaty's formula."""
    months = _months(data, months_key)
    if str(data["formula"]) == "same_day_after_period":
        return SameDayAfterPeriod(months, article, event)
    return FirstDayOfMonthAfterPeriod(months, article, event)


def _months(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 60:
        raise ClauseDataError(f"{key} must be a number of months between 0 and 60")
    return value


def _choices[E: (SignatoryGroup, Instrument)](
    data: Mapping[str, Any], key: str, enum: type[E]
) -> tuple[E, ...]:
    values = data.get(key)
    if not isinstance(values, list) or not values:
        raise ClauseDataError(f"{key} must be a non-empty list")
    try:
        return tuple(enum(value) for value in values)
    except ValueError as error:
        raise ClauseDataError(f"{key}: {error}") from None


def _reservation(code: str) -> PermittedProvision:
    return PermittedProvision(
        code,
        ProvisionKind.RESERVATION,
        f"Art. {code}",
        _("A reservation the treaty expressly permits."),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        RESERVATIONS_ARTICLE,
    )


def _accession_steps(by_invitation: bool) -> tuple[Explanation, ...]:
    steps = []
    if by_invitation:
        steps.append(
            Explanation(
                _("The State asks the depositary to be invited to accede ({article})."),
                {"article": ACCESSION_PROCEDURE_ARTICLE},
            )
        )
    steps.append(
        Explanation(
            _("The State deposits an instrument of accession with the depositary ({article})."),
            {"article": ACCESSION_PROCEDURE_ARTICLE},
        )
    )
    steps.append(
        Explanation(
            _("The treaty enters into force for it as {article} provides."),
            {"article": ACCESSION_DELAY_ARTICLE},
        )
    )
    return tuple(steps)


def clauses_from_data(data: Mapping[str, Any]) -> FinalClauses:
    """The final clauses a dictionary describes; `ClauseDataError` names what is wrong."""
    try:
        opened = date.fromisoformat(str(data["opened_for_signature"]))
        slug, number = str(data["slug"]), str(data.get("number", ""))
        title, short_title = str(data["title"]), str(data["short_title"])
        depositary = str(data["depositary"])
        formula = str(data["formula"])
        later_consents = LaterConsents(data["later_consents"])
        threshold, minimum = int(data["threshold"]), int(data["minimum_member_states"])
        reservations = [str(code) for code in data.get("reservations", [])]
    except KeyError as missing:
        raise ClauseDataError(f"{missing.args[0]} is required") from None
    except (TypeError, ValueError) as error:
        raise ClauseDataError(str(error)) from None
    if formula not in FORMULAS:
        raise ClauseDataError(f"formula must be one of {', '.join(FORMULAS)}")
    if threshold < 1 or not 0 <= minimum <= threshold:
        raise ClauseDataError("threshold must be positive and minimum_member_states within it")
    groups = _choices(data, "signatory_groups", SignatoryGroup)
    instruments = _choices(data, "consent_instruments", Instrument)
    accession_open = Instrument.ACCESSION in instruments
    by_invitation = accession_open and bool(data.get("accession_by_invitation", False))
    after_entry = accession_open and bool(data.get("accession_after_entry_into_force", False))
    accession_delay = _delay(
        data,
        "accession_months",
        ACCESSION_DELAY_ARTICLE,
        _("the deposit of the instrument of accession"),
    )
    counted = tuple(i for i in instruments if i is not Instrument.ACCESSION or not after_entry)
    return FinalClauses(
        slug=slug,
        number=number,
        title=title,
        short_title=short_title,
        noun=_("the treaty"),
        opened_for_signature=opened,
        depositary=depositary,
        signatory_groups=groups,
        signature_article=SIGNATURE_ARTICLE,
        signatory_note=None,
        consent_instruments=instruments,
        consent_article=CONSENT_ARTICLE,
        signature_required_before_consent=bool(data.get("signature_required", True)),
        general_entry_into_force=GeneralEntryIntoForce(
            threshold=threshold,
            minimum_member_states=minimum,
            counted_instruments=counted,
            delay=_delay(
                data,
                "entry_into_force_months",
                ENTRY_INTO_FORCE_ARTICLE,
                _("the date on which the required number of States consented to be bound"),
            ),
            later_consents=later_consents,
        ),
        later_entry_into_force=_delay(
            data,
            "later_months",
            LATER_ARTICLE,
            _("the deposit of its own instrument of consent"),
        ),
        accession=AccessionClause(
            allowed=accession_open,
            only_after_entry_into_force=after_entry,
            invitation_required=by_invitation,
            delay=accession_delay,
            procedure_article=ACCESSION_PROCEDURE_ARTICLE,
            steps=_accession_steps(by_invitation) if accession_open else (),
        ),
        permitted_provisions=tuple(_reservation(code) for code in reservations),
        reservations_closed_list=True,
        reservations_article=RESERVATIONS_ARTICLE,
        notification_article=None,
        notification_addressees=(),
        territorial=None,
        territorial_withdrawal=None,
        denunciation_article=DENUNCIATION_ARTICLE,
        denunciation=_delay(
            data,
            "denunciation_months",
            DENUNCIATION_DELAY_ARTICLE,
            _("the receipt of the notification by the depositary"),
        ),
    )
