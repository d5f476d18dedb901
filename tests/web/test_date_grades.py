"""The grade behind each date: one quiet mark on a date whose day is not known, that no source
confirms or that no depositary record gives, opening its bounds and sources on demand."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lanzarote.treaty_law import KnownDate
from lanzarote.web import date_notes
from lanzarote.web.display import DateCell
from lanzarote.web.templatetags.lanzarote_web import describe, format_day
from tests.web.helpers import squash, text

CHART = "/en/treaties/cets-201/chart/"
DEPOSITARY = {
    "url": "https://www.coe.int/en/web/conventions/",
    "title": "Chart",
    "grade": "depositary",
}
GAZETTE = {"url": "", "title": "Monitorul Oficial No. 885", "note": "", "grade": "gazette"}
PRESS = {"url": "https://news.example/wire", "title": "", "note": "a wire", "grade": "press"}


def chart_row(html: str, code: str) -> str:
    match = re.search(rf'href="/en/states/{code}/".*?</tr>', html, flags=re.S)
    assert match, f"no row for {code}"
    return match.group(0)


# -- which dates carry the mark --------------------------------------------------------------


def test_an_exact_confirmed_date_the_depositary_gives_carries_no_mark():
    cell = DateCell(KnownDate.exact(date(2014, 4, 30)), sources=(DEPOSITARY, PRESS))
    assert date_notes.reasons(cell) == []
    html = date_notes.detailed_date(cell, describe, format_day)
    assert html == '<span class="kd"><time datetime="2014-04-30">30 April 2014</time></span>'


def test_an_exact_date_from_a_gazette_only_says_so():
    cell = DateCell(KnownDate.exact(date(2007, 10, 25)), sources=(GAZETTE,))
    assert date_notes.reasons(cell) == [
        "No depositary record is among its sources; the strongest is: official gazette or "
        "parliamentary record."
    ]


def test_a_bounded_date_shows_its_bounds_basis_and_graded_sources_strongest_first():
    cell = DateCell(
        KnownDate.between(date(2009, 3, 12), date(2010, 3, 31)),
        sources=(PRESS, GAZETTE),
        basis="bounded_by_list",
    )
    html = squash(date_notes.detailed_date(cell, describe, format_day))
    assert "<span>between 12 March 2009 and 31 March 2010</span>" in html
    assert "<details" in html and "<summary>" in html
    assert '<span class="visually-hidden">About this date</span>' in html
    assert "Earliest possible day: 12 March 2009. Latest possible day: 31 March 2010." in html
    assert "Basis: bounded by dated lists of Parties" in html
    assert html.index("Monitorul Oficial") < html.index("news.example")
    assert "(official gazette or parliamentary record)" in html and "(press)" in html
    assert 'href="https://news.example/wire"' in html


def test_a_date_no_source_confirms_is_marked_quietly_in_running_text():
    cell = DateCell(KnownDate.month(2010, 3), confirmed=False)
    html = date_notes.inline_date(cell, describe)
    assert 'class="kd__mark" aria-hidden="true"' in html
    assert "No source we found confirms this date." in html
    assert "unconfirmed" not in html.lower()


def test_a_computed_date_rests_on_the_deposits_sources():
    cell = DateCell(KnownDate.exact(date(2010, 7, 1)), computed=True, sources=(GAZETTE,))
    html = date_notes.detailed_date(cell, describe, format_day)
    assert "It follows from the deposit under the treaty’s rules" in html
    assert "Monitorul Oficial" in html


# -- the chart and the profile -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_chart_marks_albanias_bounded_deposit_with_its_graded_sources(client, loaded_db):
    html = squash(text(client.get(CHART, {"as_of": "2023-05-31"})))
    albania = chart_row(html, "AL")
    assert "between 12 March 2009 and 31 March 2010" in albania
    assert "Earliest possible day: 12 March 2009" in albania
    assert "(official gazette or parliamentary record)" in albania
    assert "(press)" in albania
    assert 'href="https://eli.gov.pl/' in albania
    # Andorra's deposit is dated by the depositary itself: no mark, no detail.
    andorra = chart_row(html, "AD")
    assert '<span class="kd"><time datetime="2014-04-30">30 April 2014</time></span>' in andorra
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "unconfirmed" not in table
    assert "marker" not in table


@pytest.mark.django_db
def test_a_profile_offers_the_detail_of_each_key_date(client, loaded_db):
    html = squash(text(client.get("/en/states/RO/")))
    key_dates = html[html.index('class="facts facts--grid key-dates"') :]
    key_dates = key_dates[: key_dates.index("</dl>")]
    assert key_dates.count("<details") == 3
    assert "Earliest possible day: 14 December 2010" in key_dates
    assert "Monitorul" in key_dates
    assert "unconfirmed" not in html


@pytest.mark.django_db
def test_grades_are_named_in_french(client, loaded_db):
    html = squash(text(client.get("/fr/states/RO/")))
    assert "(journal officiel ou document parlementaire)" in html
    assert "À propos de cette date" in html
