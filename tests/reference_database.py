"""The shipped reference data in a SQLite file, or a PostgreSQL template database, built once
per test run and shared.

Migrating a database and loading the reference data into it costs more than anything else a test
process sets up. The file is built once, with the product's own commands as `make run` does
(`lanzarote migrate`, `lanzarote load-reference-data`); then each pytest-xdist worker restores it
into its in-memory test database and each browser-test server serves a copy of it. On PostgreSQL
the same two commands build a template database once, and each worker's test database is created
as a copy of it (`CREATE DATABASE … TEMPLATE`). The first process that asks builds it while the
others wait on a file lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

FILE_NAME = "reference.sqlite3"
# Which PostgreSQL template database this run built, and where, for the last process to drop it.
TEMPLATE_RECORD = "postgres-template.json"


def lanzarote_command() -> Path:
    """The `lanzarote` script of the virtualenv running this Python, in whichever clone."""
    return Path(sys.executable).parent / "lanzarote"


def sqlite_env(var_dir: Path, database: Path) -> dict[str, str]:
    """Local settings on the SQLite file `database`, with `var_dir` for everything else, whatever
    DATABASE_URL says (and whatever a .env file would set in its absence)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["LANZAROTE_VAR_DIR"] = str(var_dir)
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["DJANGO_SETTINGS_MODULE"] = "lanzarote.settings.local"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def lanzarote_run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [str(lanzarote_command()), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"`lanzarote {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )


def _read_only(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{database}?mode=ro", uri=True)


def database_copy(source: Path, target: Path) -> None:
    """Copies a SQLite database page by page, whatever its journal holds, into one file."""
    with closing(_read_only(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)


def reference_database_build(target: Path) -> None:
    """Creates `target`: a SQLite database migrated and loaded with the shipped reference data."""
    with tempfile.TemporaryDirectory(prefix="reference-", dir=target.parent) as tmp:
        scratch = Path(tmp) / FILE_NAME
        env = sqlite_env(Path(tmp), scratch)
        lanzarote_run(["migrate", "--noinput"], env)
        lanzarote_run(["load-reference-data"], env)
        # Complete under a temporary name first: a reader never sees half a database.
        partial = Path(tmp) / "complete.sqlite3"
        database_copy(scratch, partial)
        os.replace(partial, target)


def shared_reference_database(directory: Path) -> Path:
    """The reference database in `directory`, built by the first process to ask for it."""
    target = directory / FILE_NAME
    with (directory / f"{FILE_NAME}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            reference_database_build(target)
    return target


def postgres_template_name(test_name: str) -> str:
    """The template database of the test databases named `test_name` (or `test_name`_gwN)."""
    return f"{test_name}_reference"


def _postgres_admin(url: str) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


def _postgres_template_drop(admin_url: str, name: str) -> None:
    with _postgres_admin(admin_url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def shared_postgres_template(directory: Path, *, admin_url: str, url: str, name: str) -> str:
    """The database `name` at `url`, migrated and loaded with the reference data by the first
    process of the run to ask for it (as the test settings do), then left without connections so
    that CREATE DATABASE can copy it; `admin_url` is a database of the same server to run the
    CREATE and DROP from. `postgres_template_drop(directory)` drops it at the end of the run."""
    built = directory / TEMPLATE_RECORD
    with (directory / f"{TEMPLATE_RECORD}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            # Left over by an interrupted run: built again, never trusted.
            _postgres_template_drop(admin_url, name)
            with _postgres_admin(admin_url) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            built.write_text(json.dumps({"admin_url": admin_url, "name": name}))
            env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
            env["DJANGO_SETTINGS_MODULE"] = "lanzarote.settings.test"
            lanzarote_run(["migrate", "--noinput"], env)
            lanzarote_run(["load-reference-data"], env)
            built.with_suffix(".done").touch()
        if not built.with_suffix(".done").exists():
            raise RuntimeError(f"Building the template database {name} failed in another process")
    return name


def postgres_template_drop(directory: Path) -> None:
    """Drops the template database built in `directory` for this run, if one was."""
    built = directory / TEMPLATE_RECORD
    if built.exists():
        record = json.loads(built.read_text())
        _postgres_template_drop(record["admin_url"], record["name"])
        built.unlink()


def database_restore(source: Path, connection: sqlite3.Connection) -> None:
    """Replaces the whole database behind `connection` (tables, triggers, rows) by `source`."""
    with closing(_read_only(source)) as reader:
        reader.backup(connection)
