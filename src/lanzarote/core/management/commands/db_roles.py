"""`lanzarote db-roles [--owner NAME] [--app NAME] [--apply]`: the SQL that gives a PostgreSQL
database an owner role that migrates and an application role that cannot alter tables, disable
triggers or change the append-only logs (see `core.db_roles`). Prints it; `--apply` runs it in
one transaction, as the user of DATABASE_URL, which must be a superuser the first time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import DatabaseError, connections, transaction

from lanzarote.core.db_roles import Roles, grants_sql, roles_sql
from lanzarote.core.management.base import LanzaroteCommand


class Command(LanzaroteCommand):
    formats = ()
    help = (
        "Print (or --apply) the SQL creating an owner role that migrates and an application role "
        "with only the privileges the application needs (PostgreSQL)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--owner", default="lanzarote_owner", help="the role that migrates")
        parser.add_argument("--app", default="lanzarote_app", help="the role the application uses")
        parser.add_argument(
            "--grants-only",
            action="store_true",
            help="only the application's privileges (as the owner, e.g. after a migrate)",
        )
        parser.add_argument(
            "--apply", action="store_true", help="run the SQL instead of printing it"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            raise CommandError(
                "Database roles are a PostgreSQL matter; an SQLite database is protected by the "
                "permissions of its file (see docs/operations.md)."
            )
        try:
            roles = Roles(owner=options["owner"], app=options["app"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        statements = [] if options["grants_only"] else roles_sql(connection, roles)
        statements += grants_sql(connection, roles)
        if not options["apply"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        try:
            with transaction.atomic(using=options["database"]), connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        except DatabaseError as error:
            raise CommandError(f"Nothing was changed: {error}".strip()) from None
        self.stdout.write(
            f"{len(statements)} statements applied. Migrate as {roles.owner}; run the "
            f"application as {roles.app}; give each a password (ALTER ROLE … PASSWORD) unless "
            "the server authenticates them otherwise."
        )
