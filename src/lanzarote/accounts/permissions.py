"""Who may decide the requests for an account made on the public form."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.permissions import is_treaty_office, permission


@permission(
    "accounts.decide_access_request",
    _("Only the Treaty Office approves or declines a request for an account."),
)
def _decide_access_request(user: Any, **_objects: Any) -> bool:
    return is_treaty_office(user)
