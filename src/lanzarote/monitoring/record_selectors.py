"""Reads of the Committee's public monitoring record (`public_record`): the recommendations and
compliance findings as published, each list in a fixed number of queries."""

from __future__ import annotations

from lanzarote.monitoring.models import (
    PublishedComplianceFinding,
    PublishedRecommendation,
    Round,
)


def published_recommendations(*, round_: Round | None = None) -> list[PublishedRecommendation]:
    """The recorded recommendations, report by report in the rounds' order (two queries)."""
    rows = PublishedRecommendation.objects.select_related("report").prefetch_related("addressees")
    if round_ is not None:
        rows = rows.filter(report__round=round_)
    return list(rows.order_by("report__round__position", "report__date_earliest", "position", "id"))


def compliance_findings(*, round_: Round | None = None) -> list[PublishedComplianceFinding]:
    """The published compliance findings, report by report, oldest first (two queries)."""
    rows = PublishedComplianceFinding.objects.select_related("report", "meeting").prefetch_related(
        "recommendations"
    )
    if round_ is not None:
        rows = rows.filter(report__round=round_)
    return list(
        rows.order_by("report__round__position", "report__date_earliest", "date_earliest", "id")
    )
