"""Narrowing a State's dates: bounds from sources intersected and carried across acts by the
final clauses (Arts. 45 and 46 CETS 201)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lanzarote.treaty_law import CETS_201, OPSC, Instrument, KnownDate, Precision
from lanzarote.treaty_law.final_clauses import FirstDayOfMonthAfterPeriod, SameDayAfterPeriod
from lanzarote.treaty_law.narrowing import (
    Basis,
    Bound,
    ContradictoryBounds,
    DatedAct,
    earliest_taking_effect_on_or_after,
    latest_taking_effect_on_or_before,
    narrow_dates,
    plainest,
)

TREATY_IN_FORCE = KnownDate.exact(date(2010, 7, 1))
SIGNATURE, CONSENT, ENTRY = DatedAct.SIGNATURE, DatedAct.CONSENT, DatedAct.ENTRY_INTO_FORCE


def bound(act: DatedAct, text: str, source: str = "a source") -> Bound:
    return Bound(act, KnownDate.parse(text), source, reference=f"{act}:{text}")


def narrow(*bounds: Bound, instrument=Instrument.RATIFICATION, signed=True):
    return narrow_dates(
        CETS_201,
        instrument=instrument,
        signed=signed,
        bounds=bounds,
        treaty_entry_into_force=TREATY_IN_FORCE,
    )


def test_a_stated_entry_into_force_puts_the_deposit_in_the_month_four_months_earlier():
    """Art. 45(4): "the first day of the month following the expiration of a period of three
    months after the date of the deposit"."""
    result = narrow(bound(ENTRY, "2014-08-01", "Polish statement"))
    assert result.consent is not None
    assert result.consent.known == KnownDate.month(2014, 4)
    assert result.consent.basis is Basis.INFERRED
    assert "Art. 45(4)" in result.consent.answer.article
    text = result.consent.answer.render()
    assert "on or before 2014-04-30" in text and "on or after 2014-04-01" in text


def test_a_party_from_the_treaty_own_date_deposited_by_31_march_2010():
    """Art. 45(3): in force three full months after the fifth consent — 1 July 2010."""
    result = narrow(bound(ENTRY, "2010-07-01"))
    assert result.consent is not None
    # ...and after the signature, itself no earlier than the opening for signature.
    assert result.consent.known == KnownDate.between(date(2007, 10, 25), date(2010, 3, 31))


def test_the_signature_comes_before_the_deposit_and_after_the_opening():
    """Art. 45(1) opens the Convention for signature on 25 October 2007; Art. 45(2): consent
    is given by ratification, acceptance or approval after signature."""
    result = narrow(bound(CONSENT, "2011-02-25"))
    assert result.signature is not None
    assert result.signature.known == KnownDate.between(date(2007, 10, 25), date(2011, 2, 25))
    assert result.signature.basis is Basis.RULES
    assert result.signature.answer.article == "Art. 45(1), Art. 45(2)"
    assert result.entry_into_force is not None
    assert result.entry_into_force.known == KnownDate.exact(date(2011, 6, 1))
    assert result.entry_into_force.basis is Basis.INFERRED


def test_a_signature_bound_also_bounds_the_deposit_from_below():
    result = narrow(bound(SIGNATURE, "2012-06-29"), bound(CONSENT, "..2014-12-31"))
    assert result.consent is not None
    assert result.consent.known == KnownDate.between(date(2012, 6, 29), date(2014, 12, 31))


def test_bounds_from_several_sources_are_intersected_and_each_side_names_its_source():
    result = narrow(
        bound(CONSENT, "2012-05-15..", "Portuguese decree"),
        bound(CONSENT, "..2012-12-31", "Austrian treaty record"),
        bound(CONSENT, "..2016-06-30", "Committee list"),
        bound(CONSENT, "2010-04-01..", "French Senate report"),
    )
    assert result.consent is not None
    assert result.consent.known == KnownDate.between(date(2012, 5, 15), date(2012, 12, 31))
    assert result.consent.basis is Basis.BOUNDED
    text = result.consent.answer.render()
    assert "Portuguese decree" in text and "Austrian treaty record" in text
    assert "Committee list" not in text
    assert result.entry_into_force is not None
    assert result.entry_into_force.known == KnownDate.between(date(2012, 9, 1), date(2013, 4, 1))


def test_an_accession_is_deposited_once_the_treaty_is_in_force():
    """Art. 46(1): "After the entry into force of this Convention, the Committee of Ministers
    ... may ... invite"."""
    result = narrow(bound(ENTRY, "..2011-06-01"), instrument=Instrument.ACCESSION, signed=False)
    assert result.signature is None
    assert result.consent is not None
    assert result.consent.known == KnownDate.between(date(2010, 7, 1), date(2011, 2, 28))
    assert result.consent.known.earliest == date(2010, 7, 1)
    assert "Art. 46(1)" in result.consent.answer.article


def test_an_accession_cannot_take_effect_before_the_treaty_is_in_force_plus_the_delay():
    with pytest.raises(ContradictoryBounds):
        narrow(bound(ENTRY, "..2010-10-01"), instrument=Instrument.ACCESSION, signed=False)


def test_tunisia_exact_dates_cite_article_46():
    result = narrow(
        bound(CONSENT, "2019-10-15"),
        bound(ENTRY, "2020-02-01"),
        instrument=Instrument.ACCESSION,
        signed=False,
    )
    assert result.consent is not None and result.entry_into_force is not None
    assert result.consent.known.value == date(2019, 10, 15)
    assert result.consent.answer.article == "Art. 46(1)"
    assert result.entry_into_force.answer.article == "Art. 46(2)"
    assert result.consent.basis is Basis.SOURCE


