"""`lanzarote worker`: runs the tasks queued in the database (django-tasks-db's table).

Each loop takes the next due task under a row lock that other workers skip (`SKIP LOCKED` on
PostgreSQL; SQLite's one writer at a time), marks it running under this worker's id, commits,
and runs it outside any transaction. Then:

- success: the task is marked successful;
- failure: the task goes back to the queue, due after a delay that quadruples with each attempt
  (`LANZAROTE_TASK_RETRY_SECONDS` × 4ⁿ⁻¹, with some jitter so that a mail server coming back is
  not hit by every retry at once); after `LANZAROTE_TASK_MAX_ATTEMPTS` attempts it stays failed,
  with its error, on the tasks desk, where the secretariat can queue it again;
- a worker that dies (killed, out of memory, machine lost) leaves its task marked running: once
  the task's lease (`LANZAROTE_TASK_LEASE_SECONDS`) has run out, any worker queues it again, and
  a worker restarted under the same `--worker-id` does so at once.
"""

from __future__ import annotations

import logging
import random
import signal
import time
from dataclasses import dataclass, field
from datetime import timedelta
from types import FrameType

from django.conf import settings
from django.db import close_old_connections, transaction
from django.tasks import TaskContext
from django.tasks.base import TaskResultStatus
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lanzarote.core.db_routing import routing_scope

logger = logging.getLogger("lanzarote.worker")


def retry_delay(attempt: int) -> timedelta:
    """The delay before the attempt after `attempt` (1-based)."""
    base = settings.LANZAROTE_TASK_RETRY_SECONDS * 4 ** (attempt - 1)
    return timedelta(seconds=base * random.uniform(0.9, 1.1))  # noqa: S311 (not a secret)


def requeue_abandoned(*, worker_id: str | None = None) -> int:
    """Queue again the tasks left running by a worker that is gone: those whose lease has run
    out, and (at its start) those of a worker restarted under the same id."""
    now = timezone.now()
    expired = now - timedelta(seconds=settings.LANZAROTE_TASK_LEASE_SECONDS)
    abandoned = DBTaskResult.objects.running().filter(started_at__lt=expired)
    count = abandoned.update(status=TaskResultStatus.READY, run_after=now)
    if worker_id:
        mine = [
            row.pk
            for row in DBTaskResult.objects.running().only("worker_ids")
            if row.worker_ids and row.worker_ids[-1] == worker_id
        ]
        count += DBTaskResult.objects.filter(pk__in=mine).update(
            status=TaskResultStatus.READY, run_after=now
        )
    if count:
        logger.warning("Queued again %d task(s) left running by a worker that is gone.", count)
    return count


@dataclass
class Worker:
    worker_id: str
    queues: list[str] = field(default_factory=list)  # empty: every queue
    interval: float = 1.0
    lease_check_every: float = 30.0
    running: bool = True
    busy: bool = False
    done: int = 0

    def due(self) -> DBTaskResult | None:
        """Claim the next due task, or None."""
        tasks = DBTaskResult.objects.ready()
        if self.queues:
            tasks = tasks.filter(queue_name__in=self.queues)
        with transaction.atomic(using=tasks.db):
            claimed = tasks.select_for_update(skip_locked=True).first()
            if claimed is not None:
                claimed.claim(self.worker_id)
        return claimed

    def run_one(self, row: DBTaskResult) -> None:
        """Run a claimed task and record what became of it."""
        self.busy = True
        try:
            with routing_scope():
                self._run(row)
        finally:
            self.busy = False
            self.done += 1

    def _run(self, row: DBTaskResult) -> None:
        try:
            task = row.task
            result = row.task_result
            backend = type(task.get_backend())
            task_started.send(sender=backend, task_result=result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *result.args, **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
            row.set_successful(value)
            task_finished.send(sender=backend, task_result=row.task_result)
        except Exception as error:
            self._failed(row, error)

    def _failed(self, row: DBTaskResult, error: Exception) -> None:
        row.set_failed(error)  # keeps the error and its traceback on the row
        attempt = len(row.worker_ids)
        if attempt < settings.LANZAROTE_TASK_MAX_ATTEMPTS:
            delay = retry_delay(attempt)
            DBTaskResult.objects.filter(pk=row.pk).update(
                status=TaskResultStatus.READY, run_after=timezone.now() + delay
            )
            logger.warning(
                "Task %s (%s) failed, attempt %d of %d (%r); trying again in %d s.",
                row.pk,
                row.task_path,
                attempt,
                settings.LANZAROTE_TASK_MAX_ATTEMPTS,
                error,
                delay.total_seconds(),
            )
        else:
            logger.error(
                "Task %s (%s) failed for good after %d attempts: %r",
                row.pk,
                row.task_path,
                attempt,
                error,
            )

    def run(self, *, batch: bool = False, max_tasks: int | None = None) -> None:
        """Take tasks until stopped; with `batch`, until none is due."""
        requeue_abandoned(worker_id=self.worker_id)
        checked = time.monotonic()
        while self.running:
            # Outside a transaction only: closing inside one (a test, or a caller's atomic block)
            # would drop the connection the caller's work lives on.
            if not transaction.get_connection().in_atomic_block:
                close_old_connections()
            if time.monotonic() - checked > self.lease_check_every:
                requeue_abandoned()
                checked = time.monotonic()
            row = self.due()
            if row is not None:
                self.run_one(row)
                if max_tasks is not None and self.done >= max_tasks:
                    return
                continue
            if batch:
                return
            time.sleep(self.interval)

    def stop(self, signum: int, frame: FrameType | None) -> None:
        """First signal: finish the task in hand, then stop. A second: stop now (the task is
        queued again when its lease runs out)."""
        if not self.running or not self.busy:
            raise SystemExit(0 if not self.busy else 1)
        logger.warning("Stopping after the task in hand (send the signal again to stop now).")
        self.running = False

    def handle_signals(self) -> None:
        for name in ("SIGINT", "SIGTERM"):
            signal.signal(getattr(signal, name), self.stop)
