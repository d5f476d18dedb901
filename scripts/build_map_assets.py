"""Write the map's geometry assets: `src/lanzarote/web/static/web/map/<view>.svg`, one per view
of `lanzarote.web.maps.VIEWS`, drawn from the shipped TopoJSON by `maps.geometry_svg`.

The map page `<use>`s them by their hashed static name (collectstatic), so the page carries the
statuses and the geometry is downloaded once and cached for a year. The output is committed;
`tests/web/test_map_assets.py` fails when it no longer matches the geometry or the projections.

Run: `.venv/bin/python scripts/build_map_assets.py` (`make map-data` runs it after the TopoJSON).
"""

from __future__ import annotations

import os
from pathlib import Path

import django

TARGET = Path(__file__).resolve().parent.parent / "src" / "lanzarote" / "web" / "static"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanzarote.settings.local")
    django.setup()
    from lanzarote.web import maps

    for view in maps.VIEWS:
        path = TARGET / maps.GEOMETRY_ASSET.format(view=view)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(maps.geometry_svg(view), encoding="utf-8")
        print(f"{path.relative_to(TARGET.parents[3])}: {path.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
