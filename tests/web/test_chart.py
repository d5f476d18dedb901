"""The chart page: date, filters, sorting, totals, uncertainty, downloads of what is shown."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lanzarote.core.audit import Actor
from lanzarote.registry.models import TreatyEvent
from lanzarote.registry.services import treaty_event_correct
from tests.web.helpers import csv_rows, figure, json_body, row_codes, squash, text

CHART = "/en/treaties/cets-201/chart/"
FIRST_FIVE = ["AL", "DK", "GR", "NL", "SM"]


def test_on_31_may_2023_the_chart_shows_48_parties(client, loaded_db):
    response = client.get(CHART, {"as_of": "2023-05-31"})
    html = text(response)
    assert response.context["view"].chart.totals.parties == 48
    assert figure(html, "Parties") == 48
    assert 'value="2023-05-31"' in html
    assert "Tunisia" in html


def test_the_date_picker_defaults_to_today(client, loaded_db):
    from django.utils import timezone

    html = text(client.get(CHART))
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert '<label for="id_as_of">' in html
    assert 'type="date"' in html


def test_filter_to_parties_on_entry_into_force_day(client, loaded_db):
    query = {"as_of": "2010-07-01", "status": "party"}
    html = text(client.get(CHART, query))
    assert row_codes(html) == FIRST_FIVE
    csv_response = client.get("/en/treaties/cets-201/chart.csv", query)
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert [row["state"] for row in csv_rows(csv_response)] == FIRST_FIVE
    assert {row["status"] for row in csv_rows(csv_response)} == {"party"}
    json_response = client.get("/en/treaties/cets-201/chart.json", query)
    data = json_body(json_response)
    assert [row["state"] for row in data["rows"]] == FIRST_FIVE
    assert data["as_of"] == "2010-07-01"
    assert data["filters"]["status"] == "party"
    assert data["totals"]["parties"] == 5


def test_downloads_are_named_after_the_treaty_and_the_date(client, loaded_db):
    for extension in ("csv", "json"):
        response = client.get(f"/en/treaties/cets-201/chart.{extension}", {"as_of": "2010-07-01"})
        disposition = response["Content-Disposition"]
        assert "cets-201" in disposition
        assert "2010-07-01" in disposition
        assert disposition.endswith(f'.{extension}"')


def test_download_links_carry_the_query_that_is_shown(client, loaded_db):
    html = text(
        client.get(
            CHART,
            {"as_of": "2010-07-01", "status": "party", "sort": "entry_into_force", "dir": "desc"},
        )
    )
    links = re.findall(r'href="(/en/treaties/cets-201/chart\.(?:csv|json)\?[^"]+)"', html)
    assert len(links) == 2
    for link in links:
        link = link.replace("&amp;", "&")
        assert "as_of=2010-07-01" in link
        assert "status=party" in link
        assert "sort=entry_into_force" in link
        assert "dir=desc" in link


@pytest.mark.parametrize("column", ["name", "status", "signature", "consent", "entry_into_force"])
def test_every_column_sorts_both_ways_and_downloads_follow(client, loaded_db, column):
    query = {"as_of": "2023-05-31", "sort": column}
    ascending = row_codes(text(client.get(CHART, {**query, "dir": "asc"})))
    descending_response = client.get(CHART, {**query, "dir": "desc"})
    descending = row_codes(text(descending_response))
    assert sorted(ascending) == sorted(descending)
    assert len(ascending) >= 48
    if column == "name":
        assert descending == list(reversed(ascending))
    html = squash(text(descending_response))
    assert re.search(
        rf'aria-sort="descending"[^>]*>\s*<a class="sort" href="[^"]*sort={column}', html
    )
    csv_codes = [
        row["state"]
        for row in csv_rows(client.get("/en/treaties/cets-201/chart.csv", {**query, "dir": "desc"}))
    ]
    assert csv_codes == descending


def test_sorting_by_entry_into_force_puts_the_latest_first_when_descending(client, loaded_db):
    codes = row_codes(
        text(
            client.get(
                CHART,
                {
                    "as_of": "2023-05-31",
                    "status": "party",
                    "sort": "entry_into_force",
                    "dir": "desc",
                },
            )
        )
    )
    assert codes[0] == "IE"
    assert set(codes[-5:]) == set(FIRST_FIVE)


def test_name_filter_ignores_case_and_accents_in_both_languages(client, loaded_db):
    assert row_codes(text(client.get(CHART, {"as_of": "2023-05-31", "q": "tun"}))) == ["TN"]
    assert row_codes(text(client.get(CHART, {"as_of": "2023-05-31", "q": "grece"}))) == ["GR"]
    html = text(client.get("/fr/treaties/cets-201/chart/", {"as_of": "2023-05-31", "q": "Grèce"}))
    assert row_codes(html) == ["GR"]
    assert "Grèce" in html


def test_membership_filter_finds_the_non_member_parties(client, loaded_db):
    query = {"as_of": "2023-05-31", "status": "party", "member": "non-member"}
    assert sorted(row_codes(text(client.get(CHART, query)))) == ["RU", "TN"]
    rows = csv_rows(client.get("/en/treaties/cets-201/chart.csv", query))
    assert sorted(row["state"] for row in rows) == ["RU", "TN"]


def test_uncertain_states_are_shown_as_uncertain_with_their_possible_statuses(client, loaded_db):
    # Romania's deposit is known only to lie between 14 December 2010 and the end of 2011, so
    # on 1 January 2012 it may already be a Party (entry into force 1 April 2011 … 1 April 2012).
    query = {"as_of": "2012-01-01", "status": "uncertain"}
    response = client.get(CHART, query)
    html = squash(text(response))
    assert "RO" in row_codes(html)
    assert figure(html, "Uncertain") == response.context["view"].chart.totals.uncertain > 0
    assert 'badge--uncertain">Uncertain</span>' in html
    assert "either" in html
    rows = csv_rows(client.get("/en/treaties/cets-201/chart.csv", query))
    assert {row["status"] for row in rows} == {"uncertain"}
    assert "RO" in {row["state"] for row in rows}


def test_dates_are_shown_as_known_with_an_unconfirmed_marker(client, loaded_db):
    html = squash(text(client.get(CHART, {"as_of": "2023-05-31"})))
    # Known to the month only (San Marino deposited in March 2010).
    assert "March 2010" in html
    # Albania's deposit, bounded by a wire report and a dated list of Parties: never a day
    # that no source gives.
    assert "between 12 March 2009 and 31 March 2010" in html
    assert 'class="kd__mark" aria-hidden="true"' in html
    assert '<time datetime="2019-10-15">15 October 2019</time>' in html


def test_a_bad_date_answers_400_with_the_form_and_a_message(client, loaded_db):
    response = client.get(CHART, {"as_of": "2023-02-30"})
    assert response.status_code == 400
    html = text(response)
    assert "Enter a real date" in html
    assert 'aria-invalid="true"' in html
    assert '<form id="list-form"' in html
    assert "<tbody>" not in html
    download = client.get("/en/treaties/cets-201/chart.csv", {"as_of": "yesterday"})
    assert download.status_code == 400
    assert "as_of" in json_body(download)["errors"]


def test_an_unknown_filter_value_answers_400(client, loaded_db):
    assert client.get(CHART, {"status": "maybe"}).status_code == 400
    assert client.get(CHART, {"sort": "colour"}).status_code == 400


def test_htmx_requests_get_only_the_results(client, loaded_db):
    response = client.get(
        CHART, {"as_of": "2010-07-01", "status": "party"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = text(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="results"')
    assert row_codes(html) == FIRST_FIVE
    assert 'hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]
    full = text(client.get(CHART, {"as_of": "2010-07-01"}))
    assert 'hx-get="/en/treaties/cets-201/chart/"' in full
    assert 'hx-target="#results"' in full
    assert 'hx-push-url="true"' in full


def test_htmx_request_with_a_bad_date_gets_the_error_in_the_partial(client, loaded_db):
    response = client.get(CHART, {"as_of": "2023-13-01"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    html = text(response)
    assert "<html" not in html
    assert "Enter a real date" in html


def test_history_restore_gets_the_full_page(client, loaded_db):
    response = client.get(
        CHART,
        {"as_of": "2010-07-01"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in text(response)


def test_opsc_chart_has_no_membership_filter(client, loaded_db):
    response = client.get("/en/treaties/opsc/chart/", {"as_of": "2023-05-31"})
    assert response.status_code == 200
    html = text(response)
    assert 'name="member"' not in html
    assert response.context["view"].chart.totals.parties > 100
    data = json_body(client.get("/en/treaties/opsc/chart.json", {"as_of": "2023-05-31"}))
    assert data["treaty"] == "opsc"


def test_a_stated_entry_into_force_that_differs_is_a_visible_warning(client, loaded_db):
    consent = TreatyEvent.objects.get(
        treaty__slug="cets-201", state_id="TN", kind="accession", superseded_by__isnull=True
    )
    treaty_event_correct(
        actor=Actor.system("web tests"),
        event=consent,
        reason="A source gives another date.",
        stated_entry_into_force=date(2020, 3, 1),
    )
    html = squash(text(client.get(CHART, {"as_of": "2023-05-31"})))
    assert "Data warnings" in html
    assert 'id="warning-TN"' in html
    assert "the source says 1 March 2020, the rules give 1 February 2020" in html
    assert 'href="#warning-TN"' in html
    data = json_body(client.get("/en/treaties/cets-201/chart.json", {"as_of": "2023-05-31"}))
    assert [w["state"] for w in data["warnings"]] == ["TN"]


def test_the_legend_explains_uncertain_dates(client, loaded_db):
    html = text(client.get(CHART))
    assert "How to read the chart" in html
    assert "no day is invented" in html
