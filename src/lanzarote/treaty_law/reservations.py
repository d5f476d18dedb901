"""Whether a reservation, declaration or communication is one the treaty allows.

CETS 201 Art. 48 admits only the reservations it expressly provides for, so anything outside its
list is refused. A treaty without a reservations clause (the OPSC) leaves the question to the
general law of treaties, which this module does not try to decide.
"""

from __future__ import annotations

import re

from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, RuleViolation, _
from lanzarote.treaty_law.final_clauses import FinalClauses, PermittedProvision, ProvisionKind

_ARTICLE_PREFIX = re.compile(r"^(?:art(?:icle)?\.?)\s*", re.IGNORECASE)


def normalise_code(code: str) -> str:
    """ "Art. 20 (3)", "article 20(3)" and "20(3)" all name the provision "20(3)"."""
    return re.sub(r"\s+", "", _ARTICLE_PREFIX.sub("", code.strip()))


def permitted_provisions(
    clauses: FinalClauses, kind: ProvisionKind | None = None
) -> tuple[PermittedProvision, ...]:
    return clauses.provisions_of_kind(kind)


def check_provision(
    clauses: FinalClauses, *, kind: ProvisionKind, code: str
) -> RuleAnswer[PermittedProvision]:
    """The permitted provision a State invokes, or `RuleViolation` if the treaty excludes it."""
    wanted = normalise_code(code)
    noun = Phrase(clauses.noun)
    if not clauses.reservations_closed_list:
        return _open_regime(clauses, kind, wanted)

    for provision in clauses.permitted_provisions:
        if provision.code == wanted and provision.kind is kind:
            explanations = [
                Explanation(
                    _("{noun} expressly allows this {kind} under {article}: {summary}"),
                    {
                        "noun": noun,
                        "kind": kind,
                        "article": provision.article,
                        "summary": Phrase(provision.summary),
                    },
                )
            ]
            if provision.when:
                explanations.append(
                    Explanation(_("It is made {when}."), {"when": Phrase(provision.when)})
                )
            return RuleAnswer(provision, provision.article, tuple(explanations))

    same_code = [p for p in clauses.permitted_provisions if p.code == wanted]
    allowed = [f"Art. {p.code}" for p in clauses.provisions_of_kind(kind)]
    if same_code:
        explanation = Explanation(
            _(
                "Art. {code} allows a {allowed_kind}, not a {kind}; the {kind} provisions "
                "{noun} allows are: {allowed}."
            ),
            {
                "code": wanted,
                "allowed_kind": same_code[0].kind,
                "kind": kind,
                "noun": noun,
                "allowed": allowed or Phrase(_("none")),
            },
        )
    else:
        explanation = Explanation(
            _(
                "{noun} does not provide for a {kind} under Art. {code}; only those it expressly "
                "provides for are allowed, namely: {allowed}."
            ),
            {
                "noun": noun,
                "kind": kind,
                "code": wanted,
                "allowed": allowed or Phrase(_("none")),
            },
        )
    raise RuleViolation(clauses.reservations_article, explanation)


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
