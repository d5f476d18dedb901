"""Reads about people and tokens."""

from __future__ import annotations

from django.utils import timezone

from lanzarote.accounts.models import AccessRequest, ApiToken, User
from lanzarote.core.errors import NotFound


def user_get(username: str) -> User:
    try:
        return User.objects.select_related("state").get(username=username)
    except User.DoesNotExist:
        raise NotFound(f"No user named {username!r}.") from None


def user_for_token(key: str) -> User | None:
    """The active user owning a usable token with this key (None if unknown, expired or revoked)."""
    if not key.startswith("lz_"):
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user", "user__state")
        .filter(key_hash=ApiToken.hash_key(key))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        # Last use is informational; writing it at most once a minute keeps reads cheap.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(user.api_tokens.all())


def pending_access_requests() -> list[AccessRequest]:
    """Requests for an account waiting for the Treaty Office, oldest first."""
    return list(
        AccessRequest.objects.filter(status=AccessRequest.Status.PENDING).select_related("state")
    )


def pending_access_request_count() -> int:
    return AccessRequest.objects.filter(status=AccessRequest.Status.PENDING).count()


def decided_access_requests(*, limit: int = 20) -> list[AccessRequest]:
    return list(
        AccessRequest.objects.exclude(status=AccessRequest.Status.PENDING)
        .select_related("state", "decided_by", "user")
        .order_by("-decided_at", "-pk")[:limit]
    )


def access_request_get(pk: int) -> AccessRequest:
    try:
        return AccessRequest.objects.select_related("state").get(pk=pk)
    except AccessRequest.DoesNotExist:
        raise NotFound(f"No access request {pk}.") from None
