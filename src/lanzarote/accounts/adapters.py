"""django-allauth behaviour that fits the product: no self-service sign-up."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from lanzarote.core.http.throttle import client_address


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Roles are bound to States and organisations, so accounts are created by the Treaty
        # Office or the secretariat (`lanzarote users create`), never by the person themselves.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's own sign-in rate limits count per address: the same address as everywhere
        # else, read from the trusted proxy's header only when one is configured.
        return client_address(request)


def sign_in_name(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The account a sign-in attempt is for, as django-axes counts failures.

    allauth authenticates with `username=` or `email=`, never with the form's `login` field, so
    axes' default lookup found no name at all and counted every failure against the address
    alone: behind the proxy, anyone's five mistakes locked everyone out. Names are compared
    without case, as allauth compares them.
    """
    for key in ("username", "email", "login"):
        value = (credentials or {}).get(key)
        if value:
            return str(value).strip().lower()
    posted = getattr(request, "POST", None)
    value = posted.get("login") if posted is not None else None
    return str(value).strip().lower() if value else None
