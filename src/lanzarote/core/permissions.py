"""Who may do what: every object-level rule of the product, in one place.

A permission is a named predicate over the person and the objects concerned, with the sentence
shown when it refuses. Services call `require(...)` before they write; views and templates call
`allowed(...)` only to decide which actions to offer. Objects are read by attribute (a case's
`state_id`, `status`, `consulted_parties`), so this module imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.errors import Forbidden, Unauthorised
from lanzarote.core.roles import Role

Predicate = Callable[..., bool]


@dataclass(frozen=True)
class Permission:
    name: str
    predicate: Predicate
    refusal: Any  # a lazy translated sentence

    def __call__(self, user: Any, **objects: Any) -> bool:
        return bool(
            user is not None
            and getattr(user, "is_active", False)
            and self.predicate(user, **objects)
        )


REGISTRY: dict[str, Permission] = {}


def permission(name: str, refusal: Any) -> Callable[[Predicate], Predicate]:
    def register(predicate: Predicate) -> Predicate:
        if name in REGISTRY:
            raise ValueError(f"Permission {name} is defined twice.")
        REGISTRY[name] = Permission(name, predicate, refusal)
        return predicate

    return register


def allowed(user: Any, name: str, **objects: Any) -> bool:
    return REGISTRY[name](user, **objects)


def require(user: Any, name: str, **objects: Any) -> None:
    """Raise `Unauthorised` for anonymous people and `Forbidden` naming the rule otherwise."""
    rule = REGISTRY[name]
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorised(str(_("Sign in to do this.")))
    if not rule(user, **objects):
        raise Forbidden(str(rule.refusal), article=None, field=None)


# -- building blocks ---------------------------------------------------------------------------


def has_role(user: Any, *roles: str) -> bool:
    return getattr(user, "is_authenticated", False) and user.role in roles


def acts_for(user: Any, state_code: str | None) -> bool:
    return state_code is not None and user.state_id == state_code


def is_treaty_office(user: Any, **_objects: Any) -> bool:
    return has_role(user, Role.TREATY_OFFICE)


def is_secretariat(user: Any, **_objects: Any) -> bool:
    return has_role(user, Role.SECRETARIAT)


# -- registry ----------------------------------------------------------------------------------


@permission(
    "registry.record_event", _("Only the Treaty Office records treaty actions in the registry.")
)
def _record_event(user: Any, **_objects: Any) -> bool:
    return is_treaty_office(user)


# -- accession ---------------------------------------------------------------------------------


@permission(
    "accession.file_request",
    _(
        "Only an official of the requesting State, or the Treaty Office on its behalf, files a request."
    ),
)
def _file_request(user: Any, *, state: Any) -> bool:
    return is_treaty_office(user) or (
        has_role(user, Role.STATE_OFFICIAL) and acts_for(user, state.code)
    )


@permission(
    "accession.view_case",
    _(
        "This accession case is confidential to the Treaty Office, the requesting State and, during "
        "the consultation, the Parties consulted."
    ),
)
def _view_case(user: Any, *, case: Any) -> bool:
    if is_treaty_office(user) or case.is_public:
        return True
    if has_role(user, Role.STATE_OFFICIAL):
        return acts_for(user, case.state_id)
    if has_role(user, Role.PARTY_DELEGATE):
        return case.consultation_open and user.state_id in case.consulted_party_codes
    return False


@permission("accession.advance_case", _("Only the Treaty Office moves an accession case forward."))
def _advance_case(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user)


@permission(
    "accession.withdraw_case",
    _("Only the requesting State's officials or the Treaty Office can withdraw a request."),
)
def _withdraw_case(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user) or (
        has_role(user, Role.STATE_OFFICIAL) and acts_for(user, case.state_id)
    )


@permission(
    "accession.download_request_letter",
    _("The signed request letter is for the Treaty Office and the requesting State's officials."),
)
def _download_request_letter(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user) or (
        has_role(user, Role.STATE_OFFICIAL) and acts_for(user, case.state_id)
    )


@permission(
    "accession.reply_to_consultation",
    _(
        "A Party's reply is given by that Party's delegate, or recorded by the Treaty Office from a "
        "note verbale."
    ),
)
def _reply(user: Any, *, case: Any, party: str) -> bool:
    if is_treaty_office(user):
        return True
    return has_role(user, Role.PARTY_DELEGATE) and acts_for(user, party)


# -- Committee and monitoring (the secretariat maintains them) -----------------------------------


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


# -- readiness (self-assessments are confidential to the State's team, never public) ------------


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


# -- monitoring (rounds, replies, contributions, recommendations, compliance) -----------------


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
