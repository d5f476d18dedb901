"""The composition on any date is derived from the registry and the Committee's own records."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from lanzarote.committee import selectors
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law.committee import ParticipantBasis
from tests.committee.factories import PARTIES_2023

pytestmark = pytest.mark.django_db


def members(day: date) -> set[str]:
    return {row.state.code for row in selectors.composition(day).members if row.certain}


def participants(day: date) -> dict[str, ParticipantBasis]:
    return {row.key: row.basis for row in selectors.composition(day).participants}


def test_the_members_are_exactly_the_parties():
    assert members(date(2023, 6, 1)) == set(PARTIES_2023)
    chart = registry.chart_view(registry.treaty_get("cets-201"), as_of=date(2023, 6, 1))
    assert len(members(date(2023, 6, 1))) == chart.chart.totals.parties == 48


def test_the_russian_federation_remains_a_member_after_leaving_the_council_of_europe():
    for day in (date(2022, 3, 15), date(2022, 3, 16), date(2022, 3, 17), date(2025, 1, 1)):
        assert "RU" in members(day), day
    row = next(r for r in selectors.composition(date(2022, 3, 17)).members if r.state.code == "RU")
    assert row.member_of_council_of_europe is False
    assert (
        next(
            r for r in selectors.composition(date(2022, 3, 15)).members if r.state.code == "RU"
        ).member_of_council_of_europe
        is True
    )


def test_tunisia_becomes_a_member_on_1_february_2020():
    assert "TN" not in members(date(2020, 1, 31))
    assert "TN" in members(date(2020, 2, 1))
    # Deposited on 15 October 2019 and waiting for entry into force: not yet in the Committee.
    role = selectors.state_role(registry.state_get("TN"), as_of=date(2020, 1, 31))
    assert role.label == "none"
    with translation.override("en"):
        assert "1 February 2020" in role.seat.render(format_date=lambda d: d.strftime("%-d %B %Y"))


def test_a_signatory_that_is_not_a_party_is_a_participant_then_a_member():
    # Belgium signed on 25 October 2007 and was bound from 1 July 2013.
    assert participants(date(2012, 6, 1)).get("state:BE") is ParticipantBasis.SIGNATORY
    assert "BE" not in members(date(2012, 6, 1))
    assert "state:BE" not in participants(date(2014, 1, 1))
    assert "BE" in members(date(2014, 1, 1))


def test_drafting_states_take_part_unconfirmed():
    rows = {r.key: r for r in selectors.composition(date(2024, 1, 1)).participants}
    for code in ("CA", "JP", "MX", "US", "VA"):
        assert rows[f"state:{code}"].basis is ParticipantBasis.ELABORATION
        assert rows[f"state:{code}"].confirmed is False


def test_art_40_bodies_and_admitted_organisations_take_part():
    rows = {r.key: r for r in selectors.composition(date(2024, 1, 1)).participants}
    for slug in ("pace", "commissioner-for-human-rights", "cdpc"):
        assert rows[f"organisation:{slug}"].basis is ParticipantBasis.ARTICLE_40_1
        assert rows[f"organisation:{slug}"].confirmed is True
    unicef = rows["organisation:unicef"]
    assert unicef.basis is ParticipantBasis.DECISION
    assert unicef.confirmed is False
    assert unicef.certain is False  # the admission date is unknown


def test_before_the_convention_entered_into_force_there_is_no_committee():
    before = selectors.composition(date(2010, 6, 30))
    assert not before.committee_exists
    assert before.members == before.participants == before.observers == []
    assert selectors.composition(date(2010, 7, 1)).committee_exists


def test_seeded_observers_are_shown_with_unconfirmed_dates():
    rows = {r.organisation.slug: r for r in selectors.composition(date(2024, 1, 1)).observers}
    assert set(rows) == {
        "hope-for-children",
        "ecpat",
        "enacso",
        "inhope",
        "missing-children-europe",
    }
    assert all(not r.admission.confirmed for r in rows.values())
    assert rows["hope-for-children"].since.as_text() == "2017-01-01..2017-05-10"
    assert rows["ecpat"].since.as_text() == "..2017-12-31"
    # In 2012 the four undated admissions may or may not have happened; Hope For Children had not.
    early = {r.organisation.slug: r for r in selectors.composition(date(2012, 1, 1)).observers}
    assert "hope-for-children" not in early
    assert all(not r.certain for r in early.values())


def test_changes_between_two_dates():
    changes = selectors.composition_changes(since=date(2020, 1, 31), until=date(2020, 2, 1))
    assert [r.state.code for r in changes.members.joined] == ["TN"]
    assert changes.members.left == []
    wider = selectors.composition_changes(since=date(2012, 6, 1), until=date(2014, 1, 1))
    assert "state:BE" in {r.key for r in wider.participants.left}
    assert "BE" in {r.state.code for r in wider.members.joined}


def test_the_chair_on_a_date_is_shown_as_far_as_known():
    bureau = selectors.composition(date(2026, 1, 1)).bureau
    # The Chair of October 2025 is shown, but her election is not on record, so not as certain;
    # terms whose end is unknown are shown as possibly running, never as certain.
    names = {r.term.person_name for r in bureau}
    assert {"Maria José Castello-Branco", "Bragi Guðbrandsson"} <= names
    assert not any(r.certain for r in bureau)
    between = {
        r.term.person_name: r.certain for r in selectors.composition(date(2020, 6, 1)).bureau
    }
    assert between["George Nikolaidis"] is False and between["Christel De Craim"] is False
    assert not any(between.values())


def test_a_state_role_for_profiles():
    assert selectors.state_role(registry.state_get("RU"), as_of=date(2023, 1, 1)).label == "member"
    japan = selectors.state_role(registry.state_get("JP"), as_of=date(2023, 1, 1))
    # The Council of Europe's leaflet lists the States that took part in drafting among the
    # Committee's participants, so Japan's seat is confirmed (it used to be unconfirmed).
    assert japan.label == "participant" and japan.seat.value.confirmed
    assert selectors.state_role(registry.state_get("BR"), as_of=date(2023, 1, 1)).label == "none"
    portugal = selectors.state_role(registry.state_get("PT"), as_of=date(2026, 1, 1))
    assert [r.term.person_name for r in portugal.bureau] == ["Maria José Castello-Branco"]
