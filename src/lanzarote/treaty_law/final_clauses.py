"""The final clauses of each treaty, as data.

Who may sign, how consent is given, when the treaty enters into force, which reservations are
allowed and how denunciation works differ between treaties but follow a small set of patterns.
Keeping them as data means the rules in the other modules are written once and cite the article
of whichever treaty they are applied to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

from lanzarote.treaty_law.dates import add_months, first_day_of_month_after_period
from lanzarote.treaty_law.explain import Explanation, Phrase, _
from lanzarote.treaty_law.provisions import (
    CETS_201_PROVISIONS,
    PermittedProvision,
    ProvisionKind,
)

# The treaties' slugs, as every layer names them (URLs, the API, the registry's rows): the one
# place they are written.
CONVENTION = "cets-201"
OPTIONAL_PROTOCOL = "opsc"


class SignatoryGroup(StrEnum):
    COE_MEMBER_STATES = "coe_member_states"
    ELABORATION_NON_MEMBER_STATES = "elaboration_non_member_states"
    EUROPEAN_UNION = "european_union"
    ALL_STATES = "all_states"

    @property
    def label(self) -> str:
        return _SIGNATORY_GROUP_LABELS[self]


_SIGNATORY_GROUP_LABELS = {
    SignatoryGroup.COE_MEMBER_STATES: _("member States of the Council of Europe"),
    SignatoryGroup.ELABORATION_NON_MEMBER_STATES: _(
        "non-member States which participated in its elaboration"
    ),
    SignatoryGroup.EUROPEAN_UNION: _("the European Union"),
    SignatoryGroup.ALL_STATES: _("all States"),
}


class Instrument(StrEnum):
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"

    @property
    def label(self) -> str:
        return _INSTRUMENT_LABELS[self]


_INSTRUMENT_LABELS = {
    Instrument.RATIFICATION: _("ratification"),
    Instrument.ACCEPTANCE: _("acceptance"),
    Instrument.APPROVAL: _("approval"),
    Instrument.ACCESSION: _("accession"),
}


class AddresseeGroup(StrEnum):
    """Who the depositary notifies of the acts concerning a treaty."""

    COE_MEMBER_STATES = "coe_member_states"
    SIGNATORIES = "signatories"
    PARTIES = "parties"
    EUROPEAN_UNION = "european_union"
    INVITED_TO_SIGN = "invited_to_sign"
    INVITED_TO_ACCEDE = "invited_to_accede"

    @property
    def label(self) -> str:
        return _ADDRESSEE_LABELS[self]


_ADDRESSEE_LABELS = {
    AddresseeGroup.COE_MEMBER_STATES: _("the member States of the Council of Europe"),
    AddresseeGroup.SIGNATORIES: _("the signatory States"),
    AddresseeGroup.PARTIES: _("the Parties"),
    AddresseeGroup.EUROPEAN_UNION: _("the European Union"),
    AddresseeGroup.INVITED_TO_SIGN: _(
        "the States invited to sign (the non-member States which participated in its elaboration)"
    ),
    AddresseeGroup.INVITED_TO_ACCEDE: _("the States invited to accede"),
}


class LaterConsents(StrEnum):
    """Which consents fall under the "later States" delay instead of the treaty's own date."""

    # CETS 201 Art. 45(4): any signatory consenting "subsequently", i.e. once the five consents
    # are in; such a State's own three-month period always ends after the treaty's date.
    AFTER_CONDITIONS_MET = "after_conditions_met"
    # OPSC Art. 14(2): only States ratifying or acceding "after its entry into force"; a State
    # depositing between the tenth instrument and that date joins on the Protocol's own date.
    AFTER_ENTRY_INTO_FORCE = "after_entry_into_force"


# Periods in words, because "3 months" reads badly and plurals do not translate mechanically.
_PERIOD_WORDS = {
    1: _("one month"),
    3: _("three months"),
    12: _("one year"),
}


def _period(months: int) -> Phrase | str:
    return Phrase(_PERIOD_WORDS[months]) if months in _PERIOD_WORDS else f"{months} months"


class DelayRule(Protocol):
    """How a final clause turns the date of an act into the date it takes effect."""

    @property
    def months(self) -> int: ...

    @property
    def article(self) -> str: ...

    @property
    def explanation(self) -> Explanation: ...

    def apply(self, d: date) -> date: ...


