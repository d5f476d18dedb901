"""The Committee's rules as pure functions: who sits, who votes, how a vote is counted, and the
steps of the observer procedure (no database)."""

from __future__ import annotations

from datetime import date

import pytest

from lanzarote.treaty_law import KnownDate, RuleViolation, Status
from lanzarote.treaty_law.committee import (
    VOTING_ARTICLE,
    ApplicationStatus,
    MajorityRule,
    ObserverStep,
    ParticipantBasis,
    Seat,
    committee_vote,
    observer_step,
    state_seat,
)

DAY = date(2024, 5, 14)
MEMBERS = frozenset({"FR", "DE", "IT", "RU", "TN"})


def test_only_members_vote_and_the_refusal_cites_art_39_1():
    """Art. 39(1): "The Committee of the Parties shall be composed of representatives of the
    Parties". Art. 40(4) concerns the representatives appointed under Art. 40(1)–(3) (Council of
    Europe bodies, observers), not States, so the refusal no longer cites it."""
    with pytest.raises(RuleViolation) as refused:
        committee_vote({"FR": "for", "JP": "for", "VA": "against"}, members=MEMBERS, on=DAY)
    assert refused.value.article == VOTING_ARTICLE == "Art. 39(1)"
    text = refused.value.render()
    assert "JP, VA were not Parties on 2024-05-14" in text
    assert "only they vote (Art. 39(1))" in text
    assert "40(4)" not in text


def test_a_voter_whose_status_is_uncertain_is_not_counted():
    with pytest.raises(RuleViolation) as refused:
        committee_vote(
            {"FR": "for", "SM": "for"}, members=MEMBERS, uncertain=frozenset({"SM"}), on=DAY
        )
    assert "SM" in refused.value.render()
    assert "depends on a date no source gives" in refused.value.render()


def test_a_simple_majority_of_votes_cast_ignores_abstentions_and_a_tie_fails():
    passed = committee_vote(
        {"FR": "for", "DE": "for", "IT": "against", "RU": "abstain", "TN": "abstain"},
        members=MEMBERS,
        on=DAY,
    )
    assert passed.value.adopted and passed.value.cast == 3 and passed.value.abstentions == 2
    assert "default" in passed.render()  # the Rules of Procedure could not be consulted
    tie = committee_vote({"FR": "for", "DE": "against"}, members=MEMBERS, on=DAY)
    assert tie.value.adopted is False


def test_two_thirds_and_majority_of_members():
    ballots = {"FR": "for", "DE": "for", "IT": "against"}
    assert committee_vote(
        ballots, members=MEMBERS, on=DAY, rule=MajorityRule.TWO_THIRDS
    ).value.adopted
    # 2 of 5 members is not a majority of the members.
    assert not committee_vote(
        ballots, members=MEMBERS, on=DAY, rule=MajorityRule.MAJORITY_OF_MEMBERS
    ).value.adopted


def test_a_ballot_must_be_for_against_or_abstain():
    with pytest.raises(RuleViolation):
        committee_vote({"FR": "maybe"}, members=MEMBERS, on=DAY)
    with pytest.raises(RuleViolation):
        committee_vote({}, members=MEMBERS, on=DAY)


def test_a_party_is_a_member_even_outside_the_council_of_europe():
    answer = state_seat(
        state="RU",
        as_of=date(2022, 4, 1),
        status=Status.PARTY,
        possible=frozenset({Status.PARTY}),
        signed=True,
        took_part_in_elaboration=False,
        member_of_council_of_europe=False,
    )
    assert answer.value.seat is Seat.MEMBER
    assert answer.article == "Art. 39(1)"
    assert "not from membership of the Council of Europe" in answer.render()


def test_a_signatory_participates_unconfirmed_and_a_depositing_state_waits():
    signatory = state_seat(
        state="BE",
        as_of=date(2012, 6, 1),
        status=Status.SIGNATORY,
        possible=frozenset({Status.SIGNATORY}),
        signed=True,
        took_part_in_elaboration=False,
    )
    assert signatory.value.seat is Seat.PARTICIPANT
    assert signatory.value.basis is ParticipantBasis.SIGNATORY
    assert signatory.value.confirmed is False
    # A State is not among the representatives of Art. 40; it takes part under the Rules of
    # Procedure the Committee adopts (Art. 39(3)).
    assert signatory.article == "Art. 39(3)"
    assert "not a member of the Committee and has no vote (Art. 39(1))" in signatory.render()
    drafter = state_seat(
        state="JP",
        as_of=date(2012, 6, 1),
        status=Status.NONE,
        possible=frozenset({Status.NONE}),
        signed=False,
        took_part_in_elaboration=True,
    )
    assert drafter.value.basis is ParticipantBasis.ELABORATION
    assert drafter.value.confirmed is True
    assert "leaflet" in drafter.render()
    acceding = state_seat(
        state="TN",
        as_of=date(2020, 1, 31),
        status=Status.CONSENTED,
        possible=frozenset({Status.CONSENTED}),
        signed=False,
        took_part_in_elaboration=False,
        entry_into_force=KnownDate.exact(date(2020, 2, 1)),
    )
    assert acceding.value.seat is Seat.NONE
    assert acceding.value.becomes_member_on == KnownDate.exact(date(2020, 2, 1))
    assert "2020-02-01" in acceding.render()


def test_an_uncertain_status_gives_the_possible_seats():
    answer = state_seat(
        state="SM",
        as_of=date(2010, 6, 1),
        status=None,
        possible=frozenset({Status.SIGNATORY, Status.PARTY}),
        signed=True,
        took_part_in_elaboration=False,
    )
    assert answer.value.seat is None
    assert answer.value.possible == {Seat.MEMBER, Seat.PARTICIPANT}


def test_the_observer_procedure_moves_step_by_step():
    assert observer_step("received", ObserverStep.SCHEDULE) is ApplicationStatus.SCHEDULED
    assert observer_step("scheduled", ObserverStep.ADMIT) is ApplicationStatus.ADMITTED
    assert observer_step("scheduled", ObserverStep.REFUSE) is ApplicationStatus.REFUSED
    assert observer_step("admitted", ObserverStep.WITHDRAW) is ApplicationStatus.WITHDRAWN
    with pytest.raises(RuleViolation) as refused:
        observer_step("received", ObserverStep.ADMIT)
    assert refused.value.article == "Art. 40(3)"
    # Art. 40(3): observers are admitted "following the procedure established by the relevant
    # rules of the Council of Europe" — not "by a vote of the members", as the refusal said.
    assert "procedure of the relevant rules of the Council of Europe" in refused.value.render()
    assert "vote of the members" not in refused.value.render()
    with pytest.raises(RuleViolation):
        observer_step("refused", ObserverStep.WITHDRAW)
