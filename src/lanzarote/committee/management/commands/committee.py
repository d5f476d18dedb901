"""`lanzarote committee [--as-of DATE] [--since DATE] [--format table|csv|json]`: who sits in the
Lanzarote Committee on a date (members are the Parties, derived from the registry)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from lanzarote.committee import presenters, selectors
from lanzarote.committee.schemas.common import dump
from lanzarote.committee.schemas.composition import CommitteeCompositionWithChangesOut
from lanzarote.core.dates import parse_iso_date, parse_required_date
from lanzarote.core.errors import InvalidInput
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    help = "The composition of the Lanzarote Committee on a date, and changes since another."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="date (YYYY-MM-DD), default today")
        parser.add_argument("--since", help="list who joined or left since this date")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_iso_date(options["as_of"], field="--as-of")
        since = parse_required_date(options["since"], field="--since") if options["since"] else None
        if since is not None and since >= as_of:
            raise InvalidInput("--since must be before --as-of.", field="since")
        shown = selectors.composition_shown(as_of, since=since)
        composition, changes = shown.composition, shown.changes
        if options["format"] == "json":
            self.emit_json(dump(CommitteeCompositionWithChangesOut, shown, contacts=False))
            return
        rows = presenters.composition_csv_rows(composition)
        if options["format"] == "csv":
            self.emit_csv(rows)
            return
        counts = composition.counts()
        self.stdout.write(f"The Lanzarote Committee — {as_of.isoformat()}")
        self.stdout.write(
            "members {members} (+{members_uncertain} uncertain) · participants {participants} "
            "(+{participants_uncertain}) · observers {observers} (+{observers_uncertain})".format(
                **counts
            )
        )
        self.emit_table(
            ["group", "code", "name", "basis", "since", "certain", "confirmed"],
            [
                (
                    r["group"],
                    r["code"],
                    r["name"],
                    r["basis"],
                    r["since"],
                    r["certain"],
                    r["confirmed"],
                )
                for r in rows
            ],
        )
        if changes is not None:
            for label, group in (
                ("members", changes.members),
                ("participants", changes.participants),
                ("observers", changes.observers),
            ):
                for row in group.joined:
                    self.stdout.write(f"joined {label}: {row.name}")
                for row in group.left:
                    self.stdout.write(f"left {label}: {row.name}")
