"""The seeded rounds, vocabularies, reports and demonstration questionnaires; the procedure's
rules; the partial the Committee's project page includes; the documented API."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template

from lanzarote.committee.models import Project
from lanzarote.core.audit import Actor
from lanzarote.core.models import AuditRecord
from lanzarote.monitoring import services
from lanzarote.monitoring.models import Question, Questionnaire, Report, Round, StrengthLevel
from lanzarote.monitoring.reference_data import monitoring_data_load
from lanzarote.monitoring.rules import (
    AssessmentFact,
    Compliance,
    ReplyStatus,
    ReplyStep,
    StepRefused,
    current_compliance,
    next_status,
    personal_fields_in,
    timeliness,
)
from lanzarote.registry.reference_data import DATA_DIR
from lanzarote.treaty_law import KnownDate
from tests.monitoring.factories import people

pytestmark = pytest.mark.django_db


def test_the_seeded_rounds_and_their_outputs(loaded_db):
    assert list(Round.objects.order_by("position").values_list("slug", flat=True)) == [
        "round-1",
        "urgent-refugee-crisis",
        "round-2",
        "round-3",
    ]
    assert Report.objects.filter(is_demo=False).count() == 6
    strategies = Report.objects.get(document_code="T-ES(2017)12")
    assert (
        strategies.known_date == KnownDate.exact(date(2018, 1, 31))
        and strategies.meeting.number == 20
    )
    second = Report.objects.get(document_code="T-ES(2022)02")
    assert second.meeting.number == 36 and second.round.slug == "round-2"
    special = Report.objects.get(slug="urgent-special-report-2017")
    assert special.known_date == KnownDate.exact(date(2017, 3, 3)) and special.meeting.number == 17
    transit = Report.objects.get(document_code="T-ES(2017)11")
    assert transit.known_date == KnownDate.month(2018, 1) and not transit.date_confirmed
    third = Report.objects.get(slug="round-3-circle-of-trust-2025")
    assert third.date_is_publication and third.known_date == KnownDate.exact(date(2025, 10, 15))


def test_the_vocabulary_is_per_round_and_unconfirmed(loaded_db):
    def terms(slug: str) -> list[str]:
        return list(
            StrengthLevel.objects.filter(round__slug=slug)
            .order_by("rank")
            .values_list("slug", flat=True)
        )

    assert terms("round-1") == ["urge", "invite"]
    assert terms("urgent-refugee-crisis") == ["urge"]
    assert terms("round-2") == []
    assert terms("round-3") == ["calls-on", "requests"]
    assert not StrengthLevel.objects.filter(meaning_confirmed=True).exists()
    assert all("not confirmed" in level.note_en for level in StrengthLevel.objects.all())
    note = Round.objects.get(slug="round-1").vocabulary_note_en
    assert "no source gives the Committee's own scale" in note
    # Said calmly: no capitalised warning, no note about the product itself.
    for level in StrengthLevel.objects.all():
        assert "NOT" not in level.note_en and "PAS" not in level.note_fr
    assert "UNCONFIRMED" not in note and "product" not in note


def test_questionnaires_are_demonstrations_and_say_so(loaded_db):
    assert Questionnaire.objects.count() == 5
    assert not Questionnaire.objects.filter(is_demo=False).exists()
    assert all(q.note_en.startswith("Demonstration:") for q in Questionnaire.objects.all())
    assert all(q.note_fr.startswith("Démonstration :") for q in Questionnaire.objects.all())
    goq = Questionnaire.objects.get(kind="general_overview")
    assert goq.round is None and goq.questions.count() == 7
    sub = Question.objects.get(questionnaire=goq, number="4.1")
    assert sub.parent.number == "4"


def test_loading_twice_writes_nothing(loaded_db):
    before = AuditRecord.objects.count()
    report = monitoring_data_load(data_dir=DATA_DIR)
    assert not report.anything and AuditRecord.objects.count() == before


def test_reply_steps():
    assert next_status(ReplyStep.DRAFT, ReplyStatus.NONE) is ReplyStatus.DRAFT
    assert next_status(ReplyStep.DRAFT, ReplyStatus.VALIDATED) is ReplyStatus.DRAFT
    assert next_status(ReplyStep.SUBMIT, ReplyStatus.VALIDATED) is ReplyStatus.SUBMITTED
    for step, status in [
        (ReplyStep.SUBMIT, ReplyStatus.DRAFT),
        (ReplyStep.PUBLISH, ReplyStatus.VALIDATED),
        (ReplyStep.DRAFT, ReplyStatus.SUBMITTED),
    ]:
        with pytest.raises(StepRefused):
            next_status(step, status)
    with pytest.raises(StepRefused):
        next_status(ReplyStep.VALIDATE, ReplyStatus.DRAFT, has_text=False)


def test_late_and_missing():
    due = date(2023, 9, 20)
    assert timeliness(
        status=ReplyStatus.SUBMITTED,
        due=due,
        submitted_on=date(2023, 9, 21),
        today=date(2024, 1, 1),
    ).late
    assert not timeliness(
        status=ReplyStatus.SUBMITTED, due=due, submitted_on=due, today=date(2024, 1, 1)
    ).late
    assert timeliness(
        status=ReplyStatus.DRAFT, due=due, submitted_on=None, today=date(2023, 9, 21)
    ).missing
    assert not timeliness(status=ReplyStatus.DRAFT, due=due, submitted_on=None, today=due).missing


def test_current_compliance_is_the_latest_uncorrected_assessment():
    assert current_compliance([]) is Compliance.NOT_ASSESSED
    history = [
        AssessmentFact(1, date(2021, 4, 1), Compliance.NOT_COMPLIED),
        AssessmentFact(2, date(2022, 3, 10), Compliance.PARTIALLY),
    ]
    assert current_compliance(history) is Compliance.PARTIALLY
    corrected = [
        history[0],
        AssessmentFact(2, date(2022, 3, 10), Compliance.PARTIALLY, superseded=True),
        AssessmentFact(3, date(2022, 3, 10), Compliance.COMPLIED),
    ]
    assert current_compliance(corrected) is Compliance.COMPLIED


def test_personal_fields():
    assert personal_fields_in(["text", "First-Name", "age_band"]) == ["First-Name"]


def test_the_project_page_partial(loaded_db):
    who = people()
    sec = Actor(user=who["secretariat"])
    report = Report.objects.get(slug="round-3-circle-of-trust-2025")
    recommendation = services.recommendation_add(
        actor=sec,
        report=report,
        number="X1",
        text_en="Calls on Parties to train judges.",
        strength="calls-on",
    )
    project = Project.objects.create(
        slug="judges", title_en="Training judges", title_fr="Former les juges", status="ongoing"
    )
    services.recommendation_link_projects(
        actor=sec, recommendation=recommendation, projects=[project]
    )
    html = Template("{% load monitoring %}{% project_recommendations project %}").render(
        Context({"project": project})
    )
    assert "X1" in html and "Calls on" in html


def test_the_api_is_documented(client, loaded_db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/monitoring/")]
    for expected in [
        "rounds",
        "questionnaires",
        "replies",
        "contributions",
        "recommendations",
        "compliance",
        "search",
        "general-overview",
        "imports/{kind}",
    ]:
        assert f"/api/v1/monitoring/{expected}" in paths, expected
    assert "SearchOut" in schema["components"]["schemas"]
    french = client.get("/api/v1/monitoring/rounds/round-1", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["title"] == "1er cycle de suivi" and french["launch"]["precision"] == "month"
