"""Shared fixtures: every test process starts from a database holding the reference data (it is
what the product ships), and every test starts with an empty cache.

On SQLite the database is built once per test run (tests/reference_database.py) and restored into
each process's in-memory test database; on PostgreSQL a template database is built once per test
run the same way, and each process's test database (pytest-xdist suffixes its name per worker) is
created as a copy of it, then migrated as Django always does (nothing left to apply)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connections
from django.tasks import task_backends
from django.utils import translation
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
        settings = connections["default"].settings_dict
        name = postgres_template_name(f"test_{settings['NAME']}")
        settings["TEST"]["TEMPLATE"] = shared_postgres_template(
            _run_directory(request.config, request.getfixturevalue("tmp_path_factory")),
            admin_url=postgres_url(settings, name="postgres"),
            url=postgres_url(settings, name=name),
            name=name,
        )


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


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run's PostgreSQL template database goes once its last process is done with it."""
    if not hasattr(session.config, "workerinput"):
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
