"""Who may write to the treaty registry (`core.permissions` holds the registry of rules).

Each rule is registered under its name with `core.permissions.permission` when Django starts
(`CoreConfig.ready` imports every app's `permissions` module); services call `require(user,
name, ...)` before they write, views `allowed(...)` to decide which actions to offer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.permissions import (
    is_treaty_office,
    permission,
)


@permission(
    "registry.record_event", _("Only the Treaty Office records treaty actions in the registry.")
)
def _record_event(user: Any, **_objects: Any) -> bool:
    return is_treaty_office(user)
