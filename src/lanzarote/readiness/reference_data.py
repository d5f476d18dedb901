"""Loading the obligations catalogue and its mappings from `lanzarote/data/readiness/`,
idempotently: rows are brought in line with the files, and a second run writes nothing.

Obligations are reference facts, not events. One that leaves the files is deleted unless an
assessment answered it (answers are history and keep pointing at it); the loader then says so.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.reference_data import DATA_DIR as PACKAGE_DATA_DIR
from lanzarote.core.reference_data import ReferenceLoader
from lanzarote.readiness.models import (
    Instrument,
    Kind,
    Mapping,
    MappingTarget,
    Obligation,
    Relation,
)
from lanzarote.readiness.selectors import LOAD_ACTION
from lanzarote.registry.models import Article, Treaty
from lanzarote.registry.reference_data import parse_sources
from lanzarote.treaty_law import CONVENTION

DATA_DIR = PACKAGE_DATA_DIR / "readiness"
LOADER = "reference data"


@dataclass
class ReadinessLoadReport:
    obligations: int = 0
    targets: int = 0
    mappings: int = 0
    removed: int = 0
    kept_with_answers: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.obligations or self.targets or self.mappings or self.removed)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class ReadinessDataError(ValueError):
    """A shipped file contradicts itself (an unknown obligation, kind or relation)."""


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: (value or "").strip() for key, value in row.items()}


def _yes(text: str) -> bool:
    return text.lower() in {"yes", "true", "1"}


def _apply(obj: Any, values: dict[str, Any]) -> bool:
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for key in changed:
        setattr(obj, key, values[key])
    if changed:
        obj.save(update_fields=changed)
    return bool(changed)


def _load_obligations(data_dir: Path, report: ReadinessLoadReport) -> dict[str, Obligation]:
    treaty = Treaty.objects.get(slug=CONVENTION)
    articles = {a.number: a for a in Article.objects.filter(treaty=treaty)}
    existing = {o.code: o for o in Obligation.objects.all()}
    wanted: set[str] = set()
    for position, row in enumerate(_rows(data_dir / "obligations.csv"), start=1):
        code = row["code"]
        if row["kind"] not in Kind.values:
            raise ReadinessDataError(f"obligations.csv: {code}: unknown kind {row['kind']!r}")
        number = int(row["article"])
        if number not in articles or not code.startswith(f"{number}"):
            raise ReadinessDataError(f"obligations.csv: {code}: unknown article {number}")
        values = {
            "article": articles[number],
            "paragraph": int(row["paragraph"]) if row["paragraph"] else None,
            "item": row["item"],
            "position": position,
            "kind": row["kind"],
            "description_en": row["description_en"],
            "description_fr": row["description_fr"],
            "description_checked": _yes(row["description_checked"]),
        }
        wanted.add(code)
        obligation = existing.get(code)
        if obligation is None:
            existing[code] = Obligation.objects.create(code=code, **values)
            report.obligations += 1
        elif _apply(obligation, values):
            report.obligations += 1
    for code in sorted(set(existing) - wanted):
        try:
            with transaction.atomic():
                existing.pop(code).delete()
            report.removed += 1
        except ProtectedError:
            report.kept_with_answers.append(code)
    return existing


def _load_targets(
    data_dir: Path, report: ReadinessLoadReport
) -> dict[tuple[str, str], MappingTarget]:
    existing = {(t.instrument, t.code): t for t in MappingTarget.objects.all()}
    wanted = set()
    for position, row in enumerate(_rows(data_dir / "mapping_targets.csv"), start=1):
        if row["instrument"] not in Instrument.values:
            raise ReadinessDataError(
                f"mapping_targets.csv: unknown instrument {row['instrument']!r}"
            )
        key = (row["instrument"], row["code"])
        wanted.add(key)
        values = {
            "position": position,
            "label_en": row["label_en"],
            "label_fr": row["label_fr"],
            "confirmed": _yes(row["confirmed"]),
            "sources": parse_sources(row["source"]),
        }
        target = existing.get(key)
        if target is None:
            existing[key] = MappingTarget.objects.create(instrument=key[0], code=key[1], **values)
            report.targets += 1
        elif _apply(target, values):
            report.targets += 1
    for key in set(existing) - wanted:
        existing.pop(key).delete()
        report.removed += 1
    return existing


def _load_mappings(
    data_dir: Path,
    obligations: dict[str, Obligation],
    targets: dict[tuple[str, str], MappingTarget],
    report: ReadinessLoadReport,
) -> None:
    existing = {(m.target_id, m.obligation_id): m for m in Mapping.objects.all()}
    wanted = set()
    for line, row in enumerate(_rows(data_dir / "mappings.csv"), start=2):
        target = targets.get((row["instrument"], row["target"]))
        obligation = obligations.get(row["obligation"])
        if target is None or obligation is None or row["relation"] not in Relation.values:
            raise ReadinessDataError(
                f"mappings.csv line {line}: unknown target, obligation or relation"
            )
        key = (target.pk, obligation.pk)
        wanted.add(key)
        values = {
            "relation": row["relation"],
            "rationale_en": row["rationale_en"],
            "rationale_fr": row["rationale_fr"],
        }
        mapping = existing.get(key)
        if mapping is None:
            Mapping.objects.create(target=target, obligation=obligation, **values)
            report.mappings += 1
        elif _apply(mapping, values):
            report.mappings += 1
    for key in set(existing) - wanted:
        existing[key].delete()
        report.removed += 1


@transaction.atomic
def readiness_data_load(
    *, actor: Actor | None = None, data_dir: Path | None = None
) -> ReadinessLoadReport:
    """Bring the catalogue in line with the shipped files; needs the registry's articles."""
    actor = actor or Actor.system(LOADER)
    data_dir = (
        data_dir if data_dir is not None and (data_dir / "obligations.csv").exists() else DATA_DIR
    )
    report = ReadinessLoadReport()
    obligations = _load_obligations(data_dir, report)
    targets = _load_targets(data_dir, report)
    _load_mappings(data_dir, obligations, targets, report)
    if report.changed:
        audit_record(
            actor=actor,
            action=LOAD_ACTION,
            target=Treaty.objects.get(slug=CONVENTION),
            summary="Readiness catalogue loaded",
            payload=report.as_dict(),
        )
    return report


def _load_from_package_data(*, actor: Actor, data_dir: Path) -> ReadinessLoadReport:
    return readiness_data_load(actor=actor, data_dir=data_dir / "readiness")


# The obligations cite the registry's articles.
REFERENCE_LOADER = ReferenceLoader(load=_load_from_package_data, after=("registry",))
