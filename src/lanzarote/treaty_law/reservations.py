"""Whether a reservation, declaration or communication is one the treaty allows, and when.

CETS 201 Art. 48 (first sentence) admits no reservation but those the Convention expressly
establishes: Arts. 20(3), 20(4), 21(2), 24(3), 25(3) and 25(5). The last two are made "by a
declaration" by which the Party "reserves the right" not to apply a rule: reservations in
substance, whatever their form. Art. 48 limits reservations only. The Convention itself
provides for two kinds of statement that are not reservations — the communication of Art. 37(2)
and the territorial declarations of Art. 47(1)–(2) — besides notifications that are acts of
their own (withdrawing a territorial declaration, Art. 47(3); accepting an amendment,
Art. 44(5); denouncing, Art. 49). Any other declaration a State makes is, for the registry, an
interpretative declaration: how the State reads the text. Art. 48 does not
reach it; if in substance it excluded or modified the legal effect of a provision it would be a
reservation (VCLT Art. 2(1)(d)) and Art. 48 would exclude it, but that characterisation belongs
to the other Parties and to the Committee of the Parties (Art. 41(3)(a)), not to the depositary.

A treaty without a reservations clause (the OPSC) leaves the question to the general law of
treaties, which this module does not try to decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from lanzarote.treaty_law.dates import KnownDate, When
from lanzarote.treaty_law.explain import (
    Explanation,
    OneOf,
    Phrase,
    RuleAnswer,
    RuleViolation,
    _,
)
from lanzarote.treaty_law.final_clauses import FinalClauses
from lanzarote.treaty_law.provisions import PermittedProvision, ProvisionKind, Timing

_ARTICLE_PREFIX = re.compile(r"^(?:art(?:icle)?\.?)\s*", re.IGNORECASE)

# Where the general law of treaties, not the Convention, answers.
INTERPRETATIVE_BASIS = "VCLT Art. 2(1)(d)"


def normalise_code(code: str) -> str:
    """ "Art. 20 (3)", "article 20(3)" and "20(3)" all name the provision "20(3)"."""
    return re.sub(r"\s+", "", _ARTICLE_PREFIX.sub("", code.strip()))


def permitted_provisions(
    clauses: FinalClauses, kind: ProvisionKind | None = None
) -> tuple[PermittedProvision, ...]:
    return clauses.provisions_of_kind(kind)


def _cited(provisions: Sequence[PermittedProvision]) -> list[str] | Phrase:
    return [p.article for p in provisions] or Phrase(_("none"))


def check_provision(
    clauses: FinalClauses, *, kind: ProvisionKind, code: str
) -> RuleAnswer[PermittedProvision]:
    """What the statement a State makes under `code` is in law, or `RuleViolation` if the
    treaty excludes it.

    `kind` is what the State calls its statement: a reservation, a declaration (which may be a
    reservation the treaty makes by declaration, a territorial declaration, the Art. 37(2)
    communication or an interpretative declaration), a communication or a territorial
    declaration. The answer's provision carries the kind the statement has in law.
    """
    wanted = normalise_code(code)
    if not clauses.reservations_closed_list:
        return _open_regime(clauses, kind, wanted)
    provision = clauses.provision(wanted)
    if kind is ProvisionKind.RESERVATION:
        if provision is not None and provision.kind is ProvisionKind.RESERVATION:
            return _provided(clauses, provision)
        raise _not_a_permitted_reservation(clauses, wanted, provision)
    if kind is ProvisionKind.DECLARATION:
        if provision is not None:
            return _provided(clauses, provision)
        return _interpretative(clauses, wanted)
    if provision is not None and provision.kind is kind:
        return _provided(clauses, provision)
    same_kind = clauses.provisions_of_kind(kind)
    raise RuleViolation(
        _common_article(same_kind) or clauses.reservations_article,
        Explanation(
            _("{noun} provides for a {kind} only under {allowed}, not under Art. {code}."),
            {
                "noun": Phrase(clauses.noun),
                "kind": kind,
                "allowed": _cited(same_kind),
                "code": wanted,
            },
        ),
    )


def _common_article(provisions: Sequence[PermittedProvision]) -> str | None:
    """ "Art. 47" for Arts. 47(1) and 47(2): the article every provision belongs to, if one."""
    numbers = {p.code.split("(")[0] for p in provisions}
    return f"Art. {numbers.pop()}" if len(numbers) == 1 else None


def _provided(
    clauses: FinalClauses, provision: PermittedProvision
) -> RuleAnswer[PermittedProvision]:
    noun = Phrase(clauses.noun)
    if provision.by_declaration:
        first = Explanation(
            _(
                "{noun} expressly allows this reservation under {article}, made by a "
                "declaration addressed to the Secretary General: {summary}"
            ),
            {"noun": noun, "article": provision.article, "summary": Phrase(provision.summary)},
        )
    else:
        first = Explanation(
            _("{noun} expressly allows this {kind} under {article}: {summary}"),
            {
                "noun": noun,
                "kind": provision.kind,
                "article": provision.article,
                "summary": Phrase(provision.summary),
            },
        )
    explanations = [first]
    if provision.kind is ProvisionKind.RESERVATION:
        explanations.append(
            Explanation(
                _(
                    "It is one of the reservations {article} admits, and may be withdrawn at "
                    "any time ({article})."
                ),
                {"article": clauses.reservations_article},
            )
        )
    if provision.timing is not None:
        explanations.append(
            Explanation(
                _("It is made {when} ({article})."),
                {
                    "when": provision.timing,
                    "article": provision.timing_article or provision.article,
                },
            )
        )
    return RuleAnswer(provision, provision.article, tuple(explanations))


def _not_a_permitted_reservation(
    clauses: FinalClauses, code: str, provision: PermittedProvision | None
) -> RuleViolation:
    reservations = _cited(clauses.provisions_of_kind(ProvisionKind.RESERVATION))
    noun = Phrase(clauses.noun)
    if provision is not None:
        explanation = Explanation(
            _(
                "Art. {code} provides for a {allowed_kind}, not a reservation; {article} "
                "admits only the reservations {noun} expressly establishes: {allowed}."
            ),
            {
                "code": code,
                "allowed_kind": provision.kind,
                "article": clauses.reservations_article,
                "noun": noun,
                "allowed": reservations,
            },
        )
    else:
        explanation = Explanation(
            _(
                "{noun} establishes no reservation under Art. {code}; {article} admits only "
                "those it expressly establishes: {allowed}."
            ),
            {
                "noun": noun,
                "code": code,
                "article": clauses.reservations_article,
                "allowed": reservations,
            },
        )
    return RuleViolation(clauses.reservations_article, explanation)


def _interpretative(clauses: FinalClauses, code: str) -> RuleAnswer[PermittedProvision]:
    provision = PermittedProvision(
        code=code,
        kind=ProvisionKind.INTERPRETATIVE,
        article=f"Art. {code}",
        summary=_("A declaration the treaty does not provide for, on how the State reads it."),
    )
    explanations = (
        Explanation(
            _(
                "{noun} provides for no declaration under Art. {code}, so this one is recorded "
                "as an interpretative declaration: {article} limits reservations only."
            ),
            {"noun": Phrase(clauses.noun), "code": code, "article": clauses.reservations_article},
        ),
        Explanation(
            _(
                "Should it in substance exclude or modify the legal effect of a provision, it "
                "would be a reservation whatever its name ({basis}) and {article} would exclude "
                "it; that is for the other Parties to judge, not for the depositary."
            ),
            {"basis": INTERPRETATIVE_BASIS, "article": clauses.reservations_article},
        ),
    )
    return RuleAnswer(provision, clauses.reservations_article, explanations)


def _open_regime(
    clauses: FinalClauses, kind: ProvisionKind, code: str
) -> RuleAnswer[PermittedProvision]:
    # Nothing in the treaty lists or forbids reservations, so the Vienna Convention applies: a
    # reservation is admissible unless incompatible with the object and purpose (Art. 19(c)),
    # which is for the other Parties to judge, not for this code.
    provision = PermittedProvision(
        code=code,
        kind=kind,
        article=f"Art. {code}",
        summary=_("Not listed by the treaty; governed by the general law of treaties."),
    )
    explanation = Explanation(
        _(
            "{noun} has no reservations clause, so this {kind} under Art. {code} is governed "
            "by general international law ({article}): a reservation is admissible unless "
            "incompatible with the object and purpose of the treaty."
        ),
        {
            "noun": Phrase(clauses.noun),
            "kind": kind,
            "code": code,
            "article": clauses.reservations_article,
        },
    )
    return RuleAnswer(provision, clauses.reservations_article, (explanation,))


# -- when --------------------------------------------------------------------------------------


class Moment(StrEnum):
    """How the day of a statement stands to the day of the State's signature or deposit."""

    WITH_CONSENT = "with_consent"  # the same day as the signature or the deposit (or may be)
    LATER = "later"  # certainly another day


