"""People who sign in, the role each holds, and their personal API tokens.

A role binds a person to what they act for: a Party delegate to one Party, an official of a
requesting State to that State, an observer to an organisation. What each role may do is decided
in one place, `permissions.py`, and checked by the services.
"""

from __future__ import annotations

import hashlib
import secrets
import string

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanzarote.core.records.mixins import optional_link
from lanzarote.core.roles import STAFF_ROLES, STATE_BOUND_ROLES, Role

__all__ = ["STAFF_ROLES", "STATE_BOUND_ROLES", "AccessRequest", "ApiToken", "Role", "User"]


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, blank=True)
    state = optional_link("registry.State", _("State represented"), related_name="people")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(r.value for r in STATE_BOUND_ROLES))
                | models.Q(state__isnull=False),
                name="state_bound_roles_have_a_state",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.OBSERVER) | ~models.Q(organisation=""),
                name="observers_have_an_organisation",
            ),
        ]

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role else ""

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles


def _hash(key: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough to store them safely.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the key is shown once, when created."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    # Letters and digits only: a key (or its prefix) never begins with "-", which a command line
    # would read as an option. 43 characters of 62 carry 256 bits, as token_urlsafe(32) did.
    KEY_ALPHABET = string.ascii_letters + string.digits
    KEY_LENGTH = 43

    @classmethod
    def new_key(cls) -> str:
        return "lz_" + "".join(secrets.choice(cls.KEY_ALPHABET) for _ in range(cls.KEY_LENGTH))

    @staticmethod
    def hash_key(key: str) -> str:
        return _hash(key)


class AccessRequest(models.Model):
    """An official's request for an account, made on the public form and decided by the Treaty
    Office. Approval creates the account (`user`) with the role the State calls for."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=200)
    ministry = models.CharField(_("ministry or institution"), max_length=200)
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="access_requests",
    )
    email = models.EmailField(_("official e-mail address"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    # The language of the form, so that the answer speaks it first.
    language = models.CharField(_("language"), max_length=5, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = optional_link(User)
    decision_note = models.TextField(_("reason given"), blank=True, max_length=2000)
    user = models.OneToOneField(
        User,
        verbose_name=_("account created"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_request",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("access request")
        constraints = [
            # One pending request per address: a second is refused with a kind sentence.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status="pending"),
                name="one_pending_access_request_per_email",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> ({self.state_id})"
