"""The tasks desk's reads and its one write: the background tasks that failed, for good or
for now, and queuing one again by hand once what made it fail is fixed (a mail server back, a
file restored). Only the rows of the database queue (`django-tasks-db`) exist to be listed;
with the immediate backend a task fails inside the request that asked for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, NotFound
from lanzarote.core.permissions import require

LISTED = 200


@dataclass(frozen=True)
class TaskRow:
    id: str
    task_path: str
    queue_name: str
    attempts: int
    failed_for_good: bool
    retry_at: datetime | None
    enqueued_at: datetime
    error: str

    @property
    def name(self) -> str:
        return self.task_path.rsplit(".", 1)[-1].replace("_", " ")


def _error(row: DBTaskResult) -> str:
    """The exception's class and message: the last line of the traceback, never the whole of it
    (it may name files and values that belong to the operators' logs)."""
    lines = [line for line in (row.traceback or "").strip().splitlines() if line.strip()]
    return (lines[-1] if lines else row.exception_class_path or "")[:300]


def _row(row: DBTaskResult) -> TaskRow:
    failed_for_good = row.status == TaskResultStatus.FAILED
    return TaskRow(
        id=str(row.pk),
        task_path=row.task_path,
        queue_name=row.queue_name,
        attempts=len(row.worker_ids or []),
        failed_for_good=failed_for_good,
        retry_at=None if failed_for_good else row.run_after,
        enqueued_at=row.enqueued_at,
        error=_error(row),
    )


def tasks_needing_attention(*, user: Any) -> list[TaskRow]:
    """Failed for good first, then those waiting to be tried again after a failure; newest
    first within each, at most `LISTED`."""
    require(user, "tasks.manage")
    retrying = Q(status=TaskResultStatus.READY) & ~Q(traceback="")
    rows = (
        DBTaskResult.objects.filter(Q(status=TaskResultStatus.FAILED) | retrying)
        .defer("args_kwargs", "return_value")
        .order_by("-enqueued_at")[:LISTED]
    )
    listed = [_row(row) for row in rows]
    return sorted(listed, key=lambda row: not row.failed_for_good)


@transaction.atomic
def task_requeue(*, actor: Actor, task_id: str) -> DBTaskResult:
    """Queue a task that failed for good again, due now, with its attempts counted afresh."""
    require(actor.user, "tasks.manage")
    try:
        row = DBTaskResult.objects.select_for_update().get(pk=task_id)
    except (DBTaskResult.DoesNotExist, ValidationError, ValueError):
        raise NotFound(_("There is no such task.")) from None
    if row.status != TaskResultStatus.FAILED:
        raise Conflict(_("Only a task that failed for good can be queued again."))
    attempts = len(row.worker_ids or [])
    now = timezone.now()
    row.status = TaskResultStatus.READY
    row.run_after = now
    row.worker_ids = []
    row.save(update_fields=["status", "run_after", "worker_ids"])
    audit_record(
        actor=actor,
        action=AuditAction.CORE_TASK_REQUEUE,
        target=row,
        summary=f"{row.task_path} queued again after {attempts} attempts",
        changes={"status": [TaskResultStatus.FAILED.value, TaskResultStatus.READY.value]},
        payload={"task_path": row.task_path, "attempts": attempts, "error": _error(row)},
    )
    return row


def max_attempts() -> int:
    return int(settings.LANZAROTE_TASK_MAX_ATTEMPTS)
