"""The facts the issue names must come out of the shipped data and the rules, not be typed in."""

from __future__ import annotations

from datetime import date

import pytest

from lanzarote.registry import selectors
from lanzarote.treaty_law import Status

pytestmark = pytest.mark.django_db


def chart_on(day: date, slug: str = "cets-201"):
    return selectors.chart_view(selectors.treaty_get(slug), as_of=day)


def parties(view) -> set[str]:
    return {row.state for row in view.chart.rows if row.status is Status.PARTY}


def possibly_parties(view) -> set[str]:
    return {row.state for row in view.chart.rows if Status.PARTY in row.possible}


def test_nobody_is_a_party_on_30_june_2010():
    view = chart_on(date(2010, 6, 30))
    assert parties(view) == set()
    assert possibly_parties(view) == set()
    assert view.chart.totals.parties == 0
    assert view.chart.totals.consented == 5


def test_the_first_five_parties_on_1_july_2010():
    view = chart_on(date(2010, 7, 1))
    assert parties(view) == {"AL", "DK", "GR", "NL", "SM"}
    # No other State could have been a Party that day, whatever its unknown dates were.
    assert possibly_parties(view) == {"AL", "DK", "GR", "NL", "SM"}


def test_the_treaty_entry_into_force_is_computed_from_the_log():
    answer = chart_on(date(2023, 5, 31)).chart.entry_into_force
    assert answer.value is not None and answer.value.is_exact
    assert answer.value.value == date(2010, 7, 1)
    assert "45(3)" in answer.article


def test_tunisia_accession_and_entry_into_force():
    view = chart_on(date(2020, 2, 1))
    tunisia = next(row for row in view.chart.rows if row.state == "TN")
    assert tunisia.status is Status.PARTY
    assert tunisia.consent_instrument.value == "accession"
    assert tunisia.consent.value == date(2019, 10, 15)
    assert tunisia.entry_into_force.value == date(2020, 2, 1)
    before = next(row for row in chart_on(date(2020, 1, 31)).chart.rows if row.state == "TN")
    assert before.status is Status.CONSENTED


def test_tunisia_is_the_first_non_member_to_accede():
    view = chart_on(date(2023, 5, 31))
    accessions = [
        row
        for row in view.chart.rows
        if row.consent_instrument and row.consent_instrument.value == "accession"
    ]
    assert [row.state for row in accessions] == ["TN"]


def test_ireland_the_48th_party_from_1_april_2021():
    assert "IE" not in parties(chart_on(date(2021, 3, 31)))
    view = chart_on(date(2021, 4, 1))
    assert "IE" in parties(view)
    assert len(parties(view)) == 48


def test_48_parties_on_31_may_2023_none_uncertain():
    view = chart_on(date(2023, 5, 31))
    members = selectors.membership().member_states(date(2023, 5, 31))
    assert len(members) == 46
    assert view.chart.totals.parties == 48
    assert view.chart.totals.uncertain == 0
    assert parties(view) == set(members) | {"RU", "TN"}


def test_russian_federation_remains_a_party_after_leaving_the_council_of_europe():
    assert selectors.membership().is_member("RU", date(2022, 3, 17)) is False
    assert "RU" in parties(chart_on(date(2022, 3, 17)))


def test_every_party_has_signed_or_is_bound_by_the_opsc():
    cets = chart_on(date(2023, 5, 31))
    opsc = {row.state: row for row in chart_on(date(2023, 5, 31), "opsc").chart.rows}
    for code in parties(cets):
        row = opsc.get(code)
        assert row is not None, f"{code} has no OPSC record"
        assert row.possible & {Status.SIGNATORY, Status.CONSENTED, Status.PARTY}, code


def test_stated_entry_into_force_dates_agree_with_the_rules():
    view = chart_on(date(2023, 5, 31))
    assert view.warnings == ()


def test_uncertain_deposit_shows_as_uncertain_not_guessed():
    # Romania's deposit is only bounded (after March 2010, before February 2014).
    view = chart_on(date(2012, 1, 1))
    romania = next(row for row in view.chart.rows if row.state == "RO")
    assert romania.status is None
    assert romania.is_uncertain
    assert view.chart.totals.uncertain >= 1
