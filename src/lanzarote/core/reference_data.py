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
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.module_loading import module_has_submodule

from lanzarote.core.audit import Actor
from lanzarote.core.records.mixins import KnownDateFields
from lanzarote.treaty_law import KnownDate

__all__ = [
    "DATA_DIR",
    "ReferenceLoader",
    "day",
    "known_values",
    "loaders",
    "read_json",
    "reference_data_load",
    "sync",
    "sync_row",
    "sync_values",
]

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


# -- what the loaders share: reading the files, and rows brought in line with them ---------------


def read_json(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def known_values(text: str) -> dict[str, Any]:
    """The date columns of a `KnownDateFields` row for a date written as `KnownDate` text."""
    return KnownDateFields.known_date_values(KnownDate.parse(text))


def sync_values(instance: models.Model, values: Mapping[str, Any]) -> bool:
    """Set `values` on a saved row and save it when any differed; whether it did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.save()
    return changed


def sync_row[M: models.Model](
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
) -> tuple[M, bool]:
    """The row of `model` found by its natural key `lookup`, created or brought in line with
    `values` (and the many-to-many relations `m2m`), and whether anything was written: a row
    that already holds them is left as it is, so a second load writes nothing."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model._default_manager.create(**lookup, **values)
        changed = True
    else:
        changed = sync_values(row, values)
    for name, wanted in (m2m or {}).items():
        wanted = list(wanted)
        manager = getattr(row, name)
        if {o.pk for o in manager.all()} != {o.pk for o in wanted}:
            manager.set(wanted)
            changed = True
    return row, changed


class ChangeCounter(Protocol):
    def count(self, name: str) -> None: ...


def sync[M: models.Model](
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    report: ChangeCounter,
    *,
    name: str = "",
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
) -> M:
    """`sync_row`, counting the row in `report` under `name` (by default the model's name) when
    it was written."""
    row, changed = sync_row(model, lookup, values, m2m=m2m)
    if changed:
        report.count(name or model.__name__)
    return row
