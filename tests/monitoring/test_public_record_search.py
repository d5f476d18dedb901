"""The public record in monitoring search: the recommendations and compliance findings as
published are found by a word of our summary in English or in French, under their report's
round, by anyone, and are indexed again by the loader or `reindex` when their document is
missing."""

from __future__ import annotations

import pytest

from lanzarote.monitoring import services
from lanzarote.monitoring.models import (
    PublishedComplianceFinding,
    PublishedRecommendation,
    SearchDocument,
)
from lanzarote.monitoring.reference_data import monitoring_data_load
from lanzarote.monitoring.search import SearchFacets, search
from lanzarote.registry.reference_data import DATA_DIR

pytestmark = pytest.mark.django_db

RECOMMENDATION = SearchDocument.Kind.PUBLISHED_RECOMMENDATION
FINDING = SearchDocument.Kind.COMPLIANCE_FINDING


def _found(query: str, kind: str) -> set[int]:
    facets = SearchFacets(kind=kind, public_only=True)
    return {hit.object_id for hit in search(query, facets=facets, limit=50).hits}


def test_a_published_recommendation_is_found_in_english_and_in_french(loaded_db):
    r7 = PublishedRecommendation.objects.get(reference_key="recommendation/refugee-crisis/r7")
    assert "Collect data" in r7.summary_en and "Recueillir" in r7.summary_fr

    assert r7.pk in _found("collect", RECOMMENDATION)
    assert r7.pk in _found("recueillir", RECOMMENDATION)
    document = SearchDocument.objects.get(kind=RECOMMENDATION, object_id=r7.pk)
    assert document.round_id == r7.report.round_id
    assert document.strength == "consider"
    assert document.is_public and not document.is_demo


def test_a_published_compliance_finding_is_found_in_english_and_in_french(loaded_db):
    finding = PublishedComplianceFinding.objects.get(
        reference_key="compliance/transit-zones/hungary-2019"
    )
    assert "Hungary" in finding.finding_en and "Hongrie" in finding.finding_fr

    assert finding.pk in _found("hungary", FINDING)
    assert finding.pk in _found("hongrie", FINDING)
    # The French word is in no recommendation of ours: the kind facet keeps them apart.
    assert finding.pk not in _found("hongrie", RECOMMENDATION)


def test_the_search_api_and_page_list_them(client, loaded_db):
    finding = PublishedComplianceFinding.objects.get(
        reference_key="compliance/transit-zones/hungary-2019"
    )
    answer = client.get("/api/v1/monitoring/search", {"q": "hongrie", "kind": FINDING})
    assert answer.status_code == 200
    assert [(h["kind"], h["id"]) for h in answer.json()["hits"]] == [(FINDING, finding.pk)]

    page = client.get("/fr/monitoring/search/", {"q": "hongrie"})
    assert page.status_code == 200
    assert finding.report.title_en in page.content.decode()


def test_a_load_indexes_the_documents_missing_and_reindex_rebuilds_them(loaded_db):
    SearchDocument.objects.filter(kind__in=[RECOMMENDATION, FINDING]).delete()
    assert not _found("hongrie", FINDING)

    report = monitoring_data_load(data_dir=DATA_DIR)

    assert not report.anything
    assert SearchDocument.objects.filter(kind=RECOMMENDATION).count() == 18
    assert SearchDocument.objects.filter(kind=FINDING).count() == 10

    SearchDocument.objects.filter(kind=FINDING).delete()
    services.reindex()
    assert SearchDocument.objects.filter(kind=FINDING).count() == 10
    assert _found("hongrie", FINDING)
