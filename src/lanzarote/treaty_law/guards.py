"""What may be recorded in a treaty's log: each check raises `RuleViolation` naming the article.

The registry gathers the facts (the State's earlier acts, its membership, the treaty's own entry
into force) and calls these functions before it writes anything, so a refused act leaves no trace
but its explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lanzarote.treaty_law.dates import KnownDate, When
from lanzarote.treaty_law.eligibility import Applicant
from lanzarote.treaty_law.explain import Explanation, Phrase, RuleViolation, _
from lanzarote.treaty_law.final_clauses import FinalClauses, Instrument, SignatoryGroup
from lanzarote.treaty_law.provisions import PermittedProvision, ProvisionKind, Timing
from lanzarote.treaty_law.reservations import Moment, check_provision, check_timing, moment_of
from lanzarote.treaty_law.status import CONSENT_KINDS, Action, ActionKind, StatePosition, Status


def check_legal_date(
    *, legal_date: KnownDate, today: date, opened_for_signature: date | None
) -> None:
    """A legal date cannot lie in the future, nor before the treaty was opened for signature."""
    if legal_date.earliest is not None and legal_date.earliest > today:
        # No article decides this: the log records facts, and an act has no date before it
        # takes place (Art. 50 only says what the Secretary General notifies once it has).
        raise RuleViolation(
            RuleViolation.NO_ARTICLE,
            Explanation(
                _(
                    "The date {date} is in the future; the registry records an act once it has "
                    "taken place."
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


def _signature_and_deposit(history: Sequence[Action]) -> tuple[KnownDate | None, KnownDate | None]:
    """The days a reservation or declaration may accompany: the signature and the deposit of
    the instrument of consent (a later denunciation does not move them)."""
    signature = next((a.date for a in history if a.kind is ActionKind.SIGNATURE), None)
    deposit = next((a.date for a in history if a.kind in CONSENT_KINDS), None)
    return signature, deposit


def _standing(history: Sequence[Action]) -> list[str]:
    """The provisions a State's reservations and declarations stand under, after withdrawals."""
    standing: list[str] = []
    for action in history:
        if action.kind in _STATEMENT_KINDS:
            standing.extend(action.provisions)
        elif action.kind is ActionKind.WITHDRAWAL:
            for code in action.provisions:
                if code in standing:
                    standing.remove(code)
    return standing


_STATEMENT_KINDS = frozenset(
    {ActionKind.RESERVATION, ActionKind.DECLARATION, ActionKind.TERRITORIAL_APPLICATION}
)
_NAMED_AS = {
    ActionKind.RESERVATION: ProvisionKind.RESERVATION,
    ActionKind.DECLARATION: ProvisionKind.DECLARATION,
    ActionKind.TERRITORIAL_APPLICATION: ProvisionKind.TERRITORIAL,
}


def check_reservation_or_declaration(
    clauses: FinalClauses,
    *,
    state: str,
    kind: ActionKind,
    provisions: tuple[str, ...],
    made_on: KnownDate,
    history: Sequence[Action],
    position: StatePosition | None = None,
) -> None:
    """A reservation, declaration, territorial declaration or withdrawal a State makes on
    `made_on`.

    What each named provision is in law comes from `reservations.check_provision` (Art. 48's
    closed list, interpretative declarations for the rest); when it may be made from
    `reservations.check_timing` (Arts. 25(3), 25(5), 37(2), 47(1), and VCLT Art. 19 where the
    Convention is silent). A territorial declaration named in a declaration follows the rules
    of Art. 47, so `position` (the State's status on that day) is needed for those.
    """
    signature, deposit = _signature_and_deposit(history)
    if kind is ActionKind.WITHDRAWAL:
        _check_withdrawal(clauses, provisions=provisions, history=history)
        return
    if kind is ActionKind.TERRITORIAL_APPLICATION and not provisions:
        check_territorial_application(
            clauses, state=state, made_on=made_on, history=history, position=position
        )
        return
    if kind is ActionKind.RESERVATION and not provisions:
        raise RuleViolation(
            clauses.reservations_article,
            Explanation(_("A reservation must name the provision that permits it.")),
        )
    for code in provisions:
        provision = check_provision(clauses, kind=_NAMED_AS[kind], code=code).value
        if provision.kind is ProvisionKind.TERRITORIAL:
            check_territorial_application(
                clauses, state=state, made_on=made_on, history=history, position=position
            )
        elif provision.timing is not None:
            check_timing(
                provision, state=state, made_on=made_on, signature=signature, deposit=deposit
            )


