"""Writes about people: accounts and API tokens. One transaction and one audit record each."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lanzarote.accounts.models import STATE_BOUND_ROLES, ApiToken, Role, User
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import CONVENTION, Status


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    role: str,
    state_code: str | None = None,
    organisation: str = "",
    email: str = "",
    password: str | None = None,
) -> User:
    if role not in Role.values:
        raise InvalidInput(
            f"Unknown role {role!r}; roles are {', '.join(Role.values)}.", field="role"
        )
    if User.objects.filter(username=username).exists():
        raise Conflict(f"A user named {username!r} already exists.", field="username")
    state = None
    if role in STATE_BOUND_ROLES:
        if not state_code:
            raise InvalidInput(
                f"The role {role} is bound to a State: give --state CODE.", field="state"
            )
        state = registry.state_get(state_code)
    elif state_code:
        raise InvalidInput(f"The role {role} is not bound to a State.", field="state")
    if role == Role.PARTY_DELEGATE and state is not None:
        treaty = registry.treaty_get(CONVENTION)
        position = registry.position_of(treaty=treaty, state=state, as_of=timezone.localdate())
        if position.status is not Status.PARTY:
            raise InvalidInput(
                f"{state.name_en} is not a Party to the Convention; a Party delegate represents a Party.",
                field="state",
            )
    if role == Role.OBSERVER and not organisation.strip():
        raise InvalidInput(
            "An observer is bound to an organisation: give --org NAME.", field="organisation"
        )
    user = User(
        username=username, role=role, state=state, organisation=organisation.strip(), email=email
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise InvalidInput(" ".join(error.messages), field="password") from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_staff = False
    user.save()
    audit_record(
        actor=actor,
        action="accounts.user.create",
        target=user,
        summary=f"{username} as {role}" + (f" for {state.code}" if state else ""),
    )
    return user


@transaction.atomic
def token_create(
    *, actor: Actor, user: User, name: str = "", expires_in_days: int | None = 90
) -> tuple[ApiToken, str]:
    """Create a personal token; returns it with the key, which is never stored and shown once."""
    if expires_in_days is not None and expires_in_days <= 0:
        raise InvalidInput("A token must expire in at least one day.", field="expires_in_days")
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[3 : 3 + ApiToken.PREFIX_LENGTH],
        key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    audit_record(
        actor=actor, action="accounts.token.create", target=token, summary=f"for {user.username}"
    )
    return token, key


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        raise Conflict("This token is already revoked.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="accounts.token.revoke",
        target=token,
        summary=f"for {token.user.username}",
    )
    return token