@dataclass(frozen=True)
class FirstDayOfMonthAfterPeriod:
    """The Council of Europe formula: the first day of the month after N months have run."""

    months: int
    article: str
    event: str = _("the act")

    def apply(self, d: date) -> date:
        return first_day_of_month_after_period(d, self.months)

    @property
    def explanation(self) -> Explanation:
        return Explanation(
            _(
                "{article}: the first day of the month following the expiration of a period "
                "of {period} after {event}"
            ),
            {"article": self.article, "period": _period(self.months), "event": Phrase(self.event)},
        )


@dataclass(frozen=True)
class SameDayAfterPeriod:
    """The United Nations formula: the same day N months later (the month's end if shorter)."""

    months: int
    article: str
    event: str = _("the act")

    def apply(self, d: date) -> date:
        return add_months(d, self.months)

    @property
    def explanation(self) -> Explanation:
        return Explanation(
            _("{article}: {period} after {event}"),
            {"article": self.article, "period": _period(self.months), "event": Phrase(self.event)},
        )


@dataclass(frozen=True)
class GeneralEntryIntoForce:
    """When the treaty itself enters into force: after N consents, M of them from members."""

    threshold: int
    minimum_member_states: int
    counted_instruments: tuple[Instrument, ...]
    delay: DelayRule
    later_consents: LaterConsents

    @property
    def article(self) -> str:
        return self.delay.article


@dataclass(frozen=True)
class AccessionClause:
    allowed: bool
    only_after_entry_into_force: bool
    invitation_required: bool
    delay: DelayRule
    procedure_article: str
    steps: tuple[Explanation, ...]

    @property
    def article(self) -> str:
        """The article fixing the date of entry into force for an acceding State."""
        return self.delay.article


@dataclass(frozen=True)
class FinalClauses:
    slug: str
    number: str
    title: str
    short_title: str
    # How explanations refer to the treaty ("the Convention", "the Protocol").
    noun: str
    opened_for_signature: date
    depositary: str
    signatory_groups: tuple[SignatoryGroup, ...]
    signature_article: str
    signatory_note: str | None
    consent_instruments: tuple[Instrument, ...]
    consent_article: str
    signature_required_before_consent: bool
    general_entry_into_force: GeneralEntryIntoForce
    later_entry_into_force: DelayRule
    accession: AccessionClause
    permitted_provisions: tuple[PermittedProvision, ...]
    reservations_closed_list: bool
    reservations_article: str
    # The article naming who the depositary notifies, and the groups it names (empty where the
    # treaty has no such list).
    notification_article: str | None
    notification_addressees: tuple[AddresseeGroup, ...]
    territorial: DelayRule | None
    territorial_withdrawal: DelayRule | None
    # Who may denounce ("Any Party may …"), apart from when the denunciation takes effect.
    denunciation_article: str
    denunciation: DelayRule

    def delay_for(self, instrument: Instrument) -> DelayRule:
        """The delay that applies to a State consenting after the treaty's own date."""
        if instrument is Instrument.ACCESSION:
            return self.accession.delay
        return self.later_entry_into_force

    @property
    def signatory_instruments(self) -> tuple[Instrument, ...]:
        """Instruments by which a signatory consents (everything except accession)."""
        return tuple(i for i in self.consent_instruments if i is not Instrument.ACCESSION)

    def provisions_of_kind(
        self, kind: ProvisionKind | None = None
    ) -> tuple[PermittedProvision, ...]:
        return tuple(p for p in self.permitted_provisions if kind is None or p.kind is kind)

    def provision(self, code: str) -> PermittedProvision | None:
        """The permitted provision under `code` ("25(3)"), if the treaty has one."""
        return next((p for p in self.permitted_provisions if p.code == code), None)