def _check_withdrawal(
    clauses: FinalClauses, *, provisions: tuple[str, ...], history: Sequence[Action]
) -> None:
    """Art. 48 (second sentence): any reservation may be withdrawn at any time; Art. 47(3): a
    territorial declaration, by notification, also at any time. The Art. 37(2) communication is
    owed by every Party, so it is replaced by a new one, never withdrawn."""
    standing = _standing(history)
    missing = [p for p in provisions if p not in standing]
    if not provisions or missing:
        raise RuleViolation(
            clauses.reservations_article,
            Explanation(
                _(
                    "Only a reservation or declaration that was made, and not already "
                    "withdrawn, can be withdrawn: {missing}."
                ),
                {"missing": missing or [Phrase(_("no provision named"))]},
            ),
        )
    for code in provisions:
        provision = clauses.provision(code)
        if provision is not None and provision.kind is ProvisionKind.COMMUNICATION:
            raise RuleViolation(
                provision.article,
                Explanation(
                    _(
                        "Every Party must name the authority of {article}; a new communication "
                        "replaces the earlier one, which is not withdrawn."
                    ),
                    {"article": provision.article},
                ),
            )


def _territorial_provision(clauses: FinalClauses, timing: Timing) -> PermittedProvision | None:
    return next(
        (p for p in clauses.provisions_of_kind(ProvisionKind.TERRITORIAL) if p.timing is timing),
        None,
    )


def check_territorial_application(
    clauses: FinalClauses,
    *,
    state: str,
    made_on: KnownDate,
    history: Sequence[Action],
    position: StatePosition | None,
) -> None:
    """Art. 47(1): any State (or the European Union) may name its territories at signature or
    deposit; Art. 47(2): later, only a Party may extend the treaty to another territory."""
    at_consent = _territorial_provision(clauses, Timing.AT_SIGNATURE_OR_DEPOSIT)
    later = _territorial_provision(clauses, Timing.LATER_BY_A_PARTY)
    if clauses.territorial is None or at_consent is None or later is None:
        raise RuleViolation(
            clauses.consent_article,
            Explanation(_("This treaty has no clause on territorial application.")),
        )
    signature, deposit = _signature_and_deposit(history)
    anchors = [d for d in (signature, deposit) if d is not None]
    if not anchors:
        raise RuleViolation(
            at_consent.article,
            Explanation(
                _(
                    "{state} has neither signed nor deposited an instrument: territories are "
                    "named at signature or deposit ({article}), or later by a Party "
                    "({later})."
                ),
                {"state": state, "article": at_consent.article, "later": later.article},
            ),
        )
    if moment_of(made_on, anchors) is Moment.WITH_CONSENT:
        return
    if position is not None and (
        position.status is Status.PARTY
        or (position.status is None and Status.PARTY in position.possible)
    ):
        return
    raise RuleViolation(
        later.article,
        Explanation(
            _(
                "After its signature or deposit, only a Party may extend the treaty to another "
                "territory ({article}); the status of {state} {day}: {status}."
            ),
            {
                "article": later.article,
                "state": state,
                "status": (position.status if position is not None else None)
                or Phrase(_("not a Party")),
                "day": When(made_on),
            },
        ),
    )


def check_denunciation(clauses: FinalClauses, *, position: StatePosition) -> None:
    """CETS 201 Art. 49(1): "Any Party may, at any time, denounce"; Art. 49(2) only says when
    the denunciation takes effect."""
    if position.status is not Status.PARTY:
        raise RuleViolation(
            clauses.denunciation_article,
            Explanation(
                _("Only a Party can denounce the treaty; {code} is {status} on that date."),
                {"code": position.state, "status": position.status or _("uncertain")},
            ),
        )
