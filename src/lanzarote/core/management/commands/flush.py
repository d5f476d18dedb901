"""`lanzarote flush`: Django's flush, which empties every table, the append-only ones included.

On PostgreSQL those refuse TRUNCATE (see `core.append_only`), so the flush lifts their triggers for
its own transaction (`SET LOCAL session_replication_role = replica`), which only a superuser may
do: the application role cannot empty the log this way. The test suite's transactional tests
flush through here. On SQLite the append-only tables' row triggers refuse the flush's DELETEs.
"""

from __future__ import annotations

from typing import Any

from django.core.management import CommandError
from django.core.management.commands import flush
from django.core.management.sql import emit_post_migrate_signal
from django.db import DatabaseError, connections, transaction


class Command(flush.Command):
    help = (
        "Remove ALL data from the database, the append-only logs included (on PostgreSQL this "
        "needs a superuser), then run the post-migrate handlers as after a fresh `migrate`."
    )

    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        if connection.vendor != "postgresql":
            super().handle(**options)
            return
        with transaction.atomic(using=database):
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = replica")
            except DatabaseError as error:
                raise CommandError(
                    "Flushing empties the append-only tables too; on PostgreSQL only a "
                    f"superuser may lift their triggers to do it ({error})."
                ) from None
            # The post-migrate handlers run below, once the triggers are back in force.
            super().handle(**{**options, "inhibit_post_migrate": True})
        if not options["inhibit_post_migrate"]:
            emit_post_migrate_signal(options["verbosity"], options["interactive"], database)
