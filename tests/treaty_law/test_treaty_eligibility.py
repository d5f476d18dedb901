"""Routes to becoming a Party."""

import json
from collections.abc import Sequence
from datetime import date

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.eligibility import Applicant, Eligibility, Route, eligibility
from lanzarote.treaty_law.final_clauses import CETS_201, OPSC, FinalClauses
from lanzarote.treaty_law.status import Action, ActionKind, state_position

IN_FORCE = KnownDate.exact(date(2010, 7, 1))
OPSC_IN_FORCE = KnownDate.exact(date(2002, 1, 18))

MEMBER = Applicant(
    "FR", is_member_state=True, took_part_in_elaboration=True, elaboration_confirmed=True
)
JAPAN = Applicant(
    "JP", is_member_state=False, took_part_in_elaboration=True, elaboration_confirmed=False
)
BRAZIL = Applicant(
    "BR", is_member_state=False, took_part_in_elaboration=False, elaboration_confirmed=False
)
TUNISIA = Applicant(
    "TN", is_member_state=False, took_part_in_elaboration=False, elaboration_confirmed=False
)
UNION = Applicant(
    "EU",
    is_member_state=False,
    took_part_in_elaboration=True,
    elaboration_confirmed=True,
    is_european_union=True,
)


def act(state: str, kind: ActionKind, when: str) -> Action:
    return Action(state, kind, KnownDate.parse(when))


def advise(
    applicant: Applicant,
    actions: Sequence[Action] = (),
    *,
    as_of: date = date(2024, 1, 1),
    clauses: FinalClauses = CETS_201,
    in_force: KnownDate | None = IN_FORCE,
) -> Eligibility:
    position = state_position(
        clauses,
        state=applicant.code,
        actions=actions,
        treaty_entry_into_force=in_force,
        as_of=as_of,
    )
    return eligibility(
        clauses,
        applicant=applicant,
        position=position,
        treaty_entry_into_force=in_force,
        as_of=as_of,
    )


def test_member_state_that_has_not_signed_signs_then_ratifies() -> None:
    result = advise(MEMBER)
    assert result.route is Route.SIGNATURE_THEN_RATIFICATION
    assert result.open_now
    assert result.legal_basis == ("Art. 45(1)", "Art. 45(2)", "Art. 45(4)")
    assert "As a member State of the Council of Europe it may sign" in result.render()
    steps = [s.render() for s in result.steps]
    assert steps[0] == "Sign the Convention at the Council of Europe (Art. 45(1))."
    assert "ratification, acceptance or approval" in steps[1]
    assert "Art. 45(4)" in steps[2]


def test_unconfirmed_elaboration_is_said_to_be_unconfirmed() -> None:
    result = advise(JAPAN)
    assert result.route is Route.SIGNATURE_THEN_RATIFICATION
    assert "unconfirmed" in result.render()
    assert "Art. 46(1)" in result.render()


def test_confirmed_elaboration_is_not_qualified() -> None:
    confirmed = Applicant("JP", False, took_part_in_elaboration=True, elaboration_confirmed=True)
    result = advise(confirmed)
    assert result.route is Route.SIGNATURE_THEN_RATIFICATION
    assert "unconfirmed" not in result.render()


def test_other_states_accede_once_the_convention_is_in_force() -> None:
    before = advise(BRAZIL, as_of=date(2010, 6, 30))
    assert before.route is Route.ACCESSION
    assert not before.open_now
    assert before.opens_on == date(2010, 7, 1)
    assert (
        "Accession is possible only once the Convention has entered into force" in before.render()
    )

    after = advise(BRAZIL, as_of=date(2010, 7, 1))
    assert after.route is Route.ACCESSION
    assert after.open_now
    assert after.opens_on is None
    assert after.legal_basis == ("Art. 46(1)", "Art. 46(2)")
    steps = [s.render() for s in after.steps]
    assert len(steps) == 6
    assert "Minister of Foreign Affairs" in steps[0]
    assert "unanimous" in steps[2]
    assert "Article 20.d" in steps[2]
    assert "Art. 46(2)" in steps[5]


def test_accession_is_closed_while_the_convention_is_not_in_force() -> None:
    result = advise(BRAZIL, as_of=date(2009, 1, 1), in_force=None)
    assert result.route is Route.ACCESSION
    assert not result.open_now
    assert result.opens_on is None
    assert "not yet in force" in result.render()


def test_unrecorded_membership_is_mentioned() -> None:
    unknown = Applicant(
        "XX", is_member_state=None, took_part_in_elaboration=False, elaboration_confirmed=False
    )
    result = advise(unknown)
    assert result.route is Route.ACCESSION
    assert "not recorded" in result.render()


