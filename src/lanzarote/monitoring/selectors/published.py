"""Reads of the Committee's public record as the pages, the API and the downloads show it: its
recommendations and compliance findings as published, under the recommendations list's filters."""

from __future__ import annotations

from django.db.models import Q

from lanzarote.monitoring.models import (
    AddressedScope,
    PublishedComplianceFinding,
    PublishedRecommendation,
    Round,
)


def published_recommendations(
    *,
    round_: Round | None = None,
    state: str | None = None,
    article: int | None = None,
    strength: str | None = None,
    complete: bool = False,
) -> list[PublishedRecommendation]:
    """The Committee's recommendations as published, report by report in the rounds' order.
    `state` keeps those that name it and those addressed to every Party in the report's scope;
    `complete` reads the articles too (one more query), which the pages do not show."""
    rows = PublishedRecommendation.objects.select_related("report__round").prefetch_related(
        "addressees", *(["articles"] if complete else [])
    )
    if round_ is not None:
        rows = rows.filter(report__round=round_)
    if state:
        rows = rows.filter(
            Q(addressees__code=state.upper()) | Q(addressed_scope=AddressedScope.ALL)
        ).distinct()
    if article is not None:
        rows = rows.filter(articles__number=article).distinct()
    if strength:
        rows = rows.filter(strength=strength)
    return list(rows.order_by("report__round__position", "report__date_earliest", "position", "id"))


def published_findings(
    *, round_: Round | None = None, complete: bool = False
) -> list[PublishedComplianceFinding]:
    """The compliance findings as published, report by report, oldest first; `complete` reads
    the Parties named too (one more query), which the pages do not show."""
    rows = PublishedComplianceFinding.objects.select_related(
        "report__round", "meeting"
    ).prefetch_related("recommendations", *(["parties"] if complete else []))
    if round_ is not None:
        rows = rows.filter(report__round=round_)
    return list(
        rows.order_by("report__round__position", "report__date_earliest", "date_earliest", "id")
    )
