"""Phone-first and the small layout faults (issue 15), as the HTML says them: the readable list
before each graphic, the home page's figure of States that consented, the search page's intro,
and the Committee's capacity-building lists in the reader's order of names."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from lanzarote.committee import services as committee
from lanzarote.committee.models import Theme
from lanzarote.registry import selectors
from lanzarote.web import display
from tests.committee.factories import secretariat
from tests.web.helpers import figure, squash, text


def _before(html: str, first: str, second: str) -> bool:
    return -1 < html.index(first) < html.index(second)


# -- the list before the graphic -------------------------------------------------------------


def test_the_map_lists_the_states_by_status_before_the_map(client, loaded_db) -> None:
    html = text(client.get("/fr/map/", {"as_of": "2020-02-01"}))
    assert _before(html, 'class="map-list"', 'class="map-figure"')
    listing = html[html.index('class="map-list"') : html.index('class="map-figure"')]
    groups = re.findall(
        r'<span class="map-list__label">(.*?)</span>\s*<span class="map-legend__count">(\d+)</span>',
        listing,
    )
    legend = dict(
        re.findall(r'map-legend__label">(.*?)</span>\s*<span class="map-legend__count">(\d+)', html)
    )
    # Every group that has States, with the legend's count, the States linked to their page.
    assert groups and all(legend[label] == count for label, count in groups)
    assert ("Partie", legend["Partie"]) in groups
    party = listing[listing.index(">Partie<") :].split("</details>", 1)[0]
    assert '<a href="/fr/states/TN/">Tunisie</a>' in party
    names = re.findall(r'<a href="/fr/states/[A-Z]{2}/">([^<]+)</a>', party)
    assert len(names) == int(legend["Partie"])
    # In the reader's order: "Fédération de Russie" among the F's, not after "Z".
    assert names.index("Fédération de Russie") < names.index("Finlande")


def test_the_europe_map_lists_only_what_it_draws(client, loaded_db) -> None:
    html = text(client.get("/en/map/", {"as_of": "2020-02-01", "view": "europe"}))
    listing = html[html.index('class="map-list"') : html.index('class="map-figure"')]
    assert '<a href="/en/states/TN/">Tunisia</a>' in listing
    assert "/en/states/AU/" not in listing


def test_the_timelines_put_their_table_before_their_graphic(client, loaded_db) -> None:
    html = text(client.get("/en/timeline/"))
    assert _before(html, 'id="parties-table-caption"', 'id="parties-caption"')
    assert _before(html, 'id="signatures-table-caption"', 'id="signatures-caption"')
    assert '<td data-label="What changed">' in html
    # A row where nothing changed (the opening for signature) says so rather than nothing.
    first = html[html.index('id="parties-table-caption"') :].split("</tr>", 2)[1]
    assert '<span class="muted">—</span>' in first
    profile = text(client.get("/fr/states/TN/"))
    assert _before(profile, 'id="state-timeline-table-caption"', 'id="state-timeline-caption"')
    assert '<td data-label="À partir du">' in profile


# -- the home page's figures -----------------------------------------------------------------


def test_key_figures_count_the_states_that_consented_before_entry_into_force(loaded_db) -> None:
    treaty = selectors.treaty_get("cets-201")
    # Tunisia deposited its instrument on 15 October 2019; the Convention bound it from
    # 1 February 2020.
    view = selectors.chart_view(treaty, as_of=date(2019, 12, 1))
    members = selectors.membership()
    rows = display.chart_rows(view, lambda code: members.is_member(code, date(2019, 12, 1)))
    figures = display.key_figures(view, rows)
    assert figures.consented == view.chart.totals.consented >= 1
    assert "TN" in {r.code for r in rows if r.status == "consented"}
    later = selectors.chart_view(treaty, as_of=date(2020, 2, 1))
    assert "TN" not in {p.state for p in later.chart.rows if p.status == "consented"}


def test_the_home_page_shows_the_consented_figure_only_when_there_are_some(
    client, loaded_db, monkeypatch
) -> None:
    cache.clear()
    html = text(client.get("/en/"))
    today = selectors.chart_view(selectors.treaty_get("cets-201"), as_of=timezone.localdate())
    if today.chart.totals.consented == 0:
        assert "Consented, not yet in force" not in html
    assert figure(html, "Signatories that have not yet ratified") == today.chart.totals.signatories

    real = display.key_figures
    monkeypatch.setattr(
        display,
        "key_figures",
        lambda view, rows: dataclasses.replace(real(view, rows), consented=2),
    )
    cache.clear()
    assert figure(text(client.get("/en/")), "Consented, not yet in force") == 2
    cache.clear()
    assert figure(text(client.get("/fr/")), "En attente d’entrée en vigueur") == 2


# -- the search page's intro -----------------------------------------------------------------


def test_the_search_intro_says_the_rounds_are_searchable(client, loaded_db) -> None:
    english = squash(text(client.get("/en/monitoring/search/")))
    assert "Monitoring rounds by their title and theme" in english
    assert "compliance findings" in english
    french = squash(text(client.get("/fr/monitoring/search/")))
    assert "Cycles de suivi par leur titre et leur thème" in french


# -- capacity building in the reader's order of names ----------------------------------------


def test_capacity_building_lists_names_in_the_readers_order(client, loaded_db) -> None:
    themes = [
        Theme.objects.create(slug="zz-schools", name_en="Schools", name_fr="Écoles"),
        Theme.objects.create(slug="zz-families", name_en="Families", name_fr="Familles"),
    ]
    project = committee.project_save(
        user=secretariat(),
        title_en="Order of names",
        title_fr="Ordre des noms",
        status="ongoing",
        beneficiaries=["ES", "DE", "EG", "AT"],
        themes=themes,
    )
    page = f"/{{lang}}/committee/capacity-building/projects/{project.slug}/"
    english = squash(text(client.get(page.format(lang="en"))))
    assert _before(english, ">Austria<", ">Egypt<") and _before(english, ">Egypt<", ">Germany<")
    assert _before(english, ">Germany<", ">Spain<")
    assert "Families, Schools" in english
    french = squash(text(client.get(page.format(lang="fr"))))
    assert _before(french, ">Allemagne<", ">Autriche<") and _before(
        french, ">Autriche<", ">Égypte<"
    )
    assert _before(french, ">Égypte<", ">Espagne<")
    assert "Écoles, Familles" in french
    # The list of projects and its theme filter too.
    listing = squash(text(client.get("/fr/committee/capacity-building/")))
    row = listing[listing.index("Ordre des noms") :].split("</tr>", 1)[0]
    assert _before(row, "Allemagne", "Autriche") and _before(row, "Égypte", "Espagne")
    assert _before(
        listing,
        '<option value="zz-schools">Écoles</option>',
        '<option value="zz-families">Familles</option>',
    )


def test_the_project_form_offers_the_themes_in_the_readers_order(client, loaded_db) -> None:
    Theme.objects.create(slug="zz-schools", name_en="Schools", name_fr="Écoles")
    Theme.objects.create(slug="zz-families", name_en="Families", name_fr="Familles")
    client.force_login(secretariat())
    english = text(client.get("/en/committee/desk/projects/new/"))
    assert _before(english, "Families</label>", "Schools</label>")
    french = text(client.get("/fr/committee/desk/projects/new/"))
    assert _before(french, "Écoles</label>", "Familles</label>")
