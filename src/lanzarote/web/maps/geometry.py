"""The map's geometry: the shipped TopoJSON (`lanzarote/data/map/countries-50m.topo.json`, built
by `scripts/build_map_data.py` with the boundary positions of docs/adr/0004-map-boundaries.md),
decoded once per process into areas with their polygons."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MAP_FILE = (
    Path(__file__).resolve().parent.parent.parent / "data" / "map" / "countries-50m.topo.json"
)
ANTARCTICA = "010"

LonLat = tuple[float, float]
Ring = tuple[LonLat, ...]
Polygon = tuple[Ring, ...]


@dataclass(frozen=True)
class Feature:
    """One area of the map: a State's feature (keyed by its ISO numeric code) or an area that is
    no State of the registry (Kosovo, the Siachen Glacier), keyed by its note."""

    key: str
    name: str
    numeric: str | None
    note: str
    polygons: tuple[Polygon, ...]

    def contains(self, lon: float, lat: float) -> bool:
        return any(_polygon_contains(p, lon, lat) for p in self.polygons)


def _ring_contains(ring: Ring, lon: float, lat: float) -> bool:
    inside = False
    count = len(ring)
    for index in range(count):
        x1, y1 = ring[index]
        x2, y2 = ring[(index + 1) % count]
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _polygon_contains(polygon: Polygon, lon: float, lat: float) -> bool:
    return _ring_contains(polygon[0], lon, lat) and not any(
        _ring_contains(hole, lon, lat) for hole in polygon[1:]
    )


def _decode_arcs(topology: dict[str, Any]) -> list[list[LonLat]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[LonLat]], refs: Iterable[int]) -> Ring:
    points: list[LonLat] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return tuple(points)


@cache
def features() -> dict[str, Feature]:
    """Every area of the shipped geometry, by ISO numeric code (or note for the others)."""
    topology = json.loads(MAP_FILE.read_text())
    arcs = _decode_arcs(topology)
    result: dict[str, Feature] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        numeric = geometry.get("id")
        note = geometry["properties"].get("note", "")
        key = numeric or note
        result[key] = Feature(
            key=key,
            name=geometry["properties"]["name"],
            numeric=numeric,
            note=note,
            polygons=tuple(tuple(_ring(arcs, ring) for ring in polygon) for polygon in polygons),
        )
    return result