CETS_201 = FinalClauses(
    slug=CONVENTION,
    number="201",
    title=_(
        "Council of Europe Convention on the Protection of Children against Sexual "
        "Exploitation and Sexual Abuse"
    ),
    short_title=_("Lanzarote Convention"),
    noun=_("the Convention"),
    opened_for_signature=date(2007, 10, 25),
    depositary=_("the Secretary General of the Council of Europe"),
    signatory_groups=(
        SignatoryGroup.COE_MEMBER_STATES,
        SignatoryGroup.ELABORATION_NON_MEMBER_STATES,
        SignatoryGroup.EUROPEAN_UNION,
    ),
    signature_article="Art. 45(1)",
    # Art. 45(1) names "the European Community"; the European Union succeeded it in 2009.
    signatory_note=None,
    consent_instruments=(
        Instrument.RATIFICATION,
        Instrument.ACCEPTANCE,
        Instrument.APPROVAL,
        Instrument.ACCESSION,
    ),
    consent_article="Art. 45(2)",
    signature_required_before_consent=True,
    general_entry_into_force=GeneralEntryIntoForce(
        threshold=5,
        minimum_member_states=3,
        # Accession is possible only once the Convention is in force (Art. 46(1)), so only
        # signatories' instruments can bring it into force.
        counted_instruments=(Instrument.RATIFICATION, Instrument.ACCEPTANCE, Instrument.APPROVAL),
        delay=FirstDayOfMonthAfterPeriod(
            3,
            "Art. 45(3)",
            _(
                "the date on which five signatories, including at least three member States "
                "of the Council of Europe, have expressed their consent to be bound"
            ),
        ),
        later_consents=LaterConsents.AFTER_CONDITIONS_MET,
    ),
    later_entry_into_force=FirstDayOfMonthAfterPeriod(
        3, "Art. 45(4)", _("the deposit of the instrument of ratification, acceptance or approval")
    ),
    accession=AccessionClause(
        allowed=True,
        only_after_entry_into_force=True,
        invitation_required=True,
        delay=FirstDayOfMonthAfterPeriod(
            3, "Art. 46(2)", _("the deposit of the instrument of accession")
        ),
        procedure_article="Art. 46(1)",
        steps=(
            Explanation(
                _(
                    "The State writes to the Secretary General of the Council of Europe asking "
                    "to be invited to accede; the letter is signed by its Minister of Foreign "
                    "Affairs or by a diplomatic representative."
                )
            ),
            Explanation(
                _("The Parties are consulted and must all consent ({article})."),
                {"article": "Art. 46(1)"},
            ),
            Explanation(
                _(
                    "The Committee of Ministers decides by the majority of Article 20.d of the "
                    "Statute of the Council of Europe (two thirds of the votes cast and a "
                    "majority of the representatives entitled to sit), with the unanimous vote "
                    "of the representatives of the Contracting States entitled to sit on the "
                    "Committee ({article})."
                ),
                {"article": "Art. 46(1)"},
            ),
            Explanation(_("The Committee of Ministers invites the State to accede.")),
            Explanation(
                _(
                    "The State deposits its instrument of accession with the Secretary General "
                    "of the Council of Europe."
                )
            ),
            Explanation(
                _(
                    "The Convention enters into force for it on the first day of the month "
                    "following the expiration of a period of three months after the deposit "
                    "({article})."
                ),
                {"article": "Art. 46(2)"},
            ),
        ),
    ),
    permitted_provisions=CETS_201_PROVISIONS,
    reservations_closed_list=True,
    reservations_article="Art. 48",
    notification_article="Art. 50(1)",
    notification_addressees=(
        AddresseeGroup.COE_MEMBER_STATES,
        AddresseeGroup.SIGNATORIES,
        AddresseeGroup.PARTIES,
        # Art. 50(1) names "the European Community", which the European Union succeeded.
        AddresseeGroup.EUROPEAN_UNION,
        AddresseeGroup.INVITED_TO_SIGN,
        AddresseeGroup.INVITED_TO_ACCEDE,
    ),
    territorial=FirstDayOfMonthAfterPeriod(
        3, "Art. 47(2)", _("the receipt of the declaration by the Secretary General")
    ),
    territorial_withdrawal=FirstDayOfMonthAfterPeriod(
        3, "Art. 47(3)", _("the receipt of the notification by the Secretary General")
    ),
    denunciation_article="Art. 49(1)",
    denunciation=FirstDayOfMonthAfterPeriod(
        3, "Art. 49(2)", _("the receipt of the notification by the Secretary General")
    ),
)

