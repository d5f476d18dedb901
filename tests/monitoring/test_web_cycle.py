"""A round from launch to compliance assessment, through the web pages only (Django's client)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lanzarote.monitoring.models import (
    ComplianceAssessment,
    Contribution,
    Observation,
    Question,
    Recommendation,
    Reply,
    Report,
    Round,
)
from tests.monitoring.factories import people

pytestmark = pytest.mark.django_db


def _post(client, url, data, status=302):  # type: ignore[no-untyped-def]
    response = client.post(url, data)
    assert response.status_code == status, (url, response.status_code, response.content[:2000])
    return response


def test_a_round_from_launch_to_compliance_through_the_pages(client, loaded_db):
    who = people()
    today = timezone.localdate()
    launch, due = today - timedelta(days=90), today - timedelta(days=3)

    # The secretariat launches the round; the scope is derived, not entered.
    client.force_login(who["secretariat"])
    _post(
        client,
        "/en/monitoring/desk/",
        {
            "slug": "round-web",
            "kind": "thematic",
            "number": "7",
            "title_en": "Round on care",
            "title_fr": "Cycle sur les soins",
            "theme_en": "Children in care",
            "theme_fr": "Enfants placés",
            "launch": launch.isoformat(),
            "replies_due": due.isoformat(),
        },
    )
    round_ = Round.objects.get(slug="round-web")
    page = client.get("/en/monitoring/rounds/round-web/")
    assert "48 Parties, computed from the registry on the launch date" in page.content.decode()
    desk = "/en/monitoring/desk/rounds/round-web/"
    _post(client, desk + "questionnaire/", {"title_en": "Care", "title_fr": "Soins"})
    _post(
        client,
        desk + "question/",
        {
            "number": "1",
            "text_en": "How are children in care protected?",
            "text_fr": "Comment les enfants placés sont-ils protégés ?",
            "articles": "11 14",
        },
    )
    _post(
        client,
        desk + "question/",
        {
            "number": "2",
            "text_en": "Is attempted abuse punishable?",
            "text_fr": "La tentative est-elle punissable ?",
            "articles": "24",
        },
    )
    q1, _q2 = Question.objects.filter(questionnaire__round=round_).order_by("position")
    _post(
        client,
        desk + "strength/",
        {
            "slug": "urge",
            "label_en": "Urges",
            "label_fr": "Exhorte",
            "rank": "1",
        },
    )
    _post(
        client,
        desk + "rapporteur/",
        {
            "question": q1.pk,
            "username": "rapporteur-pt",
            "assigned_on": today.isoformat(),
        },
    )

    # A delegate drafts France's reply; the coordinator validates and submits (late).
    client.force_login(who["delegate_fr"])
    _post(
        client,
        f"/en/monitoring/questions/{q1.pk}/reply/",
        {"text": "Every placement is reviewed.", "language": "en"},
    )
    reply = Reply.objects.get(question=q1, state_id="FR")
    assert reply.status == "draft"
    assert client.post(f"/en/monitoring/replies/{reply.pk}/validate/").status_code == 403
    client.force_login(who["delegate_de"])
    assert (
        client.get(f"/en/monitoring/replies/{reply.pk}/").status_code == 404
    )  # another Party's draft
    assert client.get(f"/en/monitoring/questions/{q1.pk}/reply/?state=FR").status_code == 403
    client.force_login(who["coordinator_fr"])
    _post(client, f"/en/monitoring/replies/{reply.pk}/validate/", {})
    _post(client, f"/en/monitoring/replies/{reply.pk}/submit/", {})
    reply.refresh_from_db()
    assert reply.status == "submitted"

    # The matrix flags it late, and flags the missing replies; the public sees no text yet.
    client.logout()
    matrix = client.get("/en/monitoring/rounds/round-web/matrix/?state=FR").content.decode()
    assert "late" in matrix and "Every placement" not in matrix
    missing = client.get("/en/monitoring/rounds/round-web/matrix/?status=missing").content.decode()
    assert "Germany" in missing
    russia = client.get("/en/monitoring/rounds/round-web/matrix/?state=RU").content.decode()
    assert "Reservation, Art. 24(3)" in russia

    # An observer contributes; children's words come with safeguards and no name.
    client.force_login(who["observer"])
    _post(
        client,
        "/en/monitoring/rounds/round-web/contribute/",
        {
            "source": "observer",
            "text": "Inspections are rare.",
            "language": "en",
            "questions": [q1.pk],
            "states": "FR",
        },
    )
    named = client.post(
        "/en/monitoring/rounds/round-web/contribute/children/",
        {
            "text": "We want to be heard.",
            "age_band": "14-17",
            "consent_from": "child_and_guardian",
            "anonymised": "on",
            "language": "en",
            "child_name": "Léa",
        },
    )
    assert named.status_code == 422 and "child_name" in named.content.decode()
    _post(
        client,
        "/en/monitoring/rounds/round-web/contribute/children/",
        {
            "text": "We want to be heard.",
            "age_band": "14-17",
            "consent_from": "child_and_guardian",
            "anonymised": "on",
            "language": "en",
        },
    )
    child = Contribution.objects.get(round=round_, source="children")
    assert child.age_band == "14-17" and child.consent_recorded_by_label == "observer-ecpat"

    # The rapporteur writes an observation; the secretariat publishes the reply.
    client.force_login(who["rapporteur"])
    _post(
        client,
        f"/en/monitoring/questions/{q1.pk}/observe/",
        {"text": "Reviews are annual.", "state": "FR", "language": "en"},
    )
    assert Observation.objects.filter(question=q1, state_id="FR").exists()
    client.force_login(who["secretariat"])
    _post(client, f"/en/monitoring/replies/{reply.pk}/publish/", {})
    client.logout()
    assert (
        "Every placement"
        in client.get("/en/monitoring/rounds/round-web/matrix/?state=FR").content.decode()
    )

    # Report and recommendations with addressees.
    client.force_login(who["secretariat"])
    _post(
        client,
        desk + "report/",
        {
            "slug": "care-report",
            "kind": "implementation",
            "title_en": "Care report",
            "title_fr": "Rapport soins",
            "adopted": (today - timedelta(days=2)).isoformat(),
            "follow_up_due": (today + timedelta(days=200)).isoformat(),
        },
    )
    _post(
        client,
        desk + "recommendation/",
        {
            "report": "care-report",
            "number": "R1",
            "text_en": "Urges France and Russia to inspect.",
            "strength": "urge",
            "addressees": "FR RU",
            "articles": "24",
        },
    )
    recommendation = Recommendation.objects.get(
        report=Report.objects.get(slug="care-report"), number="R1"
    )
    detail = f"/en/monitoring/recommendations/{recommendation.pk}/"
    assert "Reservation, Art. 24(3)" in client.get(detail).content.decode()

    # Follow-up by France; the Committee assesses twice and both are kept.
    client.force_login(who["delegate_fr"])
    _post(
        client,
        detail + "follow-up/",
        {"state": "FR", "text": "Inspections doubled.", "language": "en"},
    )
    client.force_login(who["secretariat"])
    for status, days in (("not_complied", 1), ("partially_complied", 0)):
        _post(
            client,
            detail + "assess/",
            {
                "state": "FR",
                "status": status,
                "assessed_on": (today - timedelta(days=days)).isoformat(),
            },
        )
    history = list(
        ComplianceAssessment.objects.filter(recommendation=recommendation, state_id="FR").order_by(
            "assessed_on"
        )
    )
    assert [a.status for a in history] == ["not_complied", "partially_complied"]
    page = client.get(detail).content.decode()
    assert "Not complied" in page and "Partially complied" in page
    dashboard = client.get("/en/monitoring/rounds/round-web/dashboard/").content.decode()
    assert "<svg" in dashboard and "Replies to the questionnaire" in dashboard
    compliance = client.get(
        "/en/monitoring/compliance/?round=round-web&status=partially_complied"
    ).content.decode()
    assert "France" in compliance
