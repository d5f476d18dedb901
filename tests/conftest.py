"""Shared fixtures: every test process starts from a database holding the reference data (it is
what the product ships), and every test starts with an empty cache.

On SQLite the database is built once per test run (tests/reference_database.py) and restored into
each process's in-memory test database; on PostgreSQL a template database is built once per test
run the same way, and each process's test database (pytest-xdist suffixes its name per worker) is
created as a copy of it, then migrated as Django always does (nothing left to apply)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connections
from django.tasks import task_backends
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from pytest_django import DjangoDbBlocker

from lanzarote.registry.timelines import forget_local
from tests.core.helpers import postgres_url
from tests.reference_database import (
    database_restore,
    postgres_template_drop,
    postgres_template_name,
    shared_postgres_template,
    shared_reference_database,
)

# No property fails for being slow: speed is measured by `make bench`, never in a timed test, and a
# 200 ms deadline only made the properties flaky on a busy machine. The examples are unchanged.
hypothesis_settings.register_profile("lanzarote", deadline=None)
hypothesis_settings.load_profile("lanzarote")


def _in_memory_sqlite() -> bool:
    connection = connections["default"]
    # Django's SQLite test database lives in memory unless TEST["NAME"] names a file.
    test_name = connection.settings_dict["TEST"].get("NAME") or ":memory:"
    return connection.vendor == "sqlite" and connection.creation.is_in_memory_db(test_name)


def _run_directory(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary directory of the whole run, shared by its processes."""
    own = tmp_path_factory.getbasetemp()
    # pytest-xdist gives each worker a directory inside the one of the whole run.
    return own.parent if hasattr(config, "workerinput") else own


@pytest.fixture(scope="session")
def reference_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A SQLite file with the reference data, shared by all the processes of this run."""
    return shared_reference_database(_run_directory(request.config, tmp_path_factory))


def _postgres_template(directory: Path) -> str:
    """The run's template database (tests/reference_database.py), built if no process has."""
    settings = connections["default"].settings_dict
    name = postgres_template_name(f"test_{settings['NAME']}")
    return shared_postgres_template(
        directory,
        admin_url=postgres_url(settings, name="postgres"),
        url=postgres_url(settings, name=name),
        name=name,
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    request: pytest.FixtureRequest, django_db_modify_db_settings: None
) -> None:
    if _in_memory_sqlite():
        # Django then creates bare tables without migrating; the restore below replaces them.
        connections["default"].settings_dict["TEST"]["MIGRATE"] = False
        request.getfixturevalue("reference_database")
    elif connections["default"].vendor == "postgresql":
        # Each worker's test database is a copy of one template, migrated and loaded once.
        connections["default"].settings_dict["TEST"]["TEMPLATE"] = _postgres_template(
            _run_directory(request.config, request.getfixturevalue("tmp_path_factory"))
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--reference-data-early",
        action="store_true",
        help="build the run's reference database (or PostgreSQL template) as the run starts, "
        "while the test processes start and collect, rather than when a test first needs it "
        "(`make test`: wasted on a run of tests that never use the database)",
    )


EARLY_BUILD = pytest.StashKey[threading.Thread]()


def _build_early(directory: Path) -> None:
    # A failure is the workers' to report: they build again (SQLite) or say that it failed.
    with contextlib.suppress(Exception):
        if _in_memory_sqlite():
            shared_reference_database(directory)
        elif connections["default"].vendor == "postgresql":
            _postgres_template(directory)


def pytest_sessionstart(session: pytest.Session) -> None:
    """With --reference-data-early, the main process builds the reference data in the
    background: the building (`lanzarote migrate` and `load-reference-data`, one core) overlaps
    the workers' start and collection instead of leaving a core idle once they are ready."""
    config = session.config
    if hasattr(config, "workerinput") or not config.getoption("reference_data_early"):
        return
    directory = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    thread = threading.Thread(target=_build_early, args=(directory,), daemon=True)
    thread.start()
    config.stash[EARLY_BUILD] = thread


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> None:
    from django.contrib.contenttypes.models import ContentType

    from lanzarote.core.reference_data import reference_data_load

    with django_db_blocker.unblock():
        if connections["default"].vendor == "postgresql":
            return  # the template database held the reference data
        if not _in_memory_sqlite():
            reference_data_load()
            return
        connection = connections["default"]
        connection.ensure_connection()
        database_restore(request.getfixturevalue("reference_database"), connection.connection)
        # Content types were created for the bare tables, with other ids than the file's.
        ContentType.objects.clear_cache()
        if getattr(connection, "_test_serialized_contents", None) is not None:
            # Tests with serialized_rollback get the database as restored, not the bare one.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


# Fixtures through which a test reaches the Django test database (pytest-django's `db`,
# `transactional_db`, `admin_client`… all request `django_db_setup`).
DATABASE_FIXTURE = "django_db_setup"


def reaches_database(item: pytest.Item) -> bool:
    """Whether the database backend can change this test's outcome: it uses the Django test
    database (a fixture or the `django_db` marker) or needs PostgreSQL itself (`postgres`). Any
    other test is refused the database by pytest-django, so it runs the same on either backend."""
    return (
        DATABASE_FIXTURE in getattr(item, "fixturenames", ())
        or item.get_closest_marker("django_db") is not None
        or item.get_closest_marker("postgres") is not None
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "database: reaches the database, so its backend can change the outcome (set on "
        "collection; the PostgreSQL run of `make test` selects these)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks `database` the tests that reach the database, before `-m` selects: the PostgreSQL
    run of `make test` runs only those (`-m "database and not browser"`), the others having run
    on SQLite already."""
    for item in items:
        if reaches_database(item):
            item.add_marker(pytest.mark.database)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run's PostgreSQL template database goes once its last process is done with it."""
    if not hasattr(session.config, "workerinput"):
        if EARLY_BUILD in session.config.stash:
            session.config.stash[EARLY_BUILD].join()
        postgres_template_drop(session.config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _empty_cache_and_english() -> Iterator[None]:
    # A page request in French leaves French active in the thread; each test starts in English.
    cache.clear()
    forget_local()
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()
    forget_local()


@pytest.fixture
def loaded_db(db: None) -> None:
    """The database with the shipped reference data (each test rolls back its own writes)."""
    return db


@pytest.fixture
def worker_queue(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A deployment with a worker: renders (core.renders) are queued, in a dummy backend that
    keeps them, instead of made in the request; run one with
    `renders.render.call(*result.args, **result.kwargs)`, as the worker would."""
    from lanzarote.core import renders

    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    monkeypatch.setattr(renders, "off_request_path", lambda: True)
    backend = task_backends["default"]
    backend.clear()
    return backend
