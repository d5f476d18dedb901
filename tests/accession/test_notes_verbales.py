"""Several Parties' consents received by note verbale, recorded in one step: the service (all or
nothing, permission, duplicates, dates), the page (form first, 4xx with the State named, the
messages in English and French) and the API (its answer, refusals, OpenAPI, query count); and
the "can't close yet" refusal in words."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import translation

from lanzarote.accession import services
from lanzarote.accession.models import AccessionCase, CaseEvent, ConsultationReply
from lanzarote.core.errors import Conflict, Forbidden, InvalidInput
from lanzarote.core.models import AuditRecord
from lanzarote.core.text import fold
from tests.accession.helpers import Cast, bearer, letter, today
from tests.web.helpers import squash, text

pytestmark = pytest.mark.django_db
CASES = "/api/v1/accession-cases"


@pytest.fixture
def cast():  # type: ignore[no-untyped-def]
    return Cast()


def opened_on() -> date:
    return today() - timedelta(days=400)


def received() -> date:
    """The first day of this month: after the opening, not after today."""
    return today().replace(day=1)


@pytest.fixture
def case(cast) -> AccessionCase:  # type: ignore[no-untyped-def]
    """Brazil's request under consultation since more than a year ago."""
    filed = services.accession_request_file(
        user=cast.brazil, state_code="BR", letter=letter(date=opened_on() - timedelta(days=7))
    )
    return services.consultation_open(
        user=cast.office, case=filed, deadline=today() + timedelta(days=30), today=opened_on()
    )


def replies(case: AccessionCase) -> int:
    return ConsultationReply.objects.filter(case=case).count()


def record(user, case, parties, **changes):  # type: ignore[no-untyped-def]
    values = {"received_on": received(), "reference": "NV 2026/15", **changes}
    return services.consultation_replies_record(user=user, case=case, parties=parties, **values)


def page(response) -> str:  # type: ignore[no-untyped-def]
    return squash(text(response))


def words(html: str) -> str:
    """The text of the page's main part, without its tags (a date input's value is ISO)."""
    return re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1])


def url(case: AccessionCase, language: str = "en") -> str:
    return f"/{language}/accession/cases/{case.reference}/consultation/notes-verbales/"


# -- the service ------------------------------------------------------------------------------------


def test_several_consents_in_one_step_each_audited_as_a_single_reply(cast, case):
    audits = AuditRecord.objects.filter(action="accession.reply").count()
    recorded = record(cast.office, case, ["it", "FR", "DE"])
    assert [r.party_id for r in recorded] == ["DE", "FR", "IT"]
    for reply in ConsultationReply.objects.filter(case=case):
        assert reply.reply == "consent" and reply.channel == "note_verbale"
        assert reply.received_on == received() and reply.reference == "NV 2026/15"
    events = CaseEvent.objects.filter(case=case, step="reply")
    assert sorted(e.payload["party"] for e in events) == ["DE", "FR", "IT"]
    assert {e.payload["reference"] for e in events} == {"NV 2026/15"}
    assert AuditRecord.objects.filter(action="accession.reply").count() == audits + 3


def test_one_party_that_already_replied_refuses_all_naming_it(cast, case):
    services.consultation_reply(user=cast.france, case=case, party_code="FR", reply="consent")
    with pytest.raises(Conflict) as refused:
        record(cast.office, case, ["DE", "FR", "IT"])
    assert refused.value.status == 409
    assert "France has already replied" in refused.value.message
    assert replies(case) == 1  # France's own; Germany and Italy were not recorded
    with translation.override("fr"), pytest.raises(Conflict) as refused:
        record(cast.office, case, ["DE", "FR"])
    assert "A déjà répondu : France ;" in refused.value.message


def test_a_state_not_consulted_refuses_all_naming_it_in_words(cast, case):
    with pytest.raises(InvalidInput) as refused:
        record(cast.office, case, ["FR", "AR", "BR"])
    assert refused.value.status == 422
    assert refused.value.message == (
        "Argentina and Brazil were not among the Parties consulted on this request."
    )
    assert replies(case) == 0
    with translation.override("fr"), pytest.raises(InvalidInput) as refused:
        record(cast.office, case, ["AR"])
    assert refused.value.message.endswith("sur cette demande : Argentine.")


