"""`lanzarote load-reference-data`: bring the database in line with the shipped reference data.

Every app's loader runs (`core.reference_data`). The answer keeps the shape it has always had:
the registry's counts at the top, and each other app's report under its label."""

from __future__ import annotations

from typing import Any

from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.core.reference_data import reference_data_load


def _rows(prefix: str, report: dict[str, Any]) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in sorted(report.items()):
        if isinstance(value, dict):
            rows.extend(_rows(f"{prefix}{key}.", value))
        else:
            rows.append((f"{prefix}{key}", value))
    return rows


class Command(LanzaroteCommand):
    help = "Load the reference data shipped with the package (idempotent: a second run changes nothing)."
    formats = ("table", "json")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = {label: report.as_dict() for label, report in reference_data_load().items()}
        summary = reports.pop("registry")
        if options["format"] == "json":
            self.emit_json({**summary, **reports})
            return
        changed = summary.pop("changed_keys")
        rows = _rows("", summary)
        for label, report in reports.items():
            rows.extend(_rows(f"{label}.", report))
        self.emit_table(["item", "changed"], rows)
        for key in changed:
            self.stdout.write(f"superseded: {key}")
