"""A real race, on PostgreSQL: two people record France's first reply to the same consultation at
the same moment, each on its own database connection. Exactly one reply lands; the other is
refused with `Conflict` (the case row is locked, and the partial unique index
`one_first_reply_per_party` would refuse a second first reply even without the lock).

The test commits for real (`transaction=True`), so pytest-django empties the database after it
(on PostgreSQL with TRUNCATE, which the append-only tables' row triggers do not block). The
module-scoped fixture below is set up before the test's database fixture and torn down after its
flush, and reloads the reference data the rest of the suite relies on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from lanzarote.accession import services
from lanzarote.accession.models import CaseEvent, ConsultationReply
from lanzarote.core.errors import Conflict
from lanzarote.registry.models import State, TreatyEvent
from lanzarote.registry.reference_data import reference_data_load
from tests.accession.helpers import Cast, brazil_case

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real races"
    ),
]


@pytest.fixture(scope="module")
def reference_data_reloaded(django_db_blocker: Any) -> Iterator[None]:
    # Module scope: set up before, and torn down after, the function-scoped database fixture
    # whose teardown flushes every table.
    yield
    with django_db_blocker.unblock():
        # The flush emptied even the append-only tables (TRUNCATE is not a row DELETE).
        assert not TreatyEvent.objects.exists()
        assert not CaseEvent.objects.exists()
        reference_data_load()
        assert State.objects.filter(code="BR").exists()
        assert TreatyEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_first_replies_of_one_party_at_once(reference_data_reloaded: None) -> None:
    cast = Cast()
    case = brazil_case(cast, "consultation")
    barrier = threading.Barrier(2)
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()

    def reply(user: Any, answer: str) -> None:
        try:
            barrier.wait(timeout=10)
            recorded = services.consultation_reply(
                user=user, case=case, party_code="FR", reply=answer, note=user.username
            )
            outcome = ("landed", str(recorded.pk))
        except Conflict as error:
            outcome = ("conflict", error.message)
        except Exception as error:  # reported to the main thread below
            outcome = ("error", repr(error))
        finally:
            connection.close()  # each thread has its own connection
        with lock:
            outcomes.append(outcome)

    threads = [
        threading.Thread(target=reply, args=(cast.france, "consent")),
        threading.Thread(target=reply, args=(cast.office, "objection")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)

    kinds = sorted(kind for kind, _detail in outcomes)
    assert kinds == ["conflict", "landed"], outcomes
    conflict = next(detail for kind, detail in outcomes if kind == "conflict")
    assert "already replied" in conflict
    replies = list(ConsultationReply.objects.filter(case=case, party_id="FR"))
    assert len(replies) == 1
    assert str(replies[0].pk) == next(detail for kind, detail in outcomes if kind == "landed")
    assert CaseEvent.objects.filter(case=case, step="reply").count() == 1
