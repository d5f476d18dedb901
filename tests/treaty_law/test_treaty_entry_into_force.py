"""Entry into force of the treaties and for each State, and the effect of later acts."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.entry_into_force import (
    Consent,
    denunciation_effective,
    state_entry_into_force,
    territorial_entry_into_force,
    territorial_withdrawal_effective,
    treaty_entry_into_force,
    with_recorded_entry_into_force,
)
from lanzarote.treaty_law.explain import RuleViolation
from lanzarote.treaty_law.final_clauses import CETS_201, OPSC, FinalClauses, Instrument

CETS_IN_FORCE = KnownDate.exact(date(2010, 7, 1))
OPSC_IN_FORCE = KnownDate.exact(date(2002, 1, 18))
R = Instrument.RATIFICATION
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
treaties = st.sampled_from([CETS_201, OPSC])


def consent(
    state: str, deposited: str, member: bool | None = True, instrument: Instrument = R
) -> Consent:
    return Consent(state, instrument, KnownDate.parse(deposited), member)


# -- for one State ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "instrument", "deposited", "expected", "article"),
    [
        ("TN", Instrument.ACCESSION, "2019-10-15", date(2020, 2, 1), "Art. 46(2)"),
        ("CZ", R, "2016-05-02", date(2016, 9, 1), "Art. 45(4)"),
        ("DK", R, "2009-11-18", date(2010, 7, 1), "Art. 45(3)"),
        ("IE", R, "2020-12-21", date(2021, 4, 1), "Art. 45(4)"),
        ("NO", R, "2018-06-13", date(2018, 10, 1), "Art. 45(4)"),
        ("SI", R, "2013-09-26", date(2014, 1, 1), "Art. 45(4)"),
        ("SM", R, "2010-03", date(2010, 7, 1), "Art. 45(3)"),
        ("XX", R, "2012-03", date(2012, 7, 1), "Art. 45(4)"),
    ],
)
def test_cets_201_reference_examples(
    state: str, instrument: Instrument, deposited: str, expected: date, article: str
) -> None:
    answer = state_entry_into_force(
        CETS_201,
        instrument=instrument,
        deposited=KnownDate.parse(deposited),
        treaty_entry_into_force=CETS_IN_FORCE,
    )
    assert answer.value == KnownDate.exact(expected)
    assert answer.article == article
    assert article in answer.render()
    assert expected.isoformat() in answer.render()


def test_consent_before_entry_into_force_says_so() -> None:
    answer = state_entry_into_force(
        CETS_201,
        instrument=R,
        deposited=KnownDate.exact(date(2009, 11, 18)),
        treaty_entry_into_force=CETS_IN_FORCE,
    )
    assert answer.render() == (
        "Instrument of ratification deposited on 2009-11-18, before the Convention itself entered "
        "into force; under Art. 45(3) it becomes a Party together with the first Parties, "
        "on 2010-07-01."
    )


def test_deposit_straddling_the_treaty_date_gives_an_interval_and_both_articles() -> None:
    answer = state_entry_into_force(
        CETS_201,
        instrument=R,
        deposited=KnownDate.parse("..2016-06-30"),
        treaty_entry_into_force=CETS_IN_FORCE,
    )
    assert answer.value == KnownDate.between(date(2010, 7, 1), date(2016, 10, 1))
    assert answer.article == "Art. 45(3) / Art. 45(4)"


def test_treaty_not_in_force_gives_only_a_lower_bound() -> None:
    answer = state_entry_into_force(
        CETS_201,
        instrument=R,
        deposited=KnownDate.exact(date(2009, 3, 10)),
        treaty_entry_into_force=None,
    )
    assert answer.value == KnownDate.on_or_after(date(2009, 7, 1))
    assert answer.article == "Art. 45(3)"
    assert "not yet in force" in answer.render()


def test_accession_before_the_convention_is_in_force_is_flagged() -> None:
    answer = state_entry_into_force(
        CETS_201,
        instrument=Instrument.ACCESSION,
        deposited=KnownDate.exact(date(2010, 1, 5)),
        treaty_entry_into_force=CETS_IN_FORCE,
    )
    assert "Accession is open only once the Convention is in force (Art. 46(1))" in (
        answer.render()
    )


@pytest.mark.parametrize(
    ("instrument", "deposited", "expected", "article"),
    [
        (Instrument.ACCESSION, "2002-09-19", date(2002, 10, 19), "Art. 14(2)"),
        (R, "2001-04-30", date(2002, 1, 18), "Art. 14(1)"),  # Andorra, before entry into force
        # After the tenth instrument but before 18 January 2002: "after its entry into force"
        # in Art. 14(2) does not reach it, so it joins on the Protocol's own date.
        (R, "2001-12-20", date(2002, 1, 18), "Art. 14(1)"),
        (R, "2002-01-18", date(2002, 2, 18), "Art. 14(2)"),
        (R, "2002-04-30", date(2002, 5, 30), "Art. 14(2)"),  # Antigua and Barbuda
    ],
)
def test_opsc_examples(
    instrument: Instrument, deposited: str, expected: date, article: str
) -> None:
    answer = state_entry_into_force(
        OPSC,
        instrument=instrument,
        deposited=KnownDate.parse(deposited),
        treaty_entry_into_force=OPSC_IN_FORCE,
    )
    assert answer.value == KnownDate.exact(expected)
    assert answer.article == article


def test_opsc_deposit_known_to_the_year() -> None:
    answer = state_entry_into_force(
        OPSC, instrument=R, deposited=KnownDate.year(2002), treaty_entry_into_force=OPSC_IN_FORCE
    )
    assert answer.value == KnownDate.between(date(2002, 1, 18), date(2003, 1, 31))


def exact_state_date(
    clauses: FinalClauses, instrument: Instrument, deposited: date, treaty: date
) -> date:
    answer = state_entry_into_force(
        clauses,
        instrument=instrument,
        deposited=KnownDate.exact(deposited),
        treaty_entry_into_force=KnownDate.exact(treaty),
    )
    assert answer.value.value is not None
    return answer.value.value


@given(treaties, st.sampled_from(list(Instrument)), dates, dates)
def test_never_before_the_deposit_nor_the_treaty(
    clauses: FinalClauses, instrument: Instrument, deposited: date, treaty: date
) -> None:
    result = exact_state_date(clauses, instrument, deposited, treaty)
    assert result > deposited
    assert result >= treaty


@st.composite
def bounded(draw: st.DrawFn) -> tuple[KnownDate, date]:
    """A KnownDate of any shape and one exact date it allows."""
    a, b, inside = draw(dates), draw(dates), draw(dates)
    low, high = min(a, b), max(a, b)
    shape = draw(st.sampled_from(["exact", "month", "between", "before", "after", "unknown"]))
    if shape == "exact":
        return KnownDate.exact(inside), inside
    if shape == "month":
        return KnownDate.month(inside.year, inside.month), inside
    if shape == "between":
        assume(low <= inside <= high)
        return KnownDate.between(low, high), inside
    if shape == "before":
        assume(inside <= high)
        return KnownDate.on_or_before(high), inside
    if shape == "after":
        assume(inside >= low)
        return KnownDate.on_or_after(low), inside
    return KnownDate.unknown(), inside


def contains(interval: KnownDate, d: date) -> bool:
    return (interval.earliest is None or interval.earliest <= d) and (
        interval.latest is None or d <= interval.latest
    )


@given(treaties, st.sampled_from(list(Instrument)), bounded(), bounded())
def test_interval_answer_contains_every_exact_answer(
    clauses: FinalClauses,
    instrument: Instrument,
    deposit: tuple[KnownDate, date],
    treaty: tuple[KnownDate, date],
) -> None:
    deposited, actual_deposit = deposit
    treaty_date, actual_treaty = treaty
    interval = state_entry_into_force(
        clauses, instrument=instrument, deposited=deposited, treaty_entry_into_force=treaty_date
    ).value
    assert contains(interval, exact_state_date(clauses, instrument, actual_deposit, actual_treaty))


# -- for the treaty ---------------------------------------------------------------------------

FIRST_FIVE = [
    consent("GR", "2009-03-10"),
    consent("DK", "2009-11-18"),
    consent("AL", "..2010-03-31"),
    consent("NL", "..2010-03-31"),
    consent("SM", "2010-03"),
]
LATER = [consent("FR", "2010-04-01.."), consent("AT", "2011-02-25"), consent("ES", "2010-04-01..")]


def test_cets_201_entered_into_force_on_1_july_2010() -> None:
    answer = treaty_entry_into_force(CETS_201, [*LATER, *FIRST_FIVE])
    assert answer.value == KnownDate.exact(date(2010, 7, 1))
    assert answer.article == "Art. 45(3)"
    text = answer.render()
    assert "the consents of GR, DK, AL, NL, SM (5 in all, 5 from member States" in text
    assert "Art. 45(3)" in text
    assert "every day in that span gives the same date" in text


def test_four_consents_are_not_enough() -> None:
    answer = treaty_entry_into_force(CETS_201, FIRST_FIVE[:4])
    assert answer.value is None
    assert answer.render() == (
        "Not yet in force: 4 of 5 consents, 4 of 3 from member States of the Council of Europe "
        "(Art. 45(3))."
    )


def test_five_consents_with_only_two_member_states_are_not_enough() -> None:
    consents = [
        consent("GR", "2009-03-10"),
        consent("DK", "2009-11-18"),
        consent("EU", "2009-12-01", member=False),
        consent("JP", "2010-01-05", member=False),
        consent("CA", "2010-02-05", member=False),
    ]
    answer = treaty_entry_into_force(CETS_201, consents)
    assert answer.value is None
    assert "5 of 5 consents, 2 of 3 from member States" in answer.render()


def test_third_member_state_completes_the_conditions() -> None:
    consents = [
        consent("GR", "2009-03-10"),
        consent("DK", "2009-11-18"),
        consent("EU", "2009-12-01", member=False),
        consent("JP", "2010-01-05", member=False),
        consent("CA", "2010-02-05", member=False),
        consent("NL", "2010-05-20"),
    ]
    answer = treaty_entry_into_force(CETS_201, consents)
    assert answer.value == KnownDate.exact(date(2010, 9, 1))


def test_unrecorded_membership_leaves_entry_into_force_open() -> None:
    consents = [
        consent("GR", "2009-03-10"),
        consent("DK", "2009-11-18"),
        consent("EU", "2009-12-01", member=False),
        consent("JP", "2010-01-05", member=False),
        consent("XX", "2010-03-15", member=None),
    ]
    answer = treaty_entry_into_force(CETS_201, consents)
    assert answer.value is None
    assert "It may nevertheless be in force" in answer.render()
    assert "XX" in answer.render()


def test_accessions_do_not_bring_cets_201_into_force() -> None:
    consents = [*FIRST_FIVE[:4], consent("TN", "2010-03-15", instrument=Instrument.ACCESSION)]
    assert treaty_entry_into_force(CETS_201, consents).value is None


def test_a_state_counts_once() -> None:
    consents = [*FIRST_FIVE[:4], consent("GR", "2010-03-15")]
    assert treaty_entry_into_force(CETS_201, consents).value is None


def test_fifth_consent_with_unknown_end_gives_an_open_interval() -> None:
    consents = [*FIRST_FIVE[:4], consent("SM", "2010-03-01..")]
    answer = treaty_entry_into_force(CETS_201, consents)
    assert answer.value == KnownDate.on_or_after(date(2010, 7, 1))


def test_opsc_entered_into_force_three_months_after_the_tenth_instrument() -> None:
    consents = [consent(f"S{i}", f"2001-0{i}-01", member=None) for i in range(1, 10)]
    consents.append(consent("S10", "2001-10-18", member=None, instrument=Instrument.ACCESSION))
    answer = treaty_entry_into_force(OPSC, consents)
    assert answer.value == KnownDate.exact(date(2002, 1, 18))
    assert answer.article == "Art. 14(1)"
    assert "(10 in all)" in answer.render()
    assert treaty_entry_into_force(OPSC, consents[:9]).render() == (
        "Not yet in force: 9 of 10 instruments (Art. 14(1))."
    )


@st.composite
def uncertain_consents(draw: st.DrawFn) -> tuple[list[Consent], list[Consent]]:
    """Consents with uncertain dates and membership, and one exact world they allow."""
    count = draw(st.integers(min_value=0, max_value=8))
    uncertain, exact = [], []
    for index in range(count):
        deposited, actual = draw(bounded())
        member = draw(st.sampled_from([True, False, None]))
        actual_member = draw(st.booleans()) if member is None else member
        uncertain.append(Consent(f"S{index}", R, deposited, member))
        exact.append(Consent(f"S{index}", R, KnownDate.exact(actual), actual_member))
    return uncertain, exact


@given(uncertain_consents())
def test_treaty_interval_contains_every_exact_answer(
    worlds: tuple[list[Consent], list[Consent]],
) -> None:
    uncertain, exact = worlds
    interval = treaty_entry_into_force(CETS_201, uncertain).value
    actual = treaty_entry_into_force(CETS_201, exact).value
    if interval is not None:
        # Certainly in force: in every world it is, within the bounds.
        assert actual is not None
        assert actual.value is not None
        assert contains(interval, actual.value)


# -- acts that take effect after a delay -------------------------------------------------------


def test_denunciation_takes_effect_after_three_months() -> None:
    answer = denunciation_effective(CETS_201, received=date(2024, 1, 10))
    assert answer.value == date(2024, 5, 1)
    assert answer.article == "Art. 49(2)"
    assert answer.render() == (
        "Notification of denunciation received on 2024-01-10; under Art. 49(2) the denunciation "
        "takes effect on 2024-05-01."
    )


def test_opsc_denunciation_takes_effect_after_one_year() -> None:
    answer = denunciation_effective(OPSC, received=date(2020, 2, 29))
    assert answer.value == date(2021, 2, 28)
    assert answer.article == "Art. 15(1)"


def test_territorial_declarations() -> None:
    extension = territorial_entry_into_force(CETS_201, received=date(2015, 6, 30))
    assert (extension.value, extension.article) == (date(2015, 10, 1), "Art. 47(2)")
    withdrawal = territorial_withdrawal_effective(CETS_201, received=date(2015, 7, 1))
    assert (withdrawal.value, withdrawal.article) == (date(2015, 11, 1), "Art. 47(3)")
    assert "Art. 47(3)" in withdrawal.render()


def test_opsc_has_no_territorial_clause() -> None:
    with pytest.raises(RuleViolation) as error:
        territorial_entry_into_force(OPSC, received=date(2015, 6, 30))
    assert error.value.article == "VCLT Art. 29"
    assert str(error.value).startswith("The Protocol has no territorial application clause")
    with pytest.raises(RuleViolation):
        territorial_withdrawal_effective(OPSC, received=date(2015, 6, 30))


# -- a recorded date of entry into force ----------------------------------------------------


def test_recorded_date_narrows_a_loose_computation() -> None:
    loose = [*FIRST_FIVE[:4], consent("SM", "2007-10-25..2010-03-31")]
    computed = treaty_entry_into_force(CETS_201, loose)
    assert computed.value == KnownDate.between(date(2010, 3, 1), date(2010, 7, 1))
    combined = with_recorded_entry_into_force(computed, CETS_IN_FORCE)
    assert combined.value == CETS_IN_FORCE
    assert "narrows this to 2010-07-01" in combined.render()


def test_recorded_date_used_when_the_log_is_incomplete() -> None:
    combined = with_recorded_entry_into_force(
        treaty_entry_into_force(CETS_201, FIRST_FIVE[:2]), CETS_IN_FORCE
    )
    assert combined.value == CETS_IN_FORCE
    assert "do not show that the conditions were met" in combined.render()


def test_recorded_date_contradicting_the_log_is_flagged() -> None:
    combined = with_recorded_entry_into_force(
        treaty_entry_into_force(CETS_201, FIRST_FIVE), KnownDate.exact(date(2011, 1, 1))
    )
    assert combined.value == KnownDate.exact(date(2011, 1, 1))
    assert "contradicts the date computed from the recorded consents, 2010-07-01" in (
        combined.render()
    )


def test_recorded_date_that_agrees_changes_nothing() -> None:
    computed = treaty_entry_into_force(CETS_201, FIRST_FIVE)
    assert with_recorded_entry_into_force(computed, CETS_IN_FORCE) is computed
