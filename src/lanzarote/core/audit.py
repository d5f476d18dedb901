"""Writing audit records. Call from inside a service's transaction so both land or neither does."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lanzarote.core.errors import Unauthorised
from lanzarote.core.models import AuditRecord


class Actor:
    """Who performs an action: a signed-in user, or a named system process (such as the data loader)."""

    def __init__(self, *, user: Any | None = None, label: str | None = None):
        if user is None and not label:
            raise ValueError("An actor needs a user or a label.")
        if user is not None and not getattr(user, "is_authenticated", False):
            # An anonymous visitor is not a system process: without this, `Actor(user=
            # request.user)` would have no user and skip the services' permission checks.
            raise Unauthorised("Sign in to do this.")
        self.user = user if user is not None and getattr(user, "is_authenticated", False) else None
        self.label = label or (user.get_username() if user is not None else "")

    @classmethod
    def system(cls, label: str) -> Actor:
        return cls(label=label)

    def __repr__(self) -> str:
        return f"Actor({self.label!r})"


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: Any,
    summary: str = "",
    payload: dict[str, Any] | None = None,
) -> AuditRecord:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit records are written inside the service's transaction.")
    return AuditRecord.objects.create(
        actor=actor.user,
        actor_label=actor.label,
        action=action,
        target_type=type(target).__name__,
        target_id=str(target.pk),
        summary=summary[:500],
        payload=payload or {},
    )
