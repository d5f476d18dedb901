"""Issue 10's findings on confidential accession cases, each reproduced and shown not to happen:
public case pages and answers name roles and States, never accounts; the signed request letter
goes to the Treaty Office and the requesting State's officials only (404 for everyone else); the
requesting State learns that consent failed, not who objected (pages, API and e-mails, in each
language); and a filing that fails leaves no letter in storage."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lanzarote.accession import services
from lanzarote.core.errors import Conflict
from tests.accession.helpers import Cast, advance, bearer, brazil_case, letter, today
from tests.web.helpers import squash, text

pytestmark = pytest.mark.django_db
CASES = "/api/v1/accession-cases"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def cast() -> Cast:
    return Cast()


def usernames(cast: Cast) -> list[str]:
    return [
        cast.office.username,
        cast.brazil.username,
        cast.france.username,
        cast.germany.username,
    ]


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def case_page(case, user, language: str = "en") -> str:  # type: ignore[no-untyped-def]
    """The page's main content (the header names the signed-in person to themselves)."""
    response = signed_in(user).get(f"/{language}/accession/cases/{case.reference}/")
    assert response.status_code == 200
    html = squash(text(response))
    return unescape(html[html.index("<main") : html.index("</main>")])


# -- who acted: roles and States, never usernames ------------------------------------------------


def test_a_public_case_names_roles_and_states_never_accounts(cast):
    case = brazil_case(cast, "deposited")
    for viewer in (None, cast.germany, cast.argentina, cast.brazil):
        html = case_page(case, viewer)
        for name in usernames(cast):
            assert name not in html, (viewer, name)
        assert "Treaty Office" in html
        assert "Official of a State (Brazil)" in html  # filed the request
    answer = Client().get(f"{CASES}/{case.reference}").json()
    shown = {step["by"] for step in answer["timeline"]}
    assert shown == {"Official of a State (Brazil)", "Treaty Office"}
    french = case_page(case, None, "fr")
    assert "Agent d’un État (Brésil)" in french
    # The Treaty Office still sees which account took each step.
    office = Client().get(f"{CASES}/{case.reference}", headers=bearer(cast.office)).json()
    assert {step["by"] for step in office["timeline"]} == {"treaty-office", "brazil-official"}


def test_a_delegate_reads_who_recorded_their_reply_by_role(cast):
    case = brazil_case(cast, "consultation")
    services.consultation_reply(user=cast.office, case=case, party_code="FR", reply="consent")
    answer = Client().get(f"{CASES}/{case.reference}", headers=bearer(cast.france)).json()
    assert [r["recorded_by"] for r in answer["consultation"]["replies"]] == ["Treaty Office"]


# -- the signed request letter -------------------------------------------------------------------


