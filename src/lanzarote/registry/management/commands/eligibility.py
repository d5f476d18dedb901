"""`lanzarote eligibility CODE [--treaty cets-201] [--as-of DATE] [--format table|json]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.dates import parse_iso_date
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry import presenters, selectors
from lanzarote.treaty_law import CONVENTION


class Command(LanzaroteCommand):
    help = "How a State (or the EU) can join a treaty: route, legal basis and remaining steps."
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="ISO 3166-1 alpha-2 code, or EU")
        parser.add_argument("--treaty", default=CONVENTION)
        parser.add_argument("--as-of", dest="as_of", help="legal date (YYYY-MM-DD), default today")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_iso_date(options["as_of"], field="--as-of")
        answer = selectors.eligibility_of(
            options["code"], treaty_slug=options["treaty"], as_of=as_of
        )
        data = presenters.eligibility(answer)
        if options["format"] == "json":
            self.emit_json(data)
            return
        self.stdout.write(
            f"{data['state']} — {data['treaty']}: {data['route']} ({', '.join(data['legal_basis'])})"
        )
        self.stdout.write(data["explanation"])
        for number, step in enumerate(data["steps"], start=1):
            self.stdout.write(f"  {number}. {step}")
