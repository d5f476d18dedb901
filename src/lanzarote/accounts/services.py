"""Writes about people: accounts, API tokens and requests for an account. One transaction and
one audit record each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from lanzarote.accounts import notices
from lanzarote.accounts.models import STATE_BOUND_ROLES, AccessRequest, ApiToken, Role, User
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput, NotFound
from lanzarote.core.permissions import require
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
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


# -- requests for an account, from the public form -----------------------------------------------


def _pending_for(email: str) -> bool:
    return AccessRequest.objects.filter(
        email__iexact=email, status=AccessRequest.Status.PENDING
    ).exists()


@transaction.atomic
def access_request_submit(
    *,
    name: str,
    ministry: str,
    state_code: str,
    email: str,
    message: str = "",
    language: str = "en",
) -> AccessRequest:
    """Record a request for an account made on the public form (no one is signed in)."""
    name, ministry, email = name.strip(), ministry.strip(), email.strip()
    if not name:
        raise InvalidInput(gettext("Give your name."), field="name")
    if not ministry:
        raise InvalidInput(gettext("Give your ministry or institution."), field="ministry")
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(gettext("Give a valid e-mail address."), field="email") from None
    try:
        state = registry.state_get(state_code)
    except NotFound:
        raise InvalidInput(gettext("Choose a State from the list."), field="state") from None
    if state.kind != State.Kind.STATE:
        raise InvalidInput(gettext("Choose a State from the list."), field="state")
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise Conflict(
            gettext(
                "An account with this e-mail address exists already. If you do not know its "
                "password, use “Forgot your password?” on the sign-in page."
            ),
            field="email",
        )
    if _pending_for(email):
        raise Conflict(
            gettext(
                "A request from this e-mail address is already with the Treaty Office. There is "
                "no need to send it again: you will receive an e-mail once it is decided."
            ),
            field="email",
        )
    access_request = AccessRequest.objects.create(
        name=name[:200],
        ministry=ministry[:200],
        state=state,
        email=email,
        message=message.strip()[:2000],
        language="fr" if language == "fr" else "en",
    )
    audit_record(
        actor=Actor.system("public access request form"),
        action=AuditAction.ACCOUNTS_ACCESS_REQUEST_SUBMIT,
        target=access_request,
        summary=f"{email} for {state.code}",
    )
    notices.received(access_request)
    return access_request


def role_for(state: State) -> Role:
    """A Party's officials answer its consultations as its delegates; any other State's
    officials prepare its way in."""
    treaty = registry.treaty_get(CONVENTION)
    position = registry.position_of(treaty=treaty, state=state, as_of=timezone.localdate())
    return Role.PARTY_DELEGATE if position.status is Status.PARTY else Role.STATE_OFFICIAL


def _decidable(actor: Actor, access_request: AccessRequest) -> AccessRequest:
    require(actor.user, "accounts.decide_access_request")
    locked = (
        AccessRequest.objects.select_for_update().select_related("state").get(pk=access_request.pk)
    )
    if locked.status != AccessRequest.Status.PENDING:
        raise Conflict(
            gettext("This request was already decided on %(day)s.")
            % {"day": date_format(timezone.localtime(locked.decided_at), "j F Y")}
        )
    return locked


def set_password_url(user: User, *, site_url: str, language: str) -> str:
    """The address where the new account's holder chooses a password (allauth's reset page)."""
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    return site_url.rstrip("/") + path


@transaction.atomic
def access_request_approve(
    *, actor: Actor, access_request: AccessRequest, site_url: str
) -> AccessRequest:
    """Create the account, with the role the State calls for, and e-mail its holder a link to
    choose a password."""
    locked = _decidable(actor, access_request)
    if User.objects.filter(email__iexact=locked.email, is_active=True).exists():
        raise Conflict(gettext("An account with this e-mail address exists already."))
    username = locked.email.lower()
    if User.objects.filter(username=username).exists():
        raise Conflict(gettext("An account with this user name exists already."))
    user = user_create(
        actor=actor,
        username=username,
        role=role_for(locked.state),
        state_code=locked.state_id,
        organisation=locked.ministry,
        email=locked.email,
    )
    user.first_name = locked.name[:150]
    user.save(update_fields=["first_name"])
    _decided(
        actor,
        locked,
        AccessRequest.Status.APPROVED,
        action=AuditAction.ACCOUNTS_ACCESS_REQUEST_APPROVE,
        summary=f"{locked.email} as {user.role} for {locked.state_id}",
        user=user,
    )
    notices.approved(
        locked,
        user=user,
        set_password_url=set_password_url(user, site_url=site_url, language=locked.language),
    )
    return locked


@transaction.atomic
def access_request_decline(
    *, actor: Actor, access_request: AccessRequest, reason: str = ""
) -> AccessRequest:
    """Decline the request and tell its author politely, in both languages."""
    locked = _decidable(actor, access_request)
    _decided(
        actor,
        locked,
        AccessRequest.Status.DECLINED,
        action=AuditAction.ACCOUNTS_ACCESS_REQUEST_DECLINE,
        summary=f"{locked.email} for {locked.state_id}",
        decision_note=reason.strip()[:2000],
    )
    notices.declined(locked)
    return locked


def _decided(
    actor: Actor,
    access_request: AccessRequest,
    status: str,
    *,
    action: AuditAction,
    summary: str,
    **values: Any,
) -> None:
    """Close `access_request` with `status` (and `values`), decided by `actor` now, and audit
    the decision."""
    access_request.status = status
    access_request.decided_at = timezone.now()
    access_request.decided_by = actor.user
    for name, value in values.items():
        setattr(access_request, name, value)
    access_request.save(update_fields=["status", "decided_at", "decided_by", *values])
    audit_record(actor=actor, action=action, target=access_request, summary=summary)
