"""A desk: the pages and actions of the people who maintain a part of the records, behind one
permission, each action at its own URL with its own view (never one URL that dispatches on a
hidden form field)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, path

from lanzarote.core.http.access import permission_refusal

View = Callable[..., HttpResponse]


@dataclass
class Desk:
    """A desk: pages and actions behind one permission, each action at its own URL with its own
    view (never one URL dispatching on a hidden field).

        desk = Desk(prefix="desk/", permission="committee.manage", refusal_context=...)

        @desk.page("", name="desk")
        def overview(request): ...

        @desk.action("meetings/<int:number>/votes/new/", name="desk_vote_new",
                     permission="committee.record_vote")
        def vote(request, number): ...

        urlpatterns = [..., *desk.urls]

    `page` views answer GET; `action` views answer GET and POST (a form page) or, with
    `post_only=True`, POST only. People not signed in get 401, others without the permission
    403 (see `access.permission_required`)."""

    prefix: str
    permission: str
    refusal_context: Callable[[HttpRequest], dict[str, Any]] | None = None
    urls: list[URLPattern] = field(default_factory=list)

    def _register(
        self,
        routes: Sequence[tuple[str, str]],
        methods: tuple[str, ...],
        permission: str | None,
    ) -> Callable[[View], View]:
        def decorate(view: View) -> View:
            @wraps(view)
            def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                if request.method not in methods:
                    return HttpResponseNotAllowed(methods)
                denial = permission_refusal(
                    request, permission or self.permission, context=self.refusal_context
                )
                if denial is not None:
                    return denial
                return view(request, *args, **kwargs)

            for route, name in routes:
                self.urls.append(path(self.prefix + route, guarded, name=name))
            return guarded

        return decorate

    def page(
        self, route: str, *, name: str, permission: str | None = None
    ) -> Callable[[View], View]:
        """A page of the desk (GET)."""
        return self._register([(route, name)], ("GET", "HEAD"), permission)

    def action(
        self,
        route: str,
        *,
        name: str,
        permission: str | None = None,
        post_only: bool = False,
        also: Sequence[tuple[str, str]] = (),
    ) -> Callable[[View], View]:
        """An action of the desk: a form page (GET shows it, POST acts) or, with `post_only`, a
        button on another page. `also` adds (route, name) pairs served by the same view, such
        as the edit form of what the route creates."""
        methods = ("POST",) if post_only else ("GET", "HEAD", "POST")
        return self._register([(route, name), *also], methods, permission)
