"""`lanzarote data-quality [--treaty SLUG] [--as-of DATE] [--format table|text|json]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.dates import parse_iso_date
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry.quality import PRECISIONS, data_quality
from lanzarote.registry.sources import Grade


class Command(LanzaroteCommand):
    help = (
        "How precisely the record knows each date (exact, month only, bounded, unknown) and "
        "the grades of the sources behind them, per treaty and kind of act."
    )
    # "text" is the same table: the name the issue and the operations notes use for it.
    formats = ("table", "text", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--treaty", help="treaty slug, e.g. cets-201; default every treaty")
        parser.add_argument("--as-of", dest="as_of", help="legal date (YYYY-MM-DD), default today")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_iso_date(options["as_of"], field="--as-of")
        reports = data_quality(treaty_slug=options["treaty"], as_of=as_of)
        if options["format"] == "json":
            self.emit_json([report.as_dict() for report in reports])
            return
        grades = [*Grade.values, "ungraded"]
        for report in reports:
            self.stdout.write(f"{report.treaty.slug} — {as_of.isoformat()}")
            self.emit_table(
                ["act", "total", *PRECISIONS, *(f"src:{grade}" for grade in grades)],
                [
                    (
                        act["act"],
                        act["total"],
                        *(act["dates"][name] for name in PRECISIONS),
                        *(act["sources_by_grade"][grade] for grade in grades),
                    )
                    for act in report.as_dict()["acts"]
                ],
            )
            self.stdout.write("")
