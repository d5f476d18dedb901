"""The map: the shipped geometry and its boundary positions (docs/adr/0004), the statuses on a
date, confidentiality of accession requests, the page, its downloads and the standalone SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils import timezone

from lanzarote.accession.models import AccessionCase
from lanzarote.registry import selectors
from lanzarote.registry.models import State
from lanzarote.web import maps
from tests.accession.helpers import Cast, brazil_case
from tests.web.helpers import csv_rows, json_body, squash, structure_problems, text

SVG = "{http://www.w3.org/2000/svg}"
SIMFEROPOL = (34.10, 44.95)
SEVASTOPOL = (33.52, 44.60)
NORTHERN_CYPRUS = (33.6, 35.2)
UKRAINE, RUSSIA, CYPRUS = "804", "643", "196"


# -- geometry --------------------------------------------------------------------------------


def test_the_shipped_geometry_is_compact() -> None:
    assert maps.MAP_FILE.exists()
    assert maps.MAP_FILE.stat().st_size < 1_000_000


@pytest.mark.parametrize("point", [SIMFEROPOL, SEVASTOPOL], ids=["Simferopol", "Sevastopol"])
def test_crimea_is_drawn_as_part_of_ukraine(point: tuple[float, float]) -> None:
    features = maps.features()
    assert features[UKRAINE].contains(*point)
    assert not features[RUSSIA].contains(*point)


def test_northern_cyprus_is_drawn_as_part_of_cyprus() -> None:
    features = maps.features()
    assert features[CYPRUS].contains(*NORTHERN_CYPRUS)
    others = [f.name for f in features.values() if f.key != CYPRUS and f.contains(*NORTHERN_CYPRUS)]
    assert others == []
    assert not any(f.name == "N. Cyprus" for f in features.values())


def test_mainland_russia_and_ukraine_are_where_they_were() -> None:
    features = maps.features()
    assert features[RUSSIA].contains(37.6, 55.75)  # Moscow
    assert features[UKRAINE].contains(30.52, 50.45)  # Kyiv
    assert not features[UKRAINE].contains(37.6, 55.75)


@pytest.mark.parametrize(
    ("numeric", "name"),
    [
        ("020", "Andorra"),
        ("438", "Liechtenstein"),
        ("470", "Malta"),
        ("492", "Monaco"),
        ("674", "San Marino"),
    ],
)
def test_small_member_states_exist_as_features(numeric: str, name: str) -> None:
    feature = maps.features()[numeric]
    assert feature.name == name
    assert feature.polygons
    # Too small to see on either view: each also gets a round marker, inside its link.
    europe = {s.feature.numeric: s for s in maps.shapes("europe")}
    assert numeric in europe


def test_every_member_state_of_the_council_of_europe_has_a_feature(loaded_db) -> None:
    today = timezone.localdate()
    members = selectors.state_list(kind=State.Kind.STATE, member=True, as_of=today)
    assert len(members) >= 46
    features = maps.features()
    missing = [s.code for s in members if s.numeric not in features]
    assert missing == []
    europe = maps.view_numeric_codes("europe")
    assert [s.code for s in members if s.numeric not in europe] == []


def test_every_state_with_a_feature_is_drawn_on_the_world_map(loaded_db) -> None:
    features = maps.features()
    world = maps.view_numeric_codes("world")
    states = selectors.state_list(kind=State.Kind.STATE)
    assert [s.code for s in states if s.numeric in features and s.numeric not in world] == []
    # Smaller than the grid: still one path, and a marker to see and click.
    holy_see = next(s for s in maps.shapes("world") if s.feature.numeric == "336")
    assert holy_see.d and holy_see.marker is not None


def test_kosovo_has_its_own_outline_without_a_code_as_the_adr_decides() -> None:
    kosovo = [f for f in maps.features().values() if f.note == "unscr1244"]
    assert len(kosovo) == 1
    assert kosovo[0].numeric is None
    assert kosovo[0].contains(21.17, 42.66)  # Pristina
    serbia = maps.features()["688"]
    assert not serbia.contains(21.17, 42.66)
    adr = (maps.MAP_FILE.parents[4] / "docs" / "adr" / "0004-map-boundaries.md").read_text()
    assert "United Nations Security Council Resolution 1244" in adr
    assert "Kosovo" in adr and "no status colour" in adr


def test_every_feature_but_two_neutral_areas_has_an_iso_code() -> None:
    codes = [f.numeric for f in maps.features().values() if f.numeric]
    assert len(codes) == len(set(codes))
    assert sorted(f.note for f in maps.features().values() if f.numeric is None) == [
        "disputed",
        "unscr1244",
    ]


def test_projected_paths_are_computed_once_per_view() -> None:
    assert maps.shapes("world") is maps.shapes("world")
    assert maps.shapes("europe") is maps.shapes("europe")
    world = {s.feature.numeric for s in maps.shapes("world")}
    assert maps.ANTARCTICA not in world
    # The Europe view is clipped: far-away States are not drawn at all.
    europe = maps.view_numeric_codes("europe")
    assert "036" not in europe  # Australia
    assert "250" in europe and "788" in europe  # France, Tunisia


# -- statuses --------------------------------------------------------------------------------


def _category(as_of: date, code: str) -> str:
    return maps.map_data(as_of).entries[code].category


def test_tunisia_is_a_party_only_from_1_february_2020(loaded_db) -> None:
    assert _category(date(2020, 1, 31), "TN") == "consented"
    assert _category(date(2020, 2, 1), "TN") == "party"
    assert _category(date(2019, 10, 14), "TN") == "may-accede"


def test_categories_before_and_after_entry_into_force(loaded_db) -> None:
    before = maps.map_data(date(2008, 6, 1))
    assert not before.treaty_in_force
    assert before.entries["BR"].category == "not-yet"
    assert before.entries["JP"].category == "eligible"  # took part in the elaboration
    after = maps.map_data(date(2015, 6, 1))
    assert after.treaty_in_force
    assert after.entries["BR"].category == "may-accede"
    assert after.entries["GL"].category == "territory"


def test_uncertain_statuses_say_so_in_the_tooltip(loaded_db) -> None:
    data = maps.map_data(date(2012, 6, 1))
    uncertain = [e for e in data.entries.values() if e.uncertain]
    assert uncertain
    for entry in uncertain:
        assert "uncertain" in entry.tooltip
        assert len(entry.possible) >= 2
    svg = maps.render_svg(data, "europe")
    # Portugal deposited between 15 May and 31 December 2012: on 1 June it may have.
    portugal = re.search(r'<a [^>]*data-iso="PT"[^>]*><title>([^<]*)</title><path ([^>]*)>', svg)
    assert portugal is not None
    assert "uncertain" in portugal.group(1)
    assert 'class="status-uncertain"' in portugal.group(2)
    assert 'fill="url(#map-hatch)"' in portugal.group(2)
    assert '<pattern id="map-hatch"' in svg


def test_a_confidential_accession_request_never_reaches_the_map(loaded_db) -> None:
    cast = Cast()
    case = brazil_case(cast, "consultation")
    assert not case.is_public
    today = timezone.localdate()
    data = maps.map_data(today)
    assert data.entries["BR"].category == "may-accede"
    svg = maps.render_svg(data, "world")
    assert "Accession requested" not in svg and "status-requested" not in svg
    assert "Invited" not in svg


def test_an_invitation_is_public_and_shown(loaded_db) -> None:
    cast = Cast()
    case = brazil_case(cast, "invited")
    assert case.is_public
    entry = maps.map_data(timezone.localdate()).entries["BR"]
    assert entry.category == "invited"
    assert entry.tooltip.endswith("Invited to accede")


def test_a_public_case_shows_the_request_between_receipt_and_invitation(loaded_db) -> None:
    treaty = selectors.treaty_get("cets-201")
    public = AccessionCase.objects.create(
        reference="ACC-TEST-PUBLIC",
        treaty=treaty,
        state_id="AR",
        status="invited",
        received_on=date(2024, 3, 4),
        invited_on=date(2024, 9, 10),
    )
    hidden = AccessionCase.objects.create(
        reference="ACC-TEST-HIDDEN",
        treaty=treaty,
        state_id="CL",
        status="consultation",
        received_on=date(2024, 3, 4),
    )
    assert public.is_public and not hidden.is_public
    assert _category(date(2024, 3, 3), "AR") == "may-accede"
    assert _category(date(2024, 5, 1), "AR") == "requested"
    assert _category(date(2024, 9, 10), "AR") == "invited"
    for day in (date(2024, 5, 1), date(2024, 9, 10)):
        assert _category(day, "CL") == "may-accede"


# -- the page --------------------------------------------------------------------------------


def test_the_map_page(client, loaded_db) -> None:
    response = client.get("/en/map/", {"as_of": "2020-02-01"})
    assert response.status_code == 200
    html = text(response)
    assert structure_problems(html) == []
    assert "On 1 February 2020" in html
    assert html.count('class="map__state"') >= 190
    # One path per State, in a link to its profile, named by a <title>.
    tunisia = re.search(
        r'<a href="/en/states/TN/" class="map__state" data-iso="TN">(.*?)</a>', html
    )
    assert tunisia is not None
    assert "<title>Tunisia: Party</title>" in tunisia.group(1)
    assert 'class="status-party"' in tunisia.group(1)
    # The table alternative is its own page, linked from the map; the legend is here.
    assert "<table" not in html
    assert '/en/map/table/?as_of=2020-02-01&amp;view=world"' in html
    table = text(client.get("/en/map/table/", {"as_of": "2020-02-01"}))
    assert structure_problems(table) == []
    assert '<tr data-iso="TN" data-status="party">' in table
    assert '<a href="/en/states/TN/">Tunisia</a>' in table
    assert "Legend" in html
    assert str(maps.KOSOVO_FOOTNOTE) in squash(html)
    assert 'class="map__other map__other--kosovo"' in html
    kosovo = re.search(r'<g class="map__other map__other--kosovo">(.*?)</g>', html)
    assert kosovo is not None
    assert "status-" not in kosovo.group(1) and "<a " not in kosovo.group(1)


def test_the_europe_view_and_french(client, loaded_db) -> None:
    response = client.get("/fr/map/", {"as_of": "2020-02-01", "view": "europe"})
    assert response.status_code == 200
    html = text(response)
    assert 'class="map map--europe"' in html
    assert '<a href="/fr/states/TN/"' in html
    assert '<a href="/fr/states/AU/"' not in html  # Australia is outside the Europe view


def test_the_slider_wins_when_it_moved_and_the_date_when_it_did_not(client, loaded_db) -> None:
    index = maps.month_index(date(2020, 2, 1))
    moved = client.get("/en/map/", {"month": index, "from_month": 0, "as_of": "2008-01-15"})
    assert "On 1 February 2020" in text(moved)
    kept = client.get("/en/map/", {"month": index, "from_month": index, "as_of": "2020-02-17"})
    assert "On 17 February 2020" in text(kept)
    first = client.get("/en/map/", {"month": 0, "from_month": 5})
    assert "On 25 October 2007" in text(first)


def test_htmx_gets_only_the_results(client, loaded_db) -> None:
    response = client.get("/en/map/", {"as_of": "2020-02-01"}, headers={"HX-Request": "true"})
    html = text(response)
    assert html.lstrip().startswith('<div id="map-results"')
    assert "<header" not in html
    assert 'hx-swap-oob="innerHTML"' in html


def test_a_bad_date_is_a_400_with_a_message(client, loaded_db) -> None:
    response = client.get("/en/map/", {"as_of": "2020-13-45"})
    assert response.status_code == 400
    assert "The map cannot be shown for this query" in text(response)


def test_the_map_page_query_count_is_pinned(client, loaded_db, django_assert_num_queries) -> None:
    # The log's version, the treaty, its events, membership, the States, the elaboration flags
    # and the public accession cases; the geometry is in memory and never queried.
    # And the two data versions that key the page cache.
    with django_assert_num_queries(10):
        client.get("/en/map/", {"as_of": "2020-02-01"})
    # The same date again (another view): the statuses are cached under the log's version.
    with django_assert_num_queries(3):
        client.get("/en/map/", {"as_of": "2020-02-01", "view": "europe"})


def test_csv_and_json_are_exactly_the_table(client, loaded_db) -> None:
    query = {"as_of": "2012-06-01", "view": "europe"}
    html = text(client.get("/en/map/table/", query))
    shown = re.findall(r'<tr data-iso="([A-Z]{2})" data-status="([a-z-]+)">', html)
    rows = csv_rows(client.get("/en/map.csv", query))
    assert [(r["state"], r["map_status"]) for r in rows] == shown
    assert {r["as_of"] for r in rows} == {"2012-06-01"}
    body = json_body(client.get("/en/map.json", query))
    assert [(r["state"], r["map_status"]) for r in body["states"]] == shown
    assert sum(c["count"] for c in body["categories"]) == len(shown)
    portugal = next(r for r in body["states"] if r["state"] == "PT")
    assert portugal["uncertain"] is True and len(portugal["possible_statuses"]) >= 2


def test_the_standalone_svg(client, loaded_db) -> None:
    response = client.get("/en/map.svg", {"as_of": "2020-02-01", "view": "europe"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f".//{SVG}a/{SVG}path")
    codes = [p.get("data-iso") for p in paths]
    assert len(codes) == len(set(codes)) >= 50
    tunisia = next(p for p in paths if p.get("data-iso") == "TN")
    assert tunisia.get("class") == "status-party"
    assert tunisia.get("fill") == maps.CATEGORIES["party"]["fill"]
    # Nothing a strict Content Security Policy would block.
    assert b"<style" not in response.content and b"<script" not in response.content


def test_the_map_prints_to_pdf(client, loaded_db) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    response = client.get("/en/map.pdf", {"as_of": "2020-02-01", "view": "europe"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    first = reader.pages[0].extract_text()
    assert "Map of the Convention" in first
    assert "1 February 2020" in first
    # The map is drawn as vector paths on the first page, not left out.
    contents = reader.pages[0].get_contents()
    assert contents is not None and len(contents.get_data()) > 50_000


def test_the_swatches_of_the_stylesheet_repeat_the_map_fills() -> None:
    css = (maps.MAP_FILE.parents[2] / "web" / "static" / "web" / "css" / "site.css").read_text()
    for key, spec in maps.CATEGORIES.items():
        if key == "uncertain":
            continue
        match = re.search(rf"\.swatch--{key} \{{ background: (#[0-9a-f]{{6}}); \}}", css)
        assert match, key
        assert match.group(1) == spec["fill"]
