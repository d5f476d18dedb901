"""What every accession page shares: the case the person may see (404 otherwise, the same as for
a reference never issued), sign-in, the refusal pages and downloads."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lanzarote.accession import selectors
from lanzarote.accounts.models import User
from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.http.pages import ActionError
from lanzarote.core.text import fold
from lanzarote.registry import selectors as registry

logger = logging.getLogger("lanzarote.accession")
View = Callable[..., HttpResponse]


def _refused(request: HttpRequest, message: str, *, status: int = 403) -> HttpResponse:
    return render(request, "accession/refused.html", {"message": message}, status=status)


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    """The one answer for a case the person may not see, whether or not it exists: the same page,
    status and wording as for a reference that was never issued. People not signed in are
    offered the sign-in page, since a confidential case may well be theirs."""
    return render(
        request,
        "accession/not_found.html",
        {"message": message, "next": request.get_full_path()},
        status=404,
    )


def with_case(view: View) -> View:
    """Hands the view the case the person may see; anything else answers 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, reference: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            case = selectors.case_get(reference, user=request.user)
        except NotFound as error:
            return _not_found(request, error.message)
        return view(request, case, *args, **kwargs)

    return wrapped


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _person(request: HttpRequest) -> User:
    """The signed-in person (the views that call this are behind `role_required`)."""
    return cast(User, request.user)


def _error(action: str, error: DomainError) -> ActionError:
    return ActionError(action=action, message=error.message, article=error.article)


def _names(codes: list[str] | frozenset[str]) -> list[tuple[str, str]]:
    wanted = set(codes)
    states = [s for s in registry.state_list() if s.code in wanted]
    return sorted(((s.code, s.name) for s in states), key=lambda item: fold(item[1]))


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
