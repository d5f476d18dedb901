"""How a State (or the European Union) can become a Party, given where it stands today.

The route depends on who the applicant is (Art. 45(1) of CETS 201 lets member States, non-members
that took part in the elaboration and the European Union sign; everyone else must be invited to
accede under Art. 46) and on what it has already done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lanzarote.treaty_law.dates import KnownDate, When
from lanzarote.treaty_law.entry_into_force import state_entry_into_force
from lanzarote.treaty_law.explain import (
    DateFormatter,
    Explanation,
    OneOf,
    Phrase,
    RuleAnswer,
    Translate,
    _,
    identity,
    render_all,
)
from lanzarote.treaty_law.final_clauses import FinalClauses, Instrument, SignatoryGroup
from lanzarote.treaty_law.status import STATUS_ORDER, StatePosition, Status


class Route(StrEnum):
    ALREADY_PARTY = "already_party"
    PENDING_ENTRY_INTO_FORCE = "pending_entry_into_force"
    RATIFICATION = "ratification"
    SIGNATURE_THEN_RATIFICATION = "signature_then_ratification"
    ACCESSION = "accession"

    @property
    def label(self) -> str:
        return _ROUTE_LABELS[self]


_ROUTE_LABELS = {
    Route.ALREADY_PARTY: _("already a Party"),
    Route.PENDING_ENTRY_INTO_FORCE: _("consent given, awaiting entry into force"),
    Route.RATIFICATION: _("ratification"),
    Route.SIGNATURE_THEN_RATIFICATION: _("signature, then ratification"),
    Route.ACCESSION: _("accession"),
}


@dataclass(frozen=True)
class Applicant:
    code: str
    # None when membership of the Council of Europe is not recorded.
    is_member_state: bool | None
    took_part_in_elaboration: bool
    elaboration_confirmed: bool
    is_european_union: bool = False


@dataclass(frozen=True)
class Eligibility:
    state: str
    treaty: str
    route: Route
    legal_basis: tuple[str, ...]
    steps: tuple[Explanation, ...]
    explanations: tuple[Explanation, ...]
    # Whether the next step of the route can be taken on the day asked about; False when there
    # is nothing left to do (already a Party, or awaiting entry into force).
    open_now: bool
    opens_on: date | None

    def render(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        return render_all(self.explanations, translate=translate, format_date=format_date)

    def as_dict(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> dict[str, object]:
        def text(explanation: Explanation) -> str:
            return explanation.render(translate=translate, format_date=format_date)

        return {
            "state": self.state,
            "treaty": self.treaty,
            "route": self.route.value,
            "legal_basis": list(self.legal_basis),
            "steps": [text(s) for s in self.steps],
            "explanations": [text(e) for e in self.explanations],
            "open_now": self.open_now,
            "opens_on": self.opens_on.isoformat() if self.opens_on else None,
        }


def eligibility(
    clauses: FinalClauses,
    *,
    applicant: Applicant,
    position: StatePosition,
    treaty_entry_into_force: KnownDate | None,
    as_of: date,
) -> Eligibility:
    """The route to becoming a Party, its legal basis and its steps, as of `as_of`."""
    advice = _Advice(clauses, applicant, treaty_entry_into_force, as_of)
    status = position.status
    if status is None:
        # An act in the log did happen, only its day is unsure; advise from the furthest stage.
        status = max(position.possible, key=STATUS_ORDER.index)
        advice.explain(
            _(
                "Its status on {as_of} is not certain (one of {statuses}); the advice assumes "
                "the most advanced, “{status}”."
            ),
            as_of=as_of,
            statuses=[s for s in STATUS_ORDER if s in position.possible],
            status=status,
        )
    if status is Status.PARTY:
        return advice.already_party(position)
    if status is Status.CONSENTED:
        return advice.pending(position)
    if status is Status.SIGNATORY:
        return advice.ratification()
    if status is Status.DENOUNCED:
        return advice.after_denunciation(position)
    return advice.first_steps()


class _Advice:
    """Builds one `Eligibility`, collecting explanations along the way."""

    def __init__(
        self,
        clauses: FinalClauses,
        applicant: Applicant,
        treaty_entry_into_force: KnownDate | None,
        as_of: date,
    ) -> None:
        self.clauses = clauses
        self.applicant = applicant
        self.treaty_entry_into_force = treaty_entry_into_force
        self.as_of = as_of
        self.noun = Phrase(clauses.noun)
        self.explanations: list[Explanation] = []

    def explain(self, template: str, **params: object) -> None:
        self.explanations.append(Explanation(template, params))

    def result(
        self,
        route: Route,
        legal_basis: Sequence[str],
        steps: Sequence[Explanation] = (),
        *,
        open_now: bool,
        opens_on: date | None = None,
    ) -> Eligibility:
        return Eligibility(
            state=self.applicant.code,
            treaty=self.clauses.slug,
            route=route,
            legal_basis=tuple(dict.fromkeys(legal_basis)),
            steps=tuple(steps),
            explanations=tuple(self.explanations),
            open_now=open_now,
            opens_on=opens_on,
        )

    # -- routes for States that have already acted ------------------------------------------

    def _own_entry_into_force(self, position: StatePosition) -> RuleAnswer[KnownDate] | None:
        if position.consent is None or position.consent_instrument is None:
            return None
        return state_entry_into_force(
            self.clauses,
            instrument=position.consent_instrument,
            deposited=position.consent,
            treaty_entry_into_force=self.treaty_entry_into_force,
        )

    def already_party(self, position: StatePosition) -> Eligibility:
        answer = self._own_entry_into_force(position)
        if answer is not None:
            self.explanations.extend(answer.explanations)
        basis = [answer.article] if answer else [self.clauses.general_entry_into_force.article]
        self.explain(_("It is a Party on {as_of}; nothing further is needed."), as_of=self.as_of)
        return self.result(Route.ALREADY_PARTY, basis, open_now=False)

    def pending(self, position: StatePosition) -> Eligibility:
        answer = self._own_entry_into_force(position)
        if answer is not None:
            self.explanations.extend(answer.explanations)
        basis = [answer.article] if answer else [self.clauses.general_entry_into_force.article]
        self.explain(
            _("Its consent is given; it only awaits the entry into force of {noun} for it."),
            noun=self.noun,
        )
        return self.result(Route.PENDING_ENTRY_INTO_FORCE, basis, open_now=False)

    def ratification(self) -> Eligibility:
        self.explain(
            _("It has signed {noun}; it may now express its consent to be bound ({article})."),
            noun=self.noun,
            article=self.clauses.consent_article,
        )
        return self.result(
            Route.RATIFICATION,
            self._ratification_basis(),
            self._ratification_steps(),
            open_now=True,
        )

    def after_denunciation(self, position: StatePosition) -> Eligibility:
        self.explain(
            _("It denounced {noun}; the denunciation took effect {date}."),
            noun=self.noun,
            date=When(position.denunciation_effective or KnownDate.unknown()),
        )
        if self._may_sign() and position.signature is not None:
            self.explain(
                _(
                    "As it is entitled to sign and has signed, it may become a Party again by "
                    "depositing a new instrument; this assumes its earlier signature still "
                    "stands."
                )
            )
            return self.ratification()
        self.explain(
            _("Not being entitled to sign, it may return only by accession ({article})."),
            article=self.clauses.accession.procedure_article,
        )
        return self.accession()

    # -- routes for States that have not acted ----------------------------------------------

    def first_steps(self) -> Eligibility:
        clauses = self.clauses
        accession = clauses.accession
        open_to_all = SignatoryGroup.ALL_STATES in clauses.signatory_groups
        if open_to_all and accession.allowed and not accession.invitation_required:
            # A treaty open to every State and to accession without invitation (the OPSC):
            # accession is one act instead of two, so it is the route offered.
            self.explain(
                _(
                    "{noun} is open to accession by any State without invitation ({article}); "
                    "signing first and then ratifying is also possible ({signature})."
                ),
                noun=self.noun,
                article=accession.procedure_article,
                signature=clauses.signature_article,
            )
            if clauses.signatory_note:
                self.explain(
                    _("Signature and accession are {note}."), note=Phrase(clauses.signatory_note)
                )
            return self.accession()
        if self._may_sign():
            self._explain_right_to_sign()
            return self.signature_then_ratification()
        self._explain_no_right_to_sign()
        return self.accession()

    def signature_then_ratification(self) -> Eligibility:
        clauses = self.clauses
        steps = [
            Explanation(
                _("Sign {noun} at the Council of Europe ({article})."),
                {"noun": self.noun, "article": clauses.signature_article},
            ),
            *self._ratification_steps(),
        ]
        opened = clauses.opened_for_signature
        is_open = opened <= self.as_of
        if not is_open:
            self.explain(_("{noun} opens for signature on {date}."), noun=self.noun, date=opened)
        return self.result(
            Route.SIGNATURE_THEN_RATIFICATION,
            [clauses.signature_article, *self._ratification_basis()],
            steps,
            open_now=is_open,
            opens_on=None if is_open else opened,
        )

    def accession(self) -> Eligibility:
        clauses = self.clauses
        accession = clauses.accession
        basis = [accession.procedure_article, accession.article]
        treaty = self.treaty_entry_into_force
        if not accession.only_after_entry_into_force:
            return self.result(Route.ACCESSION, basis, accession.steps, open_now=True)
        if treaty is None:
            self.explain(
                _(
                    "Accession is possible only once {noun} has entered into force, and it is "
                    "not yet in force ({article})."
                ),
                noun=self.noun,
                article=accession.procedure_article,
            )
            return self.result(Route.ACCESSION, basis, accession.steps, open_now=False)
        if treaty.certainly_on_or_before(self.as_of):
            self.explain(
                _("{noun} has been in force since {date}, so accession is open ({article})."),
                noun=self.noun,
                date=treaty,
                article=accession.procedure_article,
            )
            return self.result(Route.ACCESSION, basis, accession.steps, open_now=True)
        self.explain(
            _(
                "Accession is possible only once {noun} has entered into force ({article}); "
                "it enters into force {date}."
            ),
            noun=self.noun,
            article=accession.procedure_article,
            date=When(treaty),
        )
        # If the date is uncertain, the latest bound is the day by which it is surely open.
        return self.result(
            Route.ACCESSION, basis, accession.steps, open_now=False, opens_on=treaty.latest
        )

    # -- shared pieces ----------------------------------------------------------------------

    def _may_sign(self) -> bool:
        groups = self.clauses.signatory_groups
        applicant = self.applicant
        if SignatoryGroup.ALL_STATES in groups:
            return True
        if applicant.is_european_union:
            return SignatoryGroup.EUROPEAN_UNION in groups
        if applicant.is_member_state is True:
            return SignatoryGroup.COE_MEMBER_STATES in groups
        return (
            applicant.took_part_in_elaboration
            and SignatoryGroup.ELABORATION_NON_MEMBER_STATES in groups
        )

    def _explain_right_to_sign(self) -> None:
        applicant = self.applicant
        article = self.clauses.signature_article
        if SignatoryGroup.ALL_STATES in self.clauses.signatory_groups:
            self.explain(
                _("{noun} is open for signature by all States ({article})."),
                noun=self.noun,
                article=article,
            )
        elif applicant.is_european_union:
            self.explain(
                _("The European Union may sign {noun} ({article})."),
                noun=self.noun,
                article=article,
            )
        elif applicant.is_member_state is True:
            self.explain(
                _("As a member State of the Council of Europe it may sign {noun} ({article})."),
                noun=self.noun,
                article=article,
            )
        elif applicant.elaboration_confirmed:
            self.explain(
                _(
                    "As a non-member State that took part in the elaboration of {noun}, it may "
                    "sign it ({article})."
                ),
                noun=self.noun,
                article=article,
            )
        else:
            self.explain(
                _(
                    "As a non-member State recorded as having taken part in the elaboration of "
                    "{noun} — unconfirmed — it may sign it ({article}); if it did not take "
                    "part, it can join only by accession ({accession})."
                ),
                noun=self.noun,
                article=article,
                accession=self.clauses.accession.procedure_article,
            )
        self.explain(
            _("It has not signed {noun}; it may sign and then express its consent to be bound."),
            noun=self.noun,
        )

    def _explain_no_right_to_sign(self) -> None:
        article = self.clauses.signature_article
        if self.applicant.is_member_state is None:
            self.explain(
                _(
                    "Whether it is a member State of the Council of Europe is not recorded; a "
                    "member State would sign instead ({article})."
                ),
                article=article,
            )
        self.explain(
            _(
                "Only {groups} may sign {noun} ({article}); any other State may join only by "
                "accession ({accession})."
            ),
            groups=OneOf(tuple(self.clauses.signatory_groups)),
            noun=self.noun,
            article=article,
            accession=self.clauses.accession.procedure_article,
        )

    def _instruments(self) -> tuple[Instrument, ...]:
        if (
            self.applicant.is_european_union
            and Instrument.APPROVAL in self.clauses.consent_instruments
        ):
            # The European Union concludes treaties by a Council decision of approval.
            return (Instrument.APPROVAL,)
        return self.clauses.signatory_instruments

    def _entry_rule(self) -> Explanation:
        """The rule that will give the State its date: the treaty's own, or the later-State one."""
        clauses = self.clauses
        if self.treaty_entry_into_force is None:
            rule = clauses.general_entry_into_force.delay
            return Explanation(
                _(
                    "{noun} enters into force for it together with {noun} itself, once the "
                    "conditions are met: {rule}."
                ),
                {"noun": self.noun, "rule": rule.explanation},
            )
        return Explanation(
            _("{noun} enters into force for it under {rule}."),
            {"noun": self.noun, "rule": clauses.later_entry_into_force.explanation},
        )

    def _ratification_steps(self) -> list[Explanation]:
        return [
            Explanation(
                _("Deposit an instrument of {instruments} with {depositary} ({article})."),
                {
                    "instruments": OneOf(self._instruments()),
                    "depositary": Phrase(self.clauses.depositary),
                    "article": self.clauses.consent_article,
                },
            ),
            self._entry_rule(),
        ]

    def _ratification_basis(self) -> list[str]:
        clauses = self.clauses
        entry = (
            clauses.general_entry_into_force.article
            if self.treaty_entry_into_force is None
            else clauses.later_entry_into_force.article
        )
        return [clauses.signature_article, clauses.consent_article, entry]
