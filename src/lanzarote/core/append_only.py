"""Append-only tables: rows are inserted, never updated or deleted.

Three layers enforce it: the model refuses to save an existing row or to delete, the queryset refuses
bulk updates and deletes, and a database trigger (see `append_only_triggers`) refuses raw SQL.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


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


def _postgres_sql(table: str) -> tuple[str, str]:
    create = f"""
CREATE OR REPLACE FUNCTION lanzarote_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
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