def moment_of(made_on: KnownDate, anchors: Sequence[KnownDate]) -> Moment:
    """`WITH_CONSENT` when `made_on` may be the day of one of `anchors` (the State's signature
    and deposit). A date known only within bounds counts as possibly that day, so a record
    the sources date loosely is never refused on a guess."""
    if any(made_on.possibly_same_day(anchor) for anchor in anchors):
        return Moment.WITH_CONSENT
    return Moment.LATER


def check_timing(
    provision: PermittedProvision,
    *,
    state: str,
    made_on: KnownDate,
    signature: KnownDate | None,
    deposit: KnownDate | None,
) -> RuleAnswer[Moment]:
    """Whether a statement under `provision` is made when the treaty allows.

    A reservation, and a territorial declaration under Art. 47(1), made on another day than the
    signature or the deposit is refused with the rule that fixes the moment. The Art. 37(2)
    communication is owed "at the time of signature or when depositing"; one that arrives later
    is still the communication the Party owes (and a change of authority is one too), so it is
    accepted and said to be late. Provisions made later by a Party (Art. 47(2)) are checked
    against the State's status by the caller, not here.
    """
    anchors = [d for d in (signature, deposit) if d is not None]
    moment = moment_of(made_on, anchors)
    article = provision.timing_article or provision.article
    if provision.timing is not Timing.AT_SIGNATURE_OR_DEPOSIT or moment is Moment.WITH_CONSENT:
        return RuleAnswer(
            moment,
            article,
            (
                Explanation(
                    _("It is made {when} ({article})."),
                    {"when": provision.timing or Phrase(_("at any time")), "article": article},
                ),
            ),
        )
    if not anchors:
        days: object = Phrase(_("not yet: it has neither signed nor deposited an instrument"))
    else:
        days = OneOf(tuple(When(d) for d in anchors))
    params = {
        "article": article,
        "state": state,
        "day": When(made_on),
        "days": days,
        "kind": provision.kind,
        "provision": provision.article,
    }
    if provision.kind is ProvisionKind.COMMUNICATION:
        return RuleAnswer(
            moment,
            article,
            (
                Explanation(
                    _(
                        "{article} asks for this communication at signature or when depositing "
                        "the instrument, for {state} {days}; made {day}, it is late or names a "
                        "new authority, and is recorded as such."
                    ),
                    params,
                ),
            ),
        )
    if provision.kind is ProvisionKind.RESERVATION:
        template = _(
            "A reservation is made at signature or when depositing the instrument of consent "
            "({article}), for {state} {days}; a reservation made {day} comes too late."
        )
    else:
        template = _(
            "A {kind} under {provision} is made at signature or when depositing the instrument "
            "of consent ({article}), for {state} {days}; one made {day} comes too late."
        )
    raise RuleViolation(article, Explanation(template, params))
