"""The Committee's API: composition by date and its changes, meetings, texts and projects with
their documented schemas, and writes that only the secretariat may make."""

from __future__ import annotations

import pytest

from lanzarote.committee.models import ObserverApplication
from tests.committee.factories import PARTIES_2023, others, secretariat, token_for

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}


def test_composition_by_date(client, loaded_db):
    before = client.get("/api/v1/committee/", {"as_of": "2020-01-31"}).json()
    after = client.get("/api/v1/committee/", {"as_of": "2020-02-01"}).json()
    assert "TN" not in {m["state"] for m in before["members"]}
    assert "TN" in {m["state"] for m in after["members"]}
    assert after["counts"]["members"] == 45
    russia = next(
        m
        for m in client.get("/api/v1/committee/", {"as_of": "2022-03-17"}).json()["members"]
        if m["state"] == "RU"
    )
    assert russia["member_of_council_of_europe"] is False and russia["votes"] is True
    belgium = next(
        p
        for p in client.get("/api/v1/committee/", {"as_of": "2012-06-01"}).json()["participants"]
        if p["state"] == "BE"
    )
    assert (
        belgium["basis"] == "signatory"
        and belgium["votes"] is False
        and belgium["confirmed"] is False
    )
    assert client.get("/api/v1/committee/", {"as_of": "2020-13-01"}).status_code == 422


def test_changes_between_two_dates(client, loaded_db):
    data = client.get(
        "/api/v1/committee/changes", {"since": "2020-01-31", "until": "2020-02-01"}
    ).json()
    assert [m["state"] for m in data["members"]["joined"]] == ["TN"]
    assert (
        client.get(
            "/api/v1/committee/changes", {"since": "2021-01-01", "until": "2020-01-01"}
        ).status_code
        == 422
    )
    assert client.get("/api/v1/committee/changes").status_code == 422


def test_a_states_role(client, loaded_db):
    data = client.get("/api/v1/committee/states/JP").json()
    # A State that took part in drafting: its seat is confirmed by the Council of Europe's
    # leaflet (it was reported unconfirmed before).
    assert (
        data["seat"] == "participant"
        and data["basis"] == "elaboration"
        and data["confirmed"] is True
    )
    assert client.get("/api/v1/committee/states/ZZ").status_code == 404


def test_meetings_texts_and_projects(client, loaded_db):
    meetings = client.get("/api/v1/meetings/").json()
    assert len(meetings) == 43 and meetings[0]["number"] == 43
    assert meetings[0]["number_confirmed"] is False and meetings[0]["place_confirmed"] is False
    first = meetings[-1]
    assert first["number"] == 1 and first["period_precision"] == "range"
    meeting = client.get("/api/v1/meetings/36").json()
    assert meeting["documents"][0]["code"] == "T-ES(2022)02"
    # The 2nd-round report's day is printed only on a mirror: the adoption is dated to the
    # meeting's first day, not confirmed to the day.
    assert meeting["decisions"][0]["decided_on"] == "2022-03-07"
    assert meeting["decisions"][0]["day_confirmed"] is False
    assert client.get("/api/v1/meetings/99").status_code == 404
    texts = client.get("/api/v1/texts/", {"article": 23}).json()
    assert [t["slug"] for t in texts] == ["opinion-article-23"]
    assert texts[0]["date"]["precision"] == "range" and texts[0]["confirmed"] is False
    assert client.get("/api/v1/texts/", {"kind": "poem"}).status_code == 422
    assert client.get("/api/v1/texts/statement-covid-19").json()["date"]["precision"] == "month"
    projects = {p["slug"] for p in client.get("/api/v1/projects/").json()}
    assert len(projects) == 8 and "endocsea-europe" in projects


def test_the_openapi_document_describes_the_committee(client, loaded_db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/committee/",
        "/api/v1/committee/changes",
        "/api/v1/committee/observer-applications",
        "/api/v1/meetings/",
        "/api/v1/meetings/{number}/votes",
        "/api/v1/texts/",
        "/api/v1/projects/",
    ):
        assert path in paths, path
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "CommitteeCompositionOut" in schemas and "CommitteeVoteIn" in schemas


