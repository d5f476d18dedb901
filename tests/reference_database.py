"""The shipped reference data in a SQLite file, built once per test run and shared.

Migrating a database and loading the reference data into it costs more than anything else a test
process sets up. The file is built once, with the product's own commands as `make run` does
(`lanzarote migrate`, `lanzarote load-reference-data`); then each pytest-xdist worker restores it
into its in-memory test database and each browser-test server serves a copy of it. The first
process that asks builds it while the others wait on a file lock.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

FILE_NAME = "reference.sqlite3"


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


def database_restore(source: Path, connection: sqlite3.Connection) -> None:
    """Replaces the whole database behind `connection` (tables, triggers, rows) by `source`."""
    with closing(_read_only(source)) as reader:
        reader.backup(connection)