def test_a_state_no_longer_a_party_on_the_day_is_refused(cast, case, monkeypatch):
    from lanzarote.accession.services import notes_verbales

    real = notes_verbales.registry.chart_view

    def without_germany(treaty, *, as_of):  # type: ignore[no-untyped-def]
        view = real(treaty, as_of=as_of)
        rows = [row for row in view.chart.rows if row.state != "DE"]
        chart = type(view.chart)(**{**vars(view.chart), "rows": rows})
        return type(view)(**{**vars(view), "chart": chart})

    monkeypatch.setattr(notes_verbales.registry, "chart_view", without_germany)
    with pytest.raises(InvalidInput) as refused:
        record(cast.office, case, ["FR", "DE"])
    day = received()
    assert f"Germany was not a Party on 1 {day:%B} {day.year}" in refused.value.message
    assert replies(case) == 0


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"received_on": today() + timedelta(days=1)}, "cannot have been received after today"),
        ({"received_on": opened_on() - timedelta(days=1)}, "before the consultation opened"),
        ({"reference": "  "}, "Give the reference"),
        ({"reference": "x" * 101}, "at most 100 characters"),
    ],
)
def test_dates_and_references_are_checked(cast, case, changes, words):
    with pytest.raises(InvalidInput) as refused:
        record(cast.office, case, ["FR"], **changes)
    assert words in refused.value.message
    assert replies(case) == 0


def test_only_the_treaty_office_records_notes_verbales(cast, case):
    for person in (cast.france, cast.brazil, cast.secretariat):
        with pytest.raises(Forbidden):
            record(person, case, ["FR"])
    with pytest.raises(InvalidInput):
        record(cast.office, case, [])
    assert replies(case) == 0


# -- the page --------------------------------------------------------------------------------------


def test_the_form_comes_first_with_the_awaited_parties_by_name(client, cast, case):
    services.consultation_reply(user=cast.france, case=case, party_code="FR", reply="consent")
    client.force_login(cast.office)
    for language in ("en", "fr"):
        html = text(client.get(url(case, language)))
        main = html[html.index("<main") :]
        start = main.index("<form")
        assert 'id="notes-verbales"' in main[start : main.index(">", start)]  # the first form
        assert "<table" not in main  # no table above (or below) the form
        labels = re.findall(
            r'<label class="choice" for="id_parties_\d+"><input[^>]*value="(\w\w)"[^>]*> ([^<]+)</label>',
            html,
        )
        codes = [code for code, _name in labels]
        names = [name.strip() for _code, name in labels]
        assert (
            "FR" not in codes
            and "DE" in codes
            and len(codes) == len(case.consulted_party_codes) - 1
        )
        assert names == sorted(names, key=lambda n: (fold(n), n))
        assert "checked" not in "".join(re.findall(r"<input[^>]*>", html)).replace("'checked'", "")
    html = page(client.get(url(case, "en")))
    assert "Record an objection, or a reply that replaces an earlier one, one at a time" in html
    every = text(client.get(url(case) + "?select=all"))
    assert every.count(" checked") == len(case.consulted_party_codes) - 1
    # The case page offers it above the board.
    case_page = text(client.get(f"/en/accession/cases/{case.reference}/"))
    assert case_page.index(url(case)) < case_page.index('id="board"')


def test_recording_from_the_page_names_states_and_day_in_words(client, cast, case):
    client.force_login(cast.office)
    done = client.post(
        url(case), {"parties": ["IT", "FR", "DE"], "received_on": received(), "reference": "NV 7"}
    )
    assert done.status_code == 302 and done["Location"] == url(case)
    html = page(client.get(url(case)))
    day = received()
    assert (
        f"Consents of France, Germany and Italy recorded, received on 1 {day:%B} {day.year}."
        in html
    )
    assert replies(case) == 3

    done = client.post(
        url(case, "fr"), {"parties": ["ES", "AT"], "received_on": received(), "reference": "NV 8"}
    )
    assert done.status_code == 302
    html = page(client.get(url(case, "fr")))
    assert "Consentements enregistrés : Autriche et Espagne, reçus le 1er " in html
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", words(html))


def test_a_refusal_on_the_page_is_a_specific_4xx_and_records_nothing(client, cast, case):
    services.consultation_reply(user=cast.france, case=case, party_code="FR", reply="objection")
    client.force_login(cast.office)
    # France has replied, so it is no longer offered: the form refuses the choice (400).
    offered = client.post(
        url(case), {"parties": ["DE", "FR"], "received_on": received(), "reference": "NV 9"}
    )
    assert offered.status_code == 400
    empty = client.post(url(case), {"received_on": received(), "reference": "NV 9"})
    assert empty.status_code == 400 and "Choose at least one Party." in page(empty)
    late = client.post(
        url(case),
        {"parties": ["DE"], "received_on": today() + timedelta(days=2), "reference": "NV 9"},
    )
    assert late.status_code == 422 and "after today" in page(late)
    assert replies(case) == 1