OPSC = FinalClauses(
    slug=OPTIONAL_PROTOCOL,
    # Not a Council of Europe treaty, so it has no CETS number.
    number="",
    title=_(
        "Optional Protocol to the Convention on the Rights of the Child on the sale of "
        "children, child prostitution and child pornography"
    ),
    short_title=_("Optional Protocol on the sale of children"),
    noun=_("the Protocol"),
    opened_for_signature=date(2000, 5, 25),
    depositary=_("the Secretary-General of the United Nations"),
    # Art. 13(1) limits signature to States that are party to or have signed the Convention on
    # the Rights of the Child; nearly every State is, so the group is modelled as all States.
    signatory_groups=(SignatoryGroup.ALL_STATES,),
    signature_article="Art. 13(1)",
    signatory_note=_(
        "open to any State that is a party to the Convention on the Rights of the Child or "
        "has signed it"
    ),
    consent_instruments=(Instrument.RATIFICATION, Instrument.ACCESSION),
    consent_article="Art. 13(2)",
    signature_required_before_consent=True,
    general_entry_into_force=GeneralEntryIntoForce(
        threshold=10,
        minimum_member_states=0,
        counted_instruments=(Instrument.RATIFICATION, Instrument.ACCESSION),
        delay=SameDayAfterPeriod(
            3, "Art. 14(1)", _("the deposit of the tenth instrument of ratification or accession")
        ),
        later_consents=LaterConsents.AFTER_ENTRY_INTO_FORCE,
    ),
    later_entry_into_force=SameDayAfterPeriod(
        1, "Art. 14(2)", _("the deposit of its own instrument of ratification or accession")
    ),
    accession=AccessionClause(
        allowed=True,
        only_after_entry_into_force=False,
        invitation_required=False,
        delay=SameDayAfterPeriod(
            1, "Art. 14(2)", _("the deposit of its own instrument of ratification or accession")
        ),
        procedure_article="Art. 13(2)",
        steps=(
            Explanation(
                _(
                    "The State deposits an instrument of accession with the Secretary-General "
                    "of the United Nations ({article})."
                ),
                {"article": "Art. 13(2)"},
            ),
            Explanation(
                _("The Protocol enters into force for it one month after the deposit ({article})."),
                {"article": "Art. 14(2)"},
            ),
        ),
    ),
    permitted_provisions=(),
    # The Protocol has no reservations clause, so the general law of treaties governs.
    reservations_closed_list=False,
    reservations_article="VCLT Art. 19",
    # No article lists whom the Secretary-General of the United Nations notifies of every act
    # (Arts. 15(1) and 17(2) name addressees only for a denunciation and for certified copies),
    # and the registry issues no notification in the United Nations' name.
    notification_article=None,
    notification_addressees=(),
    territorial=None,
    territorial_withdrawal=None,
    # The one-year period is in the first paragraph of Art. 15; Art. 15(2) saves obligations
    # for offences committed before the denunciation takes effect.
    denunciation_article="Art. 15(1)",
    denunciation=SameDayAfterPeriod(
        12, "Art. 15(1)", _("the receipt of the notification by the Secretary-General")
    ),
)

TREATIES: Mapping[str, FinalClauses] = MappingProxyType(
    {clauses.slug: clauses for clauses in (CETS_201, OPSC)}
)


class UnknownTreaty(KeyError):
    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug

    def __str__(self) -> str:
        known = ", ".join(sorted(TREATIES))
        return f"no final clauses are recorded for treaty {self.slug!r}; known treaties: {known}"


# Where the clauses of treaties not declared here are found (the registry installs one that
# reads the clauses stored as data with the treaty; see `clause_data`). It answers None for a
# treaty it does not know.
type ClausesLookup = Callable[[str], FinalClauses | None]
_other_treaties: list[ClausesLookup] = []


def install_clauses_lookup(lookup: ClausesLookup) -> None:
    """Let `get_final_clauses` ask `lookup` about treaties not declared in this module."""
    if lookup not in _other_treaties:
        _other_treaties.append(lookup)


def get_final_clauses(slug: str) -> FinalClauses:
    declared = TREATIES.get(slug)
    if declared is not None:
        return declared
    for lookup in _other_treaties:
        found = lookup(slug)
        if found is not None:
            return found
    raise UnknownTreaty(slug)
