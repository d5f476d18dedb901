"""The accession pages and the registry desk: each page for the right role (anonymous people are
sent to sign in, others refused with 403), forms that succeed, forms that fail with the service's
sentence and article and leave the database unchanged, and pinned query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lanzarote.accession.models import AccessionCase, CaseEvent, ConsultationReply
from lanzarote.registry.models import TreatyEvent
from tests.accession.helpers import Cast, brazil_case, today
from tests.web.helpers import squash, structure_problems, text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def cast():  # type: ignore[no-untyped-def]
    return Cast()


def page(response) -> str:  # type: ignore[no-untyped-def]
    return squash(text(response))


def signed_in(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


def case_url(case: AccessionCase, action: str = "") -> str:
    return f"/en/accession/cases/{case.reference}/{action}"


def letter_form(**changes):  # type: ignore[no-untyped-def]
    data = {
        "signatory_name": "Mauro Vieira",
        "signatory_capacity": "minister_of_foreign_affairs",
        "date": (today() - timedelta(days=3)).isoformat(),
        "addressee": "secretary_general",
        "letter_file": SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
    }
    data.update(changes)
    return data


# -- who sees which page ---------------------------------------------------------------------------

ROLE_PAGES = [
    ("/en/accession/my-state/", "brazil"),
    ("/en/accession/consultations/", "france"),
    ("/en/accession/desk/", "office"),
    ("/en/desk/registry/", "office"),
    ("/en/desk/registry/states/TN/", "office"),
]


@pytest.mark.parametrize(("url", "role"), ROLE_PAGES)
def test_each_page_is_for_its_role(client, cast, url, role):
    assert client.get(url).status_code == 302
    assert client.get(url)["Location"].startswith("/en/accounts/login/?next=")
    owner = getattr(cast, role)
    response = signed_in(client, owner).get(url)
    assert response.status_code == 200
    assert structure_problems(text(response)) == []
    for other in ("office", "brazil", "france", "secretariat", "observer"):
        if other == role:
            continue
        refused = signed_in(client, getattr(cast, other)).get(url)
        assert refused.status_code == 403, (url, other)
        assert "not available with your role" in page(refused)


def test_the_navigation_shows_each_role_its_desk(client, cast):
    assert "My State" not in page(client.get("/en/"))
    assert "My State" in page(signed_in(client, cast.brazil).get("/en/"))
    assert "Consultations" in page(signed_in(client, cast.france).get("/en/"))
    home = page(signed_in(client, cast.office).get("/en/"))
    assert "Treaty Office desk" in home and "My State" not in home
    assert "Treaty Office desk" not in page(signed_in(client, cast.observer).get("/en/"))


def test_a_confidential_case_page(client, cast):
    case = brazil_case(cast)
    # Outsiders are told the case does not exist (was: sign-in redirect, then 403), and people
    # not signed in are offered the sign-in page from there.
    anonymous = client.get(case_url(case))
    assert anonymous.status_code == 404
    assert "/en/accounts/login/?next=" in page(anonymous)
    assert signed_in(client, cast.argentina).get(case_url(case)).status_code == 404
    assert (
        signed_in(client, cast.france).get(case_url(case)).status_code == 404
    )  # not consulted yet
    official = page(signed_in(client, cast.brazil).get(case_url(case)))
    assert "Request of Brazil to be invited to accede" in official
    assert "Request received" in official
    assert "Withdraw the request" in official
    assert "Open the consultation" not in official  # the Treaty Office's step
    office = page(signed_in(client, cast.office).get(case_url(case)))
    assert "Open the consultation" in office
    assert client.get("/en/accession/cases/ACC-1999-001/").status_code == 404


def test_a_public_case_page_and_list(client, cast):
    case = brazil_case(cast, "invited")
    response = client.get(case_url(case))
    assert response.status_code == 200
    html = page(response)
    assert "Invited to accede" in html
    assert "Withdraw" not in html and "Record the deposit" not in html
    assert "Invitation to accede issued" in html  # the timeline
    listing = page(client.get("/en/accession/"))
    assert case.reference in listing
    hidden = brazil_case_for(cast, "AR")
    assert hidden.reference not in page(client.get("/en/accession/"))


def brazil_case_for(cast: Cast, code: str) -> AccessionCase:
    from lanzarote.accession import services
    from tests.accession.helpers import letter

    return services.accession_request_file(user=cast.office, state_code=code, letter=letter())


# -- the requesting State ------------------------------------------------------------------------


def test_the_state_view(client, cast):
    html = page(signed_in(client, cast.brazil).get("/en/accession/my-state/"))
    assert "Brazil and the Lanzarote Convention" in html
    assert "Accession on invitation" in html
    assert "Art. 46(1)" in html
    assert 'enctype="multipart/form-data"' in html
    assert "Draft the request letter" in html and "File the request" in html


def test_a_member_state_is_shown_its_route_and_no_request_forms(client):
    from lanzarote.accounts.models import Role
    from tests.accounts.factories import person

    french = person(Role.STATE_OFFICIAL, username="fr-official", state="FR")
    html = page(signed_in(client, french).get("/en/accession/my-state/"))
    assert "does not join by accession" in html
    assert "File the request" not in html


MY_STATE_SAYS = {
    "received": "has been received by the Secretary General",
    "consultation": "The Parties are being consulted on your State's request",
    "consent_obtained": "The Committee of Ministers will now decide whether to invite",
    "objection": "Your State may file a new request later.",
    "decided": "The Committee of Ministers decided to invite your State to accede",
    "invited": "Your State has been invited to accede",
    "deposited": "Your State has joined the Convention by accession",
    "withdrawn": "It may file a new request at any time.",
}


@pytest.mark.parametrize("phase", sorted(MY_STATE_SAYS))
def test_my_state_says_where_the_request_stands_at_every_status(client, cast, phase):
    case = brazil_case(cast, phase)
    html = page(signed_in(client, cast.brazil).get("/en/accession/my-state/"))
    assert MY_STATE_SAYS[phase] in html
    assert case.reference in html
    # Brazil joins by accession whatever the registry's route says after the deposit.
    assert "does not join by accession" not in html
    others = [words for key, words in MY_STATE_SAYS.items() if key != phase]
    assert not [words for words in others if words in html]


def test_my_state_before_any_request_invites_the_state_to_draft_it(client, cast):
    html = page(signed_in(client, cast.brazil).get("/en/accession/my-state/"))
    assert "Your State has not filed a request yet" in html
    assert "does not join by accession" not in html


def test_my_state_in_french_after_the_deposit(client, cast):
    brazil_case(cast, "deposited")
    html = page(signed_in(client, cast.brazil).get("/fr/accession/my-state/"))
    assert "a adhéré à la Convention" in html
    assert "Your State" not in html


@pytest.mark.parametrize(("file_format", "magic"), [("docx", b"PK"), ("pdf", b"%PDF")])
def test_drafting_the_letter(client, cast, file_format, magic):
    response = signed_in(client, cast.brazil).get(
        "/en/accession/my-state/draft-letter/",
        {
            "signatory_name": "Mauro Vieira",
            "signatory_capacity": "diplomatic_representative",
            "date": today().isoformat(),
            "language": "en",
            "format": file_format,
        },
    )
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].endswith(f'BR-en.{file_format}"')


def test_drafting_with_a_bad_date_shows_the_form_again(client, cast):
    response = signed_in(client, cast.brazil).get(
        "/en/accession/my-state/draft-letter/",
        {
            "signatory_capacity": "minister_of_foreign_affairs",
            "date": "2026-02-30",
            "language": "en",
            "format": "pdf",
        },
    )
    assert response.status_code == 400
    assert "Enter a real date" in page(response)


def test_filing_the_request(client, cast, django_capture_on_commit_callbacks):
    # The letter is written once the filing commits (the test's own transaction never does).
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, cast.brazil).post(
            "/en/accession/my-state/file/", letter_form()
        )
    case = AccessionCase.objects.get(state_id="BR")
    assert response.status_code == 302
    assert response["Location"] == case_url(case)
    assert case.status == "received"
    assert case.letter_file.name.endswith(".pdf")
    html = page(client.get(case_url(case)))
    assert f"filed with the Secretary General as case {case.reference}" in html
    download = client.get(case_url(case, "letter.pdf"))
    assert download.status_code == 200 and download.content == PDF
    assert signed_in(client, cast.france).get(case_url(case, "letter.pdf")).status_code == 404


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        (
            {"date": (today() + timedelta(days=2)).isoformat()},
            422,
            "cannot be dated in the future",
        ),
        ({"letter_file": SimpleUploadedFile("letter.pdf", b"hello")}, 422, "not a PDF document"),
        ({"signatory_capacity": "ambassador"}, 400, "Select a valid choice"),
        ({"letter_file": ""}, 400, "This field is required"),
    ],
)
def test_filing_fails_with_the_reason_and_records_nothing(client, cast, changes, status, words):
    response = signed_in(client, cast.brazil).post(
        "/en/accession/my-state/file/", letter_form(**changes)
    )
    assert response.status_code == status
    html = page(response)
    assert words in html
    if status == 422:
        assert "Not recorded" in html and "Nothing was changed." in html
        if "future" in words:
            assert "(Art. 46(1))" in html
    assert not AccessionCase.objects.exists()


def test_a_second_request_is_refused_while_one_is_open(client, cast):
    brazil_case(cast)
    response = signed_in(client, cast.brazil).post("/en/accession/my-state/file/", letter_form())
    assert response.status_code == 409
    assert "already has an open accession case" in page(response)
    assert AccessionCase.objects.count() == 1


def test_the_state_withdraws(client, cast):
    case = brazil_case(cast)
    response = signed_in(client, cast.brazil).post(
        case_url(case, "withdraw/"), {"note": "Not now."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "withdrawn"
    again = client.post(case_url(case, "withdraw/"), {"note": "Again."})
    assert again.status_code == 409
    assert "a request that is still open" in page(again) and "(Art. 46(1))" in page(again)


# -- the delegates ---------------------------------------------------------------------------------


def test_the_inbox_and_the_reply(client, cast):
    case = brazil_case(cast, "consultation")
    client = signed_in(client, cast.france)
    html = page(client.get("/en/accession/consultations/"))
    assert "Request of Brazil to be invited to accede" in html
    assert case.consultation_deadline.strftime("%Y-%m-%d") in html
    assert "not given yet" in html and "Send our reply" in html
    prefix = case.reference
    response = client.post(
        case_url(case, "consultation/reply/"),
        {"origin": "inbox", f"{prefix}-reply": "objection", f"{prefix}-note": "Questions first."},
    )
    assert response.status_code == 302 and response["Location"] == "/en/accession/consultations/"
    first = ConsultationReply.objects.get(case=case, party_id="FR")
    assert (first.reply, first.channel) == ("objection", "delegate")
    html = page(client.get("/en/accession/consultations/"))
    assert "Change our reply" in html
    assert f'name="{prefix}-supersedes" value="{first.pk}"' in html

    # A reply sent without naming the first is refused, with the reason; nothing is recorded.
    stale = client.post(
        case_url(case, "consultation/reply/"), {"origin": "inbox", f"{prefix}-reply": "consent"}
    )
    assert stale.status_code == 409
    assert "must expressly supersede it" in page(stale)
    assert ConsultationReply.objects.filter(case=case).count() == 1

    changed = client.post(
        case_url(case, "consultation/reply/"),
        {"origin": "inbox", f"{prefix}-reply": "consent", f"{prefix}-supersedes": first.pk},
    )
    assert changed.status_code == 302
    current = ConsultationReply.objects.get(case=case, party_id="FR", superseded_by__isnull=True)
    assert current.reply == "consent" and current.supersedes == first


def test_the_delegate_replies_from_the_case_page(client, cast):
    case = brazil_case(cast, "consultation")
    client = signed_in(client, cast.germany)
    html = page(client.get(case_url(case)))
    assert "Reply for your Party" in html
    assert "Consultation board" not in html  # the other Parties' replies are not shown
    response = client.post(case_url(case, "consultation/reply/"), {"reply": "consent"})
    assert response.status_code == 302
    assert "Your Party’s current reply" in page(
        client.get(case_url(case))
    ) or "current reply" in page(client.get(case_url(case)))


# -- the Treaty Office's desk ----------------------------------------------------------------------


def test_the_desk_lists_and_filters(client, cast):
    received = brazil_case(cast)
    other = brazil_case_for(cast, "AR")
    client = signed_in(client, cast.office)
    html = page(client.get("/en/accession/desk/"))
    assert received.reference in html and other.reference in html
    assert "2 accession cases" in html
    only = page(client.get("/en/accession/desk/", {"status": "withdrawn"}))
    assert "No case with this status." in only
    assert client.get("/en/accession/desk/", {"status": "nonsense"}).status_code == 400


def test_the_consultation_board(client, cast):
    case = brazil_case(cast, "consultation")
    from lanzarote.accession import services

    services.consultation_reply(
        user=cast.france, case=case, party_code="FR", reply="consent", note="Agreed."
    )
    services.consultation_reply(
        user=cast.office, case=case, party_code="AZ", reply="objection", note="NV 12/2026"
    )
    html = page(signed_in(client, cast.office).get(case_url(case)))
    assert "Consultation board" in html
    assert "48 Parties consulted: 1 consents, 1 objections, 46 without a reply." in html
    assert html.count("board__row--pending") == 46
    assert (
        "Given by the Party&#x27;s delegate" in html
        and "Note verbale recorded by the Treaty Office" in html
    )
    assert "Agreed." in html and "NV 12/2026" in html
    assert "Download the reminder list (CSV)" in html and "Send reminders" in html

    csv_response = client.get(case_url(case, "consultation/reminders.csv"))
    assert csv_response.status_code == 200
    lines = csv_response.content.decode().strip().splitlines()
    assert lines[0] == "party,name,delegates" and len(lines) == 47
    assert any(line.startswith("DE,Germany,") for line in lines)
    assert (
        signed_in(client, cast.brazil).get(case_url(case, "consultation/reminders.csv")).status_code
        == 403
    )

    client = signed_in(client, cast.office)
    sent = client.post(case_url(case, "consultation/reminders/"))
    assert sent.status_code == 302
    html = page(client.get(case_url(case)))
    # Of the 46 Parties without a reply only Germany has a delegate account: one e-mail left.
    assert "1 reminder e-mailed to the delegates of 1 Party." in html
    assert "45 Parties have no delegate account; send them a note verbale instead: Albania," in html
    assert "Reminders sent to the delegates of" not in html
    assert CaseEvent.objects.filter(case=case, step="remind").count() == 1


def test_a_reminder_says_what_left_and_who_needs_a_note_verbale(
    client, cast, django_capture_on_commit_callbacks, mailoutbox
):
    from lanzarote.accession import services

    case = brazil_case(cast, "consultation")
    services.consultation_reply(user=cast.office, case=case, party_code="FR", reply="consent")
    services.consultation_reply(user=cast.office, case=case, party_code="DE", reply="consent")
    client = signed_in(client, cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(case_url(case, "consultation/reminders/")).status_code == 302
    html = page(client.get(case_url(case)))
    # No Party left without a reply has a delegate account: nothing was e-mailed.
    assert mailoutbox == []
    assert "No reminder was e-mailed." in html
    assert "46 Parties have no delegate account; send them a note verbale instead:" in html
    assert "Albania, Andorra, Armenia, Austria, Azerbaijan, Belgium" in html
    assert ", AL," not in html and "Reminders sent to the delegates" not in html
    event = CaseEvent.objects.get(case=case, step="remind")
    assert len(event.payload["without_delegates"]) == 46


def test_the_office_takes_the_case_from_consultation_to_deposit(client, cast):
    case = brazil_case(cast)
    client = signed_in(client, cast.office)

    # A deadline that has passed is refused, with nothing recorded.
    refused = client.post(case_url(case, "consultation/open/"), {"deadline": today().isoformat()})
    assert refused.status_code == 422
    assert "must be after today" in page(refused)
    assert CaseEvent.objects.filter(case=case).count() == 2
    opened = client.post(
        case_url(case, "consultation/open/"),
        {"deadline": (today() + timedelta(days=30)).isoformat()},
    )
    assert opened.status_code == 302 and opened["Location"].endswith("#consultation")
    case.refresh_from_db()
    assert case.status == "consultation"

    # Closing before every Party has replied and before the deadline is refused.
    early = client.post(case_url(case, "consultation/close/"))
    assert early.status_code == 409
    assert "48 consulted Parties have not replied" in page(early) and "(Art. 46(1))" in page(early)

    # Replies received by note verbale.
    for code in sorted(case.consulted_party_codes):
        response = client.post(
            case_url(case, "consultation/note-verbale/"),
            {"party": code, "reply": "consent", "note": f"NV {code}"},
        )
        assert response.status_code == 302
    twice = client.post(
        case_url(case, "consultation/note-verbale/"), {"party": "FR", "reply": "objection"}
    )
    assert twice.status_code == 409 and "already replied" in page(twice)
    replaced = client.post(
        case_url(case, "consultation/note-verbale/"),
        {"party": "FR", "reply": "consent", "replaces": "on"},
    )
    assert replaced.status_code == 302
    assert client.post(case_url(case, "consultation/close/")).status_code == 302
    case.refresh_from_db()
    assert case.status == "consent_obtained"

    # The decision: a meeting in the future is refused; then the totals are recorded.
    html = page(client.get(case_url(case)))
    assert "Record the decision of the Committee of Ministers" in html
    assert "Or record the vote of each representative" in html
    future = client.post(
        case_url(case, "decision/"),
        {
            "mode": "totals",
            "meeting_date": (today() + timedelta(days=1)).isoformat(),
            "votes_for": 46,
            "votes_against": 0,
            "abstentions": 0,
        },
    )
    assert future.status_code == 422 and "cannot be in the future" in page(future)
    decided = client.post(
        case_url(case, "decision/"),
        {
            "mode": "totals",
            "meeting_date": today().isoformat(),
            "meeting_reference": "CM/Del/Dec(2026)1550",
            "votes_for": 46,
            "votes_against": 0,
            "abstentions": 0,
        },
    )
    assert decided.status_code == 302
    case.refresh_from_db()
    assert case.status == "decided"

    # The invitation, then its letter in both languages and formats.
    assert client.post(case_url(case, "invitation/")).status_code == 302
    html = page(client.get(case_url(case)))
    assert "The invitation to accede is issued; the case is now public." in html
    letter = client.get(case_url(case, "invitation-letter/"), {"language": "fr", "format": "pdf"})
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    docx = client.get(case_url(case, "invitation-letter/"), {"language": "en", "format": "docx"})
    assert docx.status_code == 200 and docx.content.startswith(b"PK")

    # The deposit: before the invitation is refused; then recorded, with its entry into force.
    before = client.post(
        case_url(case, "deposit/"), {"date": (today() - timedelta(days=1)).isoformat()}
    )
    assert before.status_code == 422 and "cannot precede the invitation" in page(before)
    assert not TreatyEvent.objects.filter(state_id="BR", kind="accession").exists()
    done = client.post(case_url(case, "deposit/"), {"date": today().isoformat()})
    assert done.status_code == 302 and done["Location"].endswith("#deposit")
    html = page(client.get(case_url(case)))
    assert "Instrument of accession deposited" in html
    assert "The Convention enters into force for it on" in html
    assert 'href="/en/states/BR/"' in html
    assert "/en/treaties/cets-201/chart/?as_of=" in html
    assert TreatyEvent.objects.filter(state_id="BR", kind="accession").count() == 1


def test_a_decision_per_representative(client, cast):
    case = brazil_case(cast, "consent_obtained")
    client = signed_in(client, cast.office)
    html = page(client.get(case_url(case)))
    assert 'name="vote_FR"' in html and 'name="vote_RU"' not in html
    from lanzarote.accession.services import contracting_states_entitled_to_sit

    members, _contracting = contracting_states_entitled_to_sit(case.treaty, today())
    votes = {f"vote_{code}": "for" for code in members}
    votes["vote_MC"] = "abstain"
    response = client.post(
        case_url(case, "decision/"), {"mode": "votes", "meeting_date": today().isoformat(), **votes}
    )
    assert response.status_code == 302
    assert "it was not adopted" in page(client.get(case_url(case)))
    case.refresh_from_db()
    assert case.decision.abstentions == 1
    assert not case.decision.adopted


def test_steps_refused_to_other_roles_on_the_pages(client, cast):
    case = brazil_case(cast)
    response = signed_in(client, cast.brazil).post(
        case_url(case, "consultation/open/"),
        {"deadline": (today() + timedelta(days=5)).isoformat()},
    )
    assert response.status_code == 403
    assert "Only the Treaty Office moves an accession case forward." in page(response)
    assert client.post(case_url(case, "invitation/")).status_code == 403
    # Argentina's official may not see the case at all: 404 (was 403).
    assert signed_in(client, cast.argentina).post(case_url(case, "withdraw/")).status_code == 404
    anonymous = client.__class__()
    assert anonymous.post(case_url(case, "withdraw/")).status_code == 302
    case.refresh_from_db()
    assert case.status == "received"


# -- the registry desk -----------------------------------------------------------------------------


def event_form(**changes):  # type: ignore[no-untyped-def]
    data = {
        "treaty": "cets-201",
        "state": "JP",
        "kind": "signature",
        "legal_date": today().isoformat(),
        "instrument": "",
        "provisions": "",
        "text_en": "Signed the Convention.",
        "text_fr": "Signature de la Convention.",
        "source_url": "https://www.coe.int/en/web/conventions/",
        "source_note": "Treaty Office",
        "confirmed": "on",
    }
    data.update(changes)
    return data


def test_the_registry_desk_records_an_act(client, cast):
    client = signed_in(client, cast.office)
    response = client.post("/en/desk/registry/record/", event_form())
    event = TreatyEvent.objects.get(state_id="JP", kind="signature")
    assert response.status_code == 302
    assert response["Location"] == f"/en/desk/registry/states/JP/?treaty=cets-201#event-{event.pk}"
    assert event.confirmed and event.recorded_by == cast.office
    # Sources are stored graded; an act the Treaty Office records is the depositary's own.
    assert event.sources == [
        {
            "url": "https://www.coe.int/en/web/conventions/",
            "title": "",
            "note": "Treaty Office",
            "grade": "depositary",
            "extracted_on": "",
        }
    ]
    html = page(client.get("/en/desk/registry/states/JP/", {"treaty": "cets-201"}))
    assert f"#{event.pk}" in html and "Recorded: Signature of Japan" in html


def test_the_registry_desk_records_a_reservation_known_to_the_month(client, cast):
    client = signed_in(client, cast.office)
    response = client.post(
        "/en/desk/registry/record/",
        # The month of France's deposit (September 2010): a reservation accompanies the
        # signature or the instrument, so the 2024 month this test used before is now refused.
        event_form(
            state="FR", kind="reservation", legal_date="2010-09", provisions="Art. 20 (3), 24(3)"
        ),
    )
    assert response.status_code == 302, page(response)
    event = TreatyEvent.objects.filter(state_id="FR", kind="reservation").latest("id")
    assert event.provisions == ["20(3)", "24(3)"]
    assert event.known_date.as_text() == "2010-09"


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        ({"state": "FR", "kind": "reservation", "provisions": "23"}, 422, "(Art. 48)"),
        ({"state": "BR", "kind": "signature"}, 422, "(Art. 45(1))"),
        ({"legal_date": "2019-13"}, 400, "cannot read"),
        ({"legal_date": ""}, 400, "This field is required"),
        ({"provisions": "twenty"}, 400, "is not a provision such as 20(3)"),
    ],
)
def test_the_registry_desk_refuses_with_the_article(client, cast, changes, status, words):
    count = TreatyEvent.objects.count()
    response = signed_in(client, cast.office).post(
        "/en/desk/registry/record/", event_form(**changes)
    )
    assert response.status_code == status
    assert words in page(response)
    assert TreatyEvent.objects.count() == count


def test_correcting_and_retracting_an_act(client, cast):
    client = signed_in(client, cast.office)
    client.post("/en/desk/registry/record/", event_form(legal_date="2025-06"))
    event = TreatyEvent.objects.get(state_id="JP", kind="signature")
    form = page(client.get(f"/en/desk/registry/events/{event.pk}/correct/"))
    assert 'value="2025-06"' in form
    no_reason = client.post(
        f"/en/desk/registry/events/{event.pk}/correct/", event_form(legal_date="2025-06-12")
    )
    assert no_reason.status_code == 400
    corrected = client.post(
        f"/en/desk/registry/events/{event.pk}/correct/",
        {**event_form(legal_date="2025-06-12"), "reason": "The day is known."},
    )
    assert corrected.status_code == 302
    new = TreatyEvent.objects.get(supersedes=event)
    assert new.known_date.as_text() == "2025-06-12"
    twice = client.post(
        f"/en/desk/registry/events/{event.pk}/correct/", {**event_form(), "reason": "Again."}
    )
    assert twice.status_code == 409 and "already been superseded" in page(twice)

    html = page(client.get("/en/desk/registry/states/JP/"))
    assert f"superseded by #{new.pk}" in html
    no_reason = client.post(f"/en/desk/registry/events/{new.pk}/retract/", {"reason": ""})
    assert no_reason.status_code == 400
    retracted = client.post(
        f"/en/desk/registry/events/{new.pk}/retract/", {"reason": "Never signed."}
    )
    assert retracted.status_code == 302
    assert TreatyEvent.objects.get(supersedes=new).is_retraction
    assert (
        signed_in(client, cast.brazil)
        .post(f"/en/desk/registry/events/{new.pk}/retract/", {"reason": "x"})
        .status_code
        == 403
    )


# -- query counts ----------------------------------------------------------------------------------


def test_the_desk_list_queries_do_not_grow_with_the_cases(client, cast, django_assert_num_queries):
    client = signed_in(client, cast.office)
    brazil_case(cast, "consultation")
    client.get("/en/accession/desk/")
    with django_assert_num_queries(4):  # session, user, status counts, the annotated cases
        client.get("/en/accession/desk/")
    for code in ("AR", "MA", "CL"):
        brazil_case_for(cast, code)
    with django_assert_num_queries(4):
        client.get("/en/accession/desk/")


def test_the_consultation_board_queries_do_not_grow_with_the_replies(
    client, cast, django_assert_num_queries
):
    from lanzarote.accession import services

    case = brazil_case(cast, "consultation")
    client = signed_in(client, cast.office)
    # case + consulted Parties, session, user, replies, timeline, decision, the board's Parties,
    # and the registry's data version (whether the synthetic banner shows), cached afterwards
    # and reused by the chart
    with django_assert_num_queries(8):
        client.get(case_url(case))
    for code in sorted(case.consulted_party_codes)[:30]:
        services.consultation_reply(user=cast.office, case=case, party_code=code, reply="consent")
    with django_assert_num_queries(8):
        client.get(case_url(case))


def test_the_inbox_queries_are_fixed(client, cast, django_assert_num_queries):
    brazil_case(cast, "consultation")
    brazil_case_for(cast, "AR")
    client = signed_in(client, cast.france)
    # session, user, the user's State (header), cases (+ consulted Parties), the Party's replies,
    # the registry's data version (whether the synthetic banner shows; the chart reuses it)
    with django_assert_num_queries(6):
        client.get("/en/accession/consultations/")


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("office", "/fr/accession/desk/"),
        ("office", "case"),
        ("brazil", "/fr/accession/my-state/"),
        ("france", "/fr/accession/consultations/"),
        ("office", "/fr/desk/registry/"),
    ],
)
def test_the_pages_render_in_french(client, cast, role, url):
    case = brazil_case(cast, "consultation")
    if url == "case":
        url = f"/fr/accession/cases/{case.reference}/"
    response = signed_in(client, getattr(cast, role)).get(url)
    assert response.status_code == 200
    assert '<html lang="fr">' in text(response)
    assert structure_problems(text(response)) == []


# phase → the Treaty Office's forms offered on the case page (and none of the others)
OFFICE_ACTIONS = {
    "received": {"Open the consultation"},
    "consultation": {"Record the reply", "Close the consultation", "Send reminders"},
    "consent_obtained": {"Record the decision"},
    "objection": set(),
    "decided": {"Issue the invitation"},
    "invited": {"Record the deposit"},
    "deposited": set(),
    "withdrawn": set(),
}
ALL_OFFICE_ACTIONS = set().union(*OFFICE_ACTIONS.values())


@pytest.mark.parametrize("phase", list(OFFICE_ACTIONS))
def test_the_case_page_offers_only_the_next_steps(client, cast, phase):
    case = brazil_case(cast, phase)
    response = signed_in(client, cast.office).get(case_url(case))
    assert response.status_code == 200
    html = page(response)
    assert structure_problems(text(response)) == []
    for action in ALL_OFFICE_ACTIONS:
        assert (f">{action}</button>" in html.replace("> ", ">").replace(" <", "<")) is (
            action in OFFICE_ACTIONS[phase]
        ), action
    may_withdraw = phase in {"received", "consultation", "consent_obtained", "decided", "invited"}
    assert ("Withdraw the request" in html) is may_withdraw
    official = page(signed_in(client, cast.brazil).get(case_url(case)))
    assert not any(
        f">{a}</button>" in official.replace("> ", ">").replace(" <", "<")
        for a in ALL_OFFICE_ACTIONS
    )
    assert ("Withdraw the request" in official) is may_withdraw
