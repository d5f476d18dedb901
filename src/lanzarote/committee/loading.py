"""What the Committee's loaders share: a report of what changed, and rows brought in line with the
shipped files by their natural key (written only when something differs, so a second load writes
nothing)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import models

from lanzarote.core.records.mixins import EndDateFields, KnownDateFields
from lanzarote.registry.models import Article
from lanzarote.treaty_law import KnownDate


@dataclass
class CommitteeLoadReport:
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def count(self, name: str, *, removed: bool = False) -> None:
        target = self.removed if removed else self.changed
        target[name] = target.get(name, 0) + 1

    @property
    def anything(self) -> bool:
        return bool(self.changed or self.removed)

    def as_dict(self) -> dict[str, Any]:
        return {"changed": dict(self.changed), "removed": dict(self.removed)}


def read_json(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def known_values(text: str) -> dict[str, Any]:
    return KnownDateFields.known_date_values(KnownDate.parse(text))


def end_values(text: str) -> dict[str, Any]:
    return EndDateFields.end_values(KnownDate.parse(text) if text else None)


def sync(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: CommitteeLoadReport,
    *,
    m2m: dict[str, list[Any]] | None = None,
) -> Any:
    """Create or update one row; count it only when something changed."""
    obj = model._default_manager.filter(**lookup).first()
    changed = False
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        changed = True
    elif any(getattr(obj, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save()
        changed = True
    for name, wanted in (m2m or {}).items():
        manager = getattr(obj, name)
        if {o.pk for o in manager.all()} != {o.pk for o in wanted}:
            manager.set(wanted)
            changed = True
    if changed:
        report.count(model.__name__)
    return obj


def prune(
    model: type[models.Model],
    queryset: Any,
    keep: set[Any],
    attribute: str,
    report: CommitteeLoadReport,
) -> None:
    """Delete shipped rows that are no longer in the files (rows people created are kept)."""
    for obj in queryset:
        if getattr(obj, attribute) not in keep:
            obj.delete()
            report.count(model.__name__, removed=True)


def articles_numbered(numbers: list[int], articles: dict[int, Article]) -> list[Article]:
    return [articles[n] for n in numbers]
