"""Who may do what: one registry of named rules, each app's rules in its own `permissions.py`.

A permission is a named predicate over the person and the objects concerned, with the sentence
shown when it refuses. Each app declares its rules with `@permission(name, refusal)` in its
`permissions` module, which `CoreConfig.ready` imports for every installed app (as Django's admin
finds `admin.py`). Services call `require(user, name, ...)` before they write; views and templates
call `allowed(...)` only to decide which actions to offer. Objects are read by attribute (a case's
`state_id`, `status`, `consulted_parties`), so the rules need no model of a higher app. The
building blocks below (`has_role`, `acts_for`, ...) are shared by every app's rules.
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
