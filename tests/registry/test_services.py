"""Writing treaty actions: guards from the rules, one transaction, an audit record, append-only."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from lanzarote.core.append_only import AppendOnlyViolation
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.models import AuditRecord
from lanzarote.registry import selectors
from lanzarote.registry.models import TreatyEvent
from lanzarote.registry.services import treaty_event_correct, treaty_event_retract
from lanzarote.treaty_law import KnownDate, Status
from tests.registry.factories import actor, record_event

pytestmark = pytest.mark.django_db


def test_recording_writes_the_event_and_an_audit_record_together():
    audits = AuditRecord.objects.count()
    event = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    assert event.recorded_by_label.startswith("treaty-officer")
    assert AuditRecord.objects.count() == audits + 1
    assert AuditRecord.objects.first().target_id == str(event.pk)
    position = selectors.position_of(treaty=event.treaty, state=event.state, as_of=date(2024, 7, 1))
    assert position.status is Status.PARTY
    assert position.entry_into_force.value == date(2024, 7, 1)


def test_a_member_state_cannot_accede():
    before = TreatyEvent.objects.count()
    with pytest.raises(InvalidInput) as refused:
        record_event(state="FR", kind="accession", on=date(2024, 3, 5))
    assert refused.value.article == "Art. 45(1)"
    assert TreatyEvent.objects.count() == before


def test_a_non_member_cannot_sign():
    with pytest.raises(InvalidInput) as refused:
        record_event(state="BR", kind="signature", on=date(2024, 3, 5))
    assert "45(1)" in refused.value.article


def test_no_accession_before_the_treaty_is_in_force():
    with pytest.raises(InvalidInput) as refused:
        record_event(state="BR", kind="accession", on=date(2009, 3, 5))
    assert "46" in refused.value.article


def test_a_reservation_outside_the_closed_list_is_refused():
    with pytest.raises(InvalidInput) as refused:
        record_event(state="FR", kind="reservation", on=date(2024, 3, 5), provisions=["23"])
    assert refused.value.article == "Art. 48"


def test_a_permitted_reservation_is_recorded():
    # Dated to the United Kingdom's deposit (20 June 2018): a reservation accompanies the
    # signature or the instrument, so the 2024 date this test used before is now refused.
    event = record_event(state="GB", kind="reservation", on=date(2018, 6, 20), provisions=["20(3)"])
    assert event.provisions == ["20(3)"]


def test_future_dates_are_refused_without_citing_an_article():
    with pytest.raises(InvalidInput) as refused:
        record_event(state="BR", kind="accession", on=date(2999, 1, 1))
    assert not refused.value.article
    assert "the registry records an act once it has taken place" in refused.value.message


def test_a_second_consent_is_refused():
    with pytest.raises((InvalidInput, Conflict)):
        record_event(state="FR", kind="ratification", on=date(2024, 3, 5))


def test_denunciation_takes_effect_by_the_rule_and_the_state_is_then_denounced():
    record_event(state="GB", kind="denunciation", on=date(2025, 5, 20))
    gb = selectors.state_get("GB")
    treaty = selectors.treaty_get("cets-201")
    assert (
        selectors.position_of(treaty=treaty, state=gb, as_of=date(2025, 8, 31)).status
        is Status.PARTY
    )
    after = selectors.position_of(treaty=treaty, state=gb, as_of=date(2025, 9, 1))
    assert after.status is Status.DENOUNCED
    assert after.denunciation_effective.value == date(2025, 9, 1)


def test_corrections_supersede_and_keep_the_original():
    original = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    corrected = treaty_event_correct(
        actor=actor(),
        event=original,
        reason="Wrong day typed",
        legal_date=KnownDate.exact(date(2024, 3, 6)),
    )
    assert corrected.supersedes == original
    assert TreatyEvent.objects.filter(pk=original.pk).exists()
    heads = selectors.effective_events(original.treaty)
    assert corrected in heads and original not in heads
    with pytest.raises(Conflict):
        treaty_event_correct(
            actor=actor(),
            event=original,
            reason="again",
            legal_date=KnownDate.exact(date(2024, 3, 7)),
        )


def test_a_correction_needs_a_reason():
    original = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    with pytest.raises(InvalidInput):
        treaty_event_correct(
            actor=actor(), event=original, reason=" ", legal_date=KnownDate.exact(date(2024, 3, 6))
        )


def test_retraction_removes_the_act_from_the_chart_but_not_from_the_log():
    original = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    treaty_event_retract(actor=actor(), event=original, reason="Recorded in error")
    treaty = original.treaty
    brazil = selectors.state_get("BR")
    assert (
        selectors.position_of(treaty=treaty, state=brazil, as_of=date(2025, 1, 1)).status
        is Status.NONE
    )
    assert TreatyEvent.objects.filter(treaty=treaty, state=brazil).count() == 2


def test_events_are_append_only_in_the_orm():
    event = TreatyEvent.objects.first()
    event.text_en = "changed"
    with pytest.raises(AppendOnlyViolation):
        event.save()
    with pytest.raises(AppendOnlyViolation):
        event.delete()
    with pytest.raises(AppendOnlyViolation):
        TreatyEvent.objects.filter(pk=event.pk).update(text_en="changed")


def test_events_are_append_only_in_the_database():
    event = TreatyEvent.objects.first()
    table = TreatyEvent._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET text_en = 'x' WHERE id = %s", [event.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [event.pk])


def test_bitemporal_replay_shows_the_log_as_it_was_known():
    from django.utils import timezone

    cut = timezone.now()
    original = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    treaty = original.treaty
    now_view = selectors.chart_view(treaty, as_of=date(2025, 1, 1))
    then_view = selectors.chart_view(treaty, as_of=date(2025, 1, 1), known_on=cut)
    assert "BR" in {row.state for row in now_view.chart.rows}
    assert "BR" not in {row.state for row in then_view.chart.rows}


def test_a_non_member_cannot_ratify():
    with pytest.raises(InvalidInput) as refused:
        record_event(state="BR", kind="ratification", on=date(2024, 3, 5))
    assert refused.value.article == "Art. 45(1)"
    assert "accession" in refused.value.message


def test_a_party_cannot_consent_again():
    with pytest.raises(InvalidInput) as refused:
        record_event(state="TN", kind="accession", on=date(2024, 3, 5))
    assert "already" in refused.value.message


def test_only_the_treaty_office_records_treaty_actions():
    from lanzarote.core.errors import Forbidden
    from lanzarote.registry.models import State, Treaty
    from lanzarote.registry.services import treaty_event_record
    from tests.accounts.factories import person

    delegate = person("party_delegate", state="FR")
    with pytest.raises(Forbidden):
        treaty_event_record(
            actor=Actor(user=delegate),
            treaty=Treaty.objects.get(slug="cets-201"),
            state=State.objects.get(code="BR"),
            kind="accession",
            legal_date=KnownDate.exact(date(2024, 3, 5)),
        )
