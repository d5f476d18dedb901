"""django-allauth behaviour that fits the product: no self-service sign-up."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Roles are bound to States and organisations, so accounts are created by the Treaty
        # Office or the secretariat (`lanzarote users create`), never by the person themselves.
        return False
