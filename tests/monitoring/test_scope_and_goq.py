"""A round's scope and the General Overview Questionnaire follow the registry: nothing about who
is a Party is typed into monitoring."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings

from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.monitoring import selectors, services
from lanzarote.monitoring.models import Reply, Round
from lanzarote.monitoring.rules import goq_due
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import KnownDate
from tests.accession.helpers import Cast, brazil_case
from tests.monitoring.factories import new_round, people

pytestmark = pytest.mark.django_db


def test_tunisias_general_overview_falls_due_from_its_entry_into_force(loaded_db):
    tunisia = selectors.goq_obligation_of("TN", as_of=date(2021, 6, 1))
    assert tunisia is not None
    assert tunisia.entry_into_force == KnownDate.exact(date(2020, 2, 1))
    assert tunisia.due == KnownDate.exact(date(2021, 2, 1))
    assert tunisia.is_due and tunisia.overdue
    # Before it was a Party it owed nothing; before the due date it is not yet due.
    assert selectors.goq_obligation_of("TN", as_of=date(2020, 1, 31)) is None
    assert selectors.goq_obligation_of("TN", as_of=date(2020, 6, 1)).is_due is False


@override_settings(LANZAROTE_GOQ_PERIOD_MONTHS=6)
def test_the_period_is_configurable(loaded_db):
    assert selectors.goq_obligation_of("TN", as_of=date(2021, 6, 1)).due == KnownDate.exact(
        date(2020, 8, 1)
    )


def test_an_uncertain_entry_into_force_gives_an_uncertain_due_date():
    due = goq_due(KnownDate.month(2014, 3), months=12)
    assert (due.earliest, due.latest) == (date(2015, 3, 1), date(2015, 3, 31))


def test_slots_are_materialised_once_when_first_needed(loaded_db):
    first = services.goq_slots_materialise(state_code="TN", as_of=date(2022, 1, 1))
    again = services.goq_slots_materialise(state_code="TN", as_of=date(2022, 1, 1))
    questionnaire = selectors.general_questionnaire()
    assert len(first) == len(again) == questionnaire.questions.count()
    assert {r.due_on for r in first} == {date(2021, 2, 1)}
    assert Reply.objects.filter(state_id="TN").count() == len(first)
    with pytest.raises(InvalidInput):
        services.goq_slots_materialise(state_code="BR")  # not a Party


def test_a_party_made_by_an_accession_deposit_owes_the_questionnaire(loaded_db):
    cast = Cast()
    case = brazil_case(cast, "deposited")
    position = registry.position_of(
        treaty=case.treaty, state=case.state, as_of=case.deposit_event.known_date.value
    )
    entry = position.entry_into_force.value
    assert selectors.goq_obligation_of("BR", as_of=entry) is not None  # from the registry alone
    obligation = selectors.goq_obligation_of("BR", as_of=entry)
    assert obligation.entry_into_force == KnownDate.exact(entry)
    assert obligation.due.value == date(entry.year + 1, entry.month, 1)
    slots = services.goq_slots_materialise(state_code="BR", as_of=entry)
    assert len(slots) == selectors.general_questionnaire().questions.count()
    # The day before the Convention entered into force for it, it owed nothing yet.
    assert selectors.goq_obligation_of("BR", as_of=entry - timedelta(days=1)) is None


def test_the_scope_is_the_parties_on_the_launch_date(loaded_db):
    who = people()
    before = new_round(
        who["secretariat"],
        slug="before-tunisia",
        number=11,
        launch=KnownDate.exact(date(2020, 1, 15)),
        replies_due=date(2020, 6, 30),
    )
    after = new_round(
        who["secretariat"],
        slug="after-tunisia",
        number=12,
        launch=KnownDate.exact(date(2020, 2, 1)),
        replies_due=date(2020, 6, 30),
    )
    assert "TN" not in selectors.round_scope(before).codes
    assert "TN" in selectors.round_scope(after).codes
    assert len(selectors.round_scope(after).codes) == 45
    # A later Party joins a round only by a recorded decision.
    with pytest.raises(InvalidInput):
        services.scope_add(
            actor=Actor(user=who["secretariat"]),
            round_=before,
            state_code="BR",
            decided_on=date(2020, 3, 1),
            reason="x",
        )
    services.scope_add(
        actor=Actor(user=who["secretariat"]),
        round_=before,
        state_code="TN",
        decided_on=date(2020, 3, 5),
        reason="Tunisia became a Party on 1 February 2020; the Committee decided to include it.",
    )
    scope = selectors.round_scope(before)
    entry = next(e for e in scope.entries if e.state.code == "TN")
    assert entry.basis == "added" and entry.addition.decided_on == date(2020, 3, 5)
    with pytest.raises(Conflict):
        services.scope_add(
            actor=Actor(user=who["secretariat"]),
            round_=before,
            state_code="TN",
            decided_on=date(2020, 3, 6),
            reason="again",
        )


def test_the_first_rounds_stated_list_is_shown_beside_the_computed_scope(loaded_db):
    round_ = Round.objects.get(slug="round-1")
    scope = selectors.round_scope(round_)
    assert len(scope.stated) == round_.stated_scope_count == 26
    # The list of 26 is the scope when replies were due; Belgium only became a Party in 2013.
    assert "BE" in scope.stated_not_computed
    assert "BE" not in scope.codes
    # Launched in a month, not on a day: a State whose status then depends on an unknown date
    # is marked uncertain instead of being guessed.
    assert scope.uncertain and {"AL", "DK", "GR", "NL", "SM"} <= {
        e.state.code for e in scope.certain
    }


def test_the_seeded_rounds_have_their_known_dates(loaded_db):
    third = Round.objects.get(slug="round-3")
    assert third.known_date == KnownDate.between(date(2023, 5, 30), date(2023, 6, 2))
    assert third.launch_meeting.number == 38
    assert (third.questionnaire_sent_on, third.replies_due) == (
        date(2023, 6, 20),
        date(2023, 9, 20),
    )
    assert len(selectors.round_scope(third).codes) == 48
    first = Round.objects.get(slug="round-1")
    assert first.known_date == KnownDate.month(2012, 3) and first.replies_due == date(2014, 1, 31)
    urgent = Round.objects.get(slug="urgent-refugee-crisis")
    assert urgent.number is None and urgent.known_date == KnownDate.month(2016, 6)
    scope = selectors.round_scope(urgent)
    assert {"CZ", "SK"} <= set(scope.stated_not_computed)  # deposited, not yet in force
