"""/api/v1/health reports the database, the cache and the queue; without the database every page
and API read answers 503 with a short page in the request's language, never 500."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client, override_settings

from lanzarote.accounts.models import User
from lanzarote.core.roles import Role

pytestmark = pytest.mark.django_db


@contextmanager
def database_unreachable() -> Iterator[None]:
    """Every new cursor fails as it does when PostgreSQL is down or the network is cut."""
    refusal = OperationalError('connection to server at "db" failed: Connection refused')
    with mock.patch.object(connections["default"], "ensure_connection", side_effect=refusal):
        yield


def test_health_reports_each_part_and_answers_200():
    answer = Client().get("/api/v1/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert body["checks"]["database"]["status"] == "ok"
    # `make run` and the tests: the local-memory cache and tasks run in-process.
    assert body["checks"]["cache"]["backend"] == "LocMemCache"
    assert body["checks"]["queue"]["backend"] == "ImmediateBackend"


def test_health_answers_503_without_the_database():
    with database_unreachable():
        answer = Client().get("/api/v1/health")
    assert answer.status_code == 503
    body = answer.json()
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"
    assert body["checks"]["queue"]["status"] == "down"


def test_liveness_needs_nothing():
    with database_unreachable():
        assert Client().get("/api/v1/health/live").json() == {"ok": True}


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/en/", "temporarily unavailable"),
        ("/fr/", "temporairement indisponible"),
        ("/en/treaties/cets-201/chart/?as_of=2023-05-31", "temporarily unavailable"),
        ("/fr/states/TN/", "temporairement indisponible"),
        ("/en/committee/", "temporarily unavailable"),
        ("/fr/notifications/", "temporairement indisponible"),
    ],
)
def test_pages_answer_503_in_their_language_without_the_database(path, sentence):
    with database_unreachable():
        answer = Client().get(path)
    assert answer.status_code == 503
    assert answer["Retry-After"]
    assert sentence in answer.content.decode().lower()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/treaties/cets-201/chart?as_of=2023-05-31",
        "/api/v1/states/FR",
        "/api/v1/committee/",
    ],
)
def test_api_reads_answer_503_in_json_without_the_database(path):
    with database_unreachable():
        answer = Client(HTTP_ACCEPT_LANGUAGE="fr").get(path)
    assert answer.status_code == 503
    assert "temporairement indisponible" in answer.json()["detail"]


def test_a_signed_in_page_answers_503_when_the_session_cannot_be_read():
    # The session and the user are read by middleware, before any view: the error is raised
    # outside the views and must still be a 503.
    user = User.objects.create_user("desk", password="x" * 12, role=Role.TREATY_OFFICE)
    client = Client()
    client.force_login(user)
    with database_unreachable():
        answer = client.get("/fr/notifications/")
    assert answer.status_code == 503
    assert "temporairement indisponible" in answer.content.decode().lower()


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_other_errors_stay_500():
    with mock.patch(
        "lanzarote.api.urls.health_report", side_effect=RuntimeError("a bug, not an outage")
    ):
        answer = Client(raise_request_exception=False).get("/api/v1/health")
    assert answer.status_code == 500
