"""The index of States, its filters and its downloads."""

from __future__ import annotations

from tests.web.helpers import csv_rows, json_body, row_codes, text

STATES = "/en/states/"


def test_every_state_and_the_eu_are_listed(client, loaded_db):
    response = client.get(STATES, {"as_of": "2023-05-31"})
    codes = row_codes(text(response))
    assert "EU" in codes
    assert "TN" in codes
    assert "BR" in codes
    assert len(codes) > 190
    # Territories are not States.
    assert "RE" not in codes


def test_filters_and_downloads_agree(client, loaded_db):
    query = {"as_of": "2023-05-31", "status": "party", "member": "member"}
    codes = row_codes(text(client.get(STATES, query)))
    assert len(codes) == 46
    assert [r["state"] for r in csv_rows(client.get("/en/states.csv", query))] == codes
    data = json_body(client.get("/en/states.json", query))
    assert [s["state"] for s in data["states"]] == codes
    assert {s["cets_201_status"] for s in data["states"]} == {"party"}


def test_states_that_took_no_action_can_be_listed(client, loaded_db):
    codes = row_codes(
        text(client.get(STATES, {"as_of": "2023-05-31", "status": "none", "q": "bra"}))
    )
    assert codes == ["BR"]


def test_sort_by_code_descending(client, loaded_db):
    codes = row_codes(text(client.get(STATES, {"sort": "code", "dir": "desc"})))
    assert codes == sorted(codes, reverse=True)


def test_htmx_partial_and_bad_date(client, loaded_db):
    html = text(client.get(STATES, {"q": "tun"}, headers={"HX-Request": "true"}))
    assert "<html" not in html
    assert row_codes(html) == ["TN"]
    response = client.get(STATES, {"as_of": "2023-99-01"})
    assert response.status_code == 400
    assert "Enter a real date" in text(response)
