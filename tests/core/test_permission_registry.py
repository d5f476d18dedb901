"""One registry of permission rules in core; each app's rules live in its own permissions.py."""

from __future__ import annotations

from lanzarote.core.permissions import REGISTRY

# "people.see_contacts" guards the Committee's contacts, so the committee app declares it; the
# staff who look after failed background tasks are the accounts app's to name.
OWNER = {"people": "committee", "tasks": "accounts"}


def test_every_rule_is_declared_by_the_permissions_module_of_the_app_it_names():
    assert len(REGISTRY) == 30
    for name, rule in REGISTRY.items():
        prefix = name.split(".", 1)[0]
        app = OWNER.get(prefix, prefix)
        assert rule.predicate.__module__ == f"lanzarote.{app}.permissions", name


def test_core_declares_no_rule_of_its_own():
    assert not [r for r in REGISTRY.values() if r.predicate.__module__.startswith("lanzarote.core")]
