"""What the Committee's endpoints share: error documentation, the person asking, dates, the
cached answers, and the records named in a path or a body."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Schema, Status

from lanzarote.accounts.auth import API_AUTH, READ_AUTH
from lanzarote.committee import selectors
from lanzarote.committee.checks import MANAGE
from lanzarote.committee.models import Decision, Meeting, Organisation
from lanzarote.committee.schemas.common import ErrorOut
from lanzarote.core.api import Endpoints
from lanzarote.core.dates import parse_iso_date
from lanzarote.core.http.downloads import JSON, json_bytes
from lanzarote.core.permissions import require
from lanzarote.registry import selectors as registry

READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}
YEARS = {"ge": 1900, "le": 2200}


def endpoints(router: Router) -> Endpoints:
    """The router's endpoints: reads public unless said otherwise, writes signed in."""
    return Endpoints(router, write_auth=API_AUTH, read_auth=READ_AUTH, read_errors=READ_ERRORS)


def user_of(request: HttpRequest) -> Any:
    return getattr(request, "user", None)


def day(value: str | None, field: str) -> date:
    return parse_iso_date(value, field=field)


def cached(key: str, build: Callable[[], Any]) -> HttpResponse:
    """A public answer cached as JSON bytes under the language and the registry's and the
    Committee's versions (any write changes one of them)."""
    versions = f"{registry.registry_version()}:{selectors.committee_version()}"
    full = f"api:{get_language()}:{key}:{versions}"
    body = cache.get(full)
    if body is None:
        body = json_bytes(build(), indent=None)
        cache.set(full, body, selectors.CACHE_SECONDS)
    return HttpResponse(body, content_type=JSON)


def meeting_of(number: int) -> Meeting:
    return selectors.meeting_get(number)


def organisation_of(slug: str | None) -> Organisation | None:
    return selectors.organisation_get(slug) if slug else None


def decision_of(pk: int | None) -> Decision | None:
    return selectors.decision_get(pk) if pk else None


def save_by_slug(
    request: HttpRequest,
    *,
    save: Callable[..., Any],
    read: Callable[[str], Any],
    values: Callable[[], dict[str, Any]],
    current: Callable[[], Any] | None = None,
    record: str = "",
) -> Any:
    """Create (or, given `current`, update under the keyword `record`) a record known by its
    slug, and read it back as the API shows one. The permission is checked before `values()`
    and `current()` read anything; an update keeps its slug unless another is given."""
    require(user_of(request), MANAGE)
    data = values()
    if current is not None:
        existing = current()
        data = {**data, "slug": data.get("slug") or existing.slug, record: existing}
    return read(save(user=user_of(request), **data).slug)


def slug_writes(
    api: Endpoints,
    *,
    name: str,
    answer: type[Schema],
    payload: type[Schema],
    values: Callable[[Any], dict[str, Any]],
    save: Callable[..., Any],
    read: Callable[[str], Any],
    created: str,
    changed: str,
) -> None:
    """The two writes of a record known by its slug: `POST /` records one (201, summary
    `created`), `PUT /{slug}` changes one (summary `changed`), both through `save_by_slug` with
    `values(payload)`. The views are named `<name>_create` and `<name>_update`, in the module
    that defines `values`, as if written there."""

    def create(request: HttpRequest, payload: Schema) -> Status:
        saved = save_by_slug(request, save=save, read=read, values=lambda: values(payload))
        return Status(201, saved)

    def update(request: HttpRequest, slug: str, payload: Schema) -> Any:
        return save_by_slug(
            request,
            save=save,
            read=read,
            values=lambda: values(payload),
            current=lambda: read(slug),
            record=name,
        )

    for view, action in ((create, "create"), (update, "update")):
        view.__annotations__ = {**view.__annotations__, "request": HttpRequest, "payload": payload}
        view.__name__ = view.__qualname__ = f"{name}_{action}"
        view.__module__ = values.__module__
    api.create("/", answer, created)(create)
    api.write("PUT", "/{slug}", answer, changed)(update)
