"""The choropleth map: who stood where under the Convention on a date, drawn as server-side SVG.

Geometry ships with the product (`lanzarote/data/map/countries-50m.topo.json`, built by
`scripts/build_map_data.py` with the boundary positions of docs/adr/0004-map-boundaries.md). It is
decoded once, and each view's projected path data is computed once per process: a map request only
decides one status class per State and joins cached strings. Statuses come from the registry's
selectors (the chart fold, membership, elaboration) and, for accession requests and invitations,
from the accession app's public cases — a request stays confidential until its case is public.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache as django_cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.accession import selectors as accession
from lanzarote.core.text import fold
from lanzarote.registry import selectors
from lanzarote.registry.models import State, Treaty
from lanzarote.treaty_law import CONVENTION
from lanzarote.web import display

MAP_FILE = Path(__file__).resolve().parent.parent / "data" / "map" / "countries-50m.topo.json"
ANTARCTICA = "010"

# Council of Europe practice for any mention of Kosovo (docs/adr/0004-map-boundaries.md).
KOSOVO_FOOTNOTE = _(
    "All reference to Kosovo, whether to the territory, institutions or population, in this text "
    "shall be understood in full compliance with United Nations Security Council Resolution 1244 "
    "and without prejudice to the status of Kosovo."
)

LonLat = tuple[float, float]
Ring = tuple[LonLat, ...]
Polygon = tuple[Ring, ...]


# -- geometry --------------------------------------------------------------------------------


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


# -- projections and views -------------------------------------------------------------------


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


# -- statuses on a date ----------------------------------------------------------------------

# The map's categories, in the legend's order, with their fill colours. Fills are drawn as
# presentation attributes so that the inline map, the standalone SVG and the PDF look the same.
CATEGORIES: dict[str, dict[str, Any]] = {
    "party": {"label": _("Party"), "fill": "#17603a"},
    "consented": {"label": _("Consented, not yet in force"), "fill": "#3f7fc1"},
    "signatory": {"label": _("Signatory"), "fill": "#8b76cf"},
    "invited": {"label": _("Invited to accede"), "fill": "#d9822b"},
    "requested": {"label": _("Accession requested"), "fill": "#f0c27b"},
    "eligible": {
        "label": _("May sign (Council of Europe member or took part in the elaboration)"),
        "fill": "#b9cfe8",
    },
    "may-accede": {"label": _("May ask to be invited to accede"), "fill": "#ece7da"},
    "not-yet": {"label": _("May accede once the Convention is in force"), "fill": "#f4f1ea"},
    "denounced": {"label": _("Denounced"), "fill": "#b33a3a"},
    "uncertain": {"label": _("Uncertain"), "fill": "url(#map-hatch)"},
    "territory": {"label": _("Territory, or an area that is not a State"), "fill": "#d3d7de"},
}
REGISTRY_CATEGORIES = {
    "party": "party",
    "consented": "consented",
    "signatory": "signatory",
    "denounced": "denounced",
    display.UNCERTAIN: "uncertain",
}


@dataclass(frozen=True)
class MapEntry:
    state: State
    category: str
    possible: tuple[str, ...] = ()
    member: bool | None = None

    @property
    def code(self) -> str:
        return self.state.code

    @property
    def label(self) -> str:
        return str(CATEGORIES[self.category]["label"])

    @property
    def uncertain(self) -> bool:
        return self.category == "uncertain"

    @property
    def fill(self) -> str:
        return str(CATEGORIES[self.category]["fill"])

    @property
    def possible_labels(self) -> list[str]:
        return [str(display.STATUS_LABELS.get(p, p)) for p in self.possible]

    @property
    def tooltip(self) -> str:
        if self.uncertain and len(self.possible) >= 2:
            options = self.possible_labels
            return gettext("%(name)s: uncertain, either %(options)s") % {
                "name": self.state.name,
                "options": gettext(" or ").join(options),
            }
        return f"{self.state.name}: {self.label}"


@dataclass(frozen=True)
class MapData:
    as_of: date
    treaty: Treaty
    entries: dict[str, MapEntry]  # by alpha-2 code
    by_numeric: dict[str, MapEntry]
    treaty_in_force: bool


def _public_cases(treaty: Treaty) -> list[Any]:
    """Accession cases anybody may see (public once the invitation is issued); requests under
    examination stay confidential and never reach the map."""
    return [
        case
        for case in accession.case_list(user=AnonymousUser())
        if case.is_public and case.treaty_id == treaty.pk
    ]


def _case_category(case: Any, as_of: date) -> str | None:
    """`invited` from the invitation until the deposit (or the end of the case); `requested`
    from the request's receipt until the invitation."""
    received = case.received_on or case.letter_date
    invited = case.invited_on
    if invited is None:
        return None
    if case.deposit_event_id and case.deposit_event is not None:
        deposited = case.deposit_event.date_earliest
        end = deposited
    elif case.is_open:
        end = None
    else:
        end = case.updated_at.date()
    if invited <= as_of and (end is None or as_of < end):
        return "invited"
    if received is not None and received <= as_of < invited:
        return "requested"
    return None