def test_tunisia_pending_then_party() -> None:
    actions = [act("TN", ActionKind.ACCESSION, "2019-10-15")]
    pending = advise(TUNISIA, actions, as_of=date(2019, 12, 1))
    assert pending.route is Route.PENDING_ENTRY_INTO_FORCE
    assert pending.legal_basis == ("Art. 46(2)",)
    assert "on 2020-02-01" in pending.render()
    assert not pending.open_now

    party = advise(TUNISIA, actions, as_of=date(2020, 2, 1))
    assert party.route is Route.ALREADY_PARTY
    assert party.legal_basis == ("Art. 46(2)",)
    assert "It is a Party on 2020-02-01" in party.render()


def test_european_union_signs_then_approves() -> None:
    result = advise(UNION)
    assert result.route is Route.SIGNATURE_THEN_RATIFICATION
    assert "The European Union may sign the Convention (Art. 45(1))." in result.render()
    deposit = result.steps[1].render()
    assert "instrument of approval" in deposit
    assert "ratification" not in deposit


def test_signatory_ratifies() -> None:
    actions = [act("IE", ActionKind.SIGNATURE, "2007-10-25")]
    result = advise(Applicant("IE", True, True, True), actions, as_of=date(2019, 1, 1))
    assert result.route is Route.RATIFICATION
    assert result.open_now
    assert "Art. 45(1)" in result.legal_basis
    assert "ratification, acceptance or approval" in result.steps[0].render()


def test_signatory_before_entry_into_force_is_told_the_general_rule() -> None:
    actions = [act("GR", ActionKind.SIGNATURE, "2007-10-25")]
    result = advise(
        Applicant("GR", True, True, True), actions, as_of=date(2008, 1, 1), in_force=None
    )
    assert result.route is Route.RATIFICATION
    assert "Art. 45(3)" in result.legal_basis
    assert "together with the Convention itself" in result.steps[1].render()


def test_denounced_member_state_may_ratify_again() -> None:
    actions = [
        act("XX", ActionKind.SIGNATURE, "2007-10-25"),
        act("XX", ActionKind.RATIFICATION, "2011-02-25"),
        act("XX", ActionKind.DENUNCIATION, "2024-01-10"),
    ]
    result = advise(Applicant("XX", True, True, True), actions, as_of=date(2025, 1, 1))
    assert result.route is Route.RATIFICATION
    assert "denunciation took effect on 2024-05-01" in result.render()
    assert "earlier signature still stands" in result.render()


def test_denounced_acceding_state_must_accede_again() -> None:
    actions = [
        act("TN", ActionKind.ACCESSION, "2019-10-15"),
        act("TN", ActionKind.DENUNCIATION, "2024-01-10"),
    ]
    result = advise(TUNISIA, actions, as_of=date(2025, 1, 1))
    assert result.route is Route.ACCESSION
    assert "only by accession" in result.render()


def test_uncertain_status_is_explained() -> None:
    actions = [
        act("SK", ActionKind.SIGNATURE, "2009-09-09"),
        act("SK", ActionKind.RATIFICATION, "2016-01-01..2016-06-30"),
    ]
    result = advise(Applicant("SK", True, True, True), actions, as_of=date(2016, 7, 15))
    assert result.route is Route.ALREADY_PARTY
    assert "is not certain" in result.render()


def test_opsc_states_may_accede_at_any_time() -> None:
    result = advise(BRAZIL, clauses=OPSC, in_force=OPSC_IN_FORCE)
    assert result.route is Route.ACCESSION
    assert result.open_now
    assert result.legal_basis == ("Art. 13(2)", "Art. 14(2)")
    assert "signing first and then ratifying is also possible (Art. 13(1))" in result.render()
    assert "Secretary-General of the United Nations" in result.steps[0].render()


def test_opsc_signatory_ratifies() -> None:
    actions = [act("IE", ActionKind.SIGNATURE, "2000-09-07")]
    result = advise(
        Applicant("IE", True, False, False), actions, clauses=OPSC, in_force=OPSC_IN_FORCE
    )
    assert result.route is Route.RATIFICATION
    deposit = result.steps[0].render()
    assert "instrument of ratification with the Secretary-General of the United Nations" in deposit


def test_as_dict_is_json_ready() -> None:
    data = advise(BRAZIL, as_of=date(2010, 6, 30)).as_dict()
    json.dumps(data)
    assert data["route"] == "accession"
    assert data["opens_on"] == "2010-07-01"
