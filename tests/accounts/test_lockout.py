"""Sign-in lockout per account and address, and the client's real address behind the proxy
(issue 10: five bad sign-ins with made-up names from the proxy's address locked everyone out)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

from lanzarote.accounts.models import Role
from lanzarote.core.http.throttle import client_address
from tests.accounts.factories import PASSWORD, person

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"


def sign_in(client: Client, login: str, password: str, address: str = "127.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"login": login, "password": password}, REMOTE_ADDR=address)


def test_bad_sign_ins_with_made_up_names_do_not_lock_out_a_real_user():
    person(Role.TREATY_OFFICE, username="clerk")
    attacker = Client()
    for number in range(6):
        sign_in(attacker, f"nobody-{number}", "guess")
    # The Treaty Office signs in from the same address (everyone does, behind the proxy).
    response = sign_in(Client(), "clerk", PASSWORD)
    assert response.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_guessing_one_account_locks_it_for_that_address_and_slows_it_for_everyone():
    person(Role.TREATY_OFFICE, username="clerk")
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    answers = [sign_in(attacker, "clerk", "guess") for _ in range(5)]
    assert answers[-1].status_code == 429  # django-axes: this account from this address
    office = Client(HTTP_X_FORWARDED_FOR="198.51.100.20")
    # allauth's per-account rate (5 failures in 5 minutes, from any address) holds for now…
    assert sign_in(office, "clerk", PASSWORD).status_code != 302
    cache.clear()  # …and lapses when its window does (the lockout of the address does not).
    assert sign_in(attacker, "clerk", PASSWORD).status_code != 302
    assert sign_in(office, "clerk", PASSWORD).status_code == 302


def test_the_forwarded_address_is_ignored_without_a_trusted_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_proxy_s_own_entry_is_taken_not_what_the_client_claims():
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20"
    )
    assert client_address(request) == "198.51.100.20"
    garbled = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="nonsense")
    assert client_address(garbled) == "127.0.0.1"