def test_bounds_that_cannot_both_be_true_are_named():
    with pytest.raises(ContradictoryBounds) as raised:
        narrow(
            bound(CONSENT, "2015-01-01..", "law of 2015"), bound(CONSENT, "..2014-12-31", "list")
        )
    assert {b.source for b in raised.value.bounds} == {"law of 2015", "list"}
    assert "cannot both be true" in raised.value.render()


def test_a_stated_entry_into_force_that_contradicts_the_deposit_is_refused():
    # Deposited on 15 October 2019: entry into force can only be 1 February 2020.
    with pytest.raises(ContradictoryBounds) as raised:
        narrow(bound(CONSENT, "2019-10-15", "gazette"), bound(ENTRY, "2020-03-01", "press"))
    assert {b.source for b in raised.value.bounds} >= {"press"}


def test_bounds_on_acts_the_state_did_not_perform_are_ignored():
    result = narrow(bound(SIGNATURE, "2008-01-01"), instrument=None, signed=True)
    assert result.consent is None and result.entry_into_force is None
    assert result.signature is not None and result.signature.known.value == date(2008, 1, 1)


def test_no_source_and_no_deposit_leaves_the_signature_open_after_the_opening():
    result = narrow(instrument=None)
    assert result.signature is not None
    assert result.signature.known == KnownDate.on_or_after(date(2007, 10, 25))
    assert result.signature.basis is Basis.RULES


@pytest.mark.parametrize(
    ("earliest", "latest", "precision"),
    [
        (date(2010, 3, 1), date(2010, 3, 31), Precision.MONTH),
        (date(2010, 1, 1), date(2010, 12, 31), Precision.YEAR),
        (date(2010, 3, 2), date(2010, 3, 31), Precision.RANGE),
        (date(2010, 3, 2), date(2010, 3, 2), Precision.DAY),
        (None, date(2010, 3, 31), Precision.RANGE),
        (None, None, Precision.UNKNOWN),
    ],
)
def test_plainest_form_of_bounds(earliest, latest, precision):
    assert plainest(earliest, latest).precision is precision


# -- the delay rules read backwards ----------------------------------------------------------

delays = st.sampled_from(
    [
        FirstDayOfMonthAfterPeriod(3, "Art. 45(4)"),
        FirstDayOfMonthAfterPeriod(1, "Art. 35"),
        SameDayAfterPeriod(1, "Art. 14(2)"),
        SameDayAfterPeriod(3, "Art. 15(2)"),
    ]
)
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@given(delays, days)
def test_latest_day_taking_effect_by_a_date_is_the_last_such_day(delay, day):
    latest = latest_taking_effect_on_or_before(delay, day)
    assert latest is not None
    assert delay.apply(latest) <= day
    assert delay.apply(latest + timedelta(days=1)) > day


@given(delays, days)
def test_earliest_day_taking_effect_from_a_date_is_the_first_such_day(delay, day):
    earliest = earliest_taking_effect_on_or_after(delay, day)
    assert delay.apply(earliest) >= day
    assert delay.apply(earliest - timedelta(days=1)) < day


# -- soundness: whatever true dates the sources describe, the narrowed intervals keep them ----

after_opening = st.dates(min_value=date(2007, 10, 25), max_value=date(2030, 12, 31))


@st.composite
def true_bounds(draw: st.DrawFn, act: DatedAct, truth: date) -> list[Bound]:
    """Statements a truthful source could make about `truth`."""
    found = []
    for kind in draw(st.lists(st.sampled_from(["exact", "month", "after", "before"]), max_size=3)):
        if kind == "exact":
            known = KnownDate.exact(truth)
        elif kind == "month":
            known = KnownDate.month(truth.year, truth.month)
        elif kind == "after":
            known = KnownDate.on_or_after(truth - timedelta(days=draw(st.integers(0, 2000))))
        else:
            known = KnownDate.on_or_before(truth + timedelta(days=draw(st.integers(0, 2000))))
        found.append(Bound(act, known, kind))
    return found


@given(st.data(), after_opening, st.integers(0, 3000), st.booleans())
def test_narrowed_intervals_always_contain_the_true_dates(data, signed_on, gap, accession):
    deposited = signed_on + timedelta(days=gap)
    instrument = Instrument.ACCESSION if accession else Instrument.RATIFICATION
    if accession:
        deposited = max(deposited, date(2010, 7, 1))
    own = CETS_201.delay_for(instrument).apply(deposited)
    entry = max(own, date(2010, 7, 1))
    bounds = [
        *([] if accession else data.draw(true_bounds(SIGNATURE, signed_on))),
        *data.draw(true_bounds(CONSENT, deposited)),
        *data.draw(true_bounds(ENTRY, entry)),
    ]
    result = narrow(*bounds, instrument=instrument, signed=not accession)
    checks = [(result.consent, deposited), (result.entry_into_force, entry)]
    if not accession:
        checks.append((result.signature, signed_on))
    for answer, truth in checks:
        assert answer is not None
        known = answer.known
        assert known.earliest is None or known.earliest <= truth, (answer.act, known, truth)
        assert known.latest is None or truth <= known.latest, (answer.act, known, truth)


def test_the_opsc_same_day_rule_is_read_backwards_only_for_later_states():
    """OPSC Art. 14(2): for a State ratifying after entry into force, one month after its own
    instrument; a State ratifying before joins on the Protocol's own date."""
    result = narrow_dates(
        OPSC,
        instrument=Instrument.RATIFICATION,
        signed=True,
        bounds=[bound(ENTRY, "2002-01-18")],
        treaty_entry_into_force=KnownDate.exact(date(2002, 1, 18)),
    )
    assert result.consent is not None
    # The OPSC's own delay may end after its date for a State depositing just before it, so
    # joining on that date does not bound the deposit through the delay rule.
    assert result.consent.known.latest is None