def _registry_entries(treaty: Treaty, as_of: date, version: str) -> dict[str, MapEntry]:
    key = f"map:{treaty.slug}:{as_of.isoformat()}:{version}"
    cached = django_cache.get(key)
    if cached is not None:
        return cached
    view = selectors.chart_view(treaty, as_of=as_of, version=version)
    members = selectors.membership(version=version)
    participants = {p.state_id for p in selectors.elaboration_participants(treaty) if p.took_part}
    in_force = view.chart.entry_into_force.value
    treaty_in_force = in_force is not None and in_force.certainly_on_or_before(as_of)
    rows = {row.state: row for row in view.chart.rows}
    entries: dict[str, MapEntry] = {}
    for state in selectors.state_list():
        if state.kind == State.Kind.ORGANISATION:
            continue
        member = members.is_member(state.code, as_of)
        position = rows.get(state.code)
        status = display.status_key(position)
        possible: tuple[str, ...] = ()
        if position is not None and status == display.UNCERTAIN:
            possible = tuple(
                sorted((s.value for s in position.possible), key=lambda v: display.STATUS_ORDER[v])
            )
        if status in REGISTRY_CATEGORIES:
            category = REGISTRY_CATEGORIES[status]
        elif state.kind == State.Kind.TERRITORY:
            category = "territory"
        elif member is not False or state.code in participants:
            category = "eligible"
        elif treaty_in_force:
            category = "may-accede"
        else:
            category = "not-yet"
        entries[state.code] = MapEntry(
            state=state, category=category, possible=possible, member=member
        )
    django_cache.set(key, entries, selectors.CACHE_SECONDS)
    return entries


def map_data(as_of: date) -> MapData:
    treaty = selectors.treaty_get(CONVENTION)
    version = selectors.registry_version()
    entries = dict(_registry_entries(treaty, as_of, version))
    for case in _public_cases(treaty):
        entry = entries.get(case.state_id)
        if entry is None or entry.category not in {"may-accede", "not-yet", "eligible"}:
            continue
        category = _case_category(case, as_of)
        if category is not None:
            entries[case.state_id] = MapEntry(
                state=entry.state, category=category, member=entry.member
            )
    in_force = selectors.chart_view(treaty, as_of=as_of, version=version).chart.entry_into_force
    return MapData(
        as_of=as_of,
        treaty=treaty,
        entries=entries,
        by_numeric={e.state.numeric: e for e in entries.values() if e.state.numeric},
        treaty_in_force=bool(in_force.value and in_force.value.certainly_on_or_before(as_of)),
    )


def shown_entries(data: MapData, view_name: str) -> list[MapEntry]:
    """The States drawn in the view, as the table below the map lists them (by name)."""
    codes = view_numeric_codes(view_name)
    shown = [e for e in data.entries.values() if e.state.numeric in codes]
    return sorted(shown, key=lambda e: fold(e.state.name))


def not_drawn(data: MapData) -> list[State]:
    """States too small for the geometry's scale: listed in words under the map."""
    codes = set(features())
    return sorted(
        (
            e.state
            for e in data.entries.values()
            if e.state.kind == State.Kind.STATE and e.state.numeric not in codes
        ),
        key=lambda s: fold(s.name),
    )


def counts(entries: Sequence[MapEntry]) -> dict[str, int]:
    result = dict.fromkeys(CATEGORIES, 0)
    for entry in entries:
        result[entry.category] += 1
    return result


