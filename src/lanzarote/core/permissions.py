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
