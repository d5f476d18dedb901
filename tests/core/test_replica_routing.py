"""DATABASE_REPLICA_URL: reads go to the replica, writes and every read after a write go to the
primary, and a client that has just written reads from the primary for a few seconds.

The test settings declare `replica` as a test mirror of `default` (another connection to the
same database), so what a test writes without committing is visible on the primary only, as a
row not yet streamed to a replica would be."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from lanzarote.accounts.models import User
from lanzarote.core.db_routing import (
    PIN_COOKIE,
    PRIMARY,
    REPLICA,
    ReplicaRouter,
    routing_scope,
)
from lanzarote.registry.models import TreatyEvent
from tests.accession.helpers import bearer, letter_json
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db(databases=[PRIMARY, REPLICA])


def routed() -> override_settings:
    """The settings DATABASE_REPLICA_URL brings: the router, and the middleware after the first."""
    first, *others = settings.MIDDLEWARE
    return override_settings(
        DATABASE_ROUTERS=["lanzarote.core.db_routing.ReplicaRouter"],
        MIDDLEWARE=[first, "lanzarote.core.db_routing.PrimaryPinMiddleware", *others],
    )


@pytest.fixture(autouse=True)
def _replica_closed_after() -> Iterator[None]:
    # SQLite's shared in-memory database locks tables per connection: the replica's connection
    # must not outlive the test whose transaction the primary rolls back.
    yield
    connections[REPLICA].close()


def test_reads_go_to_the_replica_until_the_first_write():
    router = ReplicaRouter()
    with routing_scope():
        assert router.db_for_read(TreatyEvent) == REPLICA
        # Who may act, and the task queue the worker locks, are read where they are written.
        assert router.db_for_read(User) == PRIMARY
        assert router.db_for_write(TreatyEvent) == PRIMARY
        assert router.db_for_read(TreatyEvent) == PRIMARY
    with routing_scope():
        assert router.db_for_read(TreatyEvent) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(TreatyEvent) == PRIMARY
    assert not router.allow_migrate(REPLICA, "registry")


def test_a_public_read_touches_only_the_replica():
    with (
        routed(),
        CaptureQueriesContext(connections[PRIMARY]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        answer = Client().get("/api/v1/treaties/cets-201/chart?as_of=2023-05-31")
    assert answer.status_code == 200
    assert answer.json()["totals"]
    assert len(replica) > 0
    assert [q["sql"] for q in primary.captured_queries] == []
    assert PIN_COOKIE not in answer.cookies


@pytest.mark.skipif(
    connections[PRIMARY].vendor == "sqlite",
    reason="SQLite's shared in-memory database locks a table written in the test's transaction "
    "against its other connection; PostgreSQL runs this test",
)
def test_a_write_and_what_the_client_reads_next_use_the_primary():
    brazil = bearer(person("state_official", username="brazil-official", state="BR"))
    client = Client()
    with routed(), CaptureQueriesContext(connections[REPLICA]) as replica:
        filed = client.post(
            "/api/v1/accession-cases",
            {"state": "BR", "treaty": "cets-201", "letter": letter_json()},
            content_type="application/json",
            headers=brazil,
        )
    assert filed.status_code == 201, filed.content
    assert len(replica) == 0
    assert filed.cookies[PIN_COOKIE]["max-age"] == settings.REPLICA_PIN_SECONDS
    reference = filed.json()["reference"]
    # The case is not committed, so only the primary has it: the client pinned by the cookie
    # reads it back, as it would before the replica has received it.
    with routed(), CaptureQueriesContext(connections[REPLICA]) as replica:
        again = client.get(f"/api/v1/accession-cases/{reference}", headers=brazil)
    assert again.status_code == 200
    assert again.json()["reference"] == reference
    assert len(replica) == 0
