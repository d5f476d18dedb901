"""`lanzarote accession sync [--today DATE] [--format table|json]`: the daily run of the accession
procedure. For every case whose instrument of accession is deposited, records that the Convention
has entered into force for the State once its date (Art. 46(2)) has come."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from lanzarote.accession import selectors, services
from lanzarote.core.dates import parse_iso_date
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    help = "Accession cases: `sync` records the entry into force of deposited accessions."
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("sync",), help="sync: the daily run")
        parser.add_argument("--today", help="the day to run for (YYYY-MM-DD), default today")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "sync":  # argparse already refuses anything else
            raise CommandError(f"Unknown action {options['action']!r}.")
        today = parse_iso_date(options["today"], field="--today")
        results = []
        for case in selectors.deposited_cases():
            entered = services.case_enter_into_force_if_due(case=case, today=today)
            results.append(
                {
                    "reference": case.reference,
                    "state": case.state_id,
                    "entered_into_force": entered,
                }
            )
        if options["format"] == "json":
            self.emit_json({"today": today.isoformat() if today else None, "cases": results})
            return
        entered_count = sum(1 for r in results if r["entered_into_force"])
        self.stdout.write(
            f"{len(results)} deposited case(s) checked on {today}; "
            f"{entered_count} entered into force."
        )
        if results:
            self.emit_table(
                ["reference", "state", "entered into force"],
                [
                    (r["reference"], r["state"], "yes" if r["entered_into_force"] else "not yet")
                    for r in results
                ],
            )
