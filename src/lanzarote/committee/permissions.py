"""Who maintains the Committee's records and who sees its confidential ones.

The rules are named predicates of the one registry in `core.permissions`, which says how they
are found and used.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.permissions import (
    acts_for,
    has_role,
    is_secretariat,
    is_treaty_office,
    permission,
)
from lanzarote.core.roles import Role


@permission(
    "committee.manage", _("Only the Committee secretariat maintains the Committee's records.")
)
def _manage_committee(user: Any, **_objects: Any) -> bool:
    return is_secretariat(user)


@permission("people.see_contacts", _("Contact details are visible to signed-in users only."))
def _see_contacts(user: Any, **_objects: Any) -> bool:
    return getattr(user, "is_authenticated", False)


@permission(
    "committee.record_vote", _("Only the Committee secretariat records the Committee's votes.")
)
def _record_vote(user: Any, **_objects: Any) -> bool:
    return is_secretariat(user)


@permission(
    "committee.view_applications",
    _("Observer applications are seen by the Committee secretariat until the members decide."),
)
def _view_applications(user: Any, **_objects: Any) -> bool:
    return is_secretariat(user)


@permission(
    "committee.view_assistance_request",
    _(
        "A request for assistance is seen by the Committee secretariat and by the requesting "
        "State's officials and delegates."
    ),
)
def _view_assistance_request(user: Any, *, state_code: str | None = None) -> bool:
    if is_secretariat(user):
        return True
    return has_role(user, Role.PARTY_DELEGATE, Role.STATE_OFFICIAL) and acts_for(user, state_code)


@permission(
    "committee.view_confidential_priorities",
    _(
        "A request to accede is confidential until the invitation: only the Treaty Office, the "
        "Committee secretariat and the requesting State see it among the priority countries."
    ),
)
def _view_confidential_priorities(user: Any, *, state_code: str | None = None) -> bool:
    if is_secretariat(user) or is_treaty_office(user):
        return True
    return has_role(user, Role.PARTY_DELEGATE, Role.STATE_OFFICIAL) and acts_for(user, state_code)
