"""Append-only tables cannot be emptied (issue 10: `TRUNCATE registry_treatyevent CASCADE` wiped
the log with every case, reply, decision and notification). On PostgreSQL a statement trigger
refuses TRUNCATE on every `AppendOnlyModel` table, for every role, superusers included; only
`lanzarote flush` lifts it, for its own transaction, and only for a superuser."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from lanzarote.core.append_only import AppendOnlyModel, append_only_tables
from lanzarote.registry.models import TreatyEvent

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TRUNCATE and its triggers are PostgreSQL's"
)

# Every event table of the product today; a new AppendOnlyModel joins the list by itself.
KNOWN = {
    "accession_caseevent",
    "accession_committeeofministersdecision",
    "accession_consultationreply",
    "accession_consultedparty",
    "committee_observerevent",
    "committee_vote",
    "core_auditrecord",
    "monitoring_complianceassessment",
    "monitoring_followup",
    "monitoring_observation",
    "monitoring_reminder",
    "monitoring_replyevent",
    "monitoring_scopeaddition",
    "readiness_answerversion",
    "registry_depositarynotification",
    "registry_treatyevent",
}


def test_every_append_only_model_is_found():
    tables = append_only_tables()
    assert set(tables) >= KNOWN
    assert tables == sorted(
        m._meta.db_table for m in apps.get_models() if issubclass(m, AppendOnlyModel)
    )


def _refused(sql: str) -> str:
    with (
        pytest.raises(DatabaseError) as refused,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    return str(refused.value)


@postgres_only
def test_truncate_cascade_of_the_log_fails_and_wipes_nothing():
    events = TreatyEvent.objects.count()
    assert events > 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accession_caseevent")
        (case_events,) = cursor.fetchone()
    message = _refused("TRUNCATE registry_treatyevent CASCADE")
    assert "append-only" in message
    assert TreatyEvent.objects.count() == events
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM accession_caseevent")
        assert cursor.fetchone() == (case_events,)


@postgres_only
@pytest.mark.parametrize("table", sorted(KNOWN))
def test_every_append_only_table_refuses_truncate(table):
    assert "is append-only" in _refused(f"TRUNCATE {table} CASCADE")


@postgres_only
def test_truncating_a_table_that_cascades_into_the_log_is_refused():
    # registry_state is ordinary, but emptying it would cascade into the event log.
    assert "append-only" in _refused("TRUNCATE registry_state CASCADE")
    assert TreatyEvent.objects.exists()


def test_the_row_triggers_still_refuse_update_and_delete():
    event = TreatyEvent.objects.order_by("pk").first()
    assert event is not None
    _refused(f"UPDATE registry_treatyevent SET text_en = 'changed' WHERE id = {event.pk}")
    _refused(f"DELETE FROM registry_treatyevent WHERE id = {event.pk}")
    assert TreatyEvent.objects.filter(pk=event.pk, text_en=event.text_en).exists()
