"""What the Committee's loaders share beyond `core.reference_data`: a report of what changed and
of what was removed, end dates, and the pruning of rows no longer shipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models

from lanzarote.core.records.mixins import EndDateFields
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


def end_values(text: str) -> dict[str, Any]:
    return EndDateFields.end_values(KnownDate.parse(text) if text else None)


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
