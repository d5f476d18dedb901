"""The owner and application roles of `lanzarote db-roles` (issue 10: the role that ran the
application owned the tables and could disable the triggers).

The command runs for real (`lanzarote db-roles --apply`, its own process) on the test database,
as the superuser that created it; the test then connects as the application role and is refused
TRUNCATE, ALTER TABLE … DISABLE TRIGGER, UPDATE and DELETE of event rows, lifting the triggers,
creating tables and becoming the owner, while the application's own writes (a whole accession,
through the services) succeed under that role. The roles are dropped afterwards."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lanzarote.accession.models import AccessionCase, CaseEvent
from lanzarote.registry.models import TreatyEvent
from tests.accession.helpers import Cast, brazil_case
from tests.core.helpers import lanzarote, postgres_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's"),
]
SUFFIX = str(os.getpid())
OWNER, APP = f"lz_test_owner_{SUFFIX}", f"lz_test_app_{SUFFIX}"


@pytest.fixture(scope="module")
def roles(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    # Module scope: applied before any test's transaction holds a lock the ownership changes
    # would wait for, and undone after the module.
    with django_db_blocker.unblock():
        settings = dict(connection.settings_dict)
        connection.close()
    superuser = postgres_url(settings)
    printed = lanzarote("db-roles", "--owner", OWNER, "--app", APP, database_url=superuser)
    assert printed.returncode == 0, printed.stderr
    applied = lanzarote(
        "db-roles", "--owner", OWNER, "--app", APP, "--apply", database_url=superuser
    )
    assert applied.returncode == 0, applied.stderr
    yield {"printed": printed.stdout, "applied": applied.stdout, "settings": settings}
    with psycopg.connect(superuser.replace("postgres://", "postgresql://"), autocommit=True) as c:
        user = settings["USER"] or "postgres"
        c.execute(f'REASSIGN OWNED BY "{OWNER}" TO "{user}"')
        for role in (OWNER, APP):
            c.execute(f'DROP OWNED BY "{role}"')
            c.execute(f'DROP ROLE "{role}"')


def as_app(settings: dict[str, Any]) -> psycopg.Connection[Any]:
    return psycopg.connect(
        postgres_url(settings, user=APP).replace("postgres://", "postgresql://"), autocommit=True
    )


def refused(app: psycopg.Connection[Any], sql: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as error:
        app.execute(sql)
    return str(error.value)


def test_the_printed_sql_names_both_roles(roles):
    printed = roles["printed"]
    assert f'CREATE ROLE "{OWNER}" LOGIN' in printed and f'CREATE ROLE "{APP}" LOGIN' in printed
    assert f'GRANT SELECT, INSERT ON "registry_treatyevent" TO "{APP}"' in printed
    assert f'GRANT SELECT ON "django_migrations" TO "{APP}"' in printed
    assert f'GRANT SELECT, INSERT, UPDATE, DELETE ON "accession_accessioncase" TO "{APP}"' in (
        printed
    )
    assert "statements applied" in roles["applied"]


def counts(app: psycopg.Connection[Any]) -> tuple[int, ...]:
    return tuple(
        app.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        for table in ("registry_treatyevent", "core_auditrecord", "registry_state")
    )


def test_the_application_role_cannot_change_the_log(roles):
    # No ORM query here: this test's own locks would make the refused DDL wait for them.
    with as_app(roles["settings"]) as app:
        assert app.execute("SELECT current_user").fetchone() == (APP,)
        before = counts(app)
        assert before[0] > 0
        first = app.execute("SELECT min(id) FROM registry_treatyevent").fetchone()[0]  # type: ignore[index]
        refused(app, "TRUNCATE registry_treatyevent CASCADE")
        refused(app, "TRUNCATE registry_state CASCADE")
        assert "owner" in refused(app, "ALTER TABLE registry_treatyevent DISABLE TRIGGER ALL")
        refused(app, "ALTER TABLE core_auditrecord DISABLE TRIGGER core_auditrecord_append_only")
        refused(app, f"UPDATE registry_treatyevent SET text_en = 'rewritten' WHERE id = {first}")
        refused(app, "DELETE FROM core_auditrecord")
        refused(app, "SET session_replication_role = replica")
        refused(app, "DROP TRIGGER registry_treatyevent_no_truncate ON registry_treatyevent")
        refused(app, "CREATE TABLE lz_intruder (id integer)")
        refused(app, f'SET ROLE "{OWNER}"')
        refused(app, "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())")
        assert counts(app) == before


@pytest.mark.django_db
def test_the_application_role_does_the_applications_writes(roles):
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{APP}"')  # the privileges of a session logged in as it
    try:
        case = brazil_case(Cast(), "deposited")  # people, case, counter, events, registry, audit
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (APP,)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert AccessionCase.objects.get(pk=case.pk).status == "deposited"
    assert CaseEvent.objects.filter(case=case).count() >= 8
    assert TreatyEvent.objects.filter(state_id="BR", kind="accession").exists()


def test_the_owner_owns_everything_and_the_app_nothing(roles):
    with as_app(roles["settings"]) as app:
        owners = dict(
            app.execute(
                "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
            ).fetchall()
        )
    assert owners and set(owners.values()) == {OWNER}, owners


@pytest.mark.django_db
def test_the_application_role_cannot_flush_either(roles):
    events = TreatyEvent.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{APP}"')
    try:
        with pytest.raises(CommandError, match="only a superuser"):
            call_command("flush", interactive=False, verbosity=0)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert TreatyEvent.objects.count() == events
