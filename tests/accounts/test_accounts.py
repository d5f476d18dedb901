"""Accounts, roles, tokens and the sign-in lockout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lanzarote.accounts.models import ApiToken, Role, User
from lanzarote.accounts.selectors import user_for_token
from lanzarote.accounts.services import token_create, token_revoke, user_create
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.models import AuditRecord
from tests.accounts.factories import PASSWORD, person

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system("tests")


def test_a_party_delegate_is_bound_to_a_party():
    delegate = person(Role.PARTY_DELEGATE, state="FR")
    assert delegate.state_id == "FR"
    with pytest.raises(InvalidInput, match="not a Party"):
        user_create(actor=SYSTEM, username="x", role=Role.PARTY_DELEGATE, state_code="BR")
    with pytest.raises(InvalidInput, match="--state"):
        user_create(actor=SYSTEM, username="y", role=Role.PARTY_DELEGATE)


def test_roles_that_are_not_bound_to_a_state_refuse_one():
    with pytest.raises(InvalidInput):
        user_create(actor=SYSTEM, username="z", role=Role.TREATY_OFFICE, state_code="FR")


def test_an_observer_needs_an_organisation():
    with pytest.raises(InvalidInput, match="organisation"):
        user_create(actor=SYSTEM, username="o", role=Role.OBSERVER)
    assert (
        person(Role.OBSERVER, org="Missing Children Europe").organisation
        == "Missing Children Europe"
    )


def test_duplicate_usernames_conflict_and_creation_is_audited():
    audits = AuditRecord.objects.count()
    person(Role.TREATY_OFFICE, username="clerk")
    assert AuditRecord.objects.count() == audits + 1
    with pytest.raises(Conflict):
        person(Role.TREATY_OFFICE, username="clerk")


def test_tokens_are_hashed_expire_and_can_be_revoked():
    user = person(Role.TREATY_OFFICE)
    token, key = token_create(actor=SYSTEM, user=user, name="laptop", expires_in_days=30)
    assert key.startswith("lz_")
    assert key not in token.key_hash and len(token.key_hash) == 64
    assert user_for_token(key) == user
    assert user_for_token(key + "x") is None
    token_revoke(actor=SYSTEM, token=token)
    assert user_for_token(key) is None
    with pytest.raises(Conflict):
        token_revoke(actor=SYSTEM, token=token)
    expired, old_key = token_create(actor=SYSTEM, user=user, expires_in_days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert user_for_token(old_key) is None


def test_a_deactivated_user_cannot_use_a_token():
    user = person(Role.TREATY_OFFICE)
    _, key = token_create(actor=SYSTEM, user=user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert user_for_token(key) is None


def test_the_command_line_creates_users_and_tokens(capsys):
    call_command(
        "users",
        "create",
        "ana",
        "--role",
        "party_delegate",
        "--state",
        "PT",
        "--email",
        "ana@example.org",
    )
    assert "Created ana" in capsys.readouterr().out
    assert User.objects.get(username="ana").state_id == "PT"
    call_command("token", "create", "ana", "--name", "cli", "--expires-in-days", "10")
    key = capsys.readouterr().out.strip()
    assert user_for_token(key).username == "ana"
    call_command("token", "revoke", key[3:11])
    assert user_for_token(key) is None


def test_new_keys_are_letters_and_digits_so_no_prefix_reads_as_an_option():
    keys = {ApiToken.new_key() for _ in range(200)}
    assert len(keys) == 200
    for key in keys:
        assert key.startswith("lz_") and len(key) == 3 + ApiToken.KEY_LENGTH
        assert key[3:].isalnum() and key[3:].isascii()


def test_the_command_line_revokes_a_token_whose_prefix_begins_with_a_dash(capsys):
    # Keys made before letters-and-digits keys may still begin with "-": "--" revokes them.
    user = person(Role.TREATY_OFFICE)
    token, _key = token_create(actor=SYSTEM, user=user)
    ApiToken.objects.filter(pk=token.pk).update(prefix="-" + token.prefix[1:])
    call_command("token", "revoke", "--", "-" + token.prefix[1:])
    assert "Revoked" in capsys.readouterr().out
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_the_command_line_reports_bad_input_on_one_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("users", "create", "bob", "--role", "party_delegate", "--state", "ZZ")
    assert exit_.value.code != 0
    err = capsys.readouterr().err.strip()
    assert "ZZ" in err and len(err.splitlines()) == 1


def test_sign_in_page_and_lockout_after_repeated_failures(client):
    person(Role.TREATY_OFFICE, username="clerk")
    page = client.get("/en/accounts/login/")
    assert page.status_code == 200
    assert b"Sign In" in page.content or b"Sign in" in page.content
    assert client.get("/en/accounts/signup/").status_code in (200, 403, 404)
    answers = [
        client.post("/en/accounts/login/", {"login": "clerk", "password": "wrong"})
        for _ in range(5)
    ]
    assert answers[-1].status_code == 429
    assert b"locked" in answers[-1].content
    # Even the right password is refused while the lockout lasts.
    again = client.post("/en/accounts/login/", {"login": "clerk", "password": PASSWORD})
    assert again.status_code != 302
    assert "_auth_user_id" not in client.session


def test_a_correct_password_signs_in(client):
    person(Role.TREATY_OFFICE, username="clerk")
    response = client.post("/en/accounts/login/", {"login": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get("/en/")
    assert b"clerk" in home.content
    assert b"Sign out" in home.content
