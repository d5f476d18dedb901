"""`lanzarote load-reference-data`: bring the database in line with the shipped reference data."""

from __future__ import annotations

from typing import Any

from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry.reference_data import reference_data_load


class Command(LanzaroteCommand):
    help = "Load the reference data shipped with the package (idempotent: a second run changes nothing)."
    formats = ("table", "json")

    def handle(self, *args: Any, **options: Any) -> None:
        report = reference_data_load()
        if options["format"] == "json":
            self.emit_json(report.as_dict())
            return
        summary = report.as_dict()
        changed = summary.pop("changed_keys")
        self.emit_table(["item", "changed"], sorted(summary.items()))
        for key in changed:
            self.stdout.write(f"superseded: {key}")
