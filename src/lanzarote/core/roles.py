"""The roles people hold. Kept in `core` so every app, and the permission rules, can name them
without depending on the accounts app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TREATY_OFFICE = "treaty_office", _("Treaty Office")
    SECRETARIAT = "secretariat", _("Committee secretariat")
    PARTY_DELEGATE = "party_delegate", _("Party delegate")
    STATE_OFFICIAL = "state_official", _("Official of a State")
    OBSERVER = "observer", _("Observer")


STAFF_ROLES = frozenset({Role.TREATY_OFFICE, Role.SECRETARIAT})
STATE_BOUND_ROLES = frozenset({Role.PARTY_DELEGATE, Role.STATE_OFFICIAL})
