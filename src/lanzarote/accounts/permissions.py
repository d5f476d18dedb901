"""Who may decide the requests for an account made on the public form, and who looks after the
background tasks that failed (the staff who answer for the e-mails and documents they carry)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.permissions import has_role, is_treaty_office, permission
from lanzarote.core.roles import Role


@permission(
    "accounts.decide_access_request",
    _("Only the Treaty Office approves or declines a request for an account."),
)
def _decide_access_request(user: Any, **_objects: Any) -> bool:
    return is_treaty_office(user)


@permission(
    "tasks.manage",
    _("Only the Committee secretariat and the Treaty Office see and queue again failed tasks."),
)
def _manage_tasks(user: Any, **_objects: Any) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.TREATY_OFFICE)