def filed_with_letter(cast: Cast, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        case = services.accession_request_file(
            user=cast.brazil, state_code="BR", letter=letter(), letter_file=upload
        )
    return case


def test_the_letter_is_for_the_treaty_office_and_the_requesting_state_only(
    cast, django_capture_on_commit_callbacks
):
    case = filed_with_letter(cast, django_capture_on_commit_callbacks)
    url = f"/en/accession/cases/{case.reference}/letter.pdf"
    for allowed in (cast.office, cast.brazil):
        response = signed_in(allowed).get(url)
        assert response.status_code == 200 and response.content == PDF
    services.consultation_open(user=cast.office, case=case, deadline=today() + timedelta(days=30))
    # A consulted delegate sees the case, but not the letter; others do not see the case.
    for refused in (None, cast.france, cast.argentina, cast.secretariat, cast.observer):
        response = signed_in(refused).get(url)
        assert response.status_code == 404, refused
        assert PDF not in response.content
    assert "Download the PDF" not in case_page(case, cast.france)
    assert "Download the PDF" in case_page(case, cast.brazil)


def test_the_letter_of_a_public_case_stays_private(cast, django_capture_on_commit_callbacks):
    case = filed_with_letter(cast, django_capture_on_commit_callbacks)
    case = advance(case, "invited", office=cast.office, official=cast.brazil)
    url = f"/en/accession/cases/{case.reference}/letter.pdf"
    assert Client().get(f"/en/accession/cases/{case.reference}/").status_code == 200
    for refused in (None, cast.germany, cast.argentina):
        assert signed_in(refused).get(url).status_code == 404
    assert signed_in(cast.brazil).get(url).status_code == 200


# -- consent failed, not who objected ------------------------------------------------------------


def test_the_requesting_state_learns_consent_failed_not_who_objected(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = brazil_case(cast, "objection")  # Azerbaijan objected (a note verbale)
    english = case_page(case, cast.brazil)
    french = case_page(case, cast.brazil, "fr")
    for html in (english, french):
        assert "Azerbaijan" not in html and "Azerbaïdjan" not in html and "AZ" not in html
    assert "The Parties did not all consent" in english
    assert "Les Parties n’ont pas toutes consenti" in french
    assert "The Parties did not all consent" not in french  # no English on the French page
    answer = Client().get(f"{CASES}/{case.reference}", headers=bearer(cast.brazil)).json()
    assert answer["consultation"]["replies"] == []
    assert "AZ" not in str(answer["timeline"]) and "Azerbaijan" not in str(answer["timeline"])
    french_api = (
        Client()
        .get(f"{CASES}/{case.reference}", headers={**bearer(cast.brazil), "Accept-Language": "fr"})
        .json()
    )
    close = next(s for s in french_api["timeline"] if s["step"] == "close_consultation")
    assert close["note"].startswith("Les Parties n’ont pas toutes consenti")
    # The e-mail the State's officials get says the same, in both languages.
    told = [m for m in mailoutbox if cast.brazil.email in m.to]
    assert len(told) == 1
    assert "AZ" not in told[0].body and "Azerbaijan" not in told[0].body
    assert "The Parties did not all consent" in told[0].body
    assert "Les Parties n’ont pas toutes consenti" in told[0].body
    # It also says what can be done next, in both halves.
    english_half, french_half = told[0].body.split("\n\n")
    assert "The State may file a new request later" in english_half
    assert "/en/contacts/" in english_half
    assert "L’État peut déposer une nouvelle demande plus tard" in french_half
    assert "/fr/contacts/" in french_half
    assert all(len(m.to) == 1 for m in mailoutbox)  # nobody sees the other recipients
    # The Treaty Office is told who objected, in the language of its page.
    office = case_page(case, cast.office)
    assert "AZ" in office or "Azerbaijan" in office


def test_after_an_objection_the_state_and_the_office_are_told_what_can_be_done_next(cast):
    case = brazil_case(cast, "objection")
    english = case_page(case, cast.brazil)
    french = case_page(case, cast.brazil, "fr")
    assert "What can be done next" in english
    assert "Your State may file a new request later" in english
    assert 'href="/en/contacts/"' in english and 'href="/en/accession/my-state/"' in english
    assert "Ce qui peut être fait ensuite" in french
    assert "Votre État peut déposer une nouvelle demande plus tard" in french
    assert 'href="/fr/contacts/"' in french
    assert "What can be done next" not in french
    for html in (english, french):
        assert "Azerbaijan" not in html and "Azerbaïdjan" not in html and "AZ" not in html
    office = case_page(case, cast.office)
    assert "What can be done next" in office
    assert "without naming the Parties that did not consent" in office


# -- no orphan letter ----------------------------------------------------------------------------


def stored_letters() -> list[str]:
    try:
        return default_storage.listdir("accession/letters")[1]
    except FileNotFoundError:
        return []


def test_a_failed_filing_leaves_no_letter_behind(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    before = stored_letters()

    def fails(**_kwargs):  # type: ignore[no-untyped-def]
        raise Conflict("The audit trail is unavailable.")

    monkeypatch.setattr(services.requests, "audit_record", fails)
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        services.accession_request_file(
            user=cast.brazil, state_code="BR", letter=letter(), letter_file=upload
        )
    assert stored_letters() == before
    monkeypatch.undo()
    case = filed_with_letter(cast, django_capture_on_commit_callbacks)
    assert stored_letters() == [*before, case.letter_file.name.rsplit("/", 1)[1]]
