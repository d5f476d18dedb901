"""Build the map geometry the product ships: `src/lanzarote/data/map/countries-50m.topo.json`.

Reads Natural Earth's 1:50m countries as packaged by world-atlas (`npm ci` puts it in
`node_modules/world-atlas/countries-50m.json`; TopoJSON, feature ids are ISO 3166-1 numeric codes
as strings), applies the boundary positions of docs/adr/0004-map-boundaries.md and writes a compact
TopoJSON that the product reads at run time (the product never needs npm):

- Crimea is drawn as part of Ukraine: the polygon of Russia's MultiPolygon that contains
  Simferopol moves to Ukraine (804) and is dissolved into it along the Perekop isthmus.
- Northern Cyprus is drawn as part of Cyprus (196), dissolved into it.
- Kosovo keeps its own outline, with no ISO code and the marker `"note": "unscr1244"`: the map
  draws it without a status colour and prints the UN Security Council Resolution 1244 footnote.
- Other features without an ISO code: Somaliland is dissolved into Somalia (706); Australia's
  Indian Ocean territories and Ashmore and Cartier Islands join Australia (036), as Natural Earth
  already does for France's overseas departments; the Siachen Glacier stays a neutral area.
- The `land` object is dropped, arcs no feature uses any more are pruned, and arcs are written
  delta-encoded on the source's quantisation grid. Nothing is simplified.

Run: `.venv/bin/python scripts/build_map_data.py` (after `npm ci`). The output is committed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
TARGET = ROOT / "src" / "lanzarote" / "data" / "map" / "countries-50m.topo.json"

SIMFEROPOL = (34.10, 44.95)
RUSSIA, UKRAINE, CYPRUS, SOMALIA, AUSTRALIA = "643", "804", "196", "706", "036"

Point = tuple[int, int]
Ring = list[int]  # arc references; ~i is arc i reversed
Polygon = list[Ring]


class Topology:
    def __init__(self, data: dict[str, Any]) -> None:
        self.scale = data["transform"]["scale"]
        self.translate = data["transform"]["translate"]
        self.arcs: list[list[Point]] = []
        for arc in data["arcs"]:
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x, y))
            self.arcs.append(points)

    def arc_points(self, ref: int) -> list[Point]:
        return self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]

    def ring_points(self, ring: Ring) -> list[Point]:
        points: list[Point] = []
        for ref in ring:
            arc = self.arc_points(ref)
            points.extend(arc if not points else arc[1:])
        return points

    def quantise(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            (lon - self.translate[0]) / self.scale[0],
            (lat - self.translate[1]) / self.scale[1],
        )

    def polygon_contains(self, polygon: Polygon, lon: float, lat: float) -> bool:
        x, y = self.quantise(lon, lat)
        inside = _ring_contains(self.ring_points(polygon[0]), x, y)
        return inside and not any(
            _ring_contains(self.ring_points(hole), x, y) for hole in polygon[1:]
        )


def _ring_contains(points: list[Point], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _signed_area(points: list[Point]) -> float:
    return sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )


def polygons_of(geometry: dict[str, Any]) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def dissolve(topology: Topology, polygons: list[Polygon]) -> list[Polygon]:
    """The union of polygons that share borders: arcs used by two of them are interior and go;
    the rest are chained back into rings (as topojson's `merge` does)."""
    uses: dict[int, int] = defaultdict(int)
    for polygon in polygons:
        for ring in polygon:
            for ref in ring:
                uses[ref if ref >= 0 else ~ref] += 1
    kept = [
        ref
        for polygon in polygons
        for ring in polygon
        for ref in ring
        if uses[ref if ref >= 0 else ~ref] == 1
    ]
    exterior_sign = _signed_area(topology.ring_points(polygons[0][0])) > 0
    starting: dict[Point, list[int]] = defaultdict(list)
    for ref in kept:
        starting[topology.arc_points(ref)[0]].append(ref)
    rings: list[Ring] = []
    unused = set(kept)
    for first in kept:
        if first not in unused:
            continue
        ring = [first]
        unused.discard(first)
        start = topology.arc_points(first)[0]
        end = topology.arc_points(first)[-1]
        while end != start:
            following = [ref for ref in starting[end] if ref in unused]
            if not following:
                raise SystemExit(f"cannot close a ring while dissolving (stuck at {end})")
            ref = following[0]
            unused.discard(ref)
            ring.append(ref)
            end = topology.arc_points(ref)[-1]
        rings.append(ring)
    exteriors = [r for r in rings if (_signed_area(topology.ring_points(r)) > 0) == exterior_sign]
    holes = [r for r in rings if r not in exteriors]
    result: list[Polygon] = [[r] for r in exteriors]
    for hole in holes:
        x, y = topology.ring_points(hole)[0]
        owner = next(
            (p for p in result if _ring_contains(topology.ring_points(p[0]), x + 0.5, y + 0.5)),
            None,
        )
        if owner is None:
            raise SystemExit("a hole left after dissolving lies in no exterior ring")
        owner.append(hole)
    return result


def build(source: Path) -> dict[str, Any]:
    data = json.loads(source.read_text())
    topology = Topology(data)
    geometries = data["objects"]["countries"]["geometries"]

    features: dict[str, dict[str, Any]] = {}
    extras: list[dict[str, Any]] = []
    merge_into: dict[str, list[Polygon]] = defaultdict(list)
    for geometry in geometries:
        name = geometry["properties"]["name"]
        code = geometry.get("id")
        polygons = polygons_of(geometry)
        if code is None:
            target = {
                "N. Cyprus": CYPRUS,
                "Somaliland": SOMALIA,
                "Indian Ocean Ter.": AUSTRALIA,
            }.get(name)
            if target:
                merge_into[target].extend(polygons)
            elif name == "Kosovo":
                extras.append({"name": name, "note": "unscr1244", "polygons": polygons})
            elif name == "Siachen Glacier":
                extras.append({"name": name, "note": "disputed", "polygons": polygons})
            else:
                raise SystemExit(f"unexpected feature without an ISO code: {name}")
            continue
        if code in features:
            # Ashmore and Cartier Islands carry Australia's code: one State, one feature.
            features[code]["polygons"].extend(polygons)
            continue
        features[code] = {"name": name, "polygons": polygons}

    crimea = [p for p in features[RUSSIA]["polygons"] if topology.polygon_contains(p, *SIMFEROPOL)]
    if len(crimea) != 1:
        raise SystemExit(f"expected one Russian polygon containing Simferopol, found {len(crimea)}")
    features[RUSSIA]["polygons"].remove(crimea[0])
    merge_into[UKRAINE].extend(crimea)

    for code, polygons in merge_into.items():
        features[code]["polygons"] = dissolve(topology, features[code]["polygons"] + polygons)

    return write_topology(data, topology, features, extras)


def write_topology(
    data: dict[str, Any],
    topology: Topology,
    features: dict[str, dict[str, Any]],
    extras: list[dict[str, Any]],
) -> dict[str, Any]:
    used: dict[int, int] = {}

    def remap(ref: int) -> int:
        index = ref if ref >= 0 else ~ref
        if index not in used:
            used[index] = len(used)
        new = used[index]
        return new if ref >= 0 else ~new

    def geometry(polygons: list[Polygon]) -> dict[str, Any]:
        arcs = [[[remap(ref) for ref in ring] for ring in polygon] for polygon in polygons]
        if len(arcs) == 1:
            return {"type": "Polygon", "arcs": arcs[0]}
        return {"type": "MultiPolygon", "arcs": arcs}

    geometries = []
    for code in sorted(features):
        feature = features[code]
        geometries.append(
            {"id": code, "properties": {"name": feature["name"]}, **geometry(feature["polygons"])}
        )
    geometries.extend(
        {
            "properties": {"name": extra["name"], "note": extra["note"]},
            **geometry(extra["polygons"]),
        }
        for extra in extras
    )

    arcs: list[list[list[int]]] = [[] for _ in used]
    for old, new in used.items():
        points = topology.arcs[old]
        encoded = [list(points[0])]
        encoded.extend([x2 - x1, y2 - y1] for (x1, y1), (x2, y2) in itertools.pairwise(points))
        arcs[new] = encoded
    return {
        "type": "Topology",
        "transform": data["transform"],
        "bbox": data["bbox"],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
        "source": (
            "Natural Earth 1:50m admin-0 countries via world-atlas@2.0.2; Council of Europe "
            "boundary positions applied by scripts/build_map_data.py (docs/adr/0004)"
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    if not args.source.exists():
        print(f"{args.source} is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    result = build(args.source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, separators=(",", ":")) + "\n")
    size = args.output.stat().st_size
    print(f"Wrote {args.output.relative_to(ROOT)}: {size / 1024:.0f} KiB, ", end="")
    print(
        f"{len(result['objects']['countries']['geometries'])} features, {len(result['arcs'])} arcs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
