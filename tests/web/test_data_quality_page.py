"""The data-quality page: the figures of `lanzarote data-quality`, counted from the records."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.management import call_command

from lanzarote.registry import selectors
from lanzarote.registry.quality import PRECISIONS, treaty_quality
from tests.web.helpers import json_body, squash, text

PAGE = "/en/treaties/cets-201/data-quality/"
DAY = "2023-05-31"


def row_numbers(html: str, row_id: str) -> list[int]:
    match = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, flags=re.S)
    assert match, f"no row {row_id}"
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', match.group(1))]


def test_the_page_shows_the_selectors_figures(client, loaded_db):
    html = squash(text(client.get(PAGE, {"as_of": DAY})))
    treaty = selectors.treaty_get("cets-201")
    figures = {
        act["act"]: act
        for act in treaty_quality(treaty, as_of=date.fromisoformat(DAY)).as_dict()["acts"]
    }
    for act in ("signature", "consent", "entry_into_force"):
        dates = [figures[act]["dates"][name] for name in PRECISIONS]
        assert row_numbers(html, f"precision-{act}") == [*dates, sum(dates)]
    depositary = figures["consent"]["dates_by_strongest_grade"]["depositary"]
    assert row_numbers(html, "strongest-consent")[0] == depositary > 0
    assert (
        row_numbers(html, "sources-consent")[0]
        == figures["consent"]["sources_by_grade"]["depositary"]
    )
    assert "Official gazette or parliamentary record" in html
    assert "sources-entry_into_force" not in html  # it cites nothing of its own


def test_the_chart_links_to_it(client, loaded_db):
    assert 'href="/en/treaties/cets-201/data-quality/"' in text(
        client.get("/en/treaties/cets-201/chart/")
    )


def test_in_french(client, loaded_db):
    html = squash(text(client.get("/fr/treaties/cets-201/data-quality/", {"as_of": DAY})))
    assert "Précision des dates du registre" in html
    assert "Journal officiel ou document parlementaire" in html
    assert "Dépôt de l" in html


def test_the_json_download_is_the_commands_json(client, loaded_db, capsys):
    data = json_body(client.get("/en/treaties/cets-201/data-quality.json", {"as_of": DAY}))
    call_command("data_quality", "--treaty", "cets-201", "--as-of", DAY, "--format", "json")
    import json

    assert [data] == json.loads(capsys.readouterr().out)


def test_the_command_accepts_text_as_the_table(capsys, loaded_db):
    call_command("data_quality", "--treaty", "cets-201", "--as-of", DAY, "--format", "text")
    assert capsys.readouterr().out.startswith(f"cets-201 — {DAY}")


@pytest.mark.parametrize("path", [PAGE, "/en/treaties/cets-201/data-quality.json"])
def test_a_bad_date_is_a_400_and_an_unknown_treaty_a_404(client, loaded_db, path):
    assert client.get(path, {"as_of": "2023-02-30"}).status_code == 400
    assert client.get(path.replace("cets-201", "cets-999")).status_code == 404


# The treaty and its events; the chart and the version tokens are cached by the French page.
QUERIES = 2


@pytest.mark.parametrize("slug", ["cets-201", "opsc"])
def test_the_page_asks_a_fixed_number_of_queries(
    client, loaded_db, django_assert_num_queries, slug
):
    # The same for the Convention's 48 Parties and the OPSC's many more: the chart is read once.
    # The page is cached per version: warmed through the French page, the English one is
    # rendered and its own queries counted; asked again, it is served from the cache.
    path = f"/en/treaties/{slug}/data-quality/"
    client.get(path.replace("/en/", "/fr/"), {"as_of": DAY})
    with django_assert_num_queries(QUERIES):
        client.get(path, {"as_of": DAY})
    with django_assert_num_queries(0):
        again = client.get(path, {"as_of": DAY})
    assert again.status_code == 200 and again["ETag"]
    assert client.get(path, {"as_of": DAY}, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
