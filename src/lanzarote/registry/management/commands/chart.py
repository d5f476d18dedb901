"""`lanzarote chart SLUG [--as-of DATE] [--known-on DATE] [--format table|csv|json]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.dates import parse_iso_date, parse_known_on
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry import presenters, selectors


class Command(LanzaroteCommand):
    help = "The chart of signatures and ratifications of a treaty on a date, computed from the log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("treaty", help="treaty slug, e.g. cets-201 or opsc")
        parser.add_argument("--as-of", dest="as_of", help="legal date (YYYY-MM-DD), default today")
        parser.add_argument("--known-on", dest="known_on", help="replay the log as recorded then")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        treaty = selectors.treaty_get(options["treaty"])
        as_of = parse_iso_date(options["as_of"], field="--as-of")
        view = selectors.chart_view(
            treaty, as_of=as_of, known_on=parse_known_on(options["known_on"])
        )
        if options["format"] == "json":
            self.emit_json(presenters.chart(view))
        elif options["format"] == "csv":
            self.emit_csv(presenters.chart_csv_rows(view))
        else:
            data = presenters.chart(view)
            self.stdout.write(f"{treaty.short_title} — {as_of.isoformat()}")
            entry = data["entry_into_force"]
            self.stdout.write(
                f"Entry into force: {entry if isinstance(entry, str) else entry and entry['text']}"
            )
            totals = data["totals"]
            self.stdout.write(
                "Parties {parties} · uncertain {uncertain} · consented {consented} · "
                "signatories {signatories} · denounced {denounced}".format(**totals)
            )
            self.emit_table(
                ["state", "name", "status", "signature", "consent", "entry into force"],
                [
                    (
                        row["state"],
                        row["name"],
                        row["status"],
                        row["signature"] and row["signature"]["text"],
                        row["consent"]
                        and f"{row['consent']['instrument'] or '?'} {row['consent']['text']}",
                        row["entry_into_force"] and row["entry_into_force"]["text"],
                    )
                    for row in data["rows"]
                ],
            )
            for item in data["warnings"]:
                self.stdout.write(
                    f"warning: {item['state']} stated entry into force {item['stated']} "
                    f"differs from the computed {item['computed']['text']}"
                )
