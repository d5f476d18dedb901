"""API authentication: personal tokens (`Authorization: Bearer …`) or the web session with CSRF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from lanzarote.accounts.selectors import user_for_token
from lanzarote.core.http.access import PublicRead


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """The browser's session; django-ninja enforces CSRF for unsafe methods. Without a signed-in
    session there is nothing for CSRF to protect: the request is simply not authenticated by
    this method (so it ends in 401, not in a misleading "CSRF check failed" 403)."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


API_AUTH = [BearerToken(), Session()]
# A public read: anyone without credentials, or a person whose credentials authenticate.
READ_AUTH = [*API_AUTH, PublicRead()]
