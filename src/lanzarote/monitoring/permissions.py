"""Who may act in a monitoring round: the secretariat manages, a Party's delegates and
coordinator reply, rapporteurs observe, observers contribute in their organisation's name.

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
    permission,
)
from lanzarote.core.roles import Role


def speaks_for(user: Any, organisation: Any) -> bool:
    """An observer acts for the organisation named on their account (by its short name, acronym
    or name, in either language)."""
    if organisation is None or not has_role(user, Role.OBSERVER):
        return False
    own = (getattr(user, "organisation", "") or "").strip().casefold()
    names = {
        str(getattr(organisation, attribute, "") or "").strip().casefold()
        for attribute in ("slug", "acronym", "name_en", "name_fr")
    }
    return bool(own) and own in names - {""}


@permission(
    "monitoring.manage",
    _(
        "Only the Committee secretariat manages monitoring rounds, questionnaires, reports, "
        "recommendations, publication and compliance assessments."
    ),
)
def _manage_monitoring(user: Any, **_objects: Any) -> bool:
    return is_secretariat(user)


@permission(
    "monitoring.draft_reply",
    _("Only a delegate or the national coordinator of a Party drafts that Party's replies."),
)
def _draft_reply(user: Any, *, state_code: str | None) -> bool:
    return has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR) and acts_for(
        user, state_code
    )


@permission(
    "monitoring.submit_reply",
    _("Only the national coordinator of a Party validates and submits that Party's replies."),
)
def _submit_reply(user: Any, *, state_code: str | None) -> bool:
    return has_role(user, Role.NATIONAL_COORDINATOR) and acts_for(user, state_code)


@permission(
    "monitoring.view_reply",
    _(
        "A reply is public once published; before that only its Party's delegates and "
        "coordinator, the Committee secretariat and, once it is submitted, the rapporteurs see it."
    ),
)
def _view_reply(user: Any, *, reply: Any) -> bool:
    if reply.status == "published" or is_secretariat(user):
        return True
    if has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR):
        return acts_for(user, reply.state_id)
    return has_role(user, Role.RAPPORTEUR) and reply.status == "submitted"


@permission(
    "monitoring.observe",
    _("Only a rapporteur appointed on this question writes observations on its replies."),
)
def _observe(user: Any, *, rapporteur_ids: Any) -> bool:
    return has_role(user, Role.RAPPORTEUR) and user.pk in rapporteur_ids


@permission(
    "monitoring.contribute",
    _(
        "An observer contributes only in the name of its own organisation; other contributions "
        "(national human-rights institutions, stakeholders, children) are recorded by the "
        "Committee secretariat."
    ),
)
def _contribute(user: Any, *, source: str, organisation: Any = None) -> bool:
    if is_secretariat(user):
        return True
    # Observers may also pass on what children told them, gathered with consent.
    return source in ("observer", "children") and speaks_for(user, organisation)


@permission(
    "monitoring.view_contribution",
    _(
        "A contribution is public once published; before that only the Committee secretariat, "
        "the rapporteurs and the organisation that sent it see it — and a children's "
        "contribution held by the screen for identifying details, only the secretariat and "
        "the organisation that sent it."
    ),
)
def _view_contribution(user: Any, *, contribution: Any) -> bool:
    if contribution.status == "published" or is_secretariat(user):
        return True
    if has_role(user, Role.RAPPORTEUR) and not contribution.held_by_screening:
        return True
    return speaks_for(user, contribution.organisation)


@permission(
    "monitoring.submit_follow_up",
    _(
        "Follow-up information on a recommendation is submitted by the national coordinator or a "
        "delegate of a Party it addresses, or recorded by the Committee secretariat."
    ),
)
def _submit_follow_up(user: Any, *, state_code: str | None, addressed: bool) -> bool:
    if not addressed:
        return False
    if is_secretariat(user):
        return True
    return has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR) and acts_for(
        user, state_code
    )