def legend(entries: Sequence[MapEntry], data: MapData) -> list[dict[str, Any]]:
    """The legend's rows: every category that can appear on this date, with its count."""
    numbers = counts(entries)
    rows = []
    for key, spec in CATEGORIES.items():
        if key == "may-accede" and not data.treaty_in_force:
            continue
        if key == "not-yet" and data.treaty_in_force:
            continue
        rows.append(
            {"key": key, "label": spec["label"], "fill": spec["fill"], "count": numbers[key]}
        )
    return rows


# -- SVG -------------------------------------------------------------------------------------

HATCH = (
    '<pattern id="map-hatch" patternUnits="userSpaceOnUse" width="5" height="5" '
    'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fdf3e1"/>'
    '<rect width="2.2" height="5" fill="#b06f00"/></pattern>'
)
SEA = "#eef3f8"
OTHER_FILL = CATEGORIES["territory"]["fill"]


def render_svg(data: MapData, view_name: str, *, standalone: bool = False, title: str = "") -> str:
    """The map as SVG markup: one `<path>` per area, each State's inside a link to its profile
    with a `<title>` (its name and status), so it is reachable by keyboard and named."""
    view = VIEWS[view_name]
    label = title or gettext("Lanzarote Convention: status of each State on %(day)s") % {
        "day": data.as_of.isoformat()
    }
    heading_id = f"map-title-{view.name}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" '
        f'class="map map--{view.name}" role="group" aria-labelledby="{heading_id}"'
        + (f' width="{view.width}" height="{view.height}"' if standalone else "")
        + ">",
        f'<title id="{heading_id}">{escape(label)}</title>',
        f"<defs>{HATCH}</defs>",
        f'<rect class="map__sea" width="{view.width}" height="{view.height}" fill="{SEA}"/>',
    ]
    stroke = ' stroke="#ffffff" stroke-width=".4" stroke-linejoin="round"'
    # One reverse() per map, not per State: only the code differs.
    profile_url = reverse("web:state", kwargs={"code": "ZZ"})
    for shape in shapes(view.name):
        feature = shape.feature
        entry = data.by_numeric.get(feature.numeric or "")
        if entry is None:
            parts.append(_other_area(shape, view, stroke))
            continue
        category = entry.category
        fill = CATEGORIES[category]["fill"]
        url = profile_url.replace("/ZZ/", f"/{entry.code}/")
        code = escape(entry.code)
        path = (
            f'<path d="{shape.d}" data-iso="{code}" data-numeric="{feature.numeric}" '
            f'class="status-{category}" fill="{fill}"{stroke}/>'
        )
        marker = ""
        if shape.marker is not None:
            x, y = shape.marker
            marker = (
                f'<circle class="map__marker status-{category}" cx="{x}" cy="{y}" '
                f'r="{view.marker_radius}" fill="{fill}" stroke="#1b2330" stroke-width=".6"/>'
            )
        parts.append(
            f'<a href="{url}" class="map__state" data-iso="{code}">'
            f"<title>{escape(entry.tooltip)}</title>{path}{marker}</a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _other_area(shape: Shape, view: MapView, stroke: str) -> str:
    feature = shape.feature
    if feature.note == "unscr1244":
        name = gettext("Kosovo*")
        css = "map__other map__other--kosovo"
        extra = ' stroke-dasharray="1.5 1"'
    elif feature.note == "disputed":
        name = gettext("%(name)s (disputed area)") % {"name": feature.name}
        css = "map__other"
        extra = ""
    else:
        name = feature.name
        css = "map__other"
        extra = ""
    return (
        f'<g class="{css}"><title>{escape(name)}</title>'
        f'<path d="{shape.d}" fill="{OTHER_FILL}"{stroke}{extra}/></g>'
    )


def month_index(day: date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def month_start(index: int, *, opened: date) -> date:
    """The day a slider position stands for: the first of the month, except the opening month,
    which starts on the day the Convention was opened for signature."""
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    day = date(FIRST_MONTH.year + year, month + 1, 1)
    return max(day, opened) if index == 0 else day


FIRST_MONTH = date(2007, 10, 1)
OPENED = date(2007, 10, 25)
