"""Whole-instance backups: the database and the uploaded files, in one archive, restored as one.

The archive (a gzipped tar) holds `manifest.json` (what was backed up, with the row count of every
table), the database (`database.dump`, PostgreSQL's custom format from `pg_dump`, functions and
triggers included; or `database.sqlite3`, a copy made by SQLite's online backup API, safe while
the server writes) and `media/`, every file of the default storage (the signed request letters).

On PostgreSQL the row counts are taken in the very snapshot `pg_dump` reads (an exported
REPEATABLE READ snapshot), so a restore can check that it got every row. A restore refuses a
database that already has tables unless told to replace it (`force`), and a backup of one
database engine is not restored into the other."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor

from lanzarote.core.append_only import truncate_guards_install

FORMAT = "lanzarote-backup"
VERSION = 1
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """Something that stops a backup or a restore; nothing was changed when it is raised before
    the restore began (the message says so otherwise)."""


@dataclass(frozen=True)
class Outcome:
    path: Path
    tables: int
    rows: int
    files: int
    notes: tuple[str, ...] = ()


# -- reading the database --------------------------------------------------------------------


def _row_counts(connection: BaseDatabaseWrapper, tables: list[str]) -> dict[str, int]:
    """The row count of each of `tables` that exists (a missing one is left out)."""
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 (quoted name)
                counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _postgres_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed; it comes with PostgreSQL's client tools.")
    return found


def _postgres_command(
    connection: BaseDatabaseWrapper, tool: str, parameters: list[str]
) -> tuple[list[str], dict[str, str]]:
    """`tool` with the connection's host, port, user and password (libpq's environment)."""
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, parameters)
    args[0] = _postgres_tool(tool)
    return args, {**os.environ, **(env or {})}


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")


def _sqlite_path(connection: BaseDatabaseWrapper) -> Path:
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("An in-memory SQLite database has no file to back up or restore.")
    return Path(name)


def _dump_postgres(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    """pg_dump of the database, and every table's row count in the same snapshot."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        counts = _row_counts(connection, sorted(connection.introspection.table_names()))
        args, env = _postgres_command(
            connection, "pg_dump", ["--format=custom", f"--file={target}", f"--snapshot={snapshot}"]
        )
        _run(args, env, "pg_dump")
    return counts


def _dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    source = _sqlite_path(connection)
    if not source.exists():
        raise BackupError(f"There is no database file at {source}.")
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    return _sqlite_counts(target)


# -- files -----------------------------------------------------------------------------------


def _stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _stored_files(storage, f"{folder}/{sub}" if folder else sub)


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


# -- backup ----------------------------------------------------------------------------------


def backup(path: Path, *, database: str = "default", overwrite: bool = False) -> Outcome:
    """Write the archive to `path` (through a temporary file, so a failed backup leaves no
    half-written archive under that name)."""
    connection = connections[database]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    if path.exists() and not overwrite:
        raise BackupError(f"{path} exists; choose another name (or replace it with --force).")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lanzarote-backup-") as work:
        dump = Path(work) / DUMPS[vendor]
        counts = (_dump_postgres if vendor == "postgresql" else _dump_sqlite)(connection, dump)
        files = list(_stored_files(default_storage))
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
            "vendor": vendor,
            "database": DUMPS[vendor],
            "tables": counts,
            "media": files,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=DUMPS[vendor])
            for name in files:
                with default_storage.open(name, "rb") as handle:
                    _add_bytes(archive, f"media/{name}", handle.read())
        partial.replace(path)
    return Outcome(path, len(counts), sum(counts.values()), len(files))


# -- restore ---------------------------------------------------------------------------------


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile("manifest.json")
        manifest = json.load(member) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This file is not a Lanzarote backup (no manifest).")
    if manifest.get("version") != VERSION:
        raise BackupError(f"Backup format version {manifest.get('version')} is not supported.")
    return manifest


def _media_name(member: tarfile.TarInfo) -> str | None:
    """The storage name of a media member, or None for anything that is not a plain file
    safely inside `media/`."""
    path = PurePosixPath(member.name)
    if not member.isfile() or path.parts[:1] != ("media",) or len(path.parts) < 2:
        return None
    if path.is_absolute() or ".." in path.parts:
        return None
    return str(PurePosixPath(*path.parts[1:]))


def _is_empty(connection: BaseDatabaseWrapper) -> bool:
    if connection.vendor == "sqlite":
        target = _sqlite_path(connection)
        return not target.exists() or not _sqlite_counts(target)
    return not connection.introspection.table_names()


def _restore_postgres(connection: BaseDatabaseWrapper, dump: Path, *, replace: bool) -> None:
    parameters = [
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *(["--clean", "--if-exists"] if replace else []),
        "--dbname",
    ]
    args, env = _postgres_command(connection, "pg_restore", parameters)
    connection.close()  # pg_restore --clean must not wait for this process's locks
    _run([*args, str(dump)], env, "pg_restore (nothing was changed)")


def _restore_sqlite(connection: BaseDatabaseWrapper, dump: Path) -> None:
    target = _sqlite_path(connection)
    target.parent.mkdir(parents=True, exist_ok=True)
    connection.close()
    # The online backup API copies page by page into the target, replacing all it held.
    with sqlite3.connect(dump) as copy, sqlite3.connect(target) as live:
        copy.backup(live)


def _restore_media(archive: tarfile.TarFile, storage: Storage) -> int:
    restored = 0
    for member in archive.getmembers():
        name = _media_name(member)
        if name is None:
            continue
        handle = archive.extractfile(member)
        if handle is None:
            continue
        if storage.exists(name):
            storage.delete(name)
        stored = storage.save(name, ContentFile(handle.read()))
        if stored != name:
            raise BackupError(f"The file {name} was stored as {stored}; the cases name {name}.")
        restored += 1
    return restored


def _pending_migrations(connection: BaseDatabaseWrapper) -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def restore(path: Path, *, database: str = "default", replace: bool = False) -> Outcome:
    """Restore the archive at `path` into the database and the default storage."""
    connection = connections[database]
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a readable backup ({error}).") from None
    with archive, tempfile.TemporaryDirectory(prefix="lanzarote-restore-") as work:
        manifest = _manifest(archive)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['vendor']} database; it can only be restored "
                f"into {manifest['vendor']}, not {connection.vendor}."
            )
        if not replace and not _is_empty(connection):
            raise BackupError(
                "The database is not empty; restore into an empty database, or replace "
                "everything it holds with --force."
            )
        member = archive.extractfile(manifest["database"])
        if member is None:
            raise BackupError("The backup has no database.")
        dump = Path(work) / DUMPS[connection.vendor]
        with dump.open("wb") as out:
            shutil.copyfileobj(member, out)
        if connection.vendor == "postgresql":
            _restore_postgres(connection, dump, replace=replace)
        else:
            _restore_sqlite(connection, dump)
        files = _restore_media(archive, default_storage)
    expected: dict[str, int] = manifest["tables"]
    found = _row_counts(connection, sorted(expected))
    wrong = {t: (n, found.get(t)) for t, n in expected.items() if found.get(t) != n}
    if wrong:
        raise BackupError(f"The restored database differs from the backup: {wrong}.")
    truncate_guards_install(connection)
    notes = []
    pending = _pending_migrations(connection)
    if pending:
        notes.append(
            f"{pending} migrations of this version are not applied: run `lanzarote migrate`."
        )
    if connection.vendor == "postgresql":
        notes.append("Grant the application role its privileges: `lanzarote db-roles --apply`.")
    return Outcome(path, len(expected), sum(expected.values()), files, tuple(notes))
