"""`lanzarote rules entry-into-force|denunciation SLUG ...`: the date rules, explained."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.dates import parse_required_date
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry import presenters, selectors
from lanzarote.registry.rules import answer_denunciation, answer_entry_into_force
from lanzarote.treaty_law import RuleAnswer


class Command(LanzaroteCommand):
    help = (
        "Apply a treaty's date rules: entry into force after a deposit, effect of a denunciation."
    )
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="rule", required=True)
        entry = sub.add_parser(
            "entry-into-force", help="entry into force for a State depositing on a date"
        )
        entry.add_argument("treaty")
        entry.add_argument(
            "--instrument",
            default="ratification",
            choices=("ratification", "acceptance", "approval", "accession"),
        )
        entry.add_argument("--deposited", required=True, help="date of deposit (YYYY-MM-DD)")
        denounce = sub.add_parser("denunciation", help="when a denunciation takes effect")
        denounce.add_argument("treaty")
        denounce.add_argument(
            "--received", required=True, help="date the notification was received"
        )
        for sub_parser in (entry, denounce):
            sub_parser.add_argument("--format", choices=self.formats, default="table")
            sub_parser.add_argument("--language", choices=("en", "fr"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        treaty = selectors.treaty_get(options["treaty"])
        answer: RuleAnswer[Any]
        if options["rule"] == "entry-into-force":
            day = parse_required_date(options["deposited"], field="--deposited")
            answer = answer_entry_into_force(
                treaty, instrument=options["instrument"], deposited=day
            )
        else:
            day = parse_required_date(options["received"], field="--received")
            answer = answer_denunciation(treaty, received=day)
        data = presenters.rule_answer(answer)
        if options["format"] == "json":
            self.emit_json(data)
        else:
            shown = data["date"] if isinstance(data["date"], str) else data["date"]["text"]
            self.stdout.write(f"{shown} ({data['article']})")
            self.stdout.write(data["explanation"])