WRITES = [
    (
        "post",
        "/api/v1/meetings/",
        {"number": 80, "start_date": "2026-06-01", "end_date": "2026-06-03", "mode": "online"},
    ),
    (
        "post",
        "/api/v1/texts/",
        {"kind": "statement", "title_en": "A statement", "adopted_on": "2026-06"},
    ),
    ("post", "/api/v1/projects/", {"title_en": "P", "title_fr": "P", "status": "planned"}),
    (
        "post",
        "/api/v1/committee/observer-applications",
        {
            "name_en": "Api NGO",
            "received_on": "2026-01-05",
            "mission_en": "m",
            "child_protection_activity_en": "a",
            "references": ["r"],
        },
    ),
    (
        "post",
        "/api/v1/committee/assistance-requests",
        {"state": "MA", "received_on": "2026-01-05", "subject_en": "Help"},
    ),
    (
        "post",
        "/api/v1/meetings/36/votes",
        {"subject_en": "X", "voted_on": "2022-03-08", "ballots": {"FR": "for"}},
    ),
]


@pytest.mark.parametrize(("method", "url", "body"), WRITES)
def test_writes_need_the_secretariat(client, loaded_db, method, url, body):
    send = getattr(client, method)
    assert send(url, body, content_type="application/json").status_code == 401
    for role, user in others().items():
        response = send(url, body, content_type="application/json", **bearer(user))
        assert response.status_code == 403, role
    allowed = send(url, body, content_type="application/json", **bearer(secretariat()))
    assert allowed.status_code == 201, allowed.content


