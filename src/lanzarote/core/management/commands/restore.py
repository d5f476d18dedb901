"""`lanzarote restore PATH [--force]`: put a `lanzarote backup` archive back (see
`core.backups`). An empty database only, unless --force replaces what the database holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from lanzarote.core.backups import BackupError, restore
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    formats = ()
    help = (
        "Restore a backup archive: the database, with its triggers, and the uploaded files. "
        "Refuses a database that has tables unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("path", type=Path, help="the archive written by `lanzarote backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace everything the database holds"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = restore(options["path"], database=options["database"], replace=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {done.rows} rows in {done.tables} tables and {done.files} files "
            f"from {done.path}."
        )
        for note in done.notes:
            self.stdout.write(note)
