"""Monitoring endpoints: the Committee's public record, its recommendations and compliance
findings as published, each with its sources (summaries in our words)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from lanzarote.committee.schemas.common import dump_all
from lanzarote.core.http.lists import ListWindow
from lanzarote.monitoring.api.common import endpoints, round_of
from lanzarote.monitoring.schemas import PublishedComplianceFindingOut, PublishedRecommendationOut
from lanzarote.monitoring.selectors import published as public_record

router = Router(tags=["monitoring"])
api = endpoints(router)


@api.read(
    "/published-recommendations",
    list[PublishedRecommendationOut],
    "The Committee's recommendations as published in its reports",
    description="What the sources state about each recommendation (or group of them): number, "
    "verb as printed and the report's category of strength, Parties addressed, articles, the "
    "report's adoption, sources, and a one-line summary in our words. Filters: `round`, `state` "
    "(those naming it and those addressed to every Party in the report's scope), `article`, "
    "`strength` (the report's category, such as `urge` or `consider`).",
)
def published_recommendation_list(
    request: HttpRequest,
    window: Query[ListWindow],
    round: str | None = None,
    state: str | None = None,
    article: int | None = None,
    strength: str | None = None,
) -> list[dict[str, Any]]:
    rows = public_record.published_recommendations(
        round_=round_of(round) if round else None,
        state=state,
        article=article,
        strength=strength,
        complete=True,
    )
    return dump_all(PublishedRecommendationOut, window.apply(rows))


@api.read(
    "/compliance-findings",
    list[PublishedComplianceFindingOut],
    "The compliance findings the Committee published on its reports' recommendations",
    description="General findings (per-Party findings were not read), each with its date, "
    "meeting, the published recommendations it concerns, documents and sources. Filter: `round`.",
)
def compliance_finding_list(
    request: HttpRequest, window: Query[ListWindow], round: str | None = None
) -> list[dict[str, Any]]:
    rows = public_record.published_findings(
        round_=round_of(round) if round else None, complete=True
    )
    return dump_all(PublishedComplianceFindingOut, window.apply(rows))
