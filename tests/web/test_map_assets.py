"""The light map page (issue 12): the geometry is a static asset of each view, referenced by its
hashed static name, and the page with what it loads weighs at most 120 KB sent compressed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from lanzarote.web import maps

# What a browser receives for the map page on its first visit, compressed (issue 12).
MAP_PAGE_LIMIT_BYTES = 120 * 1024
ASSET = re.compile(r'(?:src|href)="(/static/[^"#]+)')


def test_the_geometry_assets_are_those_of_the_shipped_geometry() -> None:
    # `scripts/build_map_assets.py` writes them; a change of geometry or projection must too.
    for view in maps.VIEWS:
        found = finders.find(maps.GEOMETRY_ASSET.format(view=view))
        assert found, view
        assert Path(found).read_text(encoding="utf-8") == maps.geometry_svg(view), (
            "run scripts/build_map_assets.py"
        )


def test_every_area_the_page_uses_is_defined_in_its_asset(client, loaded_db) -> None:
    for view in maps.VIEWS:
        html = client.get("/en/map/", {"as_of": "2012-06-01", "view": view}).content.decode()
        asset = maps.geometry_svg(view)
        used = re.findall(r'<use href="[^"#]+#([a-z0-9]+)"', html)
        assert len(used) >= 50
        assert all(f'id="{ref}"' in asset for ref in used)
        # The page carries no path data: only statuses, names and links.
        assert "<path" not in html


def test_the_page_uses_the_hashed_static_name_of_the_asset(client, loaded_db, tmp_path) -> None:
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
        html = client.get("/en/map/", {"as_of": "2020-02-01", "view": "europe"}).content.decode()
    hashed = re.search(r'<use href="/static/(web/map/europe\.[0-9a-f]{12}\.svg)#a788"', html)
    assert hashed, "Tunisia is not drawn from the hashed asset"
    assert (tmp_path / hashed.group(1)).read_text() == maps.geometry_svg("europe")
    assert 'href="/static/web/map/europe.svg' not in html


def _compressed_size(url: str) -> int:
    found = finders.find(url.removeprefix("/static/"))
    assert found, url
    return len(gzip.compress(Path(found).read_bytes(), compresslevel=9))


@pytest.mark.parametrize("view", list(maps.VIEWS))
def test_the_map_page_and_what_it_loads_weigh_at_most_120_kb_compressed(
    client, loaded_db, view
) -> None:
    query = {"as_of": "2012-06-01", "view": view}
    response = client.get("/en/map/", query, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] in {"br", "gzip"}
    html = client.get("/en/map/", query).content.decode()
    # The stylesheet, the scripts, the icon and the geometry, each once (gzip: whitenoise's
    # brotli files are smaller still).
    assets = set(ASSET.findall(html))
    assert f"/static/{maps.GEOMETRY_ASSET.format(view=view)}" in assets
    total = len(response.content) + sum(_compressed_size(url) for url in assets)
    assert total <= MAP_PAGE_LIMIT_BYTES, f"{total / 1024:.0f} KB"
