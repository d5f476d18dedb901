"""`lanzarote backup PATH`: the database and the uploaded files in one archive (see
`core.backups`); restore it with `lanzarote restore PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from lanzarote.core.backups import BackupError, backup
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    formats = ()
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and the "
        "uploaded files into one archive (.tar.gz)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("path", type=Path, help="the archive to write, e.g. lanzarote.tar.gz")
        parser.add_argument("--force", action="store_true", help="replace an existing archive")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = backup(options["path"], database=options["database"], overwrite=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {done.rows} rows in {done.tables} tables and {done.files} files "
            f"to {done.path}."
        )
