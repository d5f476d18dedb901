"""The registry API: shapes, errors with specific messages, OpenAPI, pinned query counts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def get(client, url: str, **params):  # type: ignore[no-untyped-def]
    return client.get(f"/api/v1/{url}", params)


def test_chart_on_31_may_2023(client):
    response = get(client, "treaties/cets-201/chart", as_of="2023-05-31")
    assert response.status_code == 200
    data = response.json()
    assert data["treaty"] == "cets-201"
    assert data["as_of"] == "2023-05-31"
    assert data["entry_into_force"] == "2010-07-01"
    assert data["totals"]["parties"] == 48
    assert data["totals"]["uncertain"] == 0
    tunisia = next(row for row in data["rows"] if row["state"] == "TN")
    assert tunisia["status"] == "party"
    assert tunisia["signature"] is None
    assert tunisia["consent"]["instrument"] == "accession"
    assert tunisia["consent"]["date"] == "2019-10-15"
    assert tunisia["consent"]["precision"] == "day"
    assert tunisia["entry_into_force"] == {
        **tunisia["entry_into_force"],
        "date": "2020-02-01",
        "precision": "day",
    }


def test_chart_shows_month_precision_as_known(client):
    data = get(client, "treaties/cets-201/chart", as_of="2023-05-31").json()
    belgium = next(row for row in data["rows"] if row["state"] == "BE")
    assert belgium["consent"]["precision"] == "month"
    assert belgium["consent"]["date"] is None
    assert belgium["entry_into_force"]["date"] == "2013-07-01"


def test_chart_errors(client):
    missing = get(client, "treaties/cets-999/chart")
    assert missing.status_code == 404
    assert "cets-999" in missing.json()["detail"]
    bad = get(client, "treaties/cets-201/chart", as_of="31/05/2023")
    assert bad.status_code == 422
    assert "as_of" in bad.json()["detail"]


def test_chart_query_count_is_pinned(client, django_assert_max_num_queries):
    get(client, "treaties/cets-201/chart", as_of="2023-05-31")
    with django_assert_max_num_queries(2):
        get(client, "treaties/cets-201/chart", as_of="2023-05-31")


def test_cold_chart_query_count_is_pinned(client, django_assert_num_queries):
    # The log's version is read once for the API's cache and the chart (tests/registry/
    # test_reads_at_scale.py: as many whatever the number of treaties).
    with django_assert_num_queries(7):
        get(client, "treaties/cets-201/chart", as_of="2020-01-01")


def test_state_profile(client):
    data = get(client, "states/TN", as_of="2023-05-31").json()
    assert data["state"] == "TN"
    assert data["member_of_council_of_europe"] is False
    cets = data["treaties"]["cets-201"]
    assert cets["position"]["status"] == "party"
    assert cets["eligibility"]["route"] == "already_party"
    assert any(e["kind"] == "accession" for e in cets["events"])
    assert "opsc" in data["treaties"]


def test_state_profile_errors(client):
    assert get(client, "states/ZZ").status_code == 404
    assert "ZZ" in get(client, "states/ZZ").json()["detail"]
    assert get(client, "states/TN", as_of="2023-13-01").status_code == 422


def test_profile_query_count_is_pinned(client, django_assert_max_num_queries):
    get(client, "states/FR", as_of="2023-05-31")
    with django_assert_max_num_queries(3):
        get(client, "states/FR", as_of="2023-05-31")


def test_eligibility(client):
    data = get(client, "states/JP/eligibility", treaty="cets-201").json()
    assert data["state"] == "JP"
    assert data["treaty"] == "cets-201"
    assert data["route"] == "signature_then_ratification"
    assert "Art. 45(1)" in data["legal_basis"]
    assert data["steps"]
    brazil = get(client, "states/BR/eligibility").json()
    assert brazil["route"] == "accession"
    assert len(brazil["steps"]) >= 3


def test_events_are_paginated_and_filtered(client):
    page = get(client, "treaties/cets-201/events", state="TN", limit=10).json()
    assert page["count"] >= 1
    assert {item["state"] for item in page["items"]} == {"TN"}
    bad = get(client, "treaties/cets-201/events", kind="marriage")
    assert bad.status_code == 422
    assert "kind" in bad.json()["detail"]


def test_events_query_count_is_pinned(client, django_assert_num_queries):
    with django_assert_num_queries(5):
        get(client, "treaties/cets-201/events", limit=50)


def test_states_filter_by_membership(client):
    members = get(client, "states", council_of_europe_member="true", as_of="2023-05-31").json()
    assert len(members) == 46
    assert "RU" not in {s["code"] for s in members}


def test_rules_endpoint(client):
    data = get(
        client, "rules/cets-201/entry-into-force", deposited="2019-10-15", instrument="accession"
    ).json()
    assert data == {**data, "date": "2020-02-01", "article": "Art. 46(2)"}


def test_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/treaties",
        "/api/v1/treaties/{slug}",
        "/api/v1/treaties/{slug}/chart",
        "/api/v1/treaties/{slug}/events",
        "/api/v1/states",
        "/api/v1/states/{code}",
        "/api/v1/states/{code}/eligibility",
    ):
        assert path in schema["paths"], path


def test_interactive_docs_are_served_offline(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in html.lower()
    assert "/static/" in html


def test_french_names_and_explanations(client):
    data = client.get(
        "/api/v1/treaties/cets-201/chart",
        {"as_of": "2023-05-31"},
        headers={"accept-language": "fr"},
    ).json()
    germany = next(row for row in data["rows"] if row["state"] == "DE")
    assert germany["name"] == "Allemagne"
