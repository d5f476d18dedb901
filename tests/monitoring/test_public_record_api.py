"""The Committee's public record (issue 14) tells the truth everywhere: the recommendations list
counts the published recommendations and says where they come from, and the API and the
downloads give the published recommendations and compliance findings."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api.test_openapi import assert_conforms, build_document
from tests.monitoring.factories import bearer, people

pytestmark = pytest.mark.django_db

PUBLISHED = "/api/v1/monitoring/published-recommendations"
FINDINGS = "/api/v1/monitoring/compliance-findings"


@pytest.mark.parametrize(
    ("language", "published", "recorded"),
    [
        (
            "en",
            "18 recommendations from the Committee's published reports",
            "0 recorded here with their wording",
        ),
        (
            "fr",
            "18 recommandations issues des rapports publiés du Comité",
            "0 enregistrée ici avec son libellé",
        ),
    ],
)
def test_the_list_counts_the_published_record(client, language, published, recorded):
    page = client.get(f"/{language}/monitoring/recommendations/").content.decode()
    page = page.replace("&#x27;", "'")
    assert published in page
    assert recorded in page
    assert "0 recommendations" not in page.split('id="recorded-heading"')[0]


def test_the_list_filters_the_published_record_too(client):
    page = client.get("/en/monitoring/recommendations/", {"round": "round-3"}).content.decode()
    assert "3 recommendations from the Committee" in page.replace("&#x27;", "'")
    by_article = client.get("/en/monitoring/recommendations/", {"article": "49"}).content.decode()
    assert by_article.count('class="published-recommendation"') == 0


def test_the_api_gives_the_published_recommendations(client, monkeypatch):
    document, _collisions = build_document(monkeypatch)
    everything = client.get(PUBLISHED)
    assert_conforms(document, "get", PUBLISHED, everything)
    rows = everything.json()
    assert len(rows) == 18
    r7 = next(r for r in rows if r["number"] == "R7" and r["round"] == "urgent-refugee-crisis")
    assert r7["summary"].startswith("Collect data on children affected by the refugee crisis")
    assert r7["strength_word"] == "consider" and r7["strength_confirmed"] is False
    assert r7["addressed_scope"] == "all" and r7["addressed_count"] == 41
    assert r7["report_adopted"]["date"] == "2017-03-03"
    assert "committee" in {s["grade"] for s in r7["sources"]}
    assert len(client.get(PUBLISHED, {"round": "round-3"}).json()) == 3
    assert client.get(PUBLISHED, {"round": "no-such-round"}).status_code == 404
    french = client.get(PUBLISHED, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert {r["summary"] for r in french} == {r["summary_fr"] for r in french}
    assert client.get(PUBLISHED, {"limit": "0"}).status_code == 422


def test_the_api_gives_the_compliance_findings(client, monkeypatch):
    document, _collisions = build_document(monkeypatch)
    answer = client.get(FINDINGS)
    assert_conforms(document, "get", FINDINGS, answer)
    findings = answer.json()
    assert len(findings) == 10
    published_ids = {r["id"] for r in client.get(PUBLISHED).json()}
    concerned = {pk for f in findings for pk in f["recommendations"]}
    assert concerned and concerned <= published_ids
    assert client.get(FINDINGS, {"round": "round-3"}).json() == []


@pytest.mark.parametrize(
    ("url", "params", "count"),
    [
        # the rows, their Parties and articles (or recommendations and Parties); a round named
        # in the query is one more
        (PUBLISHED, {}, 3),
        (PUBLISHED, {"round": "urgent-refugee-crisis", "state": "FR"}, 4),
        (FINDINGS, {}, 3),
        (FINDINGS, {"round": "urgent-refugee-crisis"}, 4),
    ],
)
def test_the_public_record_api_reads_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, params, count
):
    client.get(url, params)  # the caches the API shares, warmed
    with django_assert_num_queries(count):
        assert client.get(url, params).status_code == 200


def test_the_page_downloads_the_published_record(client):
    page = "/en/monitoring/recommendations/"
    published = client.get(page, {"record": "published", "format": "csv"})
    assert published["Content-Disposition"].endswith('monitoring-published-recommendations.csv"')
    rows = list(csv.DictReader(io.StringIO(published.content.decode("utf-8-sig"))))
    assert len(rows) == 18
    assert any(r["report_adopted"] == "3 March 2017" for r in rows)
    assert all(r["sources"].startswith("https://") for r in rows)
    findings = client.get(page, {"record": "findings", "format": "json"}).json()
    assert len(findings) == 10
    html = client.get(page).content.decode()
    assert "record=published&amp;format=csv" in html and "record=findings&amp;format=json" in html


def test_a_finding_is_answered_in_its_schema(client):
    sec = bearer(people()["secretariat"])
    created = client.post(
        "/api/v1/monitoring/reports",
        {
            "round": "round-3",
            "slug": "finding-report",
            "title_en": "R",
            "title_fr": "R",
            "adopted": "2024-05-02",
        },
        content_type="application/json",
        **sec,
    )
    assert created.status_code == 201, created.content
    finding = client.post(
        "/api/v1/monitoring/reports/finding-report/findings",
        {"number": "F1", "text_en": "Helplines exist.", "articles": [14, 11]},
        content_type="application/json",
        **sec,
    )
    assert finding.status_code == 201, finding.content
    assert finding.json() == {"number": "F1", "text": "Helplines exist.", "articles": [11, 14]}
    report = client.get("/api/v1/monitoring/reports/finding-report").json()
    assert report["findings"] == [finding.json()]