def test_the_page_is_for_the_treaty_office_only(client, cast, case):
    assert client.get(url(case)).status_code == 302  # sign in
    for person in (cast.france, cast.brazil, cast.argentina, cast.secretariat):
        client.force_login(person)
        assert client.get(url(case)).status_code == 404
        refused = client.post(
            url(case), {"parties": ["DE"], "received_on": received(), "reference": "NV"}
        )
        assert refused.status_code == 404
    assert replies(case) == 0


# -- the API ---------------------------------------------------------------------------------------


def post(client, case, body, headers):  # type: ignore[no-untyped-def]
    return client.post(
        f"{CASES}/{case.reference}/consultation/notes-verbales",
        body,
        content_type="application/json",
        headers=headers,
    )


def test_the_api_records_several_consents(client, cast, case, django_assert_num_queries):
    headers = bearer(cast.office)
    client.get(f"{CASES}/{case.reference}", headers=headers)  # the token's first use is written
    body = {"parties": ["FR", "DE"], "received_on": received().isoformat(), "reference": "NV 1"}
    post(client, case, {**body, "parties": ["AT"]}, headers)  # the chart of the day is cached
    # token, case (+ its consulted Parties), savepoint, the case locked, the States, its consulted
    # Parties, the current replies, the release (the chart and the registry's version are cached);
    # then per Party a reply in a savepoint (3), its event and its audit record: 9 + 5 per Party.
    with django_assert_num_queries(19):
        response = post(client, case, body, headers)
    assert response.status_code == 201, response.content
    answer = response.json()
    day = received()
    assert answer["message"] == (
        f"Consents of France and Germany recorded, received on 1 {day:%B} {day.year}."
    )
    assert [r["party"] for r in answer["recorded"]] == ["DE", "FR"]
    assert answer["recorded"][0]["received_on"] == day.isoformat()
    assert answer["recorded"][0]["reference"] == "NV 1"

    french = client.post(
        f"{CASES}/{case.reference}/consultation/notes-verbales",
        {**body, "parties": ["IT"]},
        content_type="application/json",
        headers={**headers, "Accept-Language": "fr"},
    )
    assert french.status_code == 201 and "1er" in french.json()["message"]


def test_the_api_refusals(client, cast, case):
    body = {"parties": ["FR", "DE"], "received_on": received().isoformat(), "reference": "NV 1"}
    services.consultation_reply(user=cast.france, case=case, party_code="FR", reply="consent")
    twice = post(client, case, body, bearer(cast.office))
    assert twice.status_code == 409 and "France has already replied" in twice.json()["detail"]
    unknown = post(client, case, {**body, "parties": ["XX"]}, bearer(cast.office))
    assert unknown.status_code == 422
    assert post(client, case, {**body, "parties": ["DE"]}, bearer(cast.france)).status_code == 403
    assert post(client, case, body, bearer(cast.argentina)).status_code == 404
    assert replies(case) == 1


def test_the_openapi_document_describes_the_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/accession-cases/{reference}/consultation/notes-verbales"]
    assert set(operation["post"]["responses"]) >= {"201", "403", "404", "409", "422"}
    schemas = document["components"]["schemas"]
    assert set(schemas["NotesVerbalesIn"]["properties"]) == {"parties", "received_on", "reference"}
    assert "message" in schemas["NotesVerbalesOut"]["properties"]


# -- "can't close yet", in words ------------------------------------------------------------------


def test_closing_too_early_names_the_parties_and_the_deadline_in_words(client, cast, case):
    client.force_login(cast.office)
    for language, first, deadline_words in (
        ("en", "Albania, Andorra", "has not passed"),
        ("fr", "Albanie, Allemagne, Andorre", "pas encore passée"),
    ):
        refused = client.post(f"/{language}/accession/cases/{case.reference}/consultation/close/")
        assert refused.status_code == 409
        html = page(refused)
        assert first in html
        assert not re.search(r"\(AL, AD|\bAL, AD\b", html)
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", words(html))
        with translation.override(language):
            from lanzarote.core.text import day_in_words

            assert day_in_words(case.consultation_deadline) in html
        assert deadline_words in html
