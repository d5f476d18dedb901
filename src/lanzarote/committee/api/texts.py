"""Texts adopted by the Committee: the list by kind and article, one text, and their writes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from lanzarote.committee import selectors, services
from lanzarote.committee.api.common import (
    cached,
    endpoints,
    meeting_of,
    slug_writes,
)
from lanzarote.committee.models import AdoptedText
from lanzarote.committee.schemas.common import dump_all
from lanzarote.committee.schemas.texts import (
    CommitteeTextIn,
    CommitteeTextOut,
    CommitteeTextSummaryOut,
)
from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.lists import ListWindow

router = Router(tags=["committee: texts"])
api = endpoints(router)


@api.read(
    "/",
    list[CommitteeTextSummaryOut],
    "Texts adopted by the Committee",
    description="Filter by `kind` and by `article` (number of the Convention's article).",
)
def text_list(
    request: HttpRequest, window: Query[ListWindow], kind: str = "", article: int | None = None
) -> HttpResponse:
    if kind and kind not in AdoptedText.Kind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(AdoptedText.Kind.values)}; got {kind!r}.",
            field="kind",
        )
    if article is not None and not 1 <= article <= 50:
        raise InvalidInput("article must be a number from 1 to 50.", field="article")
    return cached(
        f"committee:texts:{kind}:{article}:{window.offset}:{window.limit}",
        lambda: dump_all(
            CommitteeTextSummaryOut,
            window.apply(selectors.text_list(kind=kind, article=article)),
        ),
    )


@api.read("/{slug}", CommitteeTextOut, "One adopted text")
def text_detail(request: HttpRequest, slug: str) -> Any:
    return selectors.text_get(slug)


def _values(payload: CommitteeTextIn) -> dict[str, Any]:
    data = payload.dict()
    data["meeting"] = meeting_of(data["meeting"]) if data.get("meeting") else None
    data["considered_at"] = [meeting_of(n) for n in data.pop("examined_at")]
    return data


slug_writes(
    api,
    name="text",
    answer=CommitteeTextOut,
    payload=CommitteeTextIn,
    values=_values,
    save=services.text_save,
    read=selectors.text_get,
    created="Record an adopted text",
    changed="Correct an adopted text",
)
