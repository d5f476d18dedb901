"""`lanzarote monitoring demo|reindex|goq [--as-of DATE] [--format table|json]`.

- `demo`: fill the demo instance with demonstration records (flagged `is_demo`, labelled
  everywhere, never mixed with real records); a second run adds nothing.
- `reindex`: rebuild the full-text search documents from the records.
- `goq`: the General Overview Questionnaire obligations, derived from the registry.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.dates import parse_iso_date
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.monitoring import demo, presenters, selectors, services


class Command(LanzaroteCommand):
    help = "Monitoring: demonstration records, search index, General Overview obligations."
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("demo", "reindex", "goq"))
        parser.add_argument("--as-of", help="goq: the day (YYYY-MM-DD), default today")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "demo":
            result = demo.describe(demo.demo_generate())
            if options["format"] == "json":
                self.emit_json(result)
            elif result["created"]:
                counts = ", ".join(f"{k} {v}" for k, v in result.items() if k != "created")
                self.stdout.write(f"Demonstration records created: {counts}.")
            else:
                self.stdout.write("Demonstration records already present; nothing added.")
            return
        if action == "reindex":
            count = services.reindex()
            self.stdout.write(f"{count} search documents written.")
            return
        as_of = parse_iso_date(options.get("as_of"), field="--as-of")
        obligations = selectors.goq_obligations(as_of=as_of)
        if options["format"] == "json":
            self.emit_json([presenters.goq_obligation(o) for o in obligations])
            return
        self.emit_table(
            ["state", "in force", "due", "received", "situation"],
            [
                (
                    o.state.code,
                    o.entry_into_force.as_text(),
                    o.due.as_text(),
                    f"{o.received}/{o.questions}",
                    "complete"
                    if o.complete
                    else "overdue"
                    if o.overdue
                    else "due"
                    if o.is_due
                    else "not yet due",
                )
                for o in obligations
            ],
        )
