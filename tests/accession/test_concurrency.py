"""Real races, on PostgreSQL, each person on their own database connection.

- Two people record France's first reply to the same consultation at the same moment. Exactly
  one reply lands; the other is refused with `Conflict` (the case row is locked, and the partial
  unique index `one_first_reply_per_party` would refuse a second first reply even without it).
- Fifty requests for fifty States are filed at the same moment (issue 10: with "highest + 1"
  and five retries some were refused "Could not allocate a case reference"). All land, with
  fifty distinct references numbered 1 to 50, and each letter is in storage.

The test commits for real (`transaction=True`), so pytest-django empties the database after it
(on PostgreSQL with TRUNCATE, which `lanzarote flush` lets through the append-only tables'
refusal by lifting their triggers for its own transaction, as a superuser). The
module-scoped fixture below is set up before the test's database fixture and torn down after its
flush, and reloads the reference data the rest of the suite relies on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from lanzarote.accession import services
from lanzarote.accession.models import AccessionCase, CaseEvent, ConsultationReply
from lanzarote.accounts.models import Role
from lanzarote.core.errors import Conflict
from lanzarote.core.reference_data import reference_data_load
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State, TreatyEvent
from lanzarote.treaty_law import Route
from tests.accession.helpers import Cast, brazil_case, letter
from tests.accounts.factories import person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

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
        # The flush emptied even the append-only tables (see `core/management/commands/flush`).
        assert not TreatyEvent.objects.exists()
        assert not CaseEvent.objects.exists()
        reference_data_load()
        assert State.objects.filter(code="BR").exists()
        assert TreatyEvent.objects.exists()


@pytest.fixture
def reference_data(reference_data_reloaded: None, transactional_db: None) -> None:
    # An earlier test of this module has flushed the database: load the reference data again.
    if not State.objects.exists():
        reference_data_load()


@pytest.mark.django_db(transaction=True)
def test_two_first_replies_of_one_party_at_once(reference_data: None) -> None:
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


def _accession_states(count: int) -> list[str]:
    """`count` States whose route to the Convention is accession today."""
    today = timezone.localdate()
    codes = [
        state.code
        for state in registry.state_list()
        if registry.eligibility_of(state.code, treaty_slug="cets-201", as_of=today).route
        is Route.ACCESSION
    ]
    assert len(codes) >= count, codes
    return codes[:count]


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_filings_get_fifty_references(reference_data: None) -> None:
    office = person(Role.TREATY_OFFICE, username="treaty-office")
    codes = _accession_states(50)
    barrier = threading.Barrier(len(codes))
    outcomes: dict[str, str] = {}
    lock = threading.Lock()

    def file(code: str) -> None:
        upload = SimpleUploadedFile(f"{code}.pdf", PDF, content_type="application/pdf")
        try:
            barrier.wait(timeout=60)
            case = services.accession_request_file(
                user=office, state_code=code, letter=letter(), letter_file=upload
            )
            outcome = case.reference
        except Exception as error:  # reported to the main thread below
            outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes[code] = outcome

    threads = [threading.Thread(target=file, args=(code,)) for code in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)

    failures = {code: o for code, o in outcomes.items() if o.startswith("error")}
    assert failures == {}
    year = timezone.localdate().year
    assert sorted(outcomes.values()) == [f"ACC-{year}-{n:03d}" for n in range(1, 51)]
    cases = AccessionCase.objects.filter(state_id__in=codes)
    assert {c.state_id: c.reference for c in cases} == outcomes
    for case in cases:
        with case.letter_file.open("rb") as handle:
            assert handle.read() == PDF
