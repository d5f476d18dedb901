"""The readiness API: the public catalogue and mappings, and the team's assessments."""

from __future__ import annotations

import pytest

from lanzarote.readiness.models import AnswerVersion, Assessment

pytestmark = pytest.mark.django_db


def test_the_catalogue(client, loaded_db):
    response = client.get("/api/v1/readiness/obligations")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 109
    assert {o["article"] for o in body} == set(range(4, 39))
    first = body[0]
    assert first["id"] == "4" and first["chapter"] == "II"
    assert all(o["description_checked"] is False for o in body)
    assert len(client.get("/api/v1/readiness/obligations", {"chapter": "viii"}).json()) == 3
    assert len(client.get("/api/v1/readiness/obligations", {"kind": "cooperation"}).json()) == 3


def test_one_obligation(client, loaded_db):
    body = client.get("/api/v1/readiness/obligations/20.1.f").json()
    assert body["citation"] == "Art. 20(1)(f)"
    assert [r["code"] for r in body["reservations"]] == ["20(4)"]
    assert {m["instrument"] for m in body["mappings"]} == {"opsc", "mnr"}
    texts = client.get("/api/v1/readiness/obligations/23").json()["interpreting_texts"]
    opinion = next(t for t in texts if t["key"] == "opinion-article-23")
    assert opinion["adopted"]["earliest"].startswith("2015") and opinion["confirmed"] is False
    missing = client.get("/api/v1/readiness/obligations/99")
    assert missing.status_code == 404
    french = client.get(
        "/api/v1/readiness/obligations/22", headers={"Accept-Language": "fr"}
    ).json()
    assert french["description"] == french["description_fr"]


@pytest.mark.parametrize(
    ("instrument", "count"), [("opsc", 46), ("mnr", 29), ("sdg", 9), (None, 84)]
)
def test_mappings(client, loaded_db, instrument, count):
    params = {"instrument": instrument} if instrument else {}
    body = client.get("/api/v1/readiness/mappings", params).json()
    assert len(body) == count
    assert {m["relation"] for m in body} <= {"equivalent", "partial", "related"}
    if instrument == "mnr":
        assert {m["target"] for m in body} <= {
            "policy_governance",
            "criminal_justice",
            "victim",
            "societal",
            "industry",
            "media_communications",
        }


def test_an_unknown_instrument_is_refused(client, loaded_db):
    response = client.get("/api/v1/readiness/mappings", {"instrument": "unicef"})
    assert response.status_code == 422
    assert response.json()["field"] == "instrument"


def test_the_team_works_with_a_token(client, official, official_token):
    created = client.post(
        "/api/v1/readiness/assessments",
        {"title": "Through the API", "weprotect_member": True},
        content_type="application/json",
        headers=official_token,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "BR" and body["team"] == [
        {"username": official.username, "role": "owner"}
    ]
    assert "20.1.a" in body["hints"] and "9.3" in body["hints"]  # OPSC and WeProtect
    pk = body["id"]
    assert [
        a["id"] for a in client.get("/api/v1/readiness/assessments", headers=official_token).json()
    ] == [pk]

    url = f"/api/v1/readiness/assessments/{pk}/answers/23"
    answer = {
        "status": "partly",
        "provisions": [
            {"reference": "Statute of the Child, art. 241-D", "url": "https://example.org/eca"}
        ],
        "notes": "Covers the internet, but requires a meeting.",
        "followups": {"online_proposal": "partly"},
    }
    first = client.put(url, answer, content_type="application/json", headers=official_token)
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "partly" and first.json()["version"]
    second = client.put(
        url,
        {**answer, "status": "in_place"},
        content_type="application/json",
        headers=official_token,
    )
    assert second.json()["version"] > first.json()["version"]
    assert AnswerVersion.objects.filter(assessment_id=pk, obligation__code="23").count() == 2
    detail = client.get(f"/api/v1/readiness/assessments/{pk}", headers=official_token).json()
    [current] = [a for a in detail["answers"] if a["obligation"] == "23"]
    assert current["status"] == "in_place"
    vi = next(c for c in detail["chapters"] if c["chapter"] == "VI")
    assert vi["in_place"] == 1 and vi["total"] == 37


def test_bad_answers_are_422(client, official_token, assessment):
    url = f"/api/v1/readiness/assessments/{assessment.pk}/answers/23"
    for body, field in [
        ({"status": "maybe"}, "status"),
        ({"status": "in_place", "followups": {"nope": "x"}}, "followups.nope"),
        (
            {
                "status": "in_place",
                "provisions": [{"reference": "x", "url": "javascript:alert(1)"}],
            },
            "provisions[1].url",
        ),
    ]:
        response = client.put(url, body, content_type="application/json", headers=official_token)
        assert response.status_code == 422, body
        assert response.json()["field"] == field
    unknown = client.put(
        f"/api/v1/readiness/assessments/{assessment.pk}/answers/99.9",
        {"status": "in_place"},
        content_type="application/json",
        headers=official_token,
    )
    assert unknown.status_code == 404
    assert AnswerVersion.objects.count() == 0


def test_an_official_of_another_state_cannot_create_one_for_brazil(
    client, official_token, outsiders
):
    response = client.post(
        "/api/v1/readiness/assessments",
        {"title": "x", "state": "TN"},
        content_type="application/json",
        headers=official_token,
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == 0


def test_the_session_can_be_used_too(client, official, assessment):
    client.force_login(official)
    assert client.get(f"/api/v1/readiness/assessments/{assessment.pk}").status_code == 200


def test_the_openapi_document_describes_the_endpoints(client, loaded_db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/readiness/obligations",
        "/api/v1/readiness/obligations/{obligation_id}",
        "/api/v1/readiness/mappings",
        "/api/v1/readiness/assessments",
        "/api/v1/readiness/assessments/{assessment_id}",
        "/api/v1/readiness/assessments/{assessment_id}/answers/{obligation_id}",
        "/api/v1/readiness/assessments/{assessment_id}/export",
        "/api/v1/readiness/assessments/import",
    ]:
        assert path in paths, path
    assert "put" in paths["/api/v1/readiness/assessments/{assessment_id}/answers/{obligation_id}"]
    schema = paths["/api/v1/readiness/assessments/import"]["post"]
    assert "422" in schema["responses"]
