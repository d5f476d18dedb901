"""Reservations, declarations and communications a treaty provides for, as data.

CETS 201 Art. 48 admits no reservation but "the reservations expressly established": six of
them (Arts. 20(3), 20(4), 21(2), 24(3), 25(3) and 25(5)). The Convention also provides for a
communication (Art. 37(2)) and for territorial declarations (Art. 47), which are not
reservations. Each entry says when it may be made and which rule says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lanzarote.treaty_law.explain import _


class ProvisionKind(StrEnum):
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    COMMUNICATION = "communication"
    TERRITORIAL = "territorial"
    # A statement that only says how a State reads the treaty: the treaty need not provide for
    # it, and a closed list of reservations does not reach it.
    INTERPRETATIVE = "interpretative"

    @property
    def label(self) -> str:
        return _PROVISION_KIND_LABELS[self]


_PROVISION_KIND_LABELS = {
    ProvisionKind.RESERVATION: _("reservation"),
    ProvisionKind.DECLARATION: _("declaration"),
    ProvisionKind.COMMUNICATION: _("communication"),
    ProvisionKind.TERRITORIAL: _("territorial declaration"),
    ProvisionKind.INTERPRETATIVE: _("interpretative declaration"),
}


class Timing(StrEnum):
    """When a State may make a reservation, declaration or communication."""

    # With the consent itself: on the day of signature or of the deposit of the instrument.
    AT_SIGNATURE_OR_DEPOSIT = "at_signature_or_deposit"
    # Afterwards, by a State for which the treaty is in force.
    LATER_BY_A_PARTY = "later_by_a_party"

    @property
    def label(self) -> str:
        return _TIMING_LABELS[self]


_TIMING_LABELS = {
    Timing.AT_SIGNATURE_OR_DEPOSIT: _("at signature or when depositing the instrument of consent"),
    Timing.LATER_BY_A_PARTY: _("at any later date, by a Party"),
}


@dataclass(frozen=True)
class PermittedProvision:
    """A reservation, declaration or communication the treaty expressly allows.

    `timing` says when it may be made and `timing_article` which rule says so: the article
    itself where it names the moment, the general law of treaties where it is silent.
    `by_declaration` marks a reservation the treaty has made by "a declaration addressed to
    the Secretary General" (CETS 201 Arts. 25(3) and 25(5)): a reservation all the same.
    """

    code: str
    kind: ProvisionKind
    article: str
    summary: str
    timing: Timing | None = None
    timing_article: str | None = None
    by_declaration: bool = False

    @property
    def when(self) -> str | None:
        """The moment in words (a message id), for pages that show the provision."""
        return self.timing.label if self.timing is not None else None


# Arts. 20(3), 20(4), 21(2) and 24(3) say that a Party "may reserve the right" without saying
# when; the general law of treaties fixes the moment a reservation is formulated: when signing,
# ratifying, accepting, approving or acceding (Vienna Convention on the Law of Treaties,
# Arts. 2(1)(d) and 19).
_GENERAL_LAW_OF_RESERVATIONS = "VCLT Art. 19"

CETS_201_PROVISIONS: tuple[PermittedProvision, ...] = (
    PermittedProvision(
        "20(3)",
        ProvisionKind.RESERVATION,
        "Art. 20(3)",
        _(
            "Not to apply, wholly or partly, Art. 20(1)(a) and (e) to material consisting "
            "exclusively of simulated representations or realistic images of a non-existent "
            "child, or involving children above the age set under Art. 18(2) where they "
            "produced and possess the images with their consent, solely for private use."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        _GENERAL_LAW_OF_RESERVATIONS,
    ),
    PermittedProvision(
        "20(4)",
        ProvisionKind.RESERVATION,
        "Art. 20(4)",
        _(
            "Not to apply, wholly or partly, Art. 20(1)(f): knowingly obtaining access to "
            "child pornography through information and communication technologies."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        _GENERAL_LAW_OF_RESERVATIONS,
    ),
    PermittedProvision(
        "21(2)",
        ProvisionKind.RESERVATION,
        "Art. 21(2)",
        _(
            "To limit Art. 21(1)(c), knowingly attending pornographic performances "
            "involving children, to cases where the children were recruited or coerced "
            "under Art. 21(1)(a) or (b)."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        _GENERAL_LAW_OF_RESERVATIONS,
    ),
    PermittedProvision(
        "24(3)",
        ProvisionKind.RESERVATION,
        "Art. 24(3)",
        _(
            "Not to apply, wholly or partly, the attempt offence of Art. 24(2) to the "
            "offences of Art. 20(1)(b), (d), (e) and (f), Art. 21(1)(c), Art. 22 and "
            "Art. 23."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        _GENERAL_LAW_OF_RESERVATIONS,
    ),
    # Arts. 25(3) and 25(5) take the form of a declaration by which the Party "reserves the
    # right" not to apply or to limit a rule: in substance reservations, and two of the six
    # that Art. 48 admits.
    PermittedProvision(
        "25(3)",
        ProvisionKind.RESERVATION,
        "Art. 25(3)",
        _(
            "By a declaration to the Secretary General, to reserve the right not to apply, "
            "or to apply only in specific cases or conditions, jurisdiction based on "
            "habitual residence (Art. 25(1)(e))."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        "Art. 25(3)",
        by_declaration=True,
    ),
    PermittedProvision(
        "25(5)",
        ProvisionKind.RESERVATION,
        "Art. 25(5)",
        _(
            "By a declaration to the Secretary General, to reserve the right to limit "
            "Art. 25(4), which excludes a double-criminality condition for jurisdiction "
            "over nationals, as regards Art. 18(1)(b) second and third indents, to "
            "nationals habitually resident in its territory."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        "Art. 25(5)",
        by_declaration=True,
    ),
    PermittedProvision(
        "37(2)",
        ProvisionKind.COMMUNICATION,
        "Art. 37(2)",
        _(
            "To communicate the name and address of the single national authority "
            "responsible for the data on convicted sexual offenders; this is required, "
            "not a reservation."
        ),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        "Art. 37(2)",
    ),
    PermittedProvision(
        "47(1)",
        ProvisionKind.TERRITORIAL,
        "Art. 47(1)",
        _("To specify the territory or territories to which the Convention applies."),
        Timing.AT_SIGNATURE_OR_DEPOSIT,
        "Art. 47(1)",
    ),
    PermittedProvision(
        "47(2)",
        ProvisionKind.TERRITORIAL,
        "Art. 47(2)",
        _(
            "To extend the Convention to any other territory named in a declaration to "
            "the Secretary General."
        ),
        Timing.LATER_BY_A_PARTY,
        "Art. 47(2)",
    ),
)
