"""The final clauses of CETS 201 and the OPSC, as data."""

from datetime import date

import pytest

from lanzarote.treaty_law.final_clauses import (
    CETS_201,
    OPSC,
    TREATIES,
    FinalClauses,
    FirstDayOfMonthAfterPeriod,
    Instrument,
    LaterConsents,
    ProvisionKind,
    SameDayAfterPeriod,
    SignatoryGroup,
    UnknownTreaty,
    get_final_clauses,
)


def test_cets_201_signature_and_consent() -> None:
    assert CETS_201.slug == "cets-201"
    assert CETS_201.number == "201"
    assert CETS_201.signatory_groups == (
        SignatoryGroup.COE_MEMBER_STATES,
        SignatoryGroup.ELABORATION_NON_MEMBER_STATES,
        SignatoryGroup.EUROPEAN_UNION,
    )
    assert CETS_201.signature_article == "Art. 45(1)"
    assert CETS_201.consent_instruments == (
        Instrument.RATIFICATION,
        Instrument.ACCEPTANCE,
        Instrument.APPROVAL,
        Instrument.ACCESSION,
    )
    assert CETS_201.signatory_instruments == (
        Instrument.RATIFICATION,
        Instrument.ACCEPTANCE,
        Instrument.APPROVAL,
    )
    assert CETS_201.signature_required_before_consent
    assert CETS_201.opened_for_signature == date(2007, 10, 25)


def test_cets_201_entry_into_force_rules() -> None:
    general = CETS_201.general_entry_into_force
    assert (general.threshold, general.minimum_member_states) == (5, 3)
    assert general.article == "Art. 45(3)"
    assert isinstance(general.delay, FirstDayOfMonthAfterPeriod)
    assert general.delay.months == 3
    assert general.delay.apply(date(2010, 3, 31)) == date(2010, 7, 1)
    assert Instrument.ACCESSION not in general.counted_instruments
    assert general.later_consents is LaterConsents.AFTER_CONDITIONS_MET
    assert CETS_201.later_entry_into_force.article == "Art. 45(4)"
    assert CETS_201.accession.allowed
    assert CETS_201.accession.only_after_entry_into_force
    assert CETS_201.accession.invitation_required
    assert CETS_201.accession.article == "Art. 46(2)"
    assert CETS_201.accession.procedure_article == "Art. 46(1)"
    assert len(CETS_201.accession.steps) == 6


@pytest.mark.parametrize(
    ("rule", "article"),
    [
        (CETS_201.later_entry_into_force, "Art. 45(4)"),
        (CETS_201.accession.delay, "Art. 46(2)"),
        (CETS_201.territorial, "Art. 47(2)"),
        (CETS_201.territorial_withdrawal, "Art. 47(3)"),
        (CETS_201.denunciation, "Art. 49(2)"),
    ],
)
def test_cets_201_delays_are_first_day_after_three_months(
    rule: FirstDayOfMonthAfterPeriod | None, article: str
) -> None:
    assert isinstance(rule, FirstDayOfMonthAfterPeriod)
    assert rule.months == 3
    assert rule.article == article
    assert rule.apply(date(2019, 10, 15)) == date(2020, 2, 1)
    assert article in rule.explanation.render()


def test_cets_201_closed_list_of_provisions() -> None:
    """Art. 48: "No reservation may be made in respect of any provision of this Convention, with
    the exception of the reservations expressly established." Arts. 25(3) and 25(5) are among
    them: the Party "reserves the right" by a declaration (they were listed as declarations
    before, which let a reservation under Art. 25(3) be refused)."""
    by_kind = {kind: [p.code for p in CETS_201.provisions_of_kind(kind)] for kind in ProvisionKind}
    assert by_kind == {
        ProvisionKind.RESERVATION: ["20(3)", "20(4)", "21(2)", "24(3)", "25(3)", "25(5)"],
        ProvisionKind.DECLARATION: [],
        ProvisionKind.COMMUNICATION: ["37(2)"],
        ProvisionKind.TERRITORIAL: ["47(1)", "47(2)"],
        ProvisionKind.INTERPRETATIVE: [],
    }
    assert [p.code for p in CETS_201.permitted_provisions if p.by_declaration] == [
        "25(3)",
        "25(5)",
    ]
    assert CETS_201.reservations_closed_list
    assert CETS_201.reservations_article == "Art. 48"
    for provision in CETS_201.permitted_provisions:
        assert provision.article == f"Art. {provision.code}"
        assert provision.summary


def test_opsc_final_clauses() -> None:
    assert OPSC.slug == "opsc"
    assert OPSC.signatory_groups == (SignatoryGroup.ALL_STATES,)
    assert OPSC.signatory_note is not None
    assert "Convention on the Rights of the Child" in OPSC.signatory_note
    assert OPSC.consent_instruments == (Instrument.RATIFICATION, Instrument.ACCESSION)
    general = OPSC.general_entry_into_force
    assert (general.threshold, general.minimum_member_states) == (10, 0)
    assert isinstance(general.delay, SameDayAfterPeriod)
    assert general.article == "Art. 14(1)"
    assert general.later_consents is LaterConsents.AFTER_ENTRY_INTO_FORCE
    assert OPSC.later_entry_into_force.article == "Art. 14(2)"
    assert not OPSC.accession.only_after_entry_into_force
    assert not OPSC.accession.invitation_required
    assert not OPSC.reservations_closed_list
    assert OPSC.permitted_provisions == ()
    assert OPSC.territorial is None
    assert OPSC.denunciation.months == 12


def test_opsc_delays_use_the_same_day() -> None:
    assert OPSC.general_entry_into_force.delay.apply(date(2001, 10, 18)) == date(2002, 1, 18)
    assert OPSC.accession.delay.apply(date(2002, 9, 19)) == date(2002, 10, 19)
    assert OPSC.denunciation.apply(date(2020, 2, 29)) == date(2021, 2, 28)


def test_delay_rules_explain_themselves() -> None:
    assert OPSC.later_entry_into_force.explanation.render() == (
        "Art. 14(2): one month after the deposit of its own instrument of ratification or accession"
    )
    assert "first day of the month following the expiration of a period of three months" in (
        CETS_201.denunciation.explanation.render()
    )


@pytest.mark.parametrize("clauses", [CETS_201, OPSC], ids=lambda c: c.slug)
def test_every_accession_step_renders(clauses: FinalClauses) -> None:
    for step in clauses.accession.steps:
        assert step.render().endswith(".")


def test_delay_for_instrument() -> None:
    assert CETS_201.delay_for(Instrument.ACCESSION).article == "Art. 46(2)"
    assert CETS_201.delay_for(Instrument.APPROVAL).article == "Art. 45(4)"


# The registry installs a lookup of the clauses stored with a treaty, which reads the database.
@pytest.mark.django_db
def test_treaty_lookup() -> None:
    assert set(TREATIES) == {"cets-201", "opsc"}
    assert get_final_clauses("cets-201") is CETS_201
    assert get_final_clauses("opsc") is OPSC
    with pytest.raises(UnknownTreaty) as error:
        get_final_clauses("cets-999")
    assert isinstance(error.value, KeyError)
    assert "cets-999" in str(error.value)
    assert "cets-201, opsc" in str(error.value)
    with pytest.raises(TypeError):
        TREATIES["x"] = CETS_201  # type: ignore[index]
