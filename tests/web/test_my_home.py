"""Each role's home after sign-in, and the count of waiting items in the header."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lanzarote.accession import services as accession
from lanzarote.accession.models import AccessionCase
from lanzarote.accounts.services import access_request_submit
from lanzarote.core.audit import Actor
from lanzarote.monitoring import services as monitoring
from lanzarote.web.work import counted, pending_count, work_for
from tests.accession.helpers import Cast, brazil_case
from tests.monitoring.factories import new_round, people, questionnaire
from tests.web.helpers import squash, text

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _lists(user) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {lst.key: [item.label for item in lst.items] for lst in work_for(user)}


def test_signing_in_leads_home():
    cast = Cast()
    client = Client()
    response = client.post(
        "/en/accounts/login/",
        {"login": cast.office.username, "password": "a-long-test-passphrase-7"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/home/"
    assert client.get("/en/home/").status_code == 200
    assert Client().get("/en/home/").status_code == 302  # anonymous: to the sign-in page


def test_the_delegate_sees_the_consultations_awaiting_their_reply_with_deadlines():
    cast = Cast()
    case = brazil_case(cast, "consultation")
    html = squash(text(_client(cast.france).get("/en/home/")))
    assert case.reference in html
    deadline = case.consultation_deadline
    assert f"due by {deadline.day} {deadline:%B %Y}" in html
    accession.consultation_reply(user=cast.france, case=case, party_code="FR", reply="consent")
    assert _lists(cast.france) == {"consultations": []}
    assert "No consultation is waiting" in text(_client(cast.france).get("/en/home/"))


def test_the_treaty_office_sees_cases_overdue_replies_and_access_requests():
    cast = Cast()
    received = brazil_case(cast, "received")
    access_request_submit(
        name="Ana Souza", ministry="Itamaraty", state_code="AR", email="ana@mrecic.gov.ar"
    )
    lists = _lists(cast.office)
    assert lists["cases"] == [f"{received.reference} — Brazil"]
    assert lists["overdue"] == []
    assert lists["access"] == ["Ana Souza — Argentina"]
    accession.consultation_open(
        user=cast.office, case=received, deadline=timezone.localdate() + timedelta(days=5)
    )
    AccessionCase.objects.filter(pk=received.pk).update(
        consultation_deadline=timezone.localdate() - timedelta(days=1)
    )
    lists = _lists(cast.office)
    assert lists["overdue"] == [f"{received.reference} — Brazil"]
    # Past its deadline, the consultation can be closed: it needs the Treaty Office's action.
    assert lists["cases"] == [f"{received.reference} — Brazil"]
    html = squash(text(_client(cast.office).get("/fr/home/")))
    assert "en retard depuis" in html
    assert "Demandes de compte" in html


def test_the_coordinator_sees_the_replies_due_and_the_rapporteur_the_observations_to_write():
    who = people()
    round_ = new_round(who["secretariat"], replies_due=date.today() + timedelta(days=20))
    _questionnaire, questions = questionnaire(who["secretariat"], round_)
    due = _lists(who["coordinator_fr"])["replies"]
    assert due == [
        "4th monitoring round — question 1",
        "4th monitoring round — question 2",
        "4th monitoring round — question 2.1",
    ]
    monitoring.rapporteur_assign(
        actor=Actor(user=who["secretariat"]),
        question=questions[0],
        rapporteur=who["rapporteur"],
        assigned_on=date.today(),
    )
    assert _lists(who["rapporteur"]) == {"observations": ["4th monitoring round — question 1"]}
    # The item leads to the question's form, which a link can open (the form posts elsewhere).
    (item,) = work_for(who["rapporteur"])[0].items
    assert item.url == f"/en/monitoring/questions/{questions[0].pk}/#observe"
    page = _client(who["rapporteur"]).get(item.url)
    assert page.status_code == 200 and 'id="observe"' in text(page)
    monitoring.observation_write(
        actor=Actor(user=who["rapporteur"]), question=questions[0], text="Coaches are vetted."
    )
    assert _lists(who["rapporteur"]) == {"observations": []}
    html = squash(text(_client(who["coordinator_fr"]).get("/en/home/")))
    assert "Replies your Party still owes" in html and "question 2.1" in html


def test_the_secretariat_sees_contributions_and_applications_and_others_a_pointer():
    who = people()
    html = text(_client(who["secretariat"]).get("/en/home/"))
    assert "Contributions to screen" in html
    assert "Observer applications to decide" in html
    assert "My State" in text(_client(who["official_br"]).get("/en/home/"))


def test_the_header_counts_waiting_items_for_signed_in_people_only():
    cast = Cast()
    brazil_case(cast, "received")
    anonymous = text(Client().get("/en/states/"))  # stored in the public page cache
    assert "My work" not in anonymous
    office = _client(cast.office)
    cold = squash(text(office.get("/en/states/")))
    # No count kept yet: the page runs no query for it and asks for it once loaded.
    assert 'class="account-links__work"' in cold
    assert 'hx-get="/en/home/count/"' in cold
    count = squash(text(office.get("/en/home/count/")))
    assert '<span class="count" aria-hidden="true">1</span>' in count
    assert "(1 item waiting)" in count
    warm = squash(text(office.get("/fr/states/")))
    assert '<span class="count" aria-hidden="true">1</span>' in warm
    assert "(1 élément en attente)" in warm
    assert "hx-get" not in warm.split('class="account-links__work"', 1)[1].split("</a>", 1)[0]
    # The public page cache never hands the signed-in header to anyone else.
    assert "My work" not in text(Client().get("/en/states/"))
    assert Client().get("/en/home/count/").content.strip() == b""


def test_the_header_count_costs_no_query_on_a_page_and_few_to_count():
    cast = Cast()
    brazil_case(cast, "consultation")
    office, delegate = _client(cast.office), _client(cast.france)
    office.get("/en/states/")  # the session and the user are read once
    cache.clear()
    with CaptureQueriesContext(connection) as counting:
        office.get("/en/home/count/")
    # Session and user, the newest audit record (the work's data versions, after the cache was
    # cleared), then the desk's cases (twice: to act on, overdue), the requests and the
    # background tasks that failed.
    assert len(counting) == 7
    with CaptureQueriesContext(connection) as cached:
        assert pending_count(cast.office) == 0
    assert len(cached) == 0
    with CaptureQueriesContext(connection) as counting:
        delegate.get("/en/home/count/")
    # Session and user, the inbox with its consulted Parties, and the Party's replies (the data
    # versions are kept from the office's count).
    assert len(counting) == 5
    assert pending_count(cast.france) == 1


def test_a_change_drops_the_kept_count_so_the_next_page_counts_afresh():
    cast = Cast()
    case = brazil_case(cast, "consultation")
    delegate = _client(cast.france)
    assert pending_count(cast.france) == 1
    delegate.get("/en/states/")
    assert counted(cast.france) == 1  # a page read keeps it
    response = delegate.post(
        f"/en/accession/cases/{case.reference}/consultation/reply/",
        {"reply": "consent", "note": ""},
    )
    assert response.status_code == 302
    assert counted(cast.france) is None
    assert pending_count(cast.france) == 0


def test_a_change_by_someone_else_makes_the_kept_count_stale_at_once():
    cast = Cast()
    case = brazil_case(cast, "consultation")
    office = _client(cast.office)
    kept_before = pending_count(cast.office)
    assert counted(cast.office) == kept_before
    # France's delegate consents: the Treaty Office's work changes (the consultation can now be
    # closed or awaits fewer replies) although the office wrote nothing itself.
    response = _client(cast.france).post(
        f"/en/accession/cases/{case.reference}/consultation/reply/",
        {"reply": "consent", "note": ""},
    )
    assert response.status_code == 302
    assert counted(cast.office) is None
    assert 'hx-get="/en/home/count/"' in squash(text(office.get("/en/states/")))
