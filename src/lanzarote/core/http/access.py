"""Who may open a page or read an API answer: the checks every app's views and API share.

- `permission_required(name)` guards a page by a named permission (`core.permissions`): people
  not signed in get 401 with a sign-in button, others 403 with the rule's sentence;
- `role_required(*roles)` guards a page by role: people not signed in are sent to sign in;
- `PublicRead` lets an API read through without credentials (but refuses bad ones), and
  `require_reader` asks a named permission of the person reading.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lanzarote.core.errors import Forbidden, Unauthorised
from lanzarote.core.http.pages import refused
from lanzarote.core.permissions import REGISTRY, allowed, has_role

View = Callable[..., HttpResponse]
RefusalContext = Callable[[HttpRequest], dict[str, Any]]


def permission_refusal(
    request: HttpRequest, permission: str, *, context: RefusalContext | None = None
) -> HttpResponse | None:
    """The refusal page when the person may not act under `permission`, or None when they may."""
    extra = context(request) if context else {}
    if not request.user.is_authenticated:
        return refused(request, Unauthorised(_("Sign in to use this page.")), **extra)
    if not allowed(request.user, permission):
        return refused(request, Forbidden(str(REGISTRY[permission].refusal)), **extra)
    return None


def permission_required(
    permission: str, *, context: RefusalContext | None = None
) -> Callable[[View], View]:
    """Guards a view by a named permission; `context(request)` adds to the refusal page (its
    heading and the way back)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            denial = permission_refusal(request, permission, context=context)
            if denial is not None:
                return denial
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def role_required(*roles: str) -> Callable[[View], View]:
    """Anonymous people are sent to sign in; signed-in people without the role are refused."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles) or not request.user.is_active:
                return refused(request, Forbidden(_("This page is not available with your role.")))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class PublicRead:
    """An API auth method that lets a request without credentials through to a public read; one
    that sends credentials which do not authenticate is refused (401), not silently treated as
    anonymous. Put it after the real methods: `auth=[*API_AUTH, PublicRead()]`."""

    def __call__(self, request: HttpRequest) -> bool | None:
        if request.headers.get("Authorization"):
            return None
        return True


# In the OpenAPI document of a public read: a token, or a session, or nothing at all.
OPTIONAL_SECURITY: dict[str, Any] = {"security": [{"BearerToken": []}, {"Session": []}, {}]}


def require_reader(request: HttpRequest, permission: str, **objects: Any) -> None:
    """For a read that needs a permission: 401 without a signed-in person, 403 with the rule's
    sentence when the person lacks it."""
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorised(_("Sign in to see this."))
    if not allowed(user, permission, **objects):
        raise Forbidden(str(REGISTRY[permission].refusal))
