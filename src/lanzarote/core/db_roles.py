"""Two PostgreSQL roles instead of one: an owner that migrates, and the application's role.

The owner owns the database, its schema and every object in it, so only it (or a superuser) can
ALTER a table, disable a trigger or drop one. The application role owns nothing: it may read and
write the ordinary tables, only read and insert into the append-only ones, only read the
migration history, and cannot create anything. Its privileges on tables a later migration
creates come from the owner's default privileges; `migrate` itself then takes UPDATE, DELETE and
TRUNCATE on any new append-only table back (`append_only.truncate_guards_install`).

`lanzarote db-roles` prints or applies this SQL; see docs/operations.md."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

from lanzarote.core.append_only import append_only_tables

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Tables the application reads but never writes.
READ_ONLY_TABLES = frozenset({"django_migrations"})
_RELATION_KINDS = {
    "r": "TABLE",
    "p": "TABLE",
    "v": "VIEW",
    "m": "MATERIALIZED VIEW",
    "S": "SEQUENCE",
    "f": "FOREIGN TABLE",
}


@dataclass(frozen=True)
class Roles:
    owner: str
    app: str

    def __post_init__(self) -> None:
        for name in (self.owner, self.app):
            if not ROLE_NAME.fullmatch(name):
                raise ValueError(
                    f"{name!r} is not a plain role name (lower-case letters, digits, _)."
                )
        if self.owner == self.app:
            raise ValueError("The owner and the application need two different roles.")


def _q(connection: BaseDatabaseWrapper, name: str) -> str:
    return connection.ops.quote_name(name)


def roles_sql(connection: BaseDatabaseWrapper, roles: Roles) -> list[str]:
    """Create the two roles and hand the database and everything in its schema to the owner.
    Run once, as a superuser (again after a restore: it is idempotent)."""
    owner, app = _q(connection, roles.owner), _q(connection, roles.app)
    database = _q(connection, connection.settings_dict["NAME"])
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
        f"THEN CREATE ROLE {_q(connection, name)} LOGIN; END IF; END $$"
        for name in (roles.owner, roles.app)
    ]
    statements += [
        f"ALTER ROLE {owner} LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        f"ALTER ROLE {app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        f"REVOKE {owner} FROM {app}",
        f"ALTER DATABASE {database} OWNER TO {owner}",
        f"GRANT CONNECT ON DATABASE {database} TO {app}",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
        statements += [
            f"ALTER SCHEMA {_q(connection, schema)} OWNER TO {owner}",
            f"REVOKE CREATE ON SCHEMA {_q(connection, schema)} FROM PUBLIC",
        ]
        # Tables, views and sequences of the schema, except those that belong to another
        # object (a column's identity sequence, an extension's table): they follow it.
        cursor.execute(
            "SELECT c.relkind, c.relname FROM pg_class c "
            "WHERE c.relnamespace = current_schema()::regnamespace "
            "AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
            "AND c.relowner <> COALESCE((SELECT oid FROM pg_roles WHERE rolname = %s), 0) "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
            "AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) ORDER BY c.relname",
            [roles.owner],
        )
        statements += [
            f"ALTER {_RELATION_KINDS[kind]} {_q(connection, name)} OWNER TO {owner}"
            for kind, name in cursor.fetchall()
        ]
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace "
            "AND p.proowner <> COALESCE((SELECT oid FROM pg_roles WHERE rolname = %s), 0) "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
            "AND d.objid = p.oid AND d.deptype = 'e') ORDER BY 1",
            [roles.owner],
        )
        statements += [f"ALTER FUNCTION {name} OWNER TO {owner}" for (name,) in cursor.fetchall()]
        cursor.execute(
            "SELECT cfgname FROM pg_ts_config "
            "WHERE cfgnamespace = current_schema()::regnamespace "
            "AND cfgowner <> COALESCE((SELECT oid FROM pg_roles WHERE rolname = %s), 0) ORDER BY 1",
            [roles.owner],
        )
        statements += [
            f"ALTER TEXT SEARCH CONFIGURATION {_q(connection, name)} OWNER TO {owner}"
            for (name,) in cursor.fetchall()
        ]
    return statements


def grants_sql(connection: BaseDatabaseWrapper, roles: Roles) -> list[str]:
    """The application role's privileges, table by table, and the owner's default privileges
    for tables to come. Run as the owner or a superuser; idempotent."""
    owner, app = _q(connection, roles.owner), _q(connection, roles.app)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema_name,) = cursor.fetchone()
    schema = _q(connection, schema_name)
    tables = sorted(connection.introspection.table_names())
    append_only = set(append_only_tables())
    statements = [
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        f"GRANT USAGE ON SCHEMA {schema} TO {app}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {app}",
    ]
    for table in tables:
        if table in READ_ONLY_TABLES:
            privileges = "SELECT"
        elif table in append_only:
            privileges = "SELECT, INSERT"
        else:
            privileges = "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {privileges} ON {_q(connection, table)} TO {app}")
    return statements
