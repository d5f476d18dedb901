"""Background work through Django's Tasks framework (docs/adr/0006-tasks.md).

A request never waits on SMTP, WeasyPrint or a long import: it enqueues a task with
`enqueue_after_commit` and answers. Which backend runs it is configuration:

- `immediate` (`make run`, the tests): the task runs in the same process once the transaction
  that asked for it commits; nothing runs if it rolls back.
- `database` (production): the task is a row in the same database, written in the same
  transaction as the record it is about (a transactional outbox: the record and its e-mail are
  committed together or not at all), and `lanzarote worker` runs it (`core.worker`): a failure
  is tried again with a growing delay, a task whose worker died is taken up again, and what
  failed for good is listed on the tasks desk.

Tasks take JSON-serialisable keyword arguments and must be safe to run twice: a worker that dies
between finishing the work and recording it leaves the task to be run again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.tasks import Task, task_backends

logger = logging.getLogger("lanzarote.tasks")


def queued_in_database(task: Task) -> bool:
    """Whether `task` goes to a queue in the database (and so may share the write's
    transaction) rather than running in this process."""
    return task.get_backend().__class__.__name__ == "DatabaseBackend"


def enqueue_after_commit(task: Task, **kwargs: Any) -> None:
    """Have `task(**kwargs)` run once the current transaction commits, never if it rolls back."""
    if queued_in_database(task) and transaction.get_connection().in_atomic_block:
        task.enqueue(**kwargs)  # committed with the record, or rolled back with it
        return

    def enqueue() -> None:
        task.enqueue(**kwargs)

    transaction.on_commit(enqueue, robust=True)


def backend_name() -> str:
    return type(task_backends["default"]).__name__
