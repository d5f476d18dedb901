"""How an API endpoint is declared. One place decides what each kind of endpoint needs and
documents: a read answers 200 with its schema and documents the read errors; a read whose answer
depends on who asks takes the optional sign-in and may answer 401; a write needs the API sign-in
and documents every error (401, 403, 404, 409, 422). An endpoint then says only its path, the
schema of its answer and what it does:

    api = Endpoints(router, write_auth=API_AUTH, read_auth=READ_AUTH)

    @api.read("/rounds/{slug}", RoundOut, "One monitoring round")
    @api.create("/rounds", RoundOut, "Record a round (secretariat)")
    @api.write("PUT", "/rounds/{slug}", RoundOut, "Change a round (secretariat)")
    @api.step("/rounds/{slug}/close", RoundOut, "Close a round (secretariat)")

The sign-in schemes are given by the app (`accounts.auth`, above this package); a router of
public reads only needs none. `read_decorators` wrap every read's view (ninja's `decorate_view`),
e.g. the registry's public cache.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ninja import Router
from ninja.decorators import decorate_view

from lanzarote.core.http.access import OPTIONAL_SECURITY
from lanzarote.core.schemas import ErrorOut

ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
Who = Literal["anyone", "optional", "signed-in"]


class Endpoints:
    """The endpoints of one router, declared the project's way."""

    def __init__(
        self,
        router: Router,
        *,
        write_auth: Any = None,
        read_auth: Any = None,
        read_errors: dict[int, Any] = READ_ERRORS,
        read_decorators: tuple[Callable[..., Any], ...] = (),
    ) -> None:
        self.router = router
        self.write_auth = write_auth
        self.read_auth = read_auth
        self.read_errors = read_errors
        self.read_decorators = read_decorators

    def read(
        self,
        path: str,
        answer: Any,
        summary: str,
        *,
        who: Who = "anyone",
        errors: dict[int, Any] | None = None,
        **options: Any,
    ) -> Decorator:
        """GET `path`, answering `answer`. `who`: "anyone" (no sign-in needed), "optional" (the
        answer depends on who asks: signed in or not), "signed-in" (the API sign-in needed, every
        error documented). `errors` replaces the documented errors."""
        documented = self.read_errors if errors is None else errors
        if who == "optional":
            options.update(auth=self.read_auth, openapi_extra=OPTIONAL_SECURITY)
            documented = {**documented, 401: ErrorOut}
        elif who == "signed-in":
            options.update(auth=self.write_auth)
            documented = ERRORS if errors is None else errors
        declare = self.router.get(
            path, response={200: answer, **documented}, summary=summary, **options
        )
        if not self.read_decorators:
            return declare
        return lambda view: decorate_view(*self.read_decorators)(declare(view))

    def write(
        self,
        method: str,
        path: str,
        answer: Any,
        summary: str,
        *,
        status: int = 200,
        errors: dict[int, Any] = ERRORS,
        **options: Any,
    ) -> Decorator:
        """A write (`method`: POST, PUT, PATCH or DELETE) at `path`: the API sign-in needed,
        `errors` documented (all of them unless said otherwise), `answer` with `status`."""
        return self.router.api_operation(
            [method],
            path,
            response={status: answer, **errors},
            auth=self.write_auth,
            summary=summary,
            **options,
        )

    def step(self, path: str, answer: Any, summary: str, **options: Any) -> Decorator:
        """A POST that takes a step on a record and answers with the record as it now stands."""
        return self.write("POST", path, answer, summary, **options)

    def create(self, path: str, answer: Any, summary: str, **options: Any) -> Decorator:
        """A POST that records something new and answers it with 201."""
        return self.write("POST", path, answer, summary, status=201, **options)
