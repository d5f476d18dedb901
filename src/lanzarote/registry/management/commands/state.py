"""`lanzarote state CODE [--as-of DATE] [--format table|json]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.dates import parse_iso_date
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry import presenters, selectors


class Command(LanzaroteCommand):
    help = "A State's standing under every treaty in the registry on a date."
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="ISO 3166-1 alpha-2 code, e.g. TN")
        parser.add_argument("--as-of", dest="as_of", help="legal date (YYYY-MM-DD), default today")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_iso_date(options["as_of"], field="--as-of")
        data = presenters.profile(selectors.state_profile(options["code"], as_of=as_of))
        if options["format"] == "json":
            self.emit_json(data)
            return
        member = {True: "yes", False: "no", None: "uncertain"}[data["member_of_council_of_europe"]]
        self.stdout.write(f"{data['name']} ({data['state']}) on {data['as_of']}")
        self.stdout.write(f"Council of Europe member: {member}")
        for slug, standing in data["treaties"].items():
            position = standing["position"]
            self.stdout.write("")
            self.stdout.write(f"[{slug}] {position['status']} — {position['explanation']}")
            self.stdout.write(f"  route: {standing['eligibility']['route']}")
            self.emit_table(
                ["date", "kind", "confirmed", "effective"],
                [
                    (
                        event["date"]["text"],
                        event["kind"]
                        + (f" {','.join(event['provisions'])}" if event["provisions"] else ""),
                        "yes" if event["confirmed"] else "no",
                        "superseded"
                        if event["id"]
                        not in {e["id"] for e in standing["events"] if not e["is_retraction"]}
                        else "",
                    )
                    for event in standing["events"]
                ],
            )
