"""Open data: the page (licence, extraction, data dictionary, the Atom feed), and every dataset as
CSV, JSON and XLSX with stable identifiers and the columns its dictionary documents."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.apps import apps
from django.test import override_settings
from openpyxl import load_workbook

from lanzarote.registry import selectors
from lanzarote.web import opendata
from tests.web.helpers import csv_rows, json_body, structure_problems, text

DATASETS = ["chart", "events", "states"]


def test_the_page_states_the_licence_the_extraction_and_the_feed(client, loaded_db) -> None:
    response = client.get("/en/open-data/")
    assert response.status_code == 200
    html = text(response)
    assert structure_problems(html) == []
    assert "Open data licence: CC BY 4.0 — attribution: Lanzarote registry" in html
    assert selectors.registry_version() in html
    assert "Extracted on" in html
    assert 'href="/en/notifications/feed.atom"' in html
    for slug in DATASETS:
        for fmt in opendata.FORMATS:
            assert f'href="/en/open-data/{slug}.{fmt}' in html
    assert 'href="/en/open-data/chart.csv?as_of=' in html and "treaty=opsc" in html


@override_settings(LANZAROTE_OPEN_DATA_LICENCE="Licence ouverte 2.0 — Etalab")
def test_an_operator_can_change_the_licence(client, loaded_db) -> None:
    assert "Licence ouverte 2.0 — Etalab" in text(client.get("/en/open-data/"))
    body = json_body(client.get("/en/open-data/states.json"))
    assert body["licence"] == "Licence ouverte 2.0 — Etalab"


def test_the_page_takes_a_date(client, loaded_db) -> None:
    html = text(client.get("/en/open-data/", {"as_of": "2020-02-01"}))
    assert "/en/open-data/chart.csv?as_of=2020-02-01&amp;treaty=cets-201" in html
    assert client.get("/en/open-data/", {"as_of": "nope"}).status_code == 400


def test_the_chart_for_any_date_by_url(client, loaded_db) -> None:
    before = csv_rows(client.get("/en/open-data/chart.csv", {"as_of": "2020-01-31"}))
    after = csv_rows(client.get("/en/open-data/chart.csv", {"as_of": "2020-02-01"}))
    assert next(r for r in before if r["state"] == "TN")["status"] == "consented"
    assert next(r for r in after if r["state"] == "TN")["status"] == "party"
    assert {r["as_of"] for r in after} == {"2020-02-01"}
    assert {r["treaty"] for r in after} == {"cets-201"}
    opsc = csv_rows(client.get("/en/open-data/chart.csv", {"treaty": "opsc"}))
    assert {r["treaty"] for r in opsc} == {"opsc"} and len(opsc) > 100


@pytest.mark.parametrize("slug", DATASETS)
def test_every_column_is_in_the_dictionary_and_every_row_has_them(slug, loaded_db) -> None:
    dataset = opendata.datasets()[slug]
    data = opendata.extract(dataset, opendata.Query(as_of=date(2023, 5, 31)))
    assert data.rows
    for row in data.rows:
        assert set(row) == set(dataset.fields), slug
    for column in opendata.dictionary(dataset):
        assert column["type"] and column["meaning"]


def test_the_committee_composition_when_the_app_is_installed(client, loaded_db) -> None:
    if not apps.is_installed("lanzarote.committee"):
        assert "committee-composition" not in opendata.datasets()
        return
    rows = csv_rows(client.get("/en/open-data/committee-composition.csv", {"as_of": "2023-05-31"}))
    members = [r for r in rows if r["group"] == "member"]
    assert len(members) >= 48
    assert {r["votes"] for r in members} == {"yes"}
    assert set(rows[0]) == set(opendata.datasets()["committee-composition"].fields)


def test_events_have_stable_ids_and_keep_corrections(client, loaded_db) -> None:
    body = json_body(client.get("/en/open-data/events.json"))
    rows = body["rows"]
    ids = [r["event_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert {r["treaty"] for r in rows} == {"cets-201", "opsc"}
    tunisia = next(r for r in rows if r["state"] == "TN" and r["kind"] == "accession")
    assert tunisia["date"] == "2019-10-15"
    assert tunisia["effective"] is True
    for row in rows:
        if row["superseded_by"]:
            assert row["effective"] is False


def test_json_carries_metadata_and_the_dictionary(client, loaded_db) -> None:
    response = client.get("/en/open-data/states.json", {"as_of": "2020-02-01"})
    body = json_body(response)
    assert body["dataset"] == "states"
    assert body["query"] == {"as_of": "2020-02-01"}
    assert body["registry_version"] == selectors.registry_version()
    assert body["extracted_at"].startswith(str(date.today().year))
    assert [c["name"] for c in body["columns"]] == opendata.datasets()["states"].fields
    tunisia = next(r for r in body["rows"] if r["state"] == "TN")
    assert tunisia == {
        **tunisia,
        "alpha3": "TUN",
        "numeric": "788",
        "member_of_council_of_europe": False,
        "cets_201_status": "party",
    }
    assert response["X-Registry-Version"] == body["registry_version"]
    assert 'rel="license"' in response["Link"]
    assert response["Content-Disposition"] == 'attachment; filename="states-2020-02-01.json"'


def test_xlsx_has_a_header_frozen_panes_and_an_about_sheet(client, loaded_db) -> None:
    response = client.get("/en/open-data/chart.xlsx", {"as_of": "2023-05-31"})
    assert response["Content-Type"] == opendata.XLSX
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    assert header == opendata.datasets()["chart"].fields
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    codes = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "TN" in codes
    about = {row[0]: row[1] for row in book["about"].iter_rows(values_only=True) if row[0]}
    assert about["licence"] == "Open data licence: CC BY 4.0 — attribution: Lanzarote registry"
    assert about["registry_version"] == selectors.registry_version()
    assert about["status"]  # the dictionary: one row per column


def test_downloads_in_french_name_states_in_french(client, loaded_db) -> None:
    rows = csv_rows(client.get("/fr/open-data/chart.csv", {"as_of": "2023-05-31"}))
    assert next(r for r in rows if r["state"] == "DE")["name"] == "Allemagne"


def test_unknown_datasets_and_bad_dates(client, loaded_db) -> None:
    assert client.get("/en/open-data/nothing.csv").status_code == 404
    assert client.get("/en/open-data/chart.pdf").status_code == 404
    assert client.get("/en/open-data/chart.csv", {"as_of": "2020-02-30"}).status_code == 400
    assert client.get("/en/open-data/chart.csv", {"treaty": "cets-999"}).status_code == 400


def test_the_page_query_count_is_pinned(client, loaded_db, django_assert_num_queries) -> None:
    with django_assert_num_queries(3):  # the registry version
        client.get("/en/open-data/")


def test_recommendations_when_the_monitoring_app_is_installed(client, loaded_db) -> None:
    if not apps.is_installed("lanzarote.monitoring"):
        assert "recommendations" not in opendata.datasets()
        return
    dataset = opendata.datasets()["recommendations"]
    response = client.get("/en/open-data/recommendations.csv")
    assert response.status_code == 200
    header = response.content.decode("utf-8").splitlines()[0]
    assert header.split(",") == dataset.fields
    for row in opendata.extract(dataset, opendata.Query(as_of=date.today())).rows:
        assert set(row) == set(dataset.fields)
