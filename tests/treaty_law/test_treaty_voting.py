"""Committee of Ministers votes and the Parties' consent to an accession (Art. 46(1))."""

import pytest

from lanzarote.treaty_law.voting import (
    DEFAULT_UNANIMITY_READING,
    UnanimityReading,
    committee_of_ministers_accession_vote,
    unanimous_consent,
)

CONTRACTING = frozenset({"AT", "DK", "FR", "NO", "TN"})


def vote(
    votes_for: int,
    votes_against: int,
    abstentions: int,
    *,
    entitled: int = 46,
    voting_for: frozenset[str] = CONTRACTING,
    contracting: frozenset[str] = CONTRACTING,
) -> tuple[bool, str]:
    answer = committee_of_ministers_accession_vote(
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        entitled_to_sit=entitled,
        contracting_states_entitled_to_sit=contracting,
        contracting_states_voting_for=voting_for,
    )
    assert answer.article == "Art. 46(1)"
    return answer.value, answer.render()


def test_adopted_with_two_thirds_a_majority_of_members_and_unanimity() -> None:
    adopted, text = vote(30, 10, 5)
    assert adopted
    assert (
        "30 for, 10 against, 5 abstentions: 40 votes cast, as abstentions are not votes cast."
        in text
    )
    assert "Two thirds of the votes cast (Art. 20.d of the Statute): met (30 of 40)." in text
    assert "All 5 Contracting States entitled to sit voted for (Art. 46(1))" in text
    assert text.endswith("The decision to invite the State to accede is adopted.")


def test_one_contracting_state_against_blocks_the_decision() -> None:
    adopted, text = vote(29, 11, 5, voting_for=CONTRACTING - {"NO"})
    assert not adopted
    assert "NO did not vote for" in text
    assert text.endswith("is not adopted.")


def _unanimity(reading: UnanimityReading, *, against: frozenset[str]) -> tuple[bool, str]:
    # Norway abstains (or is absent); the other four Contracting States vote as `against` says.
    voting_for = CONTRACTING - {"NO"} - against
    answer = committee_of_ministers_accession_vote(
        votes_for=30,
        votes_against=len(against),
        abstentions=5,
        entitled_to_sit=46,
        contracting_states_entitled_to_sit=CONTRACTING,
        contracting_states_voting_for=voting_for,
        contracting_states_voting_against=against,
        reading=reading,
    )
    return answer.value, answer.render()


def test_by_default_an_abstention_of_a_contracting_state_prevents_unanimity_and_says_why() -> None:
    """Art. 46(1): "by unanimous vote of the representatives of the Contracting States entitled
    to sit on the Committee of Ministers" — read as every one of them voting for, since the
    article counts those entitled to sit, where Art. 20.a of the Statute counts "the
    representatives casting a vote". The answer says this is a reading."""
    assert DEFAULT_UNANIMITY_READING is UnanimityReading.NO_ABSTENTION_OR_ABSENCE
    adopted, text = _unanimity(UnanimityReading.NO_ABSTENTION_OR_ABSENCE, against=frozenset())
    assert not adopted
    assert "This is a choice of reading" in text
    assert "an abstention or an absence prevents unanimity" in text
    assert "NO abstained or did not vote, which this reading counts against it" in text


def test_under_the_reading_of_votes_cast_an_abstention_does_not_prevent_unanimity() -> None:
    """The other reading of Art. 46(1): unanimity of the votes the Contracting States cast."""
    adopted, text = _unanimity(UnanimityReading.UNANIMITY_OF_VOTES_CAST, against=frozenset())
    assert adopted
    assert "an abstention or an absence does not prevent unanimity" in text
    assert "Unanimity of the Contracting States entitled to sit is reached (Art. 46(1))." in text


def test_under_either_reading_a_contracting_state_against_blocks_the_decision() -> None:
    for reading in UnanimityReading:
        adopted, text = _unanimity(reading, against=frozenset({"DK"}))
        assert not adopted
        assert "DK voted against" in text


def test_the_reading_of_votes_cast_needs_to_know_who_voted_against() -> None:
    with pytest.raises(ValueError, match="cannot be told from a vote against"):
        committee_of_ministers_accession_vote(
            votes_for=30,
            votes_against=10,
            abstentions=5,
            entitled_to_sit=46,
            contracting_states_entitled_to_sit=CONTRACTING,
            contracting_states_voting_for=CONTRACTING,
            reading=UnanimityReading.UNANIMITY_OF_VOTES_CAST,
        )


def test_twenty_of_forty_six_is_not_a_majority_of_those_entitled_to_sit() -> None:
    adopted, text = vote(20, 0, 26)
    assert not adopted
    assert "A majority of the 46 representatives entitled to sit" in text
    assert "not met (20 for, more than 23 needed)" in text


def test_two_thirds_is_exact_without_rounding() -> None:
    assert vote(26, 13, 0)[0]  # exactly two thirds
    assert not vote(26, 14, 0)[0]


def test_no_votes_cast_is_not_adopted() -> None:
    adopted, _text = vote(0, 0, 46, voting_for=frozenset(), contracting=frozenset())
    assert not adopted


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"votes_for": -1}, "votes_for cannot be negative"),
        ({"abstentions": -2}, "abstentions cannot be negative"),
        ({"votes_for": 40, "votes_against": 10}, "more than the 46 entitled to sit"),
        (
            {"entitled_to_sit": 0, "votes_for": 0, "votes_against": 0, "abstentions": 0},
            "at least 1",
        ),
        ({"contracting_states_voting_for": frozenset({"ZZ"})}, "not listed as Contracting States"),
        ({"votes_for": 3, "votes_against": 0}, "only 3 votes for"),
        ({"contracting_states_voting_against": frozenset({"ZZ"})}, "not listed as Contracting"),
        ({"contracting_states_voting_against": frozenset({"AT"})}, "both for and against"),
    ],
)
def test_impossible_counts_are_refused(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "votes_for": 30,
        "votes_against": 10,
        "abstentions": 5,
        "entitled_to_sit": 46,
        "contracting_states_entitled_to_sit": CONTRACTING,
        "contracting_states_voting_for": CONTRACTING,
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        committee_of_ministers_accession_vote(**arguments)  # type: ignore[arg-type]


def test_unanimous_consent_pending_refused_given() -> None:
    consulted = frozenset({"AT", "DK", "FR"})
    pending = unanimous_consent({"AT": True, "DK": None}, consulted)
    assert pending.value is None
    assert (
        pending.render() == "1 of 3 consulted Parties have consented; awaiting DK, FR (Art. 46(1))."
    )

    refused = unanimous_consent({"AT": True, "DK": False, "FR": None}, consulted)
    assert refused.value is False
    assert "DK objected" in refused.render()

    given = unanimous_consent({"AT": True, "DK": True, "FR": True}, consulted)
    assert given.value is True
    assert given.article == "Art. 46(1)"


def test_replies_from_states_not_consulted_are_refused() -> None:
    with pytest.raises(ValueError, match="not consulted: ZZ"):
        unanimous_consent({"ZZ": True}, frozenset({"AT"}))
