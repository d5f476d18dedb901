"""Append-only tables: rows are inserted, never updated or deleted, and never emptied.

Layers enforce it: the model refuses to save an existing row or to delete, the queryset refuses
bulk updates and deletes, and database triggers refuse raw SQL: a row trigger for UPDATE and
DELETE (the `AppendOnlyTrigger` migration operation of each table) and, on PostgreSQL, a
statement trigger for TRUNCATE (`truncate_guards_install`, run after every `migrate` for every
`AppendOnlyModel` table, so a new event table is covered without a migration of its own). After
`migrate` no role but a table's owner keeps UPDATE, DELETE or TRUNCATE on an append-only table,
so the application role (see `lanzarote db-roles`) is refused by the privileges too.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import migrations, models
from django.db.backends.base.base import BaseDatabaseWrapper


class AppendOnlyViolation(Exception):
    """Raised when code tries to change or remove a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyViolation(f"{self.model.__name__} rows are append-only; record a new row.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyViolation(f"{self.model.__name__} rows are append-only and never deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyViolation(
                f"{type(self).__name__} #{self.pk} is append-only; record a superseding row instead."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyViolation(f"{type(self).__name__} rows are append-only and never deleted.")


def _sqlite_sql(table: str) -> tuple[str, str]:
    create = "\n".join(
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
        for op in ("UPDATE", "DELETE")
    )
    drop = "\n".join(
        f"DROP TRIGGER IF EXISTS {table}_no_{op.lower()};" for op in ("update", "delete")
    )
    return create, drop


# Raises for any change to the table it guards: a row trigger (UPDATE, DELETE) or a statement
# trigger (TRUNCATE) alike.
_REFUSAL_FUNCTION = """
CREATE OR REPLACE FUNCTION lanzarote_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def _postgres_sql(table: str) -> tuple[str, str]:
    create = f"""{_REFUSAL_FUNCTION}
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION lanzarote_refuse_change();
"""
    drop = f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
    return create, drop


class AppendOnlyTrigger(migrations.operations.base.Operation):
    """Migration operation installing the refusal trigger for the current database vendor."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, table: str):
        self.table = table

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _statements(self, vendor: str, *, forwards: bool) -> list[str]:
        if vendor == "sqlite":
            create, drop = _sqlite_sql(self.table)
            return (create if forwards else drop).splitlines()
        if vendor == "postgresql":
            create, drop = _postgres_sql(self.table)
            return [create if forwards else drop]
        return []

    def _run(self, schema_editor: Any, *, forwards: bool) -> None:
        for statement in self._statements(schema_editor.connection.vendor, forwards=forwards):
            schema_editor.execute(statement, params=None)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._run(schema_editor, forwards=True)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._run(schema_editor, forwards=False)

    def describe(self) -> str:
        return f"Refuse UPDATE and DELETE on {self.table}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (f"{type(self).__module__}.{type(self).__name__}", [], {"table": self.table})


# -- TRUNCATE, and the privileges of other roles (PostgreSQL) ---------------------------------

TRUNCATE_TRIGGER_SUFFIX = "_no_truncate"


def append_only_tables() -> list[str]:
    """The table of every concrete `AppendOnlyModel`, as the app registry knows them."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.proxy
    )


def truncate_guards_install(connection: BaseDatabaseWrapper) -> list[str]:
    """On PostgreSQL, give every append-only table that has none a statement-level trigger that
    refuses TRUNCATE (a row trigger never sees one: `TRUNCATE registry_treatyevent CASCADE`
    would empty the log and every table that refers to it), and take UPDATE, DELETE and
    TRUNCATE back from every role other than the table's owner. Idempotent; returns the tables
    that got a trigger. Other databases have no TRUNCATE (SQLite's DELETE meets the row trigger).
    """
    if connection.vendor != "postgresql":
        return []
    existing = set(connection.introspection.table_names())
    tables = [t for t in append_only_tables() if t in existing]
    if not tables:
        return []
    quote = connection.ops.quote_name
    installed = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname = c.relname || %s",
            [TRUNCATE_TRIGGER_SUFFIX],
        )
        guarded = {row[0] for row in cursor.fetchall()}
        missing = [t for t in tables if t not in guarded]
        if missing:
            cursor.execute(_REFUSAL_FUNCTION)
        for table in missing:
            cursor.execute(
                f"CREATE TRIGGER {quote(table + TRUNCATE_TRIGGER_SUFFIX)} BEFORE TRUNCATE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION lanzarote_refuse_change()"
            )
            installed.append(table)
        cursor.execute(
            "SELECT c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' "
            "ELSE quote_ident(pg_get_userbyid(a.grantee)) END "
            "FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%s) "
            "AND a.grantee <> c.relowner AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')",
            [tables],
        )
        for table, grantee in sorted(set(cursor.fetchall())):
            cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(table)} FROM {grantee}")
    return installed


def truncate_guards_after_migrate(using: str = "default", **_kwargs: Any) -> None:
    """`post_migrate` receiver (connected once, for the core app, by `CoreConfig.ready`)."""
    from django.db import connections

    truncate_guards_install(connections[using])
