"""A full accession, step by step, through the services — and every guard on the way."""

from __future__ import annotations

from datetime import date

import pytest

from lanzarote.accession import services
from lanzarote.accession.models import CaseEvent
from lanzarote.accession.selectors import consultation_summary
from lanzarote.accounts.models import Role
from lanzarote.core.errors import Conflict, Forbidden, InvalidInput, Unauthorised
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import Status
from lanzarote.treaty_law.accession import RequestLetter
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def letter(**changes):  # type: ignore[no-untyped-def]
    values = {
        "signatory_name": "Mauro Vieira",
        "signatory_capacity": "minister_of_foreign_affairs",
        "date": date(2026, 2, 20),
        "addressee": "secretary_general",
    }
    values.update(changes)
    return RequestLetter(**values)


@pytest.fixture
def office():  # type: ignore[no-untyped-def]
    return person(Role.TREATY_OFFICE, username="treaty-office")


@pytest.fixture
def official():  # type: ignore[no-untyped-def]
    return person(Role.STATE_OFFICIAL, username="brazil-official", state="BR")


def filed(official):  # type: ignore[no-untyped-def]
    return services.accession_request_file(
        user=official, state_code="BR", letter=letter(), today=TODAY
    )


def unanimous(case, office):  # type: ignore[no-untyped-def]
    for code in sorted(case.consulted_party_codes):
        services.consultation_reply(user=office, case=case, party_code=code, reply="consent")


def test_a_full_accession_of_brazil(
    office, official, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = filed(official)
    assert case.status == "received"
    assert case.reference.startswith("ACC-2026-")

    case = services.consultation_open(
        user=office, case=case, deadline=date(2026, 5, 1), today=TODAY
    )
    assert len(case.consulted_party_codes) == 48
    delegate = person(Role.PARTY_DELEGATE, username="fr-delegate", state="FR")
    services.consultation_reply(
        user=delegate, case=case, party_code="FR", reply="consent", note="Agreed."
    )
    for code in sorted(case.consulted_party_codes - {"FR"}):
        services.consultation_reply(user=office, case=case, party_code=code, reply="consent")
    assert consultation_summary(case).as_dict() == {
        "consulted": 48,
        "consents": 48,
        "objections": 0,
        "pending": 0,
    }
    case = services.consultation_close(user=office, case=case, today=date(2026, 4, 1))
    assert case.status == "consent_obtained"

    decision = services.decision_record(
        user=office,
        case=case,
        meeting_date=date(2026, 4, 15),
        meeting_reference="CM/Del/Dec(2026)1550",
        votes_for=46,
        votes_against=0,
        abstentions=0,
        contracting_states_against=[],
        today=date(2026, 4, 20),
    )
    assert decision.adopted
    assert decision.entitled_to_sit == 46
    assert "RU" not in decision.contracting_states_entitled
    assert len(decision.contracting_states_entitled) == 46

    case = services.invitation_issue(user=office, case=case, today=date(2026, 4, 20))
    assert case.is_public
    event = services.deposit_record(user=office, case=case, deposit_date=date(2026, 6, 10))
    assert event.kind == "accession"
    brazil = registry.state_get("BR")
    treaty = registry.treaty_get("cets-201")
    position = registry.position_of(treaty=treaty, state=brazil, as_of=date(2026, 10, 1))
    assert position.status is Status.PARTY
    assert position.entry_into_force.value == date(2026, 10, 1)
    assert services.case_enter_into_force_if_due(case=case, today=date(2026, 9, 30)) is False
    assert services.case_enter_into_force_if_due(case=case, today=date(2026, 10, 1)) is True
    case.refresh_from_db()
    assert case.status == "in_force"
    steps = list(CaseEvent.objects.filter(case=case).values_list("step", flat=True))
    assert steps[:3] == ["create", "file", "open_consultation"]
    assert steps[-3:] == ["issue_invitation", "record_deposit", "enter_into_force"]


def test_member_states_are_told_to_sign_and_ratify(office):
    with pytest.raises(InvalidInput) as refused:
        services.accession_request_file(user=office, state_code="FR", letter=letter(), today=TODAY)
    assert refused.value.article == "Art. 45(1)"


def test_a_state_that_took_part_in_drafting_is_told_to_sign(office):
    with pytest.raises(InvalidInput) as refused:
        services.accession_request_file(user=office, state_code="JP", letter=letter(), today=TODAY)
    assert refused.value.article == "Art. 45(1)"


def test_a_party_cannot_request(office):
    with pytest.raises(InvalidInput) as refused:
        services.accession_request_file(user=office, state_code="TN", letter=letter(), today=TODAY)
    assert "already" in refused.value.message


def test_no_request_before_the_treaty_is_in_force(office):
    with pytest.raises(InvalidInput) as refused:
        services.accession_request_file(
            user=office,
            state_code="BR",
            letter=letter(date=date(2009, 1, 5)),
            today=date(2009, 2, 1),
        )
    assert refused.value.article == "Art. 46(1)"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"signatory_capacity": "ambassador_at_large"}, "Minister of Foreign Affairs"),
        ({"addressee": "committee_of_ministers"}, "Secretary General"),
        ({"signatory_name": " "}, "signatory"),
        ({"date": date(2026, 3, 3)}, "future"),
    ],
)
def test_the_letter_must_be_admissible(office, change, words):
    with pytest.raises(InvalidInput) as refused:
        services.accession_request_file(
            user=office, state_code="BR", letter=letter(**change), today=TODAY
        )
    assert words in refused.value.message


