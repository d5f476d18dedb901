"""A round from launch to compliance assessment, through the API only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from tests.monitoring.factories import bearer, people

pytestmark = pytest.mark.django_db


def test_a_round_from_launch_to_compliance_through_the_api(
    client, loaded_db, django_capture_on_commit_callbacks
):
    who = people()
    today = timezone.localdate()
    launch, due = today - timedelta(days=120), today - timedelta(days=10)
    sec = bearer(who["secretariat"])

    # Launch: the scope is the Parties on the launch date, from the registry.
    created = client.post(
        "/api/v1/monitoring/rounds",
        {
            "slug": "round-sport",
            "number": 9,
            "title_en": "Round on sport",
            "title_fr": "Cycle sur le sport",
            "theme_en": "Sexual abuse in sport",
            "theme_fr": "Abus sexuels dans le sport",
            "launch": launch.isoformat(),
            "replies_due": due.isoformat(),
        },
        content_type="application/json",
        **sec,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["scope"]["count"] == 48 and body["scope"]["uncertain"] == 0
    assert {"TN", "RU", "FR"} <= {p["state"] for p in body["scope"]["parties"]}
    # Anyone else is refused.
    refused = client.post(
        "/api/v1/monitoring/rounds",
        {
            "slug": "x-round",
            "title_en": "x",
            "title_fr": "x",
            "theme_en": "x",
            "theme_fr": "x",
            "launch": "2026-01",
        },
        content_type="application/json",
        **bearer(who["delegate_fr"]),
    )
    assert refused.status_code == 403 and "secretariat" in refused.json()["detail"]
    assert (
        client.post("/api/v1/monitoring/rounds", {}, content_type="application/json").status_code
        == 401
    )

    # Questionnaire with numbered questions tied to articles.
    questionnaire = client.post(
        "/api/v1/monitoring/questionnaires",
        {"kind": "thematic", "round": "round-sport", "title_en": "Sport", "title_fr": "Sport"},
        content_type="application/json",
        **sec,
    ).json()
    q1 = client.post(
        f"/api/v1/monitoring/questionnaires/{questionnaire['id']}/questions",
        {
            "number": "1",
            "text_en": "How are coaches screened?",
            "text_fr": "Comment les entraîneurs sont-ils contrôlés ?",
            "articles": [5],
        },
        content_type="application/json",
        **sec,
    ).json()
    q2 = client.post(
        f"/api/v1/monitoring/questionnaires/{questionnaire['id']}/questions",
        {
            "number": "2",
            "text_en": "How is child pornography punished?",
            "text_fr": "Comment la pédopornographie est-elle punie ?",
            "articles": [20, 24],
        },
        content_type="application/json",
        **sec,
    ).json()
    assert q2["articles"] == [20, 24]
    question = client.get(f"/api/v1/monitoring/questions/{q2['id']}").json()
    russia = {r["provision"] for r in question["reservations"] if r["state"] == "RU"}
    assert russia == {"20(3)", "20(4)", "24(3)"}

    # A delegate drafts for their own Party only; the coordinator validates and submits.
    draft = client.post(
        "/api/v1/monitoring/replies",
        {
            "question": q1["id"],
            "state": "FR",
            "text": "Coaches are checked against the criminal record.",
            "language": "en",
        },
        content_type="application/json",
        **bearer(who["delegate_fr"]),
    )
    assert draft.status_code == 201, draft.content
    reply = draft.json()
    assert reply["status"] == "draft"
    other = client.post(
        "/api/v1/monitoring/replies",
        {"question": q1["id"], "state": "FR", "text": "x"},
        content_type="application/json",
        **bearer(who["delegate_de"]),
    )
    assert other.status_code == 403
    assert (
        client.post(
            f"/api/v1/monitoring/replies/{reply['id']}/submit", **bearer(who["coordinator_fr"])
        ).status_code
        == 409
    )
    assert (
        client.post(
            f"/api/v1/monitoring/replies/{reply['id']}/validate",
            {},
            content_type="application/json",
            **bearer(who["delegate_fr"]),
        ).status_code
        == 403
    )
    validated = client.post(
        f"/api/v1/monitoring/replies/{reply['id']}/validate",
        {"note": "ok"},
        content_type="application/json",
        **bearer(who["coordinator_fr"]),
    )
    assert validated.json()["status"] == "validated"
    submitted = client.post(
        f"/api/v1/monitoring/replies/{reply['id']}/submit", **bearer(who["coordinator_fr"])
    ).json()
    assert submitted["status"] == "submitted" and submitted["late"] is True
    assert [e["kind"] for e in submitted["events"]] == ["drafted", "validated", "submitted"]

    # Before publication the public sees the status, not the text; a missing reply is flagged.
    matrix = client.get("/api/v1/monitoring/rounds/round-sport/matrix").json()
    rows = {row["state"]: row for row in matrix["rows"]}
    france_q1 = rows["FR"]["cells"][0]
    assert france_q1["status"] == "submitted" and france_q1["late"] and france_q1["excerpt"] == ""
    assert rows["DE"]["cells"][0]["missing"] is True
    assert {r["provision"] for r in rows["RU"]["cells"][1]["reservations"]} == {
        "20(3)",
        "20(4)",
        "24(3)",
    }
    assert client.get(f"/api/v1/monitoring/replies/{reply['id']}").status_code == 404
    client.post(f"/api/v1/monitoring/replies/{reply['id']}/publish", **sec)
    matrix = client.get("/api/v1/monitoring/rounds/round-sport/matrix", {"state": "FR"}).json()
    assert matrix["rows"][0]["cells"][0]["excerpt"].startswith("Coaches are checked")
    assert client.get(f"/api/v1/monitoring/replies/{reply['id']}").json()["status"] == "published"

    # Reminders go to the Parties with replies outstanding, after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        reminded = client.post(
            "/api/v1/monitoring/rounds/round-sport/reminders",
            {"states": ["FR", "DE"]},
            content_type="application/json",
            **sec,
        )
    assert reminded.status_code == 201
    assert {r["state"] for r in reminded.json()} == {"FR", "DE"}
    assert any(
        "delegate-de" in str(m.to) or "party_delegate@example.org" in m.to for m in mail.outbox
    )
    # Both halves, from the product's sender, each with the questionnaire's page.
    reminder = next(m for m in mail.outbox if m.subject.startswith("[Lanzarote]"))
    assert reminder.from_email == settings.DEFAULT_FROM_EMAIL
    english, french = reminder.body.split("\n\n")
    assert english.startswith("Reminder: ") and "/en/monitoring/questionnaires/" in english
    assert french.startswith("Rappel : ") and "Voir la page : " in french
    assert "/fr/monitoring/questionnaires/" in french

    # An observer contributes in its organisation's name only.
    contribution = client.post(
        "/api/v1/monitoring/contributions",
        {
            "round": "round-sport",
            "source": "observer",
            "text": "Clubs rarely check volunteers.",
            "questions": [q1["id"]],
            "states": ["FR"],
        },
        content_type="application/json",
        **bearer(who["observer"]),
    )
    assert contribution.status_code == 201, contribution.content
    assert contribution.json()["organisation"] == "ecpat" and contribution.json()["from"] == "ECPAT"
    impostor = client.post(
        "/api/v1/monitoring/contributions",
        {"round": "round-sport", "source": "observer", "text": "x", "organisation": "ecpat"},
        content_type="application/json",
        **bearer(who["other_observer"]),
    )
    assert impostor.status_code == 403

    # Children's contribution: safeguards, and never a name.
    named = client.post(
        "/api/v1/monitoring/contributions/children",
        {
            "round": "round-sport",
            "text": "We want safe changing rooms.",
            "age_band": "10-13",
            "consent_from": "child_and_guardian",
            "anonymised": True,
            "first_name": "Ana",
        },
        content_type="application/json",
        **bearer(who["observer"]),
    )
    assert named.status_code == 422 and "first_name" in named.json()["detail"], named.content
    children = client.post(
        "/api/v1/monitoring/contributions/children",
        {
            "round": "round-sport",
            "text": "We want safe changing rooms.",
            "age_band": "10-13",
            "consent_from": "child_and_guardian",
            "anonymised": True,
        },
        content_type="application/json",
        **bearer(who["observer"]),
    )
    assert children.status_code == 201, children.content
    safeguards = children.json()["safeguards"]
    assert (
        safeguards["age_band"] == "10-13" and safeguards["consent_recorded_by"] == "observer-ecpat"
    )
    assert safeguards["consent_recorded_at"] and "name" not in children.json()

    # A rapporteur appointed on a question writes observations; others may not.
    assigned = client.post(
        f"/api/v1/monitoring/questions/{q1['id']}/rapporteurs",
        {"username": "rapporteur-pt", "assigned_on": today.isoformat()},
        content_type="application/json",
        **sec,
    )
    assert assigned.status_code == 201
    observation = client.post(
        f"/api/v1/monitoring/questions/{q1['id']}/observations",
        {"text": "The screening covers paid coaches only.", "state": "FR"},
        content_type="application/json",
        **bearer(who["rapporteur"]),
    )
    assert observation.status_code == 201
    assert (
        client.post(
            f"/api/v1/monitoring/questions/{q1['id']}/observations",
            {"text": "x"},
            content_type="application/json",
            **bearer(who["other_rapporteur"]),
        ).status_code
        == 403
    )

    # Report, vocabulary term, recommendations with addressees.
    client.put(
        "/api/v1/monitoring/rounds/round-sport/vocabulary",
        {"slug": "urge", "label_en": "Urges", "label_fr": "Exhorte", "rank": 1},
        content_type="application/json",
        **sec,
    )
    report = client.post(
        "/api/v1/monitoring/reports",
        {
            "round": "round-sport",
            "slug": "sport-report",
            "title_en": "Sport report",
            "title_fr": "Rapport sport",
            "adopted": (today - timedelta(days=5)).isoformat(),
            "document_code": "T-ES(2026)99",
            "follow_up_due": (today - timedelta(days=1)).isoformat(),
        },
        content_type="application/json",
        **sec,
    )
    assert report.status_code == 201, report.content
    bad_strength = client.post(
        "/api/v1/monitoring/reports/sport-report/recommendations",
        {"number": "R1", "text_en": "x", "strength": "require"},
        content_type="application/json",
        **sec,
    )
    assert bad_strength.status_code == 422 and "vocabulary" in bad_strength.json()["detail"]
    named_rec = client.post(
        "/api/v1/monitoring/reports/sport-report/recommendations",
        {
            "number": "R1",
            "text_en": "Urges the Parties concerned to screen volunteers.",
            "strength": "urge",
            "addressees": ["FR", "RU"],
            "articles": [5, 20],
            "questions": [q1["id"]],
        },
        content_type="application/json",
        **sec,
    ).json()
    assert named_rec["addressees"] == ["FR", "RU"] and not named_rec["addressed_to_all"]
    to_all = client.post(
        "/api/v1/monitoring/reports/sport-report/recommendations",
        {"number": "R2", "text_en": "Invites all Parties to train coaches."},
        content_type="application/json",
        **sec,
    ).json()
    assert len(to_all["addressees"]) == 48

    # Follow-up by an addressed Party; one not addressed is refused.
    follow = client.post(
        f"/api/v1/monitoring/recommendations/{named_rec['id']}/follow-ups",
        {"state": "FR", "text": "A register of volunteers was set up."},
        content_type="application/json",
        **bearer(who["delegate_fr"]),
    )
    assert follow.status_code == 201
    assert (
        client.post(
            f"/api/v1/monitoring/recommendations/{named_rec['id']}/follow-ups",
            {"state": "DE", "text": "x"},
            content_type="application/json",
            **bearer(who["delegate_de"]),
        ).status_code
        == 403
    )

    # Compliance assessed twice: the history is kept, the latest is current.
    for status, days in (("partially_complied", 4), ("complied", 2)):
        assessed = client.post(
            f"/api/v1/monitoring/recommendations/{named_rec['id']}/assessments",
            {
                "state": "FR",
                "status": status,
                "assessed_on": (today - timedelta(days=days)).isoformat(),
            },
            content_type="application/json",
            **sec,
        )
        assert assessed.status_code == 201, assessed.content
    detail = client.get(f"/api/v1/monitoring/recommendations/{named_rec['id']}").json()
    france = next(p for p in detail["by_party"] if p["state"] == "FR")
    assert france["compliance"] == "complied"
    assert [h["status"] for h in france["history"]] == ["partially_complied", "complied"]
    russia = next(p for p in detail["by_party"] if p["state"] == "RU")
    assert russia["compliance"] == "not_assessed" and russia["follow_up_overdue"] is True
    assert {r["provision"] for r in russia["reservations"]} == {"20(3)", "20(4)"}
    compliance = client.get(
        "/api/v1/monitoring/compliance", {"round": "round-sport", "status": "complied"}
    ).json()
    assert [(r["recommendation"], r["state"]) for r in compliance] == [("R1", "FR")]

    dashboard = client.get("/api/v1/monitoring/rounds/round-sport/dashboard").json()
    assert dashboard["replies"]["expected"] == 96 and dashboard["replies"]["received"] == 1
    assert dashboard["replies"]["late"] == 1 and dashboard["replies"]["missing"] == 95
    assert dashboard["compliance"]["complied"] == 1
    assert {s["strength"]: s["count"] for s in dashboard["by_strength"]} == {"urge": 1, None: 1}
