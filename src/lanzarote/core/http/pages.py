"""Server-rendered pages: the shapes every app's views share.

- `refused(request, error)` — the 401/403 page for a domain error (template `refused.html`);
- `or_404(read)` — a selector's `NotFound` as Django's 404;
- `bad_query(form)` — a download asked with an invalid query: 400 with the form's errors;
- `form_page(...)` — GET shows a form, POST validates it and calls one service; a refusal is
  shown on the form with its article and nothing was written (the service's transaction rolled
  back);
- `ActionError` — a refusal shown beside the form of the action that caused it, on a page that
  holds several;
- `post_action(...)` — a POST-only action of a page that holds several forms (a record with its
  buttons): success redirects, a refusal re-renders the page with that form's errors.

A desk (a list page and one URL and view per action) is `core.http.desk.Desk`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lanzarote.core.errors import DomainError, Forbidden, NotFound, Unauthorised


@dataclass(frozen=True)
class ActionError:
    """A refusal shown next to the form that caused it."""

    action: str
    message: str
    article: str | None = None


def refused(request: HttpRequest, error: DomainError, **context: Any) -> HttpResponse:
    """The refusal page: 401 (with a sign-in button) for `Unauthorised`, 403 otherwise."""
    status = 401 if isinstance(error, Unauthorised) else 403
    page = {"message": error.message, "article": error.article, "status": status, **context}
    return render(request, "refused.html", page, status=status)


def or_404[T](read: Callable[[], T]) -> T:
    """`read()`, with the selectors' `NotFound` turned into the 404 page."""
    try:
        return read()
    except NotFound as error:
        raise Http404(error.message) from None


def bad_query(form: forms.Form) -> JsonResponse:
    """A download asked with a query that does not validate: 400 and what was wrong."""
    return JsonResponse(
        {"detail": _("The query is not valid."), "errors": form.errors.get_json_data()},
        status=400,
    )


def refusal_text(error: DomainError) -> str:
    return f"{error.message} ({error.article})" if error.article else error.message


def show_on_form(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, refusal_text(error))


def form_page(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success: Callable[[Any], str],
    back: str,
    context: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    intro: str = "",
    template: str = "form_page.html",
    saved_message: str = "",
) -> HttpResponse:
    """One form and one service: GET shows the form (with `initial`), POST validates it and
    calls `save(cleaned_data)`, then redirects to `success(result)`. A permission refusal gives
    the refusal page; any other refusal is shown on the form (400)."""
    kwargs = form_kwargs or {}
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES or None, **kwargs)
        if form.is_valid():
            try:
                saved = save(form.cleaned_data)
            except (Unauthorised, Forbidden) as error:
                return refused(request, error, **(context or {}))
            except DomainError as error:
                show_on_form(form, error)
            else:
                messages.success(request, saved_message or _("Saved."))
                return redirect(success(saved))
        status = 400
    else:
        form = form_class(initial=initial, **kwargs)
    page = {**(context or {}), "form": form, "title": title, "intro": intro, "back": back}
    return render(request, template, page, status=status)


def post_action(
    request: HttpRequest,
    *,
    form: forms.Form,
    act: Callable[[dict[str, Any]], Any],
    success_url: str,
    rerender: Callable[[forms.Form], HttpResponse],
    context: dict[str, Any] | None = None,
    done_message: str = "",
) -> HttpResponse:
    """A POST-only action with `form` (bound to the request): on success a message and a
    redirect; on a refusal the page again (`rerender(form)`, 400) with the refusal on the form."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except (Unauthorised, Forbidden) as error:
            return refused(request, error, **(context or {}))
        except DomainError as error:
            show_on_form(form, error)
        else:
            messages.success(request, done_message or _("Recorded."))
            return redirect(success_url)
    response = rerender(form)
    response.status_code = 400
    return response
