"""Monitoring endpoints: search, and imports of replies and contributions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from lanzarote.accounts.auth import API_AUTH
from lanzarote.core.errors import NotFound
from lanzarote.core.http.lists import MAX_OFFSET
from lanzarote.core.permissions import allowed, require
from lanzarote.monitoring import imports, presenters, selectors
from lanzarote.monitoring.api.common import (
    ERRORS,
    endpoints,
    user_of,
)
from lanzarote.monitoring.schemas import (
    ErrorOut,
    ImportOut,
    SearchOut,
)
from lanzarote.monitoring.search import SearchFacets
from lanzarote.monitoring.search import search as run_search

router = Router(tags=["monitoring"])
api = endpoints(router)


@api.read(
    "/search",
    SearchOut,
    "Full-text search over questions, replies, contributions and recommendations",
    who="optional",
    description='English and French, accents ignored. Words must all match; "a phrase"; '
    "`or`; `-word` excludes. Facets: `round` (slug), `kind`, `state`, `article`, `strength`, "
    "`compliance`. Unpublished records are searched only for the secretariat. Demonstration "
    "records are searched instead of real ones with `demo=true`, never mixed.",
)
def search(
    request: HttpRequest,
    q: str = "",
    round: str | None = None,
    kind: str | None = None,
    state: str | None = None,
    article: int | None = None,
    strength: str | None = None,
    compliance: str | None = None,
    demo: bool = False,
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    rounds = {r.pk: r for r in selectors.round_list()}
    by_slug = {r.slug: r.pk for r in rounds.values()}
    if round and round not in by_slug:
        raise NotFound(f"Unknown monitoring round {round!r}.")
    facets = SearchFacets(
        round=by_slug.get(round) if round else None,
        kind=kind,
        state=state,
        article=article,
        strength=strength,
        compliance=compliance,
        public_only=not allowed(user_of(request), "monitoring.manage"),
        demo=demo,
    )
    return presenters.search_result(
        run_search(q, facets=facets, limit=limit, offset=offset), rounds=rounds
    )


@router.post(
    "/imports/{kind}",
    # 422: the rows with their problems, or the request itself refused (no file, a bad kind).
    response={200: ImportOut, 201: ImportOut, **ERRORS, 413: ErrorOut, 422: ImportOut | ErrorOut},
    auth=API_AUTH,
    summary="Import replies or recommendations from CSV or XLSX (secretariat)",
    description="Every row is checked; the answer lists every bad row with its line and "
    "reason. Nothing is written unless every row is clean; `dry_run=true` only checks. "
    "Answers 201 when rows were written, 200 for a clean dry run, 422 when any row is wrong.",
)
def import_file(
    request: HttpRequest,
    kind: str,
    file: UploadedFile = File(...),  # noqa: B008
    dry_run: bool = False,
) -> Status:
    if kind not in imports.COLUMNS:
        raise NotFound(f"Unknown import {kind!r}; use replies or recommendations.")
    # Who may import, and how large the file is, before a byte of it is read.
    require(user_of(request), "monitoring.manage")
    imports.check_size(file.size)
    content = file.read()
    if dry_run:
        preview = imports.preview(kind=kind, filename=file.name or "", content=content)
        return Status(200 if preview.clean else 422, {**preview.as_dict(), "imported": 0})
    preview, written = imports.import_file(
        user=user_of(request), kind=kind, filename=file.name or "", content=content
    )
    return Status(201 if written else 422, {**preview.as_dict(), "imported": written})
