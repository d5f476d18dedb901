"""The map's views (the world and Europe): their projections and windows, and each area's
projected path data, computed once per process because it does not depend on the date."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.web.maps.geometry import ANTARCTICA, Feature, LonLat, Ring, features


def equirectangular(lon: float, lat: float) -> tuple[float, float]:
    return lon, -lat


def lambert_azimuthal_equal_area(
    lon0: float, lat0: float
) -> Callable[[float, float], tuple[float, float]]:
    """The spherical Lambert azimuthal equal-area projection centred on (lon0, lat0), the
    projection of the European statistical grid (ETRS89-LAEA is centred on 10° E, 52° N)."""
    sin0, cos0 = math.sin(math.radians(lat0)), math.cos(math.radians(lat0))

    def project(lon: float, lat: float) -> tuple[float, float]:
        lam = math.radians(lon - lon0)
        phi = math.radians(lat)
        sin_phi, cos_phi, cos_lam = math.sin(phi), math.cos(phi), math.cos(lam)
        denominator = 1 + sin0 * sin_phi + cos0 * cos_phi * cos_lam
        k = math.sqrt(2 / max(denominator, 1e-12))
        return k * cos_phi * math.sin(lam), -k * (cos0 * sin_phi - sin0 * cos_phi * cos_lam)

    return project


@dataclass(frozen=True)
class MapView:
    name: str
    label: Any
    project: Callable[[float, float], tuple[float, float]]
    # The window on the projected plane: x0, y0 (top left), x1, y1; y grows downwards.
    window: tuple[float, float, float, float]
    width: int
    marker_radius: float
    # Areas narrower and shorter than this (in SVG units) also get a round marker.
    marker_below: float
    # Coordinates are written on a grid of 1/grid SVG units.
    grid: int = 10
    # A flat map of the whole globe cuts rings at the antimeridian.
    wraps: bool = False
    excluded: frozenset[str] = field(default_factory=frozenset)

    @property
    def scale(self) -> float:
        x0, _y0, x1, _y1 = self.window
        return self.width / (x1 - x0)

    @property
    def height(self) -> int:
        _x0, y0, _x1, y1 = self.window
        return round((y1 - y0) * self.scale)


VIEWS: dict[str, MapView] = {
    "world": MapView(
        name="world",
        label=_("World"),
        project=equirectangular,
        window=(-180.0, -84.0, 180.0, 58.0),
        width=1000,
        marker_radius=2.2,
        marker_below=2.0,
        grid=1,
        wraps=True,
        excluded=frozenset({ANTARCTICA}),
    ),
    "europe": MapView(
        name="europe",
        label=_("Europe"),
        project=lambert_azimuthal_equal_area(10.0, 52.0),
        window=(-0.30, -0.365, 0.56, 0.395),
        width=1000,
        marker_radius=4.5,
        marker_below=6.0,
        grid=2,
    ),
}
DEFAULT_VIEW = "world"


@dataclass(frozen=True)
class Shape:
    """A feature drawn in a view: its path data and, for areas too small to see or click, the
    centre of a round marker."""

    feature: Feature
    d: str
    marker: tuple[float, float] | None


def _clip(points: list[tuple[float, float]], box: tuple[float, float, float, float]):
    """Sutherland–Hodgman clipping of a ring to a rectangle (a margin outside the view, so the
    cut edges are never seen): keeps the Europe view from carrying all of Siberia."""
    x0, y0, x1, y1 = box
    edges: list[tuple[Callable[[tuple[float, float]], bool], int, float]] = [
        (lambda p: p[0] >= x0, 0, x0),
        (lambda p: p[0] <= x1, 0, x1),
        (lambda p: p[1] >= y0, 1, y0),
        (lambda p: p[1] <= y1, 1, y1),
    ]
    for inside, axis, value in edges:
        if not points:
            break
        clipped: list[tuple[float, float]] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    clipped.append(_intersection(previous, point, axis, value))
                clipped.append(point)
            elif inside(previous):
                clipped.append(_intersection(previous, point, axis, value))
            previous = point
        points = clipped
    return points


def _intersection(
    a: tuple[float, float], b: tuple[float, float], axis: int, value: float
) -> tuple[float, float]:
    t = (value - a[axis]) / (b[axis] - a[axis])
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


def _planar_copies(ring: Ring) -> list[Ring]:
    """A ring that crosses the antimeridian (Chukotka, Fiji) is spherical: on a flat world map
    its edge from 179.9° to -179.9° would cross the whole map. Its longitudes are made
    continuous and a copy shifted by 360° is drawn too; clipping to the map keeps each half."""
    unwrapped: list[LonLat] = []
    offset = 0.0
    previous: float | None = None
    for lon, lat in ring:
        if previous is not None:
            if lon - previous > 180:
                offset -= 360
            elif previous - lon > 180:
                offset += 360
        previous = lon
        unwrapped.append((lon + offset, lat))
    low = min(lon for lon, _lat in unwrapped)
    high = max(lon for lon, _lat in unwrapped)
    if low >= -180 and high <= 180:
        return [ring]
    shift = 360.0 if low < -180 else -360.0
    return [tuple(unwrapped), tuple((lon + shift, lat) for lon, lat in unwrapped)]


def _number(steps: int, per_unit: int) -> str:
    """A count of grid steps as the shortest SVG number: 12 tenths → "1.2", -5 → "-.5"."""
    text = f"{steps / per_unit:g}"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def _path_data(rings: Iterable[list[tuple[float, float]]], per_unit: int) -> str:
    """Absolute first point, then relative moves, all on a grid of `1/per_unit` SVG units
    (finer than a screen pixel at the map's size); a point that lands on the previous one adds
    nothing to the drawing and is not written. No line is simplified."""
    parts: list[str] = []
    for ring in rings:
        coords = [(round(x * per_unit), round(y * per_unit)) for x, y in ring]
        if len(coords) < 3:
            continue
        cx, cy = coords[0]
        moves: list[str] = []
        for x, y in coords[1:]:
            dx, dy = x - cx, y - cy
            if dx or dy:
                moves.append(f"{_number(dx, per_unit)} {_number(dy, per_unit)}")
                cx, cy = x, y
        if len(moves) >= 2:
            start = f"{_number(coords[0][0], per_unit)} {_number(coords[0][1], per_unit)}"
            parts.append(f"M{start}l{' '.join(moves)}z")
    return "".join(parts)


@cache
def shapes(view_name: str) -> tuple[Shape, ...]:
    """The projected shapes of a view, computed once per process (they do not depend on the
    date); the order puts small areas last so that their outlines and markers stay on top."""
    view = VIEWS[view_name]
    x0, y0, _x1, _y1 = view.window
    scale = view.scale
    margin = 0.02 * view.width
    clip_box = (-margin, -margin, view.width + margin, view.height + margin)
    result = []
    for feature in features().values():
        if feature.numeric in view.excluded:
            continue
        rings: list[list[tuple[float, float]]] = []
        min_x = min_y = math.inf
        max_x = max_y = -math.inf
        for polygon in feature.polygons:
            for ring in polygon:
                for copy in _planar_copies(ring) if view.wraps else (ring,):
                    projected = []
                    for lon, lat in copy:
                        px, py = view.project(lon, lat)
                        projected.append(((px - x0) * scale, (py - y0) * scale))
                    clipped = _clip(projected, clip_box)
                    if len(clipped) < 3:
                        continue
                    rings.append(clipped)
                    for x, y in clipped:
                        min_x, max_x = min(min_x, x), max(max_x, x)
                        min_y, max_y = min(min_y, y), max(max_y, y)
        if not rings:
            continue
        inside = max_x > 0 and min_x < view.width and max_y > 0 and min_y < view.height
        if not inside:
            continue
        d = _path_data(rings, view.grid)
        if not d:
            # Smaller than the grid (the Holy See, Nauru on the world view): a one-unit square
            # keeps one path per State, and the marker below makes it visible and clickable.
            cx, cy = (min_x + max_x) / 2, (min_y + max_y) / 2
            d = f"M{cx - 0.5:.1f} {cy - 0.5:.1f}h1v1h-1z"
        small = max(max_x - min_x, max_y - min_y) < view.marker_below
        marker = (round((min_x + max_x) / 2, 1), round((min_y + max_y) / 2, 1)) if small else None
        area = (max_x - min_x) * (max_y - min_y)
        result.append((-area, Shape(feature=feature, d=d, marker=marker)))
    result.sort(key=lambda item: item[0])
    return tuple(shape for _area, shape in result)


def view_numeric_codes(view_name: str) -> frozenset[str]:
    return frozenset(s.feature.numeric for s in shapes(view_name) if s.feature.numeric)
