"""Reads from a streaming replica, writes (and whatever follows them) on the primary.

With `DATABASE_REPLICA_URL` set, the settings add a `replica` database and install
`ReplicaRouter` and `PrimaryPinMiddleware`. A request reads from the replica until it writes;
from its first write, or from the start when it is not a safe method, everything it reads comes
from the primary, so a service never decides on rows a replica has not received yet. The
replica lags by a few hundred milliseconds, so after a write the client is pinned to the
primary for `REPLICA_PIN_SECONDS` by a short cookie: the page it is redirected to shows what it
has just recorded. Reads inside a transaction, the task queue (its worker locks rows) and the
sign-in machinery always use the primary.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "lz_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# Apps whose rows decide who may act, or that are claimed under a lock: read where written.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "accounts", "axes", "account", "mfa", "django_tasks_db"}
)

_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("lanzarote_pinned", default=False)


def pin_to_primary() -> None:
    """Send every later read of this request (or command) to the primary."""
    _pinned.set(True)


def pinned() -> bool:
    return _pinned.get()


def reading_connection(model: type[Model]) -> BaseDatabaseWrapper:
    """The connection the ORM would read `model` from, for raw SQL: a version read from the
    primary while the rows come from a lagging replica would file old rows under a new key."""
    return connections[router.db_for_read(model)]


@contextmanager
def routing_scope(*, primary: bool = False) -> Iterator[None]:
    """One unit of work (a request, a task) that starts on the replica unless `primary`."""
    token = _pinned.set(primary)
    try:
        yield
    finally:
        _pinned.reset(token)


def _in_transaction() -> bool:
    """Whether the primary has a transaction open: what it reads decides what it writes. The
    transaction a test case wraps around each test is not one (Django marks it)."""
    return any(
        not getattr(block, "_from_testcase", False) for block in connections[PRIMARY].atomic_blocks
    )


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if pinned() or model._meta.app_label in PRIMARY_ONLY_APPS or _in_transaction():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class PrimaryPinMiddleware:
    """Starts each request unpinned (or pinned, after a recent write or for a write) and pins the
    client's next requests for a few seconds once it has written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        with routing_scope(primary=writes or PIN_COOKIE in request.COOKIES):
            response = self.get_response(request)
            wrote = writes or pinned()
        if writes or (wrote and PIN_COOKIE not in request.COOKIES):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
