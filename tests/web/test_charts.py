"""The Convention over time: counts folded from the log at each change, honest ranges, the SVG
charts and their tables, and a State's timeline on its profile."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from django.utils import timezone

from lanzarote.registry import selectors
from lanzarote.treaty_law import KnownDate, get_final_clauses
from lanzarote.treaty_law import chart as fold_chart
from lanzarote.web import charts
from lanzarote.web.charts import steps as step_svg
from tests.web.helpers import structure_problems, text

TODAY = date(2026, 6, 1)


def test_parties_counts_come_from_the_fold(loaded_db) -> None:
    data = charts.history("cets-201", today=TODAY)
    assert data.on(date(2010, 6, 30)).parties == (0, 0)
    assert data.on(date(2010, 7, 1)).parties[0] == 5
    # Every point agrees with the chart fold on its own day.
    treaty = selectors.treaty_get("cets-201")
    for day in (date(2012, 6, 1), date(2016, 1, 1), date(2020, 2, 1), TODAY):
        view = selectors.chart_view(treaty, as_of=day)
        assert data.on(day).parties[0] == view.chart.totals.parties
        possible = sum(1 for row in view.chart.rows if "party" in {s.value for s in row.possible})
        assert data.on(day).parties[1] == possible


def test_tunisia_joins_on_1_february_2020_and_is_marked_as_an_accession(loaded_db) -> None:
    data = charts.history("cets-201", today=TODAY)
    point = next(p for p in data.points if "TN" in p.joined)
    assert point.day == date(2020, 2, 1)
    assert [a.state for a in data.accessions] == ["TN"]
    svg = charts.parties_chart(data)
    assert "Tunisia: accession, a Party from 1 February 2020" in svg
    assert "Entry into force" in svg


def test_uncertain_counts_are_a_band_not_a_guess(loaded_db) -> None:
    data = charts.history("cets-201", today=TODAY)
    uncertain = [p for p in data.points if p.parties[1] > p.parties[0]]
    assert uncertain, "the reference data has loosely dated deposits"
    svg = charts.parties_chart(data)
    assert 'class="chart__band"' in svg
    rows = charts.party_rows(data)
    assert any(r.uncertain for r in rows)
    assert charts.count_text((46, 48)) == "46–48"
    assert charts.count_text((48, 48)) == "48"


def test_change_days_come_from_the_events_and_counts_only_change_there(loaded_db) -> None:
    data = charts.history("cets-201", today=TODAY)
    days = [p.day for p in data.points]
    assert days == sorted(days) and len(days) == len(set(days))
    # Between two points nothing changes: check the day before each point against the fold.
    treaty = selectors.treaty_get("cets-201")
    actions = [selectors.to_action(e) for e in selectors.effective_events(treaty)]
    clauses = get_final_clauses("cets-201")
    for previous, point in zip(data.points, data.points[1:], strict=False):
        before = point.day.toordinal() - 1
        folded = fold_chart(
            clauses,
            actions=actions,
            membership=selectors.membership(),
            as_of=date.fromordinal(before),
            recorded_entry_into_force=KnownDate.exact(treaty.stated_entry_into_force)
            if treaty.stated_entry_into_force
            else None,
        )
        assert folded.totals.parties == previous.parties[0]


def test_the_history_is_computed_once_per_registry_version(
    loaded_db, django_assert_num_queries
) -> None:
    charts.history("cets-201", today=TODAY)
    with django_assert_num_queries(2):  # the log's version and the treaty
        charts.history("cets-201", today=TODAY)


def test_signatures_and_ratifications(loaded_db) -> None:
    data = charts.history("cets-201", today=TODAY)
    first, last = data.points[0], data.on(TODAY)
    assert first.day == date(2007, 10, 25)
    # The opening conference in Lanzarote: ten States are known to have signed on its first
    # day, 25 October 2007; twelve more signed there on the 25th or the 26th.
    assert first.signatures[0] >= 10
    assert data.on(date(2007, 10, 26)).signatures[0] >= 22
    assert last.consents[0] >= 48
    assert last.signatures[1] >= last.signatures[0]
    svg = charts.signatures_chart(data)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "signatures-cets-201-title signatures-cets-201-desc"
    lines = [e for e in root.iter() if "chart__line" in (e.get("class") or "")]
    assert len(lines) == 2


def test_the_step_and_band_paths() -> None:
    frame = charts.Frame(date(2020, 1, 1), date(2020, 1, 11), 10, 144, 100)
    steps = [(date(2020, 1, 1), 1, 1), (date(2020, 1, 6), 2, 4)]
    line = step_svg._step_path(frame, [(d, c) for d, c, _p in steps])
    assert line == "M44.0 60.6H86.0V57.2H128.0"
    band = step_svg._band_path(frame, steps)
    assert band == "M44.0 60.6H86.0V50.4H128.0L128.0 57.2L86.0 57.2L86.0 60.6L44.0 60.6Z"
    assert step_svg._band_path(frame, [(date(2020, 1, 1), 1, 1)]) == ""


def test_the_timeline_page(client, loaded_db) -> None:
    response = client.get("/en/timeline/")
    assert response.status_code == 200
    html = text(response)
    assert structure_problems(html) == []
    assert html.count('class="chart"') == 2
    assert "Parties: every change" in html
    assert "+ Albania, Denmark, Greece, Netherlands, San Marino" in html
    assert '<time datetime="2020-02-01">' in html
    opsc = client.get("/en/timeline/", {"treaty": "opsc"})
    assert opsc.status_code == 200
    assert client.get("/en/timeline/", {"treaty": "nope"}).status_code == 404


def test_the_timeline_page_in_french(client, loaded_db) -> None:
    response = client.get("/fr/timeline/")
    assert response.status_code == 200
    assert '<html lang="fr">' in text(response)


def test_a_state_profile_shows_its_timeline(client, loaded_db) -> None:
    html = text(client.get("/en/states/UA/"))
    assert 'id="state-timeline-heading"' in html
    section = html.split('id="state-timeline-heading"', 1)[1].split("</section>", 1)[0]
    assert 'class="chart chart--state"' in section
    assert "url(#timeline-hatch)" in section  # Ukraine's deposit is known only within bounds
    assert re.search(
        r"<th scope=\"row\">Lanzarote Convention</th>\s*<td data-label=\"Status\">Party</td>",
        section,
    )


def test_a_state_with_nothing_recorded_says_so(client, loaded_db) -> None:
    html = text(client.get("/en/states/BR/"))
    section = html.split('id="state-timeline-heading"', 1)[1].split("</section>", 1)[0]
    assert "Lanzarote Convention" in section
    today = timezone.localdate()
    assert str(today.year) in section
