"""`lanzarote worker`: run the background tasks (e-mails, renders, imports, index rebuilds).

Run one or more beside the app instances, under the application's database role, with the same
settings: `lanzarote worker` (every queue) or `lanzarote worker --queue mail`. `--batch` runs
what is due and exits (cron, tests). With the `immediate` backend (`make run`) tasks run in the
process that asks for them and there is nothing for a worker to do.
"""

from __future__ import annotations

import socket
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.tasks import task_backends
from django.utils.crypto import get_random_string

from lanzarote.core.tasks import backend_name


class Command(BaseCommand):
    help = "Run the background tasks queued in the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue",
            action="append",
            default=[],
            help="a queue to take tasks from (repeatable; default: every queue)",
        )
        parser.add_argument(
            "--batch", action="store_true", help="run the tasks that are due, then exit"
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="exit after this many tasks"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds to wait when no task is due (default 1)",
        )
        parser.add_argument(
            "--worker-id",
            default=None,
            help="unique among the workers; a worker restarted under the same id takes up "
            "at once the task it was running (default: host name and a random suffix)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if backend_name() != "DatabaseBackend":
            raise CommandError(
                f"The task backend is {backend_name()}: tasks run in the process that enqueues "
                "them. Set TASKS_BACKEND=database (the production default) to queue them for "
                "workers."
            )
        known = set(task_backends["default"].queues)
        unknown = [queue for queue in options["queue"] if queue not in known]
        if unknown:
            raise CommandError(
                f"Unknown queue {', '.join(unknown)}; the queues are {', '.join(sorted(known))}."
            )
        if options["max_tasks"] is not None and options["max_tasks"] < 1:
            raise CommandError("--max-tasks must be at least 1.")
        if options["interval"] < 0:
            raise CommandError("--interval cannot be negative.")
        from lanzarote.core.worker import Worker

        worker_id = options["worker_id"] or f"{socket.gethostname()}-{get_random_string(8)}"
        if len(worker_id) > 64:
            raise CommandError("--worker-id must be at most 64 characters.")
        worker = Worker(worker_id=worker_id, queues=options["queue"], interval=options["interval"])
        worker.handle_signals()
        if options["verbosity"] > 0 and not options["batch"]:
            self.stderr.write(f"worker {worker_id} taking tasks from the database")
        worker.run(batch=options["batch"], max_tasks=options["max_tasks"])
