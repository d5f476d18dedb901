"""The public request for an account and the Treaty Office's decision on it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from lanzarote.accounts.models import AccessRequest, Role, User
from lanzarote.accounts.services import access_request_submit
from lanzarote.core.models import AuditRecord
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Ana Souza",
    "ministry": "Ministério das Relações Exteriores",
    "state": "BR",
    "email": "ana.souza@itamaraty.gov.br",
    "message": "To file Brazil's request.",
    "website": "",
}


def _submit(client: Client, language: str = "en", **changes: str):
    url = reverse("accounts:access_request") if language == "en" else _fr("accounts:access_request")
    return client.post(url, {**FORM, **changes})


def _fr(name: str, **kwargs) -> str:
    from django.utils import translation

    with translation.override("fr"):
        return reverse(name, kwargs=kwargs or None)


def _signed_in(role: str, **kwargs) -> Client:
    client = Client()
    user = person(role, **kwargs)
    client.force_login(user)
    return client


def test_the_form_records_a_pending_request_audited_and_tells_the_treaty_office(
    django_capture_on_commit_callbacks,
):
    person(Role.TREATY_OFFICE, username="clerk")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(Client())
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:access_request_sent")
    request = AccessRequest.objects.get()
    assert (request.state_id, request.status, request.language) == ("BR", "pending", "en")
    assert AuditRecord.objects.filter(action="accounts.access_request.submit").count() == 1
    # The Treaty Office is told; nothing goes to the address typed on the public form.
    assert [m.to for m in mail.outbox] == [["treaty_office@example.org"]]


def test_the_state_list_is_sorted_as_french_readers_expect():
    html = Client().get(_fr("accounts:access_request")).content.decode()
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', html)
    assert names.index("Égypte") < names.index("Espagne")
    assert names.index("Bélarus") < names.index("Burundi")


def test_a_second_pending_request_from_the_same_address_is_refused_kindly():
    assert _submit(Client()).status_code == 302
    response = _submit(Client(), email=FORM["email"].upper())
    assert response.status_code == 409
    assert "already with the Treaty Office" in response.content.decode()
    assert AccessRequest.objects.count() == 1


def test_bad_input_is_a_4xx_on_the_form_never_a_500():
    client = Client()
    assert _submit(client, email="not-an-address").status_code == 400
    assert _submit(client, state="ZZ").status_code == 400
    assert _submit(client, name="").status_code == 400
    assert AccessRequest.objects.count() == 0
    with pytest.raises(Exception, match="Choose a State"):
        access_request_submit(name="x", ministry="y", state_code="EU", email="a@b.org", message="")


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_recorded():
    response = _submit(Client(), website="http://spam.example")
    assert response.status_code == 302
    assert AccessRequest.objects.count() == 0


@override_settings(LANZAROTE_RATE_LIMITS={"access_request": "2/hour"})
def test_the_form_is_throttled_per_address():
    client = Client()
    assert _submit(client, email="a1@gov.example").status_code == 302
    assert _submit(client, email="a2@gov.example").status_code == 302
    assert _submit(client, email="a3@gov.example").status_code == 429
    assert client.get(reverse("accounts:access_request")).status_code == 200


def test_the_desk_is_the_treaty_offices_alone():
    url = reverse("accounts:access_desk")
    assert Client().get(url).status_code == 404
    assert _signed_in(Role.SECRETARIAT).get(url).status_code == 404
    assert _signed_in(Role.STATE_OFFICIAL).get(url).status_code == 404
    _submit(Client())
    pk = AccessRequest.objects.get().pk
    outsider = _signed_in(Role.PARTY_DELEGATE)
    assert outsider.post(reverse("accounts:access_approve", args=[pk])).status_code == 404
    assert AccessRequest.objects.get().status == "pending"
    office = _signed_in(Role.TREATY_OFFICE)
    page = office.get(url)
    assert page.status_code == 200 and "Ana Souza" in page.content.decode()


def test_approval_creates_the_account_with_the_states_role_and_sends_a_working_link(
    django_capture_on_commit_callbacks,
):
    _submit(Client(), language="fr")
    office = _signed_in(Role.TREATY_OFFICE)
    mail.outbox.clear()
    pk = AccessRequest.objects.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(reverse("accounts:access_approve", args=[pk]))
    assert response.status_code == 302
    decided = AccessRequest.objects.get()
    user = User.objects.get(email=FORM["email"])
    assert decided.status == "approved" and decided.user == user
    # Brazil is not a Party: its official prepares its way in.
    assert (user.role, user.state_id, user.has_usable_password()) == (
        Role.STATE_OFFICIAL,
        "BR",
        False,
    )
    (message,) = mail.outbox
    assert message.to == [FORM["email"]]
    # French first (the form was sent in French), then English.
    assert message.body.index("Votre nom d’utilisateur") < message.body.index("Your user name")
    link = re.search(r"https?://\S+/password/reset/key/\S+/", message.body)
    assert link is not None
    assert link.group(0).startswith(settings.LANZAROTE_SITE_URL.rstrip("/") + "/fr/accounts/")
    path = link.group(0).split("//", 1)[1].split("/", 1)[1]
    path = "/" + path
    assert path.startswith("/fr/accounts/")
    page = Client().get(path, follow=True)
    assert page.status_code == 200
    assert b"password1" in page.content
    assert AuditRecord.objects.filter(action="accounts.access_request.approve").count() == 1
    # A second decision on the same request is refused.
    again = office.post(reverse("accounts:access_decline", args=[pk]))
    assert again.status_code == 409


def test_a_partys_official_becomes_its_delegate():
    _submit(Client(), state="FR", email="agent@diplomatie.gouv.fr")
    office = _signed_in(Role.TREATY_OFFICE)
    office.post(reverse("accounts:access_approve", args=[AccessRequest.objects.get().pk]))
    assert User.objects.get(email="agent@diplomatie.gouv.fr").role == Role.PARTY_DELEGATE


def test_declining_sends_a_polite_bilingual_email_with_the_reason(
    django_capture_on_commit_callbacks,
):
    _submit(Client())
    office = _signed_in(Role.TREATY_OFFICE)
    mail.outbox.clear()
    pk = AccessRequest.objects.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            reverse("accounts:access_decline", args=[pk]),
            {"reason": "Please write from an official address."},
        )
    assert response.status_code == 302
    assert AccessRequest.objects.get().status == "declined"
    assert not User.objects.filter(email=FORM["email"]).exists()
    (message,) = mail.outbox
    assert "not able to grant it" in message.body
    assert "n’est pas en mesure" in message.body
    assert "Please write from an official address." in message.body
    assert " / " in message.subject


def test_an_address_with_an_account_is_pointed_to_the_password_reset():
    person(Role.STATE_OFFICIAL)  # state_official@example.org
    response = _submit(Client(), email="state_official@example.org")
    assert response.status_code == 409
    assert "Forgot your password?" in response.content.decode()


def test_the_sign_in_page_offers_the_form_and_the_contacts():
    html = Client().get(reverse("account_login")).content.decode()
    assert reverse("accounts:access_request") in html
    assert reverse("web:contacts") in html
