"""The votes an invitation to accede to CETS 201 needs (Art. 46(1)).

Three separate conditions must all hold: the Parties, consulted beforehand, consent unanimously;
the Committee of Ministers decides by the majority of Article 20.d of the Statute of the Council
of Europe; and every Contracting State entitled to sit on the Committee votes in favour.
"""

from __future__ import annotations

from collections.abc import Mapping

from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, _

ACCESSION_ARTICLE = "Art. 46(1)"


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative, got {value}")


def committee_of_ministers_accession_vote(
    *,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    entitled_to_sit: int,
    contracting_states_entitled_to_sit: frozenset[str],
    contracting_states_voting_for: frozenset[str],
) -> RuleAnswer[bool]:
    """Whether the Committee of Ministers adopted a decision to invite a State to accede."""
    for name, value in (
        ("votes_for", votes_for),
        ("votes_against", votes_against),
        ("abstentions", abstentions),
        ("entitled_to_sit", entitled_to_sit),
    ):
        _check_count(name, value)
    if entitled_to_sit == 0:
        raise ValueError("entitled_to_sit must be at least 1: the Committee cannot be empty")
    present = votes_for + votes_against + abstentions
    if present > entitled_to_sit:
        raise ValueError(
            f"{votes_for} for + {votes_against} against + {abstentions} abstentions = {present} "
            f"representatives, more than the {entitled_to_sit} entitled to sit"
        )
    if len(contracting_states_entitled_to_sit) > entitled_to_sit:
        raise ValueError(
            f"{len(contracting_states_entitled_to_sit)} Contracting States are said to be "
            f"entitled to sit, more than the {entitled_to_sit} representatives entitled to sit"
        )
    strangers = contracting_states_voting_for - contracting_states_entitled_to_sit
    if strangers:
        raise ValueError(
            "contracting_states_voting_for names States not listed as Contracting States "
            f"entitled to sit: {', '.join(sorted(strangers))}"
        )
    if len(contracting_states_voting_for) > votes_for:
        raise ValueError(
            f"{len(contracting_states_voting_for)} Contracting States are said to have voted "
            f"for, but only {votes_for} votes for were cast"
        )

    cast = votes_for + votes_against
    # Integer comparisons: 3 × for ≥ 2 × cast is "two thirds of the votes cast" without rounding.
    two_thirds = cast > 0 and 3 * votes_for >= 2 * cast
    majority_of_entitled = 2 * votes_for > entitled_to_sit
    missing = sorted(contracting_states_entitled_to_sit - contracting_states_voting_for)
    unanimous = not missing
    adopted = two_thirds and majority_of_entitled and unanimous

    explanations = [
        Explanation(
            _(
                "{votes_for} for, {votes_against} against, {abstentions} abstentions: "
                "{cast} votes cast, as abstentions are not votes cast."
            ),
            {
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "cast": cast,
            },
        ),
        Explanation(
            _(
                "Two thirds of the votes cast (Art. 20.d of the Statute): {verdict} "
                "({votes_for} of {cast})."
            ),
            {"verdict": _verdict(two_thirds), "votes_for": votes_for, "cast": cast},
        ),
        Explanation(
            _(
                "A majority of the {entitled} representatives entitled to sit (Art. 20.d of "
                "the Statute): {verdict} ({votes_for} for, more than {half} needed)."
            ),
            {
                "entitled": entitled_to_sit,
                "verdict": _verdict(majority_of_entitled),
                "votes_for": votes_for,
                "half": entitled_to_sit // 2,
            },
        ),
    ]
    if unanimous:
        explanations.append(
            Explanation(
                _(
                    "All {count} Contracting States entitled to sit voted for ({article}): "
                    "unanimity reached."
                ),
                {"count": len(contracting_states_entitled_to_sit), "article": ACCESSION_ARTICLE},
            )
        )
    else:
        explanations.append(
            Explanation(
                _(
                    "Unanimity of the Contracting States entitled to sit is not reached "
                    "({article}): {states} did not vote for."
                ),
                {"states": missing, "article": ACCESSION_ARTICLE},
            )
        )
    explanations.append(
        Explanation(
            _("The decision to invite the State to accede is adopted.")
            if adopted
            else _("The decision to invite the State to accede is not adopted.")
        )
    )
    return RuleAnswer(adopted, ACCESSION_ARTICLE, tuple(explanations))


def _verdict(met: bool) -> Phrase:
    return Phrase(_("met") if met else _("not met"))


def unanimous_consent(
    replies: Mapping[str, bool | None], consulted: frozenset[str]
) -> RuleAnswer[bool | None]:
    """The Parties' consent to an accession: None while replies are awaited, False on objection.

    An objection settles the matter at once, so it is reported even while others are pending.
    """
    strangers = set(replies) - consulted
    if strangers:
        raise ValueError(
            f"replies from States that were not consulted: {', '.join(sorted(strangers))}"
        )
    objectors = sorted(s for s in consulted if replies.get(s) is False)
    pending = sorted(s for s in consulted if replies.get(s) is None)
    if objectors:
        return RuleAnswer(
            False,
            ACCESSION_ARTICLE,
            (
                Explanation(
                    _(
                        "The Parties must consent unanimously ({article}); {states} objected, "
                        "so there is no consent."
                    ),
                    {"states": objectors, "article": ACCESSION_ARTICLE},
                ),
            ),
        )
    if pending:
        return RuleAnswer(
            None,
            ACCESSION_ARTICLE,
            (
                Explanation(
                    _(
                        "{agreed} of {consulted} consulted Parties have consented; awaiting "
                        "{states} ({article})."
                    ),
                    {
                        "agreed": len(consulted) - len(pending),
                        "consulted": len(consulted),
                        "states": pending,
                        "article": ACCESSION_ARTICLE,
                    },
                ),
            ),
        )
    return RuleAnswer(
        True,
        ACCESSION_ARTICLE,
        (
            Explanation(
                _("All {consulted} consulted Parties have consented ({article})."),
                {"consulted": len(consulted), "article": ACCESSION_ARTICLE},
            ),
        ),
    )
