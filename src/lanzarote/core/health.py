"""What a load balancer and an operator ask of an instance: can it reach the database (and its
replica), the shared cache and the task queue?

The database decides: without it nothing can be answered, so the instance reports 503 and the
load balancer takes it out of rotation. A cache or queue in trouble leaves the site serving
(more slowly, or with e-mails waiting), so the instance says `degraded` and stays in.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.tasks import task_backends
from django.utils import timezone

logger = logging.getLogger("lanzarote.health")

OK = "ok"
DEGRADED = "degraded"
DOWN = "down"
# A task waiting longer than this means no worker is taking tasks.
QUEUE_STALL_SECONDS = 300


@dataclass
class Check:
    status: str
    detail: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "detail": self.detail, **self.facts}


def database(alias: str) -> Check:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health: database %s does not answer: %r", alias, error)
        return Check(DOWN, "the database does not answer")
    return Check(OK)


def shared_cache() -> Check:
    cache = caches["default"]
    backend = type(cache).__name__
    ping = getattr(cache, "ping", None)
    if ping is None:
        return Check(OK, "memory of this process", {"backend": backend})
    if not ping():
        return Check(DEGRADED, "the shared cache does not answer", {"backend": backend})
    return Check(OK, "shared", {"backend": backend})


def queue() -> Check:
    backend = task_backends["default"]
    name = type(backend).__name__
    if not name.startswith("Database"):
        return Check(OK, "tasks run in the process that asks for them", {"backend": name})
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        waiting = DBTaskResult.objects.ready()
        oldest = list(waiting.order_by("enqueued_at").values_list("enqueued_at", "run_after")[:1])
        count = waiting.count()
        failed = DBTaskResult.objects.failed().count()
    except DatabaseError:
        return Check(DOWN, "the queue cannot be read", {"backend": name})
    facts: dict[str, Any] = {"backend": name, "waiting": count, "failed": failed}
    if oldest:
        enqueued, run_after = oldest[0]
        # A task put off (a retry) is due at its run_after; one not put off since it was queued.
        due = enqueued if run_after == get_date_max() else max(enqueued, run_after)
        waited = timezone.now() - due
        facts["oldest_waiting_seconds"] = max(0, int(waited.total_seconds()))
        if waited > timedelta(seconds=QUEUE_STALL_SECONDS):
            return Check(DEGRADED, "tasks are waiting: is a worker running?", facts)
    return Check(OK, "", facts)


def report() -> tuple[int, dict[str, Any]]:
    """The HTTP status (200, or 503 without the database) and the report."""
    started = time.monotonic()
    checks = {"database": database("default")}
    if settings.DATABASE_REPLICA_URL:
        checks["replica"] = database("replica")
    checks["cache"] = shared_cache()
    checks["queue"] = queue() if checks["database"].status == OK else Check(DOWN, "no database")
    statuses = {check.status for check in checks.values()}
    if checks["database"].status == DOWN:
        overall = DOWN
    elif statuses == {OK}:
        overall = OK
    else:
        overall = DEGRADED
    body = {
        "status": overall,
        "checks": {name: check.as_dict() for name, check in checks.items()},
        "took_ms": round((time.monotonic() - started) * 1000, 1),
    }
    return (503 if overall == DOWN else 200), body
