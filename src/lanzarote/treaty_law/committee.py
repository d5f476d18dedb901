"""The Committee of the Parties (Arts. 39–41 CETS 201): who sits in it, who votes, how a vote
is counted, and the steps by which an organisation becomes an observer.

Art. 39(1): the Committee "shall be composed of representatives of the Parties to the
Convention", so its members on a day are exactly the Parties on that day — membership of the
Council of Europe plays no part (the Russian Federation left the Council of Europe on 16 March
2022 and remains a Party) — and only they vote. Art. 40 adds representatives who participate
"without the right to vote" (Art. 40(4)): those the Parliamentary Assembly, the Commissioner for
Human Rights, the CDPC and other Council of Europe committees appoint (40(1)), other Council of
Europe bodies invited by the Committee of Ministers (40(2)), and civil society admitted as
observers "following the procedure established by the relevant rules of the Council of Europe"
(40(3)). Art. 40 says nothing of States: a signatory that is not a Party, or a State that took
part in the elaboration, can take part only under the Rules of Procedure the Committee adopts
(Art. 39(3)). Those Rules could not be read; the Council of Europe's leaflet on the Convention
lists the States that took part in drafting among the Committee's participants, so their seat is
confirmed, while a mere signatory's is not. The majority required is a default that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lanzarote.treaty_law.dates import KnownDate, When
from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, RuleViolation, _
from lanzarote.treaty_law.status import Status

MEMBERS_ARTICLE = "Art. 39(1)"
RULES_ARTICLE = "Art. 39(3)"
OBSERVERS_ARTICLE = "Art. 40(3)"
# Art. 40(4) concerns the representatives of Art. 40(1)–(3), not States.
NO_VOTE_ARTICLE = "Art. 40(4)"
# Who votes follows from who the Committee is composed of: the Parties' representatives.
VOTING_ARTICLE = MEMBERS_ARTICLE


# -- seats -------------------------------------------------------------------------------------


class Seat(StrEnum):
    """How a State sits in the Committee on a day."""

    MEMBER = "member"
    PARTICIPANT = "participant"
    NONE = "none"


class ParticipantBasis(StrEnum):
    """Why a State or an organisation takes part without the right to vote."""

    SIGNATORY = "signatory"  # signed, not (yet) a Party
    ELABORATION = "elaboration"  # took part in drafting the Convention, not a Party
    ARTICLE_40_1 = "article_40_1"  # PACE, Commissioner for Human Rights, CDPC, CoE committees
    ARTICLE_40_2 = "article_40_2"  # other CoE bodies invited by the Committee of Ministers
    DECISION = "decision"  # international organisations or mandates admitted by decision

    @property
    def label(self) -> str:
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    ParticipantBasis.SIGNATORY: _("signatory State, not a Party"),
    ParticipantBasis.ELABORATION: _("State that took part in the elaboration, not a Party"),
    ParticipantBasis.ARTICLE_40_1: _("Council of Europe body under Art. 40(1)"),
    ParticipantBasis.ARTICLE_40_2: _("Council of Europe body invited under Art. 40(2)"),
    ParticipantBasis.DECISION: _("admitted by a decision of the Committee"),
}


@dataclass(frozen=True)
class StateSeat:
    """A State's seat on a day. `seat` is None when its status depends on an unknown day; then
    `possible` lists the seats the known facts allow."""

    state: str
    seat: Seat | None
    possible: frozenset[Seat]
    basis: ParticipantBasis | None = None
    # Member seats follow from the treaty; a participant seat of a State rests on the Rules of
    # Procedure, which could not be read: confirmed for the States that took part in the
    # elaboration (the Council of Europe's leaflet lists them as participants), not for a
    # signatory that is not a Party.
    confirmed: bool = True
    becomes_member_on: KnownDate | None = None


def _seat_for(
    status: Status, *, signed: bool, took_part_in_elaboration: bool
) -> tuple[Seat, ParticipantBasis | None]:
    if status is Status.PARTY:
        return Seat.MEMBER, None
    if status in (Status.SIGNATORY, Status.CONSENTED) and signed:
        return Seat.PARTICIPANT, ParticipantBasis.SIGNATORY
    if status is not Status.DENOUNCED and took_part_in_elaboration:
        return Seat.PARTICIPANT, ParticipantBasis.ELABORATION
    return Seat.NONE, None


def state_seat(
    *,
    state: str,
    as_of: date,
    status: Status | None,
    possible: frozenset[Status],
    signed: bool,
    took_part_in_elaboration: bool,
    member_of_council_of_europe: bool | None = None,
    entry_into_force: KnownDate | None = None,
    name: str | None = None,
) -> RuleAnswer[StateSeat]:
    """The seat of `state` in the Committee on `as_of`, from its status under the Convention.

    Parties are members (Art. 39(1)); a State that signed but is not a Party, or that took part
    in the elaboration, is no member and has no vote, and takes part under the Rules of
    Procedure (Art. 39(3); unconfirmed for a signatory); a State whose instrument is deposited
    but not yet in force becomes a member on the day it enters into force for it. `name` is how the State is called
    in the explanations (its code by default).
    """
    day = When(KnownDate.exact(as_of))
    called = name or state
    if status is None:
        seats = {
            _seat_for(s, signed=signed, took_part_in_elaboration=took_part_in_elaboration)[0]
            for s in possible
        }
        return RuleAnswer(
            StateSeat(state, None, frozenset(seats)),
            MEMBERS_ARTICLE,
            (
                Explanation(
                    _(
                        "Whether {state} was a Party {day} depends on a date that no source "
                        "gives, so whether it sat in the Committee as a member is uncertain "
                        "({article})."
                    ),
                    {"state": called, "day": day, "article": MEMBERS_ARTICLE},
                ),
            ),
        )
    seat, basis = _seat_for(
        status, signed=signed, took_part_in_elaboration=took_part_in_elaboration
    )
    explanations: list[Explanation] = []
    becomes_member_on = None
    if seat is Seat.MEMBER:
        explanations.append(
            Explanation(
                _(
                    "{state} is a Party {day}, so it is a member of the Committee of the Parties "
                    "and its representative votes ({article})."
                ),
                {"state": called, "day": day, "article": MEMBERS_ARTICLE},
            )
        )
        if member_of_council_of_europe is False:
            explanations.append(
                Explanation(
                    _(
                        "It is not a member State of the Council of Europe on that day; "
                        "membership of the Committee follows from being a Party, not from "
                        "membership of the Council of Europe."
                    )
                )
            )
    elif seat is Seat.PARTICIPANT:
        assert basis is not None
        explanations.append(
            Explanation(
                _(
                    "{state} is not a Party {day}, so it is not a member of the Committee and "
                    "has no vote ({members}); as a {basis} it may take part in the Committee's "
                    "work under the Rules of Procedure the Committee adopts ({article})."
                ),
                {
                    "state": called,
                    "day": day,
                    "basis": Phrase(basis.label),
                    "members": MEMBERS_ARTICLE,
                    "article": RULES_ARTICLE,
                },
            )
        )
        if basis is ParticipantBasis.ELABORATION:
            explanations.append(
                Explanation(
                    _(
                        "The Rules of Procedure could not be consulted; the Council of Europe's "
                        "leaflet on the Convention lists the States that took part in drafting "
                        "it among the Committee's participants."
                    )
                )
            )
        else:
            explanations.append(
                Explanation(
                    _(
                        "The Committee's composition is governed by Rule 2 of its Rules of "
                        "Procedure ({article}), whose text could not be consulted: this "
                        "participation is unconfirmed."
                    ),
                    {"article": RULES_ARTICLE},
                )
            )
    else:
        explanations.append(
            Explanation(
                _(
                    "{state} is not a Party {day}, so it is not a member of the Committee ({article})."
                ),
                {"state": called, "day": day, "article": MEMBERS_ARTICLE},
            )
        )
    if status is Status.CONSENTED and entry_into_force is not None:
        becomes_member_on = entry_into_force
        explanations.append(
            Explanation(
                _("It becomes a member when the Convention enters into force for it, {when}."),
                {"when": When(entry_into_force)},
            )
        )
    return RuleAnswer(
        StateSeat(
            state,
            seat,
            frozenset({seat}),
            basis=basis,
            confirmed=basis is not ParticipantBasis.SIGNATORY,
            becomes_member_on=becomes_member_on,
        ),
        MEMBERS_ARTICLE if seat is not Seat.PARTICIPANT else RULES_ARTICLE,
        tuple(explanations),
    )


# -- votes -------------------------------------------------------------------------------------


class Ballot(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"

    @property
    def label(self) -> str:
        return _BALLOT_LABELS[self]


_BALLOT_LABELS = {
    Ballot.FOR: _("for"),
    Ballot.AGAINST: _("against"),
    Ballot.ABSTAIN: _("abstention"),
}


class MajorityRule(StrEnum):
    """How many votes adopt a proposal. The Rules of Procedure were not available: the default is
    a simple majority of the votes cast, and another rule is chosen only where one applies."""

    SIMPLE = "simple_majority_of_votes_cast"
    TWO_THIRDS = "two_thirds_of_votes_cast"
    MAJORITY_OF_MEMBERS = "majority_of_members"

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]


_RULE_LABELS = {
    MajorityRule.SIMPLE: _("a simple majority of the votes cast"),
    MajorityRule.TWO_THIRDS: _("two thirds of the votes cast"),
    MajorityRule.MAJORITY_OF_MEMBERS: _("a majority of the members of the Committee"),
}


@dataclass(frozen=True)
class VoteResult:
    votes_for: int
    votes_against: int
    abstentions: int
    members: int
    rule: MajorityRule
    adopted: bool

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against


def check_voters(
    ballots: Mapping[str, Ballot | str],
    *,
    members: frozenset[str],
    uncertain: frozenset[str] = frozenset(),
    on: date,
) -> None:
    """Only the Parties' representatives vote (Art. 39(1)). Raises `RuleViolation`
    naming the voters who were not Parties on the day of the vote, or whose status that day
    depends on a date no source gives."""
    if not ballots:
        raise RuleViolation(
            VOTING_ARTICLE,
            Explanation(_("A vote needs at least one ballot from a member of the Committee.")),
        )
    for voter, ballot in ballots.items():
        if str(ballot) not in {b.value for b in Ballot}:
            raise RuleViolation(
                VOTING_ARTICLE,
                Explanation(
                    _("{voter} cast “{ballot}”; a ballot is for, against or abstain."),
                    {"voter": voter, "ballot": str(ballot)},
                ),
            )
    doubtful = sorted(set(ballots) & uncertain)
    strangers = sorted(set(ballots) - members - uncertain)
    day = When(KnownDate.exact(on))
    if strangers:
        raise RuleViolation(
            VOTING_ARTICLE,
            Explanation(
                _(
                    "The Committee of the Parties is composed of the representatives of the "
                    "Parties, and only they vote (Art. 39(1)). {states} was not a Party {day}, so "
                    "the vote cannot be recorded with its ballot."
                )
                if len(strangers) == 1
                else _(
                    "The Committee of the Parties is composed of the representatives of the "
                    "Parties, and only they vote (Art. 39(1)). {states} were not Parties {day}, "
                    "so the vote cannot be recorded with their ballots."
                ),
                {"states": strangers, "day": day},
            ),
        )
    if doubtful:
        raise RuleViolation(
            VOTING_ARTICLE,
            Explanation(
                _(
                    "Only the representatives of the Parties vote (Art. 39(1)); whether {states} "
                    "were Parties {day} depends on a date no source gives, so their ballots "
                    "cannot be counted until the registry establishes it."
                ),
                {"states": doubtful, "day": day},
            ),
        )


def committee_vote(
    ballots: Mapping[str, Ballot | str],
    *,
    members: frozenset[str],
    on: date,
    uncertain: frozenset[str] = frozenset(),
    rule: MajorityRule = MajorityRule.SIMPLE,
) -> RuleAnswer[VoteResult]:
    """Count a vote of the Committee. Every voter must be a member (a Party) on `on`.

    Abstentions are not votes cast. A simple majority means more votes for than against; a tie
    rejects the proposal. Two thirds means at least twice as many for as against (integer
    arithmetic, no rounding). A majority of the members means more votes for than half of the
    Parties on the day.
    """
    check_voters(ballots, members=members, uncertain=uncertain, on=on)
    counted = [Ballot(str(b)) for b in ballots.values()]
    votes_for = counted.count(Ballot.FOR)
    votes_against = counted.count(Ballot.AGAINST)
    abstentions = counted.count(Ballot.ABSTAIN)
    cast = votes_for + votes_against
    if rule is MajorityRule.SIMPLE:
        adopted = votes_for > votes_against
    elif rule is MajorityRule.TWO_THIRDS:
        adopted = cast > 0 and 3 * votes_for >= 2 * cast
    else:
        adopted = 2 * votes_for > len(members)
    explanations = [
        Explanation(
            _(
                "{voters} of the {members} members voted {day}: {votes_for} for, "
                "{votes_against} against, {abstentions} abstentions, so {cast} votes cast "
                "(abstentions are not votes cast). Only members vote ({article})."
            ),
            {
                "voters": len(ballots),
                "members": len(members),
                "day": When(KnownDate.exact(on)),
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "cast": cast,
                "article": VOTING_ARTICLE,
            },
        ),
        Explanation(
            _("The proposal needed {rule}: it is {outcome}."),
            {
                "rule": Phrase(rule.label),
                "outcome": Phrase(_("adopted") if adopted else _("not adopted")),
            },
        ),
    ]
    if rule is MajorityRule.SIMPLE:
        explanations.append(
            Explanation(
                _(
                    "A simple majority of the votes cast is the default: the majorities of the "
                    "Rules of Procedure ({article}) could not be consulted."
                ),
                {"article": RULES_ARTICLE},
            )
        )
    result = VoteResult(
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        members=len(members),
        rule=rule,
        adopted=adopted,
    )
    return RuleAnswer(result, VOTING_ARTICLE, tuple(explanations))


# -- observers ---------------------------------------------------------------------------------


class ObserverStep(StrEnum):
    APPLY = "apply"
    SCHEDULE = "schedule"
    ADMIT = "admit"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"


class ApplicationStatus(StrEnum):
    RECEIVED = "received"
    SCHEDULED = "scheduled"
    ADMITTED = "admitted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


_ALLOWED: dict[ObserverStep, tuple[frozenset[ApplicationStatus], ApplicationStatus]] = {
    ObserverStep.SCHEDULE: (
        frozenset({ApplicationStatus.RECEIVED, ApplicationStatus.SCHEDULED}),
        ApplicationStatus.SCHEDULED,
    ),
    ObserverStep.ADMIT: (frozenset({ApplicationStatus.SCHEDULED}), ApplicationStatus.ADMITTED),
    ObserverStep.REFUSE: (frozenset({ApplicationStatus.SCHEDULED}), ApplicationStatus.REFUSED),
    ObserverStep.WITHDRAW: (frozenset({ApplicationStatus.ADMITTED}), ApplicationStatus.WITHDRAWN),
}

_STEP_REFUSALS = {
    ObserverStep.SCHEDULE: _(
        "Only an application that has been received and not yet decided can be put to a meeting; "
        "this one is {status}."
    ),
    ObserverStep.ADMIT: _(
        "Observers are admitted following the procedure of the relevant rules of the Council of "
        "Europe ({article}), which this product records as a decision of the Committee at a "
        "meeting: put the application to a meeting first; this one is {status}."
    ),
    ObserverStep.REFUSE: _(
        "An application is decided following the procedure of the relevant rules of the "
        "Council of Europe ({article}), which this product records as a decision of the "
        "Committee at a meeting: put it to a meeting first; this one is {status}."
    ),
    ObserverStep.WITHDRAW: _(
        "Only an organisation admitted as an observer can lose that status; this one is {status}."
    ),
}


def observer_step(status: ApplicationStatus | str, step: ObserverStep) -> ApplicationStatus:
    """The status an application moves to by `step`, or `RuleViolation` when the step is not
    possible now. Art. 40(3) admits civil society as observers "following the procedure
    established by the relevant rules of the Council of Europe" — it prescribes no vote of the
    members; the product records the admission as a decision of the Committee taken at a
    meeting, the rules themselves being unread."""
    current = ApplicationStatus(str(status))
    if step is ObserverStep.APPLY:
        raise ValueError("An application is created, not moved, by applying.")
    allowed, target = _ALLOWED[step]
    if current not in allowed:
        raise RuleViolation(
            OBSERVERS_ARTICLE,
            Explanation(
                _STEP_REFUSALS[step], {"status": current.value, "article": OBSERVERS_ARTICLE}
            ),
        )
    return target
