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
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


STAFF_ROLES = frozenset({Role.TREATY_OFFICE, Role.SECRETARIAT})
# A national coordinator validates and submits the replies of one Party; a rapporteur is a
# member's representative appointed by the Committee, so both act from a State.
STATE_BOUND_ROLES = frozenset(
    {Role.PARTY_DELEGATE, Role.STATE_OFFICIAL, Role.NATIONAL_COORDINATOR, Role.RAPPORTEUR}
)
