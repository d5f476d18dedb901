"""Every list downloads as CSV, XLSX and JSON; demonstration records are labelled, kept out of
real downloads and searches unless asked for, and generated only once."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from lanzarote.monitoring.demo import demo_generate
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    Contribution,
    Recommendation,
    Reply,
    Report,
)
from tests.monitoring.factories import people

pytestmark = pytest.mark.django_db

LISTS = [
    "/en/monitoring/",
    "/en/monitoring/rounds/round-3/matrix/",
    "/en/monitoring/rounds/round-3/dashboard/",
    "/en/monitoring/contributions/",
    "/en/monitoring/recommendations/",
    "/en/monitoring/compliance/",
    "/en/monitoring/general-overview/",
    "/en/monitoring/states/FR/",
]


@pytest.fixture
def demo(loaded_db):  # type: ignore[no-untyped-def]
    return demo_generate()


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("url", LISTS)
def test_every_list_downloads_in_three_formats(client, loaded_db, url):
    for file_format, content_type in (
        ("csv", "text/csv"),
        ("xlsx", "spreadsheetml"),
        ("json", "application/json"),
    ):
        response = client.get(url, {"format": file_format})
        assert response.status_code == 200, (url, file_format)
        assert content_type in response["Content-Type"]
        assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert book.active.max_row >= 1


def test_demonstration_records_stay_out_of_real_downloads(client, demo):
    assert demo.created and demo.counts["replies"] > 100 and demo.counts["recommendations"] == 6
    assert Reply.objects.filter(is_demo=False).count() == 0
    assert Recommendation.objects.filter(is_demo=True).count() == 6
    real = _csv(client.get("/en/monitoring/recommendations/", {"format": "csv"}))
    assert real == []
    with_demo = client.get(
        "/en/monitoring/recommendations/", {"format": "csv", "include_demo": "1"}
    )
    rows = _csv(with_demo)
    assert len(rows) == 6 and {r["is_demo"] for r in rows} == {"yes"}
    assert "with-demo" in with_demo["Content-Disposition"]
    matrix = json.loads(
        client.get("/en/monitoring/rounds/round-3/matrix/", {"format": "json"}).content
    )
    assert matrix["is_demo"] and matrix["rows"] == []
    matrix = json.loads(
        client.get(
            "/en/monitoring/rounds/round-3/matrix/", {"format": "json", "include_demo": "1"}
        ).content
    )
    assert len(matrix["rows"]) == 48
    compliance = _csv(
        client.get("/en/monitoring/compliance/", {"format": "csv", "include_demo": "1"})
    )
    assert compliance and all(r["is_demo"] == "yes" for r in compliance)
    assert _csv(client.get("/en/monitoring/compliance/", {"format": "csv"})) == []


def test_demonstration_records_are_labelled_on_the_pages(client, demo):
    report = Report.objects.get(is_demo=True)
    page = client.get(f"/en/monitoring/reports/{report.slug}/").content.decode()
    assert "badge--demo" in page and "[Demonstration]" in page
    matrix = client.get("/en/monitoring/rounds/round-3/matrix/").content.decode()
    assert "badge--demo" in matrix
    children = Contribution.objects.filter(source="children", is_demo=True).first()
    assert (
        "badge--demo" in client.get(f"/en/monitoring/contributions/{children.pk}/").content.decode()
    )
    api = client.get("/api/v1/monitoring/recommendations", {"round": "round-3"}).json()
    assert api and all(r["is_demo"] for r in api)
    assert (
        client.get(
            "/api/v1/monitoring/recommendations", {"round": "round-3", "include_demo": "false"}
        ).json()
        == []
    )


def test_the_demonstration_is_generated_once(demo):
    counts = (Reply.objects.count(), ComplianceAssessment.objects.count())
    again = demo_generate()
    assert (
        not again.created
        and (Reply.objects.count(), ComplianceAssessment.objects.count()) == counts
    )


def test_the_demo_command(loaded_db):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("monitoring", "demo", stdout=out)
    assert "Demonstration records created" in out.getvalue()
    out = io.StringIO()
    call_command("monitoring", "goq", "--as-of", "2021-06-01", "--format", "json", stdout=out)
    tunisia = next(o for o in json.loads(out.getvalue()) if o["state"] == "TN")
    assert tunisia["due"]["date"] == "2021-02-01"


def test_the_secretariat_sees_unpublished_records_in_its_downloads(client, loaded_db):
    who = people()
    client.force_login(who["secretariat"])
    assert client.get("/en/monitoring/contributions/", {"format": "json"}).status_code == 200
