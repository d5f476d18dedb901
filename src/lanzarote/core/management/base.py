"""Base for the `lanzarote` commands: domain errors become one line on stderr and a non-zero exit."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from lanzarote.core.errors import DomainError

FORMATS = ("table", "csv", "json")


class LanzaroteCommand(BaseCommand):
    formats: Sequence[str] = FORMATS

    def add_arguments(self, parser: CommandParser) -> None:
        if self.formats:
            parser.add_argument("--format", choices=self.formats, default=self.formats[0])
        parser.add_argument(
            "--language",
            choices=("en", "fr"),
            default="en",
            help="language of names and explanations",
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            with translation.override(options.get("language") or "en"):
                return super().execute(*args, **options)
        except DomainError as error:
            article = f" ({error.article})" if error.article else ""
            sys.stderr.write(f"error: {error.message}{article}\n")
            raise SystemExit(2) from None
        except CommandError as error:
            sys.stderr.write(f"error: {error}\n")
            raise SystemExit(2) from None

    def emit_json(self, payload: Any) -> None:
        self.stdout.write(json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))

    def emit_csv(self, rows: list[dict[str, Any]]) -> None:
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        self.stdout.write(buffer.getvalue(), ending="")

    def emit_table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        cells = [[str(h) for h in headers]] + [
            ["" if c is None else str(c) for c in r] for r in rows
        ]
        widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
        for index, row in enumerate(cells):
            self.stdout.write(
                "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
