"""The accession procedure through the HTTP API only: a full accession of Brazil with personal
tokens, every answer's shape and status, then the registry's chart, profile and notifications;
and every kind of refusal (401, 403, 404, 409, 422) with its JSON body."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from tests.accession.helpers import Cast, bearer, brazil_case, letter_json, today

pytestmark = pytest.mark.django_db
CASES = "/api/v1/accession-cases"

CASE_KEYS = {
    "reference",
    "state",
    "state_name",
    "treaty",
    "status",
    "status_label",
    "public",
    "letter",
    "received_on",
    "consultation",
    "decision",
    "invited_on",
    "deposit",
    "timeline",
}
TIMELINE_KEYS = {"step", "step_label", "from", "to", "at", "by", "note"}
REPLY_KEYS = {
    "id",
    "party",
    "reply",
    "note",
    "channel",
    "supersedes",
    "received_on",
    "reference",
    "recorded_at",
    "recorded_by",
}


@pytest.fixture
def cast():  # type: ignore[no-untyped-def]
    return Cast()


def post(client: Client, url: str, body: dict | None = None, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(url, body or {}, content_type="application/json", headers=headers)


def first_day_of_month_after_three_months(deposit: date) -> date:
    month = deposit.month + 4
    return date(deposit.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def test_a_full_accession_of_brazil_through_the_api(client, cast):
    official, office, france = bearer(cast.brazil), bearer(cast.office), bearer(cast.france)

    # The request
    response = post(
        client, CASES, {"state": "BR", "treaty": "cets-201", "letter": letter_json()}, **official
    )
    assert response.status_code == 201, response.content
    case = response.json()
    assert set(case) == CASE_KEYS
    reference = case["reference"]
    assert reference.startswith(f"ACC-{today().year}-")
    assert case["status"] == "received"
    assert case["status_label"] == "Request received"
    assert case["public"] is False
    assert case["letter"] == {
        "signatory_name": "Mauro Vieira",
        "signatory_capacity": "minister_of_foreign_affairs",
        "signatory_capacity_label": "Minister of Foreign Affairs",
        "date": (today() - timedelta(days=7)).isoformat(),
        "addressee": "secretary_general",
        "has_scanned_copy": False,
    }
    assert case["consultation"] == {
        "consulted": 0,
        "consents": 0,
        "objections": 0,
        "pending": 0,
        "opened_on": None,
        "deadline": None,
        "closed_on": None,
        "replies": [],
    }
    assert case["decision"] is None and case["deposit"] is None and case["invited_on"] is None
    assert [e["step"] for e in case["timeline"]] == ["create", "file"]
    assert set(case["timeline"][1]) == TIMELINE_KEYS
    assert case["timeline"][1]["from"] == "draft" and case["timeline"][1]["to"] == "received"

    listed = client.get(CASES, headers=official)
    assert listed.status_code == 200
    assert [c["reference"] for c in listed.json()] == [reference]
    assert set(listed.json()[0]) == {
        "reference",
        "state",
        "state_name",
        "treaty",
        "status",
        "status_label",
        "public",
        "received_on",
        "consultation_deadline",
        "invited_on",
    }
    assert client.get(f"{CASES}/{reference}", headers=official).json()["status"] == "received"
    assert client.get(CASES).json() == []  # the public sees no confidential case

    # The consultation of the Parties
    deadline = (today() + timedelta(days=30)).isoformat()
    response = post(client, f"{CASES}/{reference}/consultation", {"deadline": deadline}, **office)
    assert response.status_code == 200, response.content
    consultation = response.json()["consultation"]
    assert consultation["consulted"] == 48 and consultation["pending"] == 48
    assert consultation["deadline"] == deadline and consultation["opened_on"] == today().isoformat()

    response = post(
        client,
        f"{CASES}/{reference}/consultation/replies",
        {"party": "FR", "reply": "objection", "note": "Pending an opinion."},
        **france,
    )
    assert response.status_code == 201, response.content
    first = response.json()
    assert set(first) == REPLY_KEYS
    assert (first["party"], first["reply"], first["channel"], first["supersedes"]) == (
        "FR",
        "objection",
        "delegate",
        None,
    )
    response = post(
        client,
        f"{CASES}/{reference}/consultation/replies",
        {"party": "FR", "reply": "consent", "supersedes": first["id"]},
        **france,
    )
    assert response.status_code == 201
    assert response.json()["supersedes"] == first["id"]

    # The delegate sees their own Party's reply only; the Office sees them all.
    seen = client.get(f"{CASES}/{reference}", headers=france).json()["consultation"]
    assert [r["party"] for r in seen["replies"]] == ["FR"]
    assert seen["consents"] == 1

    reminders = client.get(f"{CASES}/{reference}/consultation/reminders", headers=office)
    assert reminders.status_code == 200
    assert len(reminders.json()) == 47
    assert set(reminders.json()[0]) == {"party", "name", "delegates"}
    germany = next(r for r in reminders.json() if r["party"] == "DE")
    assert germany["delegates"] == ["party_delegate@example.org"]  # the factory's e-mail
    sent = post(client, f"{CASES}/{reference}/consultation/reminders", **office)
    assert sent.status_code == 200 and len(sent.json()["reminded"]) == 47

    parties = [
        p["party"]
        for p in client.get(f"{CASES}/{reference}/consultation/reminders", headers=office).json()
    ]
    for code in parties:
        response = post(
            client,
            f"{CASES}/{reference}/consultation/replies",
            {"party": code, "reply": "consent", "note": f"Note verbale of {code}"},
            **office,
        )
        assert response.status_code == 201
        assert response.json()["channel"] == "note_verbale"
    full = client.get(f"{CASES}/{reference}", headers=office).json()["consultation"]
    assert (full["consents"], full["objections"], full["pending"]) == (48, 0, 0)
    assert len(full["replies"]) == 48

    response = post(client, f"{CASES}/{reference}/consultation/close", **office)
    assert response.status_code == 200
    assert response.json()["status"] == "consent_obtained"
    assert response.json()["consultation"]["closed_on"] == today().isoformat()

    # The Committee of Ministers
    response = post(
        client,
        f"{CASES}/{reference}/decision",
        {
            "meeting_date": today().isoformat(),
            "meeting_reference": "CM/Del/Dec(2026)1550",
            "votes_for": 46,
            "votes_against": 0,
            "abstentions": 0,
            "contracting_states_against": [],
            "contracting_states_abstaining": [],
            "contracting_states_absent": [],
        },
        **office,
    )
    assert response.status_code == 200, response.content
    decided = response.json()
    assert decided["status"] == "decided"
    decision = decided["decision"]
    assert decision["adopted"] is True
    assert decision["entitled_to_sit"] == 46
    assert "RU" not in decision["contracting_states_entitled"]
    assert set(decision) == {
        "meeting_date",
        "meeting_reference",
        "votes_for",
        "votes_against",
        "abstentions",
        "entitled_to_sit",
        "contracting_states_entitled",
        "contracting_states_for",
        "representative_votes",
        "adopted",
        "explanation",
    }

    # The invitation makes the case public.
    response = post(client, f"{CASES}/{reference}/invitation", **office)
    assert response.status_code == 200
    assert response.json()["status"] == "invited" and response.json()["public"] is True
    assert response.json()["invited_on"] == today().isoformat()
    public = Client().get(f"{CASES}/{reference}")
    assert public.status_code == 200
    assert public.json()["consultation"]["replies"] == []  # who replied what stays internal
    assert all(e["step"] not in ("reply", "remind") for e in public.json()["timeline"])
    assert [c["reference"] for c in Client().get(CASES).json()] == [reference]

    # The deposit, written to the registry
    response = post(client, f"{CASES}/{reference}/deposit", {"date": today().isoformat()}, **office)
    assert response.status_code == 200, response.content
    deposited = response.json()
    assert deposited["status"] == "deposited"
    entry = first_day_of_month_after_three_months(today())
    assert deposited["deposit"]["date"] == today().isoformat()
    assert deposited["deposit"]["entry_into_force"] == entry.isoformat()
    steps = [
        e["step"] for e in client.get(f"{CASES}/{reference}", headers=office).json()["timeline"]
    ]
    assert steps[:3] == ["create", "file", "open_consultation"]
    assert steps[-4:] == [
        "close_consultation",
        "record_decision",
        "issue_invitation",
        "record_deposit",
    ]

    # The registry: consented now, a Party from the entry into force
    chart = client.get("/api/v1/treaties/cets-201/chart").json()
    brazil = next(row for row in chart["rows"] if row["state"] == "BR")
    assert brazil["status"] == "consented"
    assert brazil["consent"]["instrument"] == "accession"
    later = client.get("/api/v1/treaties/cets-201/chart", {"as_of": entry.isoformat()}).json()
    brazil = next(row for row in later["rows"] if row["state"] == "BR")
    assert brazil["status"] == "party"
    assert brazil["entry_into_force"]["date"] == entry.isoformat()
    assert later["totals"]["parties"] == 49

    profile = client.get("/api/v1/states/BR").json()
    events = profile["treaties"]["cets-201"]["events"]
    accession = next(e for e in events if e["kind"] == "accession")
    assert accession["id"] == deposited["deposit"]["registry_event"]
    assert accession["date"]["date"] == today().isoformat()
    assert reference in accession["text"]

    # The depositary notification of the deposit
    notices = client.get("/api/v1/notifications", {"state": "BR"})
    assert notices.status_code == 200
    items = notices.json()["items"]
    assert [n["kind"] for n in items] == ["deposit"]
    assert items[0]["event"] == accession["id"]
    assert items[0]["entry_into_force"] == entry.isoformat()


def test_unauthenticated_requests_get_401_with_a_clear_detail(client, cast):
    response = post(client, CASES, {"state": "BR", "letter": letter_json()})
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")
    bad = post(
        client, CASES, {"state": "BR", "letter": letter_json()}, Authorization="Bearer lz_nope"
    )
    assert bad.status_code == 401
    assert "not valid" in bad.json()["detail"]
    case = brazil_case(cast)
    # Reading a confidential case without credentials is no longer 401 (which told an outsider
    # the reference exists): it is the 404 of a reference never issued (see below).
    hidden = client.get(f"{CASES}/{case.reference}")
    assert hidden.status_code == 404
    assert hidden.json() == {"detail": f"No accession case {case.reference} is available to you."}
    assert (
        client.get(
            f"{CASES}/{case.reference}", headers={"Authorization": "Bearer lz_x"}
        ).status_code
        == 401
    )
    assert client.get(f"{CASES}/draft-letter", {"state": "BR"}).status_code == 401


def test_the_session_works_and_needs_the_csrf_token_for_writes(cast):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.brazil)
    assert browser.get(CASES).status_code == 200
    refused = post(browser, CASES, {"state": "BR", "letter": letter_json()})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]


def test_forbidden_answers_403_naming_the_rule(client, cast):
    argentina = bearer(cast.argentina)
    response = post(client, CASES, {"state": "BR", "letter": letter_json()}, **argentina)
    assert response.status_code == 403
    assert "requesting State" in response.json()["detail"]
    case = brazil_case(cast)
    # Argentina's official may not see Brazil's case: 404, as if it did not exist (was 403).
    hidden = client.get(f"{CASES}/{case.reference}", headers=argentina)
    assert hidden.status_code == 404
    # Brazil's official sees the case, so a step they may not take is a 403 naming the rule.
    opened = post(
        client,
        f"{CASES}/{case.reference}/consultation",
        {"deadline": (today() + timedelta(days=9)).isoformat()},
        **bearer(cast.brazil),
    )
    assert opened.status_code == 403
    assert opened.json()["detail"] == "Only the Treaty Office moves an accession case forward."
    draft = client.get(f"{CASES}/draft-letter", {"state": "BR"}, headers=argentina)
    assert draft.status_code == 403


def test_unknown_case_is_404(client, cast):
    response = client.get(f"{CASES}/ACC-1999-999", headers=bearer(cast.office))
    assert response.status_code == 404
    assert response.json()["detail"] == "No accession case ACC-1999-999 is available to you."
    assert (
        post(client, f"{CASES}/ACC-1999-999/invitation", **bearer(cast.office)).status_code == 404
    )


def _outsiders(cast: Cast) -> dict[str, dict[str, str]]:
    return {
        "anonymous": {},
        "argentina": bearer(cast.argentina),
        "germany": bearer(cast.germany),
        "observer": bearer(cast.observer),
        "secretariat": bearer(cast.secretariat),
    }


def test_enumerating_references_yields_only_404s(client, cast):
    """Issue 10: a confidential case answered 401/403 where a missing one answered 404. Now an
    outsider gets the very same answer for a case that exists and for one that does not."""
    case = brazil_case(cast)
    issued = case.reference
    never = f"ACC-{today().year}-{int(issued.rsplit('-', 1)[1]) + 1:03d}"
    for who, headers in _outsiders(cast).items():
        for method, suffix, body in (
            ("get", "", None),
            ("post", "/consultation", {"deadline": (today() + timedelta(days=9)).isoformat()}),
            ("post", "/withdraw", {"note": ""}),
            ("get", "/consultation/reminders", None),
        ):
            answers = []
            for reference in (issued, never):
                url = f"{CASES}/{reference}{suffix}"
                response = (
                    client.get(url, headers=headers)
                    if method == "get"
                    else post(client, url, body, **headers)
                )
                content = response.content.replace(reference.encode(), b"REF")
                answers.append((response.status_code, content))
            assert answers[0] == answers[1], (who, suffix, answers)
            assert answers[0][0] in (404, 401), (who, suffix, answers)
            # 401 only where credentials are needed whatever the reference (a write, anonymous).
            assert answers[0][0] == 404 or who == "anonymous", (who, suffix)
    for malformed in ("1", "x" * 5000):
        response = client.get(f"{CASES}/{malformed}", headers=bearer(cast.office))
        assert response.status_code == 404, malformed
        assert response.json() == {"detail": "No accession case has this reference."}
    # A NUL byte is refused at the edge (400) before any route is looked at, whether a case
    # with the rest of the reference exists or not: nothing is learnt either way.
    for with_nul in ("ACC-2026-1%00", "ACC-2026-001\x00"):
        response = client.get(f"{CASES}/{with_nul}", headers=bearer(cast.office))
        assert response.status_code == 400, with_nul
        assert "NUL" in response.json()["detail"]


def test_a_second_reply_and_a_step_out_of_order_are_409(client, cast):
    case = brazil_case(cast)
    office = bearer(cast.office)
    early = post(client, f"{CASES}/{case.reference}/invitation", **office)
    assert early.status_code == 409
    assert early.json()["article"] == "Art. 46(1)"
    assert "decision of the Committee of Ministers" in early.json()["detail"]
    reply = post(
        client,
        f"{CASES}/{case.reference}/consultation/replies",
        {"party": "FR", "reply": "consent"},
        **office,
    )
    assert reply.status_code == 409  # the consultation is not open
    post(
        client,
        f"{CASES}/{case.reference}/consultation",
        {"deadline": (today() + timedelta(days=9)).isoformat()},
        **office,
    )
    france = bearer(cast.france)
    url = f"{CASES}/{case.reference}/consultation/replies"
    assert post(client, url, {"party": "FR", "reply": "consent"}, **france).status_code == 201
    second = post(client, url, {"party": "FR", "reply": "objection"}, **france)
    assert second.status_code == 409
    assert "must expressly supersede" in second.json()["detail"]
    closed = post(client, f"{CASES}/{case.reference}/consultation/close", **office)
    assert closed.status_code == 409
    assert closed.json()["article"] == "Art. 46(1)"
    again = post(client, CASES, {"state": "BR", "letter": letter_json()}, **bearer(cast.brazil))
    assert again.status_code == 409  # one open case per State


@pytest.mark.parametrize(
    ("letter", "words", "article"),
    [
        ({"date": "2026-02-30"}, "letter.date", None),
        ({"date": "yesterday"}, "letter.date", None),
        (
            {"signatory_capacity": "ambassador_at_large"},
            "Minister of Foreign Affairs",
            "Art. 46(1)",
        ),
        ({"addressee": "committee_of_ministers"}, "Secretary General", "Art. 46(1)"),
        ({"signatory_name": " "}, "signatory", "Art. 46(1)"),
    ],
)
def test_bad_input_is_422(client, cast, letter, words, article):
    response = post(
        client, CASES, {"state": "BR", "letter": letter_json(**letter)}, **bearer(cast.brazil)
    )
    assert response.status_code == 422, response.content
    assert words in response.json()["detail"]
    assert response.json().get("article") == article


def test_other_422s(client, cast):
    office = bearer(cast.office)
    member = post(client, CASES, {"state": "FR", "letter": letter_json()}, **office)
    assert member.status_code == 422 and member.json()["article"] == "Art. 45(1)"
    case = brazil_case(cast)
    past = post(
        client,
        f"{CASES}/{case.reference}/consultation",
        {"deadline": today().isoformat()},
        **office,
    )
    assert past.status_code == 422
    assert past.json()["field"] == "deadline"
    missing = post(client, f"{CASES}/{case.reference}/consultation", {}, **office)
    assert missing.status_code == 422
    draft = client.get(f"{CASES}/draft-letter", {"state": "BR", "format": "odt"}, headers=office)
    assert draft.status_code == 422 and draft.json()["field"] == "format"


def test_withdrawal_by_the_state(client, cast):
    case = brazil_case(cast)
    response = post(
        client, f"{CASES}/{case.reference}/withdraw", {"note": "Not now."}, **bearer(cast.brazil)
    )
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["timeline"][-1]["note"] == "Not now."


def test_decision_per_representative(client, cast):
    case = brazil_case(cast, "consent_obtained")
    members = [
        row["code"]
        for row in client.get("/api/v1/states", {"council_of_europe_member": "true"}).json()
    ]
    votes = dict.fromkeys(members, "for")
    response = post(
        client,
        f"{CASES}/{case.reference}/decision",
        {"meeting_date": today().isoformat(), "representative_votes": votes},
        **bearer(cast.office),
    )
    assert response.status_code == 200, response.content
    assert response.json()["decision"]["adopted"] is True
    assert response.json()["decision"]["representative_votes"] == votes


@pytest.mark.parametrize(("file_format", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_draft_letter(client, cast, file_format, magic):
    response = client.get(
        f"{CASES}/draft-letter",
        {
            "state": "BR",
            "language": "fr",
            "format": file_format,
            "signatory_name": "Mauro Vieira",
            "signatory_capacity": "minister_of_foreign_affairs",
            "date": today().isoformat(),
        },
        headers=bearer(cast.brazil),
    )
    assert response.status_code == 200, response.content[:300]
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == (
        f'attachment; filename="lanzarote-accession-request-BR-fr.{file_format}"'
    )


def test_the_openapi_document_describes_the_accession_endpoints(client):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/v1/accession-cases",
        "/api/v1/accession-cases/draft-letter",
        "/api/v1/accession-cases/{reference}",
        "/api/v1/accession-cases/{reference}/consultation",
        "/api/v1/accession-cases/{reference}/consultation/replies",
        "/api/v1/accession-cases/{reference}/consultation/close",
        "/api/v1/accession-cases/{reference}/consultation/reminders",
        "/api/v1/accession-cases/{reference}/decision",
        "/api/v1/accession-cases/{reference}/invitation",
        "/api/v1/accession-cases/{reference}/deposit",
        "/api/v1/accession-cases/{reference}/withdraw",
    ):
        assert path in paths, path
    schemas = document["components"]["schemas"]
    for name in (
        "CaseOut",
        "CaseCreateIn",
        "LetterIn",
        "ConsultationReplyIn",
        "ConsultationReplyOut",
        "MinistersDecisionIn",
        "ErrorOut",
    ):
        assert name in schemas, name
    assert "from" in schemas["TimelineEventOut"]["properties"]
    assert schemas["LetterIn"]["properties"]["signatory_capacity"]["enum"] == [
        "minister_of_foreign_affairs",
        "diplomatic_representative",
    ]
    create = paths["/api/v1/accession-cases"]["post"]
    assert set(create["responses"]) >= {"201", "401", "403", "409", "422"}
    assert {"BearerToken": []} in create["security"]
    read = paths["/api/v1/accession-cases/{reference}"]["get"]
    assert {} in read["security"]  # readable without credentials once public
    assert document["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_a_public_case_is_readable_by_anyone(client, cast):
    case = brazil_case(cast, "invited")
    response = client.get(f"{CASES}/{case.reference}")
    assert response.status_code == 200
    assert response.json()["status"] == "invited"
    observer = client.get(f"{CASES}/{case.reference}", headers=bearer(cast.observer))
    assert observer.status_code == 200


def test_delegate_of_a_party_cannot_reply_for_another(client, cast):
    case = brazil_case(cast, "consultation")
    response = post(
        client,
        f"{CASES}/{case.reference}/consultation/replies",
        {"party": "DE", "reply": "consent"},
        **bearer(cast.france),
    )
    assert response.status_code == 403
    assert "delegate" in response.json()["detail"]


# -- the command line: the daily run -------------------------------------------------------------


def test_the_daily_run_records_the_entry_into_force(cast, capsys):
    import json

    from django.core.management import call_command

    case = brazil_case(cast, "deposited")
    entry = first_day_of_month_after_three_months(today())
    call_command("accession", "sync", "--today", (entry - timedelta(days=1)).isoformat())
    assert "1 deposited case(s) checked" in capsys.readouterr().out
    case.refresh_from_db()
    assert case.status == "deposited"
    call_command("accession", "sync", "--today", entry.isoformat(), "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["cases"] == [
        {"reference": case.reference, "state": "BR", "entered_into_force": True}
    ]
    case.refresh_from_db()
    assert case.status == "in_force"
    call_command("accession", "sync", "--today", entry.isoformat())
    assert "0 deposited case(s) checked" in capsys.readouterr().out


def test_the_daily_run_refuses_a_bad_date(capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit) as exit_:
        call_command("accession", "sync", "--today", "2026-02-30")
    assert exit_.value.code == 2
    assert "--today must be a date" in capsys.readouterr().err


def test_the_case_and_list_queries_do_not_grow(client, cast, django_assert_num_queries):
    from lanzarote.accession import services

    case = brazil_case(cast, "consultation")
    headers = bearer(cast.office)
    client.get(f"{CASES}/{case.reference}", headers=headers)  # the token's first use is written
    # token, case (+ consulted Parties), replies, decision, timeline
    with django_assert_num_queries(6):
        client.get(f"{CASES}/{case.reference}", headers=headers)
    for code in sorted(case.consulted_party_codes)[:25]:
        services.consultation_reply(user=cast.office, case=case, party_code=code, reply="consent")
    with django_assert_num_queries(6):
        assert (
            len(
                client.get(f"{CASES}/{case.reference}", headers=headers).json()["consultation"][
                    "replies"
                ]
            )
            == 25
        )
    with django_assert_num_queries(3):  # token, cases, their consulted Parties
        client.get(CASES, headers=headers)
