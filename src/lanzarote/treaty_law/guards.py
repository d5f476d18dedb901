"""What may be recorded in a treaty's log: each check raises `RuleViolation` naming the article.

The registry gathers the facts (the State's earlier acts, its membership, the treaty's own entry
into force) and calls these functions before it writes anything, so a refused act leaves no trace
but its explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.eligibility import Applicant
from lanzarote.treaty_law.explain import Explanation, RuleViolation, _
from lanzarote.treaty_law.final_clauses import (
    FinalClauses,
    Instrument,
    ProvisionKind,
    SignatoryGroup,
)
from lanzarote.treaty_law.reservations import check_provision
from lanzarote.treaty_law.status import CONSENT_KINDS, Action, ActionKind, StatePosition, Status


def check_legal_date(
    *, legal_date: KnownDate, today: date, opened_for_signature: date | None
) -> None:
    """A legal date cannot lie in the future, nor before the treaty was opened for signature."""
    if legal_date.earliest is not None and legal_date.earliest > today:
        raise RuleViolation(
            "Art. 50",
            Explanation(
                _(
                    "The date {date} is in the future; only acts that have happened can be recorded."
                ),
                {"date": legal_date},
            ),
        )
    if (
        opened_for_signature is not None
        and legal_date.latest is not None
        and legal_date.latest < opened_for_signature
    ):
        raise RuleViolation(
            "Art. 45(1)",
            Explanation(
                _("The date {date} is before the treaty was opened for signature on {opened}."),
                {"date": legal_date, "opened": opened_for_signature},
            ),
        )


def check_actor_is_a_state(*, code: str, is_territory: bool) -> None:
    """Territories are bound through the State responsible for them (Art. 47), never on their own."""
    if is_territory:
        raise RuleViolation(
            "Art. 47(1)",
            Explanation(
                _(
                    "{code} is a territory, not a State: record a territorial declaration by the "
                    "State responsible for its international relations instead."
                ),
                {"code": code},
            ),
        )


def may_sign(clauses: FinalClauses, applicant: Applicant) -> bool:
    """Art. 45(1): who may sign. Unknown membership (a day inside an uncertain bound) does not
    block an act the depositary recorded."""
    groups = set(clauses.signatory_groups)
    as_member = (
        SignatoryGroup.COE_MEMBER_STATES in groups
        and applicant.is_member_state is not False
        and not applicant.is_european_union
    )
    as_drafter = (
        SignatoryGroup.ELABORATION_NON_MEMBER_STATES in groups
        and applicant.took_part_in_elaboration
    )
    as_union = SignatoryGroup.EUROPEAN_UNION in groups and applicant.is_european_union
    return SignatoryGroup.ALL_STATES in groups or as_member or as_drafter or as_union


def _effective_consent(history: Sequence[Action]) -> Action | None:
    consents = [a for a in history if a.kind in CONSENT_KINDS]
    denounced = any(a.kind is ActionKind.DENUNCIATION for a in history)
    return consents[0] if consents and not denounced else None


def check_signature(
    clauses: FinalClauses, *, applicant: Applicant, signed_on: KnownDate, history: Sequence[Action]
) -> None:
    if not may_sign(clauses, applicant):
        raise RuleViolation(
            clauses.signature_article,
            Explanation(
                _(
                    "{code} may not sign: signature is open only to {groups}. Other States join by "
                    "accession once invited."
                ),
                {"code": applicant.code, "groups": list(clauses.signatory_groups)},
            ),
        )
    if any(a.kind is ActionKind.SIGNATURE for a in history):
        raise RuleViolation(
            clauses.signature_article,
            Explanation(
                _("{code} has already signed; a signature is given once."), {"code": applicant.code}
            ),
        )


def check_instrument_allowed(
    clauses: FinalClauses,
    *,
    instrument: Instrument,
    deposited: KnownDate,
    treaty_entry_into_force: KnownDate | None,
) -> None:
    if instrument not in clauses.consent_instruments:
        raise RuleViolation(
            clauses.consent_article,
            Explanation(
                _("An instrument of {instrument} is not provided for by this treaty."),
                {"instrument": instrument},
            ),
        )
    if instrument is Instrument.ACCESSION and clauses.accession.only_after_entry_into_force:
        in_force_before = (
            treaty_entry_into_force is not None
            and treaty_entry_into_force.latest is not None
            and deposited.earliest is not None
            and deposited.earliest >= treaty_entry_into_force.latest
        )
        if not in_force_before:
            raise RuleViolation(
                clauses.accession.procedure_article,
                Explanation(
                    _(
                        "Accession is possible only after the treaty has entered into force"
                        " ({entry_into_force}); a deposit on {date} is too early."
                    ),
                    {
                        "entry_into_force": treaty_entry_into_force or Explanation(_("not yet")),
                        "date": deposited,
                    },
                ),
            )


def check_consent(
    clauses: FinalClauses,
    *,
    applicant: Applicant,
    kind: ActionKind,
    deposited: KnownDate,
    history: Sequence[Action],
    treaty_entry_into_force: KnownDate | None,
    instrument_confirmed: bool = True,
) -> None:
    """`instrument_confirmed=False` records a consent whose instrument a source does not name
    (ratification or accession): the signature it would need cannot then be required."""
    instrument = CONSENT_KINDS[kind]
    check_instrument_allowed(
        clauses,
        instrument=instrument,
        deposited=deposited,
        treaty_entry_into_force=treaty_entry_into_force,
    )
    signatory = may_sign(clauses, applicant)
    if (
        instrument is Instrument.ACCESSION
        and signatory
        and SignatoryGroup.ALL_STATES not in clauses.signatory_groups
    ):
        raise RuleViolation(
            clauses.signature_article,
            Explanation(
                _(
                    "{code} may sign the treaty, so it joins by signature followed by "
                    "ratification, acceptance or approval, not by accession."
                ),
                {"code": applicant.code},
            ),
        )
    existing = _effective_consent(history)
    if existing is not None:
        raise RuleViolation(
            clauses.consent_article,
            Explanation(
                _("{code} already expressed its consent to be bound ({kind}, {date})."),
                {"code": applicant.code, "kind": existing.kind, "date": existing.date},
            ),
        )
    if instrument is Instrument.ACCESSION:
        return
    if not signatory and instrument_confirmed:
        raise RuleViolation(
            clauses.signature_article,
            Explanation(
                _(
                    "{code} may not sign the treaty, so it cannot ratify, accept or approve it; "
                    "it can join only by accession."
                ),
                {"code": applicant.code},
            ),
        )
    signature = next((a for a in history if a.kind is ActionKind.SIGNATURE), None)
    if clauses.signature_required_before_consent and signature is None and instrument_confirmed:
        raise RuleViolation(
            clauses.consent_article,
            Explanation(
                _("{code} must sign before it can deposit an instrument of {instrument}."),
                {"code": applicant.code, "instrument": instrument},
            ),
        )
    if signature is not None and (
        signature.date.earliest is not None
        and deposited.latest is not None
        and deposited.latest < signature.date.earliest
    ):
        raise RuleViolation(
            clauses.consent_article,
            Explanation(
                _("The deposit ({date}) cannot precede the signature ({signature})."),
                {"date": deposited, "signature": signature.date},
            ),
        )


def check_reservation_or_declaration(
    clauses: FinalClauses,
    *,
    kind: ActionKind,
    provisions: tuple[str, ...],
    history: Sequence[Action],
) -> None:
    if not any(a.kind is ActionKind.SIGNATURE or a.kind in CONSENT_KINDS for a in history):
        raise RuleViolation(
            clauses.reservations_article,
            Explanation(
                _("Reservations and declarations are made by a State that has signed or consented.")
            ),
        )
    if kind is ActionKind.WITHDRAWAL:
        made = {
            p
            for a in history
            if a.kind in (ActionKind.RESERVATION, ActionKind.DECLARATION)
            for p in a.provisions
        }
        missing = [p for p in provisions if p not in made]
        if not provisions or missing:
            raise RuleViolation(
                clauses.reservations_article,
                Explanation(
                    _(
                        "Only a reservation or declaration that was made can be withdrawn: {missing}."
                    ),
                    {"missing": missing or [_("no provision named")]},
                ),
            )
        return
    if kind is ActionKind.RESERVATION and not provisions:
        raise RuleViolation(
            clauses.reservations_article,
            Explanation(_("A reservation must name the provision that permits it.")),
        )
    for code in provisions:
        if kind is ActionKind.RESERVATION:
            check_provision(clauses, kind=ProvisionKind.RESERVATION, code=code)
            continue
        permitted = next((p for p in clauses.permitted_provisions if p.code == code), None)
        declared_kind = (
            permitted.kind
            if permitted is not None and permitted.kind is not ProvisionKind.RESERVATION
            else ProvisionKind.DECLARATION
        )
        check_provision(clauses, kind=declared_kind, code=code)


def check_territorial_application(clauses: FinalClauses, *, history: Sequence[Action]) -> None:
    if clauses.territorial is None:
        raise RuleViolation(
            clauses.consent_article,
            Explanation(_("This treaty has no clause on territorial application.")),
        )
    if not any(a.kind is ActionKind.SIGNATURE or a.kind in CONSENT_KINDS for a in history):
        raise RuleViolation(
            clauses.territorial.article,
            Explanation(
                _("Territories are specified at signature or deposit, or later by a Party.")
            ),
        )


def check_denunciation(clauses: FinalClauses, *, position: StatePosition) -> None:
    if position.status is not Status.PARTY:
        raise RuleViolation(
            clauses.denunciation.article,
            Explanation(
                _("Only a Party can denounce the treaty; {code} is {status} on that date."),
                {"code": position.state, "status": position.status or _("uncertain")},
            ),
        )