def test_one_open_case_per_state(office, official):
    filed(official)
    with pytest.raises(Conflict):
        filed(official)


def test_only_the_right_people_act(official):
    other = person(Role.STATE_OFFICIAL, username="ar-official", state="AR")
    with pytest.raises(Forbidden):
        services.accession_request_file(user=other, state_code="BR", letter=letter(), today=TODAY)
    with pytest.raises(Unauthorised):
        services.accession_request_file(user=None, state_code="BR", letter=letter(), today=TODAY)
    case = filed(official)
    with pytest.raises(Forbidden):
        services.consultation_open(user=official, case=case, deadline=date(2026, 5, 1), today=TODAY)


def test_steps_out_of_order_conflict(office, official):
    case = filed(official)
    with pytest.raises(Conflict) as refused:
        services.invitation_issue(user=office, case=case, today=TODAY)
    assert refused.value.article == "Art. 46(1)"
    with pytest.raises(Conflict):
        services.deposit_record(user=office, case=case, deposit_date=TODAY)


def test_a_second_reply_is_refused_unless_it_supersedes(office, official):
    case = services.consultation_open(
        user=office, case=filed(official), deadline=date(2026, 5, 1), today=TODAY
    )
    delegate = person(Role.PARTY_DELEGATE, username="de-delegate", state="DE")
    first = services.consultation_reply(
        user=delegate, case=case, party_code="DE", reply="objection"
    )
    with pytest.raises(Conflict):
        services.consultation_reply(user=delegate, case=case, party_code="DE", reply="consent")
    second = services.consultation_reply(
        user=delegate, case=case, party_code="DE", reply="consent", supersedes=first.pk
    )
    assert second.supersedes == first
    with pytest.raises(Forbidden):
        services.consultation_reply(user=delegate, case=case, party_code="FR", reply="consent")


def test_one_objection_means_no_unanimous_consent(office, official):
    case = services.consultation_open(
        user=office, case=filed(official), deadline=date(2026, 5, 1), today=TODAY
    )
    services.consultation_reply(user=office, case=case, party_code="AZ", reply="objection")
    case = services.consultation_close(user=office, case=case, today=TODAY)
    assert case.status == "objection"
    with pytest.raises(Conflict):
        services.decision_record(
            user=office,
            case=case,
            meeting_date=TODAY,
            votes_for=46,
            votes_against=0,
            abstentions=0,
            today=TODAY,
        )


def test_closing_before_the_deadline_needs_every_reply(office, official):
    case = services.consultation_open(
        user=office, case=filed(official), deadline=date(2026, 5, 1), today=TODAY
    )
    with pytest.raises(Conflict) as refused:
        services.consultation_close(user=office, case=case, today=TODAY)
    assert "48" in refused.value.message
    closed = services.consultation_close(user=office, case=case, today=date(2026, 5, 2))
    assert closed.status == "objection"


def test_the_committee_of_ministers_count(office, official):
    case = services.consultation_open(
        user=office, case=filed(official), deadline=date(2026, 5, 1), today=TODAY
    )
    unanimous(case, office)
    case = services.consultation_close(user=office, case=case, today=TODAY)
    decision = services.decision_record(
        user=office,
        case=case,
        meeting_date=TODAY,
        votes_for=45,
        votes_against=1,
        abstentions=0,
        contracting_states_against=["FR"],
        today=TODAY,
    )
    assert not decision.adopted
    assert "FR" in decision.explanation_en
    with pytest.raises(Conflict):
        services.invitation_issue(user=office, case=case, today=TODAY)


def test_per_representative_votes(office, official):
    case = services.consultation_open(
        user=office, case=filed(official), deadline=date(2026, 5, 1), today=TODAY
    )
    unanimous(case, office)
    case = services.consultation_close(user=office, case=case, today=TODAY)
    members = sorted(registry.membership().member_states(TODAY))
    votes = dict.fromkeys(members, "for")
    votes["MC"] = "abstain"
    decision = services.decision_record(
        user=office, case=case, meeting_date=TODAY, representative_votes=votes, today=TODAY
    )
    assert (decision.votes_for, decision.abstentions) == (45, 1)
    assert not decision.adopted  # Monaco is a Contracting State and did not vote for


def test_withdrawal(office, official):
    case = filed(official)
    case = services.case_withdraw(user=official, case=case, note="Not now.")
    assert case.status == "withdrawn"
    filed(official)  # a new request is possible once the first is withdrawn


def test_the_letter_file_must_be_a_real_pdf(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("letter.pdf", b"hello", content_type="application/pdf")
    with pytest.raises(InvalidInput, match="PDF"):
        services.accession_request_file(
            user=office, state_code="BR", letter=letter(), letter_file=fake, today=TODAY
        )
    real = SimpleUploadedFile(
        "letter.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf"
    )
    case = services.accession_request_file(
        user=office, state_code="BR", letter=letter(), letter_file=real, today=TODAY
    )
    assert case.letter_file.name.endswith(".pdf")
