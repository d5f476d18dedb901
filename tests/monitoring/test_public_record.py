"""The Committee's public monitoring record loaded from the research: recommendations and
compliance findings as facts (our summaries never passed off as the Committee's wording), the
questionnaires' adoption, French for every content field, and a second load writing nothing."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from lanzarote.core.models import AuditRecord
from lanzarote.monitoring.models import (
    PublishedComplianceFinding,
    PublishedRecommendation,
    Recommendation,
    Round,
)
from lanzarote.monitoring.reference_data import monitoring_data_load
from lanzarote.registry.reference_data import DATA_DIR

pytestmark = pytest.mark.django_db


def test_the_research_record_is_loaded():
    assert PublishedRecommendation.objects.count() == 18
    assert PublishedComplianceFinding.objects.count() == 10
    # The Committee's own wording is not in the research: nothing is written as if it were.
    assert not Recommendation.objects.filter(is_demo=False).exists()


def test_every_content_field_has_its_french():
    for row in PublishedRecommendation.objects.all():
        assert row.subject_fr and row.summary_fr and row.note_fr, row.reference_key
        assert row.summary_fr != row.summary_en
    for finding in PublishedComplianceFinding.objects.all():
        assert finding.finding_fr and finding.finding_fr != finding.finding_en
        assert bool(finding.note_fr) == bool(finding.note_en), finding.reference_key


def test_a_recommendation_keeps_its_facts_and_their_uncertainty():
    r7 = PublishedRecommendation.objects.get(reference_key="recommendation/refugee-crisis/r7")
    assert r7.report.slug == "urgent-special-report-2017"
    assert (r7.number, r7.strength, r7.strength_word) == ("R7", "consider", "consider")
    assert r7.strength_confirmed is False and r7.confirmed is True
    assert (r7.addressed_scope, r7.addressed_count) == ("all", 41)
    assert r7.known_date.value == date(2017, 3, 3)
    assert {s["grade"] for s in r7.sources} == {"committee", "government"}

    hungary = PublishedRecommendation.objects.get(
        reference_key="recommendation/transit-zones/hungary"
    )
    assert hungary.number == "" and hungary.strength == ""
    assert [s.code for s in hungary.addressees.all()] == ["HU"]
    assert hungary.known_date.value is None  # adopted between two known days

    trust = PublishedRecommendation.objects.get(
        reference_key="recommendation/round-3/position-of-trust"
    )
    assert trust.strength_word == "calls on … to take urgent action"
    assert (trust.addressed_scope, trust.addressed_count, trust.confirmed) == ("some", None, False)


def test_compliance_findings_point_at_their_report_meeting_and_recommendations():
    at_36 = PublishedComplianceFinding.objects.get(
        reference_key="compliance/refugee-crisis/reports-36"
    )
    assert at_36.meeting is not None and at_36.meeting.number == 36
    assert sorted(r.number for r in at_36.recommendations.all()) == [
        "R11",
        "R13",
        "R31",
        "R37",
        "R7",
    ]
    assert "T-ES(2021)25" in at_36.documents
    published = PublishedComplianceFinding.objects.get(
        reference_key="compliance/refugee-crisis/published-2022"
    )
    assert published.confirmed is False and published.meeting is None
    assert published.recommendations.count() == 10


def test_questionnaire_adoptions_are_loaded_with_their_meeting():
    round_3 = Round.objects.get(slug="round-3")
    assert round_3.questionnaire_adopted_meeting is not None
    assert round_3.questionnaire_adopted_meeting.number == 38
    assert round_3.questionnaire_adopted is not None
    assert round_3.questionnaire_adopted.latest == date(2023, 6, 2)
    round_1 = Round.objects.get(slug="round-1")
    assert round_1.questionnaire_adopted is not None and round_1.questionnaire_adopted.is_unknown
    assert round_1.questionnaire_adopted_meeting is None


def test_a_second_load_writes_nothing():
    audits = AuditRecord.objects.count()
    report = monitoring_data_load(data_dir=DATA_DIR)
    assert not report.anything
    assert AuditRecord.objects.count() == audits


def test_a_changed_summary_is_applied_with_one_audit_record(tmp_path: Path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    path = data_dir / "research" / "committee" / "recommendations.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[0]["summary_fr"] = "Résumé corrigé."
    path.write_text(json.dumps(records), encoding="utf-8")
    audits = AuditRecord.objects.count()

    report = monitoring_data_load(data_dir=data_dir)

    assert report.changed == {"published_recommendations": 1}
    assert AuditRecord.objects.count() == audits + 1
    assert PublishedRecommendation.objects.get(reference_key=records[0]["key"]).summary_fr == (
        "Résumé corrigé."
    )
