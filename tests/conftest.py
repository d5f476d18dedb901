"""Shared fixtures: the reference data is loaded once per test session (it is what the product
ships), and every test starts with an empty cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from lanzarote.registry.reference_data import reference_data_load

    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture(autouse=True)
def _empty_cache_and_english():  # type: ignore[no-untyped-def]
    # A page request in French leaves French active in the thread; each test starts in English.
    cache.clear()
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def loaded_db(db):  # type: ignore[no-untyped-def]
    """The database with the shipped reference data (each test rolls back its own writes)."""
    return db