def test_the_observer_chain_through_the_api(client, loaded_db):
    auth = bearer(secretariat())
    client.post(
        "/api/v1/meetings/",
        {"number": 81, "start_date": "2026-06-01", "end_date": "2026-06-03", "mode": "online"},
        content_type="application/json",
        **auth,
    )
    created = client.post(
        "/api/v1/committee/observer-applications",
        {
            "name_en": "Api Child Rights",
            "received_on": "2026-01-05",
            "mission_en": "m",
            "child_protection_activity_en": "a",
            "references": ["r1", "r2"],
        },
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["references"] == ["r1", "r2"]
    early = client.post(
        f"/api/v1/committee/observer-applications/{pk}/decision",
        {"decided_on": "2026-06-02", "admit": True},
        content_type="application/json",
        **auth,
    )
    assert early.status_code == 409 and early.json()["article"] == "Art. 40(3)"
    scheduled = client.post(
        f"/api/v1/committee/observer-applications/{pk}/schedule",
        {"meeting": 81},
        content_type="application/json",
        **auth,
    )
    assert scheduled.json()["status"] == "scheduled"
    refused = client.post(
        f"/api/v1/committee/observer-applications/{pk}/decision",
        {"decided_on": "2026-06-02", "ballots": {"FR": "for", "BR": "for"}},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422
    assert refused.json()["article"] == "Art. 39(1)"
    assert "BR was not a Party" in refused.json()["detail"]
    decided = client.post(
        f"/api/v1/committee/observer-applications/{pk}/decision",
        {"decided_on": "2026-06-02", "ballots": dict.fromkeys(PARTIES_2023, "for")},
        content_type="application/json",
        **auth,
    )
    assert decided.status_code == 200
    assert [e["kind"] for e in decided.json()["events"]] == ["applied", "scheduled", "admitted"]
    slug = ObserverApplication.objects.get(pk=pk).organisation.slug
    observers = client.get("/api/v1/committee/", {"as_of": "2026-06-02"}).json()["observers"]
    assert slug in {o["organisation"] for o in observers}
    assert (
        client.get(
            "/api/v1/committee/observer-applications", **bearer(others()["observer"])
        ).status_code
        == 403
    )
    assert client.get("/api/v1/committee/observer-applications").status_code == 401
    assert len(client.get("/api/v1/committee/observer-applications", **auth).json()) == 1
    withdrawn = client.post(
        f"/api/v1/committee/observers/{slug}/withdrawal",
        {"withdrawn_on": "2026-07-01", "reason_en": "Closed."},
        content_type="application/json",
        **auth,
    )
    assert withdrawn.status_code == 201 and withdrawn.json()["kind"] == "withdrawn"


def test_a_vote_through_the_api(client, loaded_db):
    auth = bearer(secretariat())
    url = "/api/v1/meetings/36/votes"
    refused = client.post(
        url,
        {"subject_en": "X", "voted_on": "2022-03-08", "ballots": {"FR": "for", "US": "for"}},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422 and "US was not a Party" in refused.json()["detail"]
    recorded = client.post(
        url,
        {
            "subject_en": "X",
            "voted_on": "2022-03-08",
            "ballots": {"FR": "for", "IT": "for", "RU": "against", "DE": "abstain"},
        },
        content_type="application/json",
        **auth,
    )
    assert recorded.status_code == 201
    assert recorded.json()["adopted"] is True and recorded.json()["members"] == 48
    assert client.get(url).json()[0]["votes_for"] == 2


def test_capacity_building_through_the_api(client, loaded_db):
    auth = bearer(secretariat())
    body = {
        "title_en": "Helplines",
        "title_fr": "Lignes d'assistance",
        "status": "ongoing",
        "beneficiaries": ["TN"],
        "themes": ["child-participation"],
        "articles": [13],
    }
    # The recommendations a project responds to are linked from the monitoring side now; the
    # old free-text field is an unknown field, refused like any other.
    stale = client.post(
        "/api/v1/projects/",
        {**body, "responds_to_recommendations": ["T-ES(2022)02 R11"]},
        content_type="application/json",
        **auth,
    )
    assert stale.status_code == 422
    project = client.post("/api/v1/projects/", body, content_type="application/json", **auth).json()
    assert project["beneficiaries"] == ["TN"] and project["themes"] == ["child-participation"]
    assert (
        client.get("/api/v1/projects/", {"theme": "child-participation"}).json()[0]["slug"]
        == project["slug"]
    )
    updated = client.put(
        f"/api/v1/projects/{project['slug']}",
        {
            "title_en": "Helplines",
            "title_fr": "Lignes d'assistance",
            "status": "completed",
            "beneficiaries": ["TN"],
        },
        content_type="application/json",
        **auth,
    )
    assert updated.json()["status"] == "completed"
    assert (
        client.put(
            f"/api/v1/projects/{project['slug']}",
            {"title_en": "x", "title_fr": "x", "status": "planned"},
            content_type="application/json",
        ).status_code
        == 401
    )
    request = client.post(
        "/api/v1/committee/assistance-requests",
        {
            "state": "TN",
            "received_on": "2026-01-05",
            "subject_en": "Help",
            "articles": [13],
            "project": project["slug"],
        },
        content_type="application/json",
        **auth,
    )
    assert request.status_code == 201 and request.json()["project"] == project["slug"]
    tunisian = others()["party_delegate"]  # a French delegate: not Tunisia's request
    assert client.get("/api/v1/committee/assistance-requests", **bearer(tunisian)).json() == []
    assert len(client.get("/api/v1/committee/assistance-requests", **auth).json()) == 1


def test_representatives_show_contacts_to_signed_in_users_only(client, loaded_db):
    auth = bearer(secretariat())
    created = client.post(
        "/api/v1/committee/representatives",
        {
            "name": "Demo Rep",
            "role": "head_of_delegation",
            "state": "IT",
            "term_start": "2024-01-01",
            "email": "rep@example.org",
            "is_demo": True,
        },
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201
    public = client.get("/api/v1/committee/representatives").json()
    assert public[0]["is_demo"] is True and public[0]["email"] is None
    signed_in = client.get(
        "/api/v1/committee/representatives", **bearer(others()["observer"])
    ).json()
    assert signed_in[0]["email"] == "rep@example.org"
    assert (
        client.get(
            "/api/v1/committee/representatives", HTTP_AUTHORIZATION="Bearer nope"
        ).status_code
        == 401
    )


def test_bad_input_of_any_shape_is_refused_before_anything_is_written(client, loaded_db):
    # A year out of range, unknown body fields and unbounded windows are 422, never a 500.
    assert client.get("/api/v1/meetings/", {"year": -1}).status_code == 422
    assert client.get("/api/v1/meetings/", {"year": 99999}).status_code == 422
    assert len(client.get("/api/v1/meetings/", {"year": 2022}).json()) >= 1
    for url in ("/api/v1/meetings/", "/api/v1/texts/", "/api/v1/projects/"):
        assert client.get(url, {"offset": 99999999999999999999}).status_code == 422, url
        assert client.get(url, {"limit": 0}).status_code == 422, url
        assert client.get(url, {"limit": 1001}).status_code == 422, url
    two = client.get("/api/v1/meetings/", {"offset": 1, "limit": 2}).json()
    everything = client.get("/api/v1/meetings/").json()
    assert [m["number"] for m in two] == [m["number"] for m in everything[1:3]]
    auth = bearer(secretariat())
    meetings = client.get("/api/v1/meetings/").json()
    unknown = client.post(
        "/api/v1/meetings/",
        {
            "number": 90,
            "start_date": "2027-01-10",
            "end_date": "2027-01-11",
            "mode": "online",
            "actor": "someone else",
        },
        content_type="application/json",
        **auth,
    )
    assert unknown.status_code == 422 and "actor" in unknown.content.decode()
    assert client.get("/api/v1/meetings/").json() == meetings
