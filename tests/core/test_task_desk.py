"""The tasks desk: the secretariat and the Treaty Office see the tasks that failed (for good,
or waiting for their next try) and queue one that failed for good again, audited; nobody else
sees the page or can act on it."""

from __future__ import annotations

from smtplib import SMTPException

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django_tasks_db.models import DBTaskResult

from lanzarote.accounts.models import Role
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, Forbidden, NotFound
from lanzarote.core.mail import deliver_email
from lanzarote.core.models import AuditRecord
from lanzarote.core.task_desk import task_requeue, tasks_needing_attention
from tests.accounts.factories import person
from tests.core.test_tasks import QUEUED, make_due, run_due_tasks

pytestmark = pytest.mark.django_db
DESK = "/en/desk/tasks/"


@pytest.fixture
def failing_mail(monkeypatch):
    """A mail server that refuses every message, as during an outage."""

    def refuse(self, messages):  # type: ignore[no-untyped-def]
        raise SMTPException("421 service not available")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def _fail_for_good() -> DBTaskResult:
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"], what="a test")
    row = DBTaskResult.objects.get()
    for _attempt in range(3):
        make_due(row)
        run_due_tasks()
    row.refresh_from_db()
    assert row.status == "FAILED"
    return row


@QUEUED
def test_the_secretariat_sees_the_failed_task_and_queues_it_again(
    client, failing_mail, monkeypatch, mailoutbox
):
    row = _fail_for_good()
    client.force_login(person(Role.SECRETARIAT))
    page = client.get(DESK).content.decode()
    assert "deliver email" in page
    assert "SMTPException: 421 service not available" in page
    assert "Queue again" in page
    assert "Traceback" not in page  # only the last line of it
    home = client.get("/en/home/").content.decode()
    assert "Background tasks that failed" in home and "deliver email" in home

    monkeypatch.undo()  # the mail server is back
    response = client.post(f"{DESK}{row.pk}/requeue/")
    assert response.status_code == 303
    row.refresh_from_db()
    assert row.status == "READY" and row.worker_ids == []
    audit = AuditRecord.objects.get(action="core.task.requeue")
    assert audit.target_id == str(row.pk)
    assert audit.payload["changes"] == {"status": ["FAILED", "READY"]}
    assert audit.payload["attempts"] == 3
    run_due_tasks()
    assert len(mailoutbox) == 1
    assert "No task has failed" in client.get(DESK).content.decode()


@QUEUED
def test_a_task_waiting_for_its_next_try_is_listed_without_a_button(client, failing_mail):
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"])
    run_due_tasks()
    client.force_login(person(Role.TREATY_OFFICE))
    page = client.get("/fr/desk/tasks/").content.decode()
    assert "deliver email" in page
    assert "Réessayée le" in page
    assert "Remettre en file" not in page
    rows = tasks_needing_attention(user=person(Role.SECRETARIAT))
    assert [r.failed_for_good for r in rows] == [False]


@QUEUED
def test_only_a_task_that_failed_for_good_is_queued_again(failing_mail):
    office = Actor(user=person(Role.TREATY_OFFICE))
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"])
    waiting = DBTaskResult.objects.get()
    with pytest.raises(Conflict):
        task_requeue(actor=office, task_id=str(waiting.pk))
    with pytest.raises(NotFound):
        task_requeue(actor=office, task_id="not-a-uuid")
    assert not AuditRecord.objects.filter(action="core.task.requeue").exists()


@QUEUED
@pytest.mark.parametrize("role", [Role.PARTY_DELEGATE, Role.STATE_OFFICIAL, Role.RAPPORTEUR])
def test_nobody_else_sees_the_desk_or_queues_a_task(client, failing_mail, role):
    row = _fail_for_good()
    assert client.get(DESK).status_code == 401
    assert client.post(f"{DESK}{row.pk}/requeue/").status_code == 401
    someone = person(role, state="FR")
    client.force_login(someone)
    assert client.get(DESK).status_code == 403
    assert client.post(f"{DESK}{row.pk}/requeue/").status_code == 403
    with pytest.raises(Forbidden):
        task_requeue(actor=Actor(user=someone), task_id=str(row.pk))
    row.refresh_from_db()
    assert row.status == "FAILED"
