"""Readiness self-assessments are confidential to the State's team, never public: not even
the Treaty Office or the Committee secretariat sees them.

Each rule is registered under its name with `core.permissions.permission` when Django starts
(`CoreConfig.ready` imports every app's `permissions` module); services call `require(user,
name, ...)` before they write, views `allowed(...)` to decide which actions to offer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.permissions import (
    acts_for,
    has_role,
    permission,
)
from lanzarote.core.roles import Role


def _on_team(user: Any, assessment: Any) -> bool:
    return (
        has_role(user, Role.STATE_OFFICIAL)
        and acts_for(user, assessment.state_id)
        and user.pk in assessment.team_user_ids
    )


@permission(
    "readiness.start_assessment",
    _("Only an official of a State can start a readiness assessment, and only for that State."),
)
def _start_assessment(user: Any, *, state: Any) -> bool:
    return has_role(user, Role.STATE_OFFICIAL) and acts_for(user, state.code)


@permission(
    "readiness.view_assessment",
    _(
        "A readiness assessment is confidential to the team of officials of the State that "
        "prepares it. It is never public: not even the Treaty Office or the Committee "
        "secretariat can see it."
    ),
)
def _view_assessment(user: Any, *, assessment: Any) -> bool:
    return _on_team(user, assessment)


@permission(
    "readiness.edit_assessment",
    _(
        "Only the team of officials preparing this readiness assessment can change it; nobody "
        "else, not even the Treaty Office, can see or change it."
    ),
)
def _edit_assessment(user: Any, *, assessment: Any) -> bool:
    return _on_team(user, assessment)


@permission(
    "readiness.invite",
    _("Only the official who started this readiness assessment can invite colleagues to it."),
)
def _invite_to_assessment(user: Any, *, assessment: Any) -> bool:
    return _on_team(user, assessment) and user.pk == assessment.created_by_id
