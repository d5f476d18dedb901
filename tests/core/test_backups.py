"""`lanzarote backup` and `lanzarote restore` (issue 10), run as an operator runs them: a database
holding the reference data and a whole accession of Brazil (with its signed letter) is backed up,
restored into an empty database and media folder, and the restored instance gives the same
chart, the same rows in every table (event log, cases, audit trail, people…) and the same
files, with its append-only triggers in force. A restore into a database that is not empty is
refused unless --force. On SQLite when the suite runs on SQLite, on PostgreSQL when it does."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from tests.core.helpers import lanzarote, postgres_url, run

LOCAL = "lanzarote.settings.local"  # files in MEDIA_ROOT, as in production


@dataclass
class Instance:
    """A database and its media folder."""

    url: str
    media: Path

    def lanzarote(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = lanzarote(
            *args,
            database_url=self.url,
            settings=LOCAL,
            MEDIA_ROOT=str(self.media),
            LANZAROTE_VAR_DIR=str(self.media.parent),
        )
        return done

    def files(self) -> dict[str, bytes]:
        return {
            str(p.relative_to(self.media)): p.read_bytes()
            for p in sorted(self.media.rglob("*"))
            if p.is_file()
        }


def _scenario(source: Instance) -> str:
    done = run(
        [sys.executable, "-m", "tests.core.backup_scenario"],
        database_url=source.url,
        settings=LOCAL,
        MEDIA_ROOT=str(source.media),
        LANZAROTE_VAR_DIR=str(source.media.parent),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


Rows = Callable[["Instance"], dict[str, list[tuple[Any, ...]]]]


def _check_round_trip(source: Instance, target: Instance, archive: Path, rows: Rows) -> None:
    reference = _scenario(source)
    assert reference.startswith("ACC-")
    backed = source.lanzarote("backup", str(archive))
    assert backed.returncode == 0, backed.stderr
    assert "Backed up" in backed.stdout and "1 files" in backed.stdout

    restored = target.lanzarote("restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout

    charts = [i.lanzarote("chart", "cets-201", "--format", "json").stdout for i in (source, target)]
    assert charts[0] and charts[0] == charts[1]
    assert '"BR"' in charts[0]
    assert rows(source) == rows(target)
    assert source.files() == target.files() != {}

    again = target.lanzarote("restore", str(archive))
    assert again.returncode != 0
    assert "not empty" in again.stderr
    forced = target.lanzarote("restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert rows(source) == rows(target)


# -- SQLite ---------------------------------------------------------------------------------


def _sqlite_rows(instance: Instance) -> dict[str, list[tuple[Any, ...]]]:
    path = instance.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        tables = [
            t
            for (t,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'monitoring_search_fts%' ORDER BY name"
            )
        ]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


@pytest.fixture(scope="module")
def sqlite_source(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any
) -> Path:
    """A file copy of the suite's database (migrated, with the reference data), made before any
    test opens a transaction on it (SQLite's backup waits for a writing transaction)."""
    folder = tmp_path_factory.mktemp("source")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with sqlite3.connect(folder / "lanzarote.sqlite3") as copy:
            connection.connection.backup(copy)
    return folder


# Marked for the database so that pytest-django sets the suite's database up for the fixture.
@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run covers SQLite")
def test_backup_and_restore_on_sqlite(tmp_path, sqlite_source):
    source = Instance(f"sqlite:///{sqlite_source / 'lanzarote.sqlite3'}", sqlite_source / "media")
    target = Instance(
        f"sqlite:///{tmp_path / 'target' / 'lanzarote.sqlite3'}", tmp_path / "target" / "media"
    )
    _check_round_trip(source, target, tmp_path / "backup.tar.gz", _sqlite_rows)
    with (
        sqlite3.connect(tmp_path / "target" / "lanzarote.sqlite3") as db,
        pytest.raises(sqlite3.IntegrityError, match="append-only"),
    ):
        db.execute("DELETE FROM registry_treatyevent")


# -- PostgreSQL -----------------------------------------------------------------------------


def _postgres_rows(instance: Instance) -> dict[str, list[tuple[Any, ...]]]:
    with psycopg.connect(instance.url.replace("postgres://", "postgresql://")) as db:
        tables = [
            t
            for (t,) in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            ).fetchall()
        ]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


@pytest.fixture(scope="module")
def postgres_databases(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[str, str]]:
    """A copy of the suite's database (migrated, with the reference data) and an empty one,
    made before any test of the module holds a connection to the suite's database."""
    with django_db_blocker.unblock():
        settings = dict(connection.settings_dict)
        connection.close()
    names = (f"{settings['NAME']}_backup_source", f"{settings['NAME']}_restore")
    admin = postgres_url(settings, name="postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as db:
        for name in names:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # The suite's database (migrated, with the reference data) is the source's start.
        db.execute(f'CREATE DATABASE "{names[0]}" TEMPLATE "{settings["NAME"]}"')
        db.execute(f'CREATE DATABASE "{names[1]}"')
    yield tuple(postgres_url(settings, name=name) for name in names)  # type: ignore[misc]
    with psycopg.connect(admin, autocommit=True) as db:
        for name in names:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL run covers it")
def test_backup_and_restore_on_postgresql(tmp_path, postgres_databases):
    source = Instance(postgres_databases[0], tmp_path / "source" / "media")
    target = Instance(postgres_databases[1], tmp_path / "target" / "media")
    _check_round_trip(source, target, tmp_path / "backup.tar.gz", _postgres_rows)
    with (
        psycopg.connect(target.url.replace("postgres://", "postgresql://")) as db,
        pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="append-only"),
    ):
        db.execute("TRUNCATE registry_treatyevent CASCADE")


def test_a_backup_goes_back_only_where_it_fits(tmp_path):
    """What restore refuses before touching anything: no file, not a backup, another engine."""
    sqlite_url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    missing = lanzarote("restore", str(tmp_path / "nowhere.tar.gz"), database_url=sqlite_url)
    assert missing.returncode == 2 and "There is no backup" in missing.stderr
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    refused = lanzarote("restore", str(junk), database_url=sqlite_url)
    assert refused.returncode == 2 and "not a readable backup" in refused.stderr
    with sqlite3.connect(tmp_path / "empty.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
