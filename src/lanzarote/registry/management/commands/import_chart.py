"""`lanzarote import-chart FILE --treaty cets-201 [--dry-run] [--extracted YYYY-MM-DD]
[--url URL] [--title TITLE] [--decide STATE=accept:REASON ...] [--format table|json]`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from lanzarote.core.audit import Actor
from lanzarote.core.dates import parse_iso_date
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry import selectors
from lanzarote.registry.chart_import import presenting
from lanzarote.registry.chart_import.services import (
    ChartRefused,
    Decision,
    chart_import_apply,
    chart_preview,
)
from lanzarote.registry.chart_import.tables import MAX_BYTES


class Command(LanzaroteCommand):
    help = (
        "Compare the depositary's chart of signatures and ratifications (a saved web page, CSV "
        "or XLSX) with the record, State by State, and apply it unless --dry-run."
    )
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the chart: .html, .csv or .xlsx")
        parser.add_argument("--treaty", required=True, help="treaty slug, e.g. cets-201")
        parser.add_argument("--dry-run", action="store_true", help="show the preview only")
        parser.add_argument(
            "--extracted", help="day the chart was extracted (YYYY-MM-DD); default the page's own"
        )
        parser.add_argument("--url", default="", help="address the chart was saved from")
        parser.add_argument("--title", default="", help="the chart's title, if not the page's")
        parser.add_argument(
            "--decide",
            action="append",
            default=[],
            metavar="STATE=accept:REASON",
            help="decision for a State whose row contradicts the record (accept or keep)",
        )
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path} is larger than {MAX_BYTES // 2**20} MB.")
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        treaty = selectors.treaty_get(options["treaty"])
        extracted = (
            parse_iso_date(options["extracted"], field="--extracted")
            if options["extracted"]
            else None
        )
        decisions = {}
        for text in options["decide"]:
            code, sep, verdict = text.partition("=")
            if not sep:
                raise CommandError(f"--decide {text!r}: write STATE=accept:REASON.")
            decisions[code.strip().upper()] = Decision.parse(verdict)
        document = {
            "filename": path.name,
            "content": content,
            "url": options["url"],
            "title": options["title"],
            "extracted_on": extracted,
        }
        try:
            comparison, source = chart_preview(treaty=treaty, **document)
        except ChartRefused as refused:
            for problem in refused.problems:
                sys.stderr.write(f"{path.name}: {problem}\n")
            raise SystemExit(2) from None
        if options["format"] == "json":
            self.emit_json(presenting.comparison_data(comparison, source))
        else:
            self._table(comparison, source)
        if options["dry_run"]:
            return
        result = chart_import_apply(
            actor=Actor.system("lanzarote import-chart"),
            treaty=treaty,
            decisions=decisions,
            **document,
        )
        sys.stderr.write(
            f"applied: {result.evidence_recorded} dates recorded as evidence, "
            f"{len(result.events_added)} events added, "
            f"{len(result.events_corrected)} events superseded, "
            f"{result.evidence_set_aside} pieces of evidence set aside, "
            f"{len(result.states_kept)} States kept as recorded\n"
        )

    def _table(self, comparison: Any, source: Any) -> None:
        self.stdout.write(
            f"{comparison.treaty.short_title} — {source.title or source.filename} "
            f"(extracted {source.extracted_on.isoformat()})"
        )
        self.emit_table(
            ["row", "state", "outcome", "act", "chart", "record", "after"],
            presenting.table_rows(comparison),
        )
        counts = comparison.counts()
        self.stdout.write(" · ".join(f"{name} {count}" for name, count in counts.items()))
        for state_marks in comparison.states:
            if state_marks.marks:
                self.stdout.write(
                    f"marks, {state_marks.state.code}: {presenting.marks_line(state_marks)}"
                )
        for state in comparison.not_listed:
            self.stdout.write(f"not in the chart: {state.code} {state.name}")
        for state_comparison in comparison.contradictions:
            self.stdout.write(
                f"contradiction, {state_comparison.state.code}: "
                f"{state_comparison.conflict or 'the chart differs from the recorded date'}"
            )
