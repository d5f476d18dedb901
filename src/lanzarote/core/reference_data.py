"""Reference data: the facts shipped in `lanzarote/data/`, each app loading its own.

An app that ships reference data declares, in its own `reference_data` module::

    REFERENCE_LOADER = ReferenceLoader(load=committee_reference_load, after=("registry",))

where `load(*, actor, data_dir)` brings the app's tables in line with the files under the package
data folder `data_dir` and returns a report with `as_dict()`. `reference_data_load` finds every
installed app's loader (as Django's admin finds `admin.py` modules), so no list here names the
apps, and runs them in one transaction in dependency order: a loader runs after the apps named in
its `after`, and otherwise in the order of `INSTALLED_APPS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from lanzarote.core.audit import Actor

__all__ = ["DATA_DIR", "ReferenceLoader", "loaders", "reference_data_load"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MODULE = "reference_data"
ATTRIBUTE = "REFERENCE_LOADER"
ACTOR_LABEL = "reference data"


class LoadReport(Protocol):
    def as_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ReferenceLoader:
    """One app's loader: `load(*, actor, data_dir)`, run after the apps labelled in `after`."""

    load: Callable[..., LoadReport]
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppLoader:
    app_label: str
    loader: ReferenceLoader


def _declared() -> list[AppLoader]:
    found = []
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, MODULE):
            continue
        module = importlib.import_module(f"{config.name}.{MODULE}")
        loader = getattr(module, ATTRIBUTE, None)
        if loader is not None:
            found.append(AppLoader(config.label, loader))
    return found


def loaders() -> list[AppLoader]:
    """Every installed app's loader, each after those it depends on."""
    pending = _declared()
    labels = {entry.app_label for entry in pending}
    for entry in pending:
        unknown = set(entry.loader.after) - labels
        if unknown:
            raise ImproperlyConfigured(
                f"The {entry.app_label} reference data loader runs after {sorted(unknown)}, "
                "which ship no loader."
            )
    ordered: list[AppLoader] = []
    done: set[str] = set()
    while pending:
        ready = next((e for e in pending if set(e.loader.after) <= done), None)
        if ready is None:
            raise ImproperlyConfigured(
                "The reference data loaders wait for each other: "
                + ", ".join(e.app_label for e in pending)
            )
        ordered.append(ready)
        done.add(ready.app_label)
        pending.remove(ready)
    return ordered


@transaction.atomic
def reference_data_load(
    *, actor: Actor | None = None, data_dir: Path | None = None
) -> dict[str, LoadReport]:
    """Bring the database in line with the shipped reference data: every app's report by label.
    All or nothing: a loader that fails leaves the database as it was."""
    actor = actor or Actor.system(ACTOR_LABEL)
    data_dir = data_dir or DATA_DIR
    return {
        entry.app_label: entry.loader.load(actor=actor, data_dir=data_dir) for entry in loaders()
    }
