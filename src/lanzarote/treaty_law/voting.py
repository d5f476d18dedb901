"""The votes an invitation to accede to CETS 201 needs (Art. 46(1)).

Three separate conditions must all hold: the Parties, consulted beforehand, consent unanimously;
the Committee of Ministers decides by the majority of Article 20.d of the Statute of the Council
of Europe; and "by unanimous vote of the representatives of the Contracting States entitled to
sit on the Committee of Ministers".

What that unanimity asks when a Contracting State abstains or is absent is a matter of reading,
and the rule says which reading it applies (`UnanimityReading`). The default requires every
Contracting State entitled to sit to vote for: Art. 46(1) counts the representatives "entitled
to sit", where Art. 20.a of the Statute, for the Committee of Ministers' own unanimity, counts
only "the representatives casting a vote". The other reading, the unanimity of the votes cast,
lets an abstention or an absence pass and is available to a caller that adopts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, _

ACCESSION_ARTICLE = "Art. 46(1)"


class UnanimityReading(StrEnum):
    """How the unanimous vote of the Contracting States entitled to sit is counted."""

    # Every Contracting State entitled to sit votes for: an abstention or absence prevents it.
    NO_ABSTENTION_OR_ABSENCE = "no_abstention_or_absence"
    # No Contracting State votes against and at least one votes for: abstentions and absences
    # do not count.
    UNANIMITY_OF_VOTES_CAST = "unanimity_of_votes_cast"

    @property
    def label(self) -> str:
        return _READING_LABELS[self]


_READING_LABELS = {
    UnanimityReading.NO_ABSTENTION_OR_ABSENCE: _(
        "every Contracting State entitled to sit votes for, so an abstention or an absence "
        "prevents unanimity"
    ),
    UnanimityReading.UNANIMITY_OF_VOTES_CAST: _(
        "no Contracting State votes against, so an abstention or an absence does not prevent "
        "unanimity"
    ),
}

DEFAULT_UNANIMITY_READING = UnanimityReading.NO_ABSTENTION_OR_ABSENCE


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
    contracting_states_voting_against: frozenset[str] | None = None,
    reading: UnanimityReading = DEFAULT_UNANIMITY_READING,
) -> RuleAnswer[bool]:
    """Whether the Committee of Ministers adopted a decision to invite a State to accede.

    `contracting_states_voting_against` tells a vote against from an abstention or absence; the
    reading of the votes cast needs it, the default reading uses it only to explain."""
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
    against = _check_against(
        contracting_states_voting_against,
        entitled=contracting_states_entitled_to_sit,
        voting_for=contracting_states_voting_for,
        votes_against=votes_against,
        reading=reading,
    )

    cast = votes_for + votes_against
    # Integer comparisons: 3 × for ≥ 2 × cast is "two thirds of the votes cast" without rounding.
    two_thirds = cast > 0 and 3 * votes_for >= 2 * cast
    majority_of_entitled = 2 * votes_for > entitled_to_sit
    missing = sorted(contracting_states_entitled_to_sit - contracting_states_voting_for)
    if reading is UnanimityReading.UNANIMITY_OF_VOTES_CAST:
        unanimous = not against and bool(contracting_states_voting_for)
    else:
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
    explanations.extend(
        _unanimity_explanations(
            reading,
            unanimous=unanimous,
            entitled=contracting_states_entitled_to_sit,
            voting_for=contracting_states_voting_for,
            against=against,
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


def _check_against(
    against: frozenset[str] | None,
    *,
    entitled: frozenset[str],
    voting_for: frozenset[str],
    votes_against: int,
    reading: UnanimityReading,
) -> frozenset[str] | None:
    if against is None:
        if reading is UnanimityReading.UNANIMITY_OF_VOTES_CAST:
            raise ValueError(
                "the reading of the votes cast needs contracting_states_voting_against: without "
                "it an abstention cannot be told from a vote against"
            )
        return None
    strangers = against - entitled
    if strangers:
        raise ValueError(
            "contracting_states_voting_against names States not listed as Contracting States "
            f"entitled to sit: {', '.join(sorted(strangers))}"
        )
    both = against & voting_for
    if both:
        raise ValueError(f"{', '.join(sorted(both))} cannot have voted both for and against")
    if len(against) > votes_against:
        raise ValueError(
            f"{len(against)} Contracting States are said to have voted against, but only "
            f"{votes_against} votes against were cast"
        )
    return against


def _unanimity_explanations(
    reading: UnanimityReading,
    *,
    unanimous: bool,
    entitled: frozenset[str],
    voting_for: frozenset[str],
    against: frozenset[str] | None,
) -> list[Explanation]:
    explanations = [
        Explanation(
            _(
                "Reading applied to the unanimous vote of the Contracting States entitled to "
                "sit ({article}): {reading}. This is a choice of reading: {why}"
            ),
            {
                "article": ACCESSION_ARTICLE,
                "reading": Phrase(reading.label),
                "why": Phrase(
                    _(
                        "the article counts the representatives entitled to sit, where Art. 20.a "
                        "of the Statute counts those casting a vote."
                    )
                    if reading is UnanimityReading.NO_ABSTENTION_OR_ABSENCE
                    else _(
                        "it counts the votes cast, as Art. 20.a of the Statute does for the "
                        "Committee of Ministers' own unanimity."
                    )
                ),
            },
        )
    ]
    if unanimous:
        explanations.append(
            Explanation(
                _("Unanimity of the Contracting States entitled to sit is reached ({article}).")
                if reading is UnanimityReading.UNANIMITY_OF_VOTES_CAST
                else _(
                    "All {count} Contracting States entitled to sit voted for ({article}): "
                    "unanimity reached."
                ),
                {"count": len(entitled), "article": ACCESSION_ARTICLE},
            )
        )
        return explanations
    opposed = sorted(against or ())
    silent = sorted(entitled - voting_for - set(opposed)) if against is not None else []
    if against is None:
        explanations.append(
            Explanation(
                _(
                    "Unanimity of the Contracting States entitled to sit is not reached "
                    "({article}): {states} did not vote for."
                ),
                {"states": sorted(entitled - voting_for), "article": ACCESSION_ARTICLE},
            )
        )
        return explanations
    if opposed:
        explanations.append(
            Explanation(
                _(
                    "Unanimity of the Contracting States entitled to sit is not reached "
                    "({article}): {states} voted against."
                ),
                {"states": opposed, "article": ACCESSION_ARTICLE},
            )
        )
    if silent and reading is UnanimityReading.NO_ABSTENTION_OR_ABSENCE:
        explanations.append(
            Explanation(
                _(
                    "Unanimity of the Contracting States entitled to sit is not reached "
                    "({article}): {states} abstained or did not vote, which this reading "
                    "counts against it."
                ),
                {"states": silent, "article": ACCESSION_ARTICLE},
            )
        )
    if not opposed and not voting_for and reading is UnanimityReading.UNANIMITY_OF_VOTES_CAST:
        explanations.append(
            Explanation(
                _(
                    "Unanimity of the Contracting States entitled to sit is not reached "
                    "({article}): none of them voted for."
                ),
                {"article": ACCESSION_ARTICLE},
            )
        )
    return explanations


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
