"""Background work on the database queue: e-mails leave through the worker only, are committed
with the record they are about, are tried again with a growing delay, and a task whose worker
died is taken up again."""

from __future__ import annotations

from datetime import date, timedelta
from smtplib import SMTPException

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lanzarote.accounts.models import Role
from lanzarote.core.mail import deliver_email
from lanzarote.core.worker import Worker, retry_delay
from tests.accounts.factories import person
from tests.registry.factories import record_event

pytestmark = pytest.mark.django_db

QUEUED = override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    },
    LANZAROTE_TASK_MAX_ATTEMPTS=3,
    LANZAROTE_TASK_RETRY_SECONDS=30,
)


def run_due_tasks() -> Worker:
    worker = Worker(worker_id="test-worker")
    worker.run(batch=True)
    return worker


def make_due(*rows: DBTaskResult) -> None:
    """Bring the retries forward, as the clock would."""
    DBTaskResult.objects.filter(pk__in=[row.pk for row in rows]).update(run_after=timezone.now())


@QUEUED
def test_the_deposit_commits_its_emails_and_only_the_worker_sends_them(
    django_capture_on_commit_callbacks, mailoutbox
):
    person(Role.PARTY_DELEGATE, username="france", state="FR")
    with django_capture_on_commit_callbacks(execute=True):
        record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    queued = list(DBTaskResult.objects.filter(task_path=deliver_email.module_path))
    assert queued, "the notification's e-mails are queued"
    assert mailoutbox == []
    worker = run_due_tasks()
    assert worker.done == len(queued)
    assert len(mailoutbox) == len(queued)
    assert {message.to[0] for message in mailoutbox} >= {"party_delegate@example.org"}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@QUEUED
def test_a_write_rolled_back_queues_nothing():
    @transaction.atomic
    def record_then_fail() -> None:
        record_event(state="BR", kind="accession", on=date(2024, 3, 5))
        assert DBTaskResult.objects.exists()  # in the write's own transaction
        raise RuntimeError("the step fails after the notification was made")

    with pytest.raises(RuntimeError):
        record_then_fail()
    assert not DBTaskResult.objects.exists()


@QUEUED
def test_a_failed_email_is_tried_again_later_then_left_failed(mailoutbox, monkeypatch):
    def refuse(self, messages):  # type: ignore[no-untyped-def]
        raise SMTPException("421 service not available")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"], what="a test")
    run_due_tasks()
    row = DBTaskResult.objects.get()
    assert row.status == "READY"
    assert row.exception_class_path == "smtplib.SMTPException"
    assert "421" in row.traceback
    wait = (row.run_after - timezone.now()).total_seconds()
    assert 20 < wait <= 33  # 30 s, give or take the jitter
    assert run_due_tasks().done == 0  # not due yet
    make_due(row)
    run_due_tasks()
    row.refresh_from_db()
    assert row.status == "READY"
    assert (row.run_after - timezone.now()).total_seconds() > 100  # 2 minutes
    make_due(row)
    run_due_tasks()
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert len(row.worker_ids) == 3
    assert mailoutbox == []


def test_each_retry_waits_four_times_longer():
    with override_settings(LANZAROTE_TASK_RETRY_SECONDS=30):
        delays = [retry_delay(attempt).total_seconds() for attempt in (1, 2, 3, 4)]
    for delay, expected in zip(delays, (30, 120, 480, 1920), strict=True):
        assert expected * 0.9 <= delay <= expected * 1.1


@QUEUED
@override_settings(LANZAROTE_TASK_LEASE_SECONDS=600)
def test_a_task_whose_worker_died_is_run_again(mailoutbox):
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"])
    row = DBTaskResult.objects.get()
    row.claim("worker-killed-mid-task")  # and then nothing: the process is gone
    assert run_due_tasks().done == 0  # its lease has not run out
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(minutes=11))
    assert run_due_tasks().done == 1
    assert len(mailoutbox) == 1
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids == ["worker-killed-mid-task", "test-worker"]


@QUEUED
def test_a_worker_restarted_under_its_id_takes_its_task_up_at_once(mailoutbox):
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"])
    DBTaskResult.objects.get().claim("test-worker")
    assert run_due_tasks().done == 1
    assert len(mailoutbox) == 1


def test_without_a_queue_the_worker_command_says_why():
    with pytest.raises(CommandError, match="TASKS_BACKEND=database"):
        call_command("worker", "--batch")


@QUEUED
def test_the_worker_command_refuses_an_unknown_queue():
    with pytest.raises(CommandError, match="Unknown queue"):
        call_command("worker", "--batch", "--queue", "nowhere")


@QUEUED
def test_the_worker_command_runs_what_is_due(mailoutbox):
    deliver_email.enqueue(subject="s", body="b", to=["a@example.org"])
    call_command("worker", "--batch", "--queue", "mail")
    assert len(mailoutbox) == 1
