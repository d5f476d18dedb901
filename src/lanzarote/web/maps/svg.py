"""The map as SVG: a map request only decides one status class per State and joins the path data
of its view.

Two forms of the same drawing:
- inline (`render_svg(data, view)`): every area's path data written into the SVG, for the
  standalone download and the PDF;
- light (`render_svg(data, view, geometry_url=…)`): each area is a `<use>` of the view's
  geometry asset (`geometry_svg(view)`, shipped as the static file `web/map/<view>.svg` with a
  hashed name and cached for a year), so the map page carries only the statuses, the links and
  the names; the geometry is downloaded once and never depends on the date or the data.
The fill (the status) and the outline are set on the `<use>` and inherited by the referenced
shape, which sets neither.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.web.maps.projection import VIEWS, MapView, Shape, shapes
from lanzarote.web.maps.statuses import CATEGORIES, MapData

# Council of Europe practice for any mention of Kosovo (docs/adr/0004-map-boundaries.md).
KOSOVO_FOOTNOTE = _(
    "All reference to Kosovo, whether to the territory, institutions or population, in this text "
    "shall be understood in full compliance with United Nations Security Council Resolution 1244 "
    "and without prejudice to the status of Kosovo."
)

HATCH = (
    '<pattern id="map-hatch" patternUnits="userSpaceOnUse" width="5" height="5" '
    'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fdf3e1"/>'
    '<rect width="2.2" height="5" fill="#b06f00"/></pattern>'
)
SEA = "#eef3f8"
OTHER_FILL = CATEGORIES["territory"]["fill"]
# The outline of every area, set once on the group that holds them and inherited.
STROKE = ' stroke="#ffffff" stroke-width=".4" stroke-linejoin="round"'
MARKER_STROKE = ' stroke="#1b2330" stroke-width=".6"'
# The static file of each view's geometry (`make map-data` writes it, a test keeps it current).
GEOMETRY_ASSET = "web/map/{view}.svg"


def geometry_url(view_name: str) -> str:
    """The static URL of a view's geometry asset: its hashed name where collectstatic ran."""
    return str(staticfiles_storage.url(GEOMETRY_ASSET.format(view=view_name)))


def geometry_id(shape: Shape, *, marker: bool = True) -> str:
    """The id of an area in the geometry asset: its path and marker, or its path alone."""
    return f"a{shape.feature.key}" if marker or shape.marker is None else f"p{shape.feature.key}"


def geometry_svg(view_name: str) -> str:
    """The shapes of a view as an SVG document of definitions, one per area (its path and, for a
    small area, its round marker), for the light map to `<use>`: no fill and no outline, which
    the `<use>` gives."""
    view = VIEWS[view_name]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}">'
        f"<defs>{HATCH}"
    ]
    for shape in shapes(view.name):
        path = f'd="{shape.d}" vector-effect="non-scaling-stroke"'
        if shape.marker is None:
            parts.append(f'<path id="{geometry_id(shape)}" {path}/>')
            continue
        x, y = shape.marker
        parts.append(
            f'<g id="{geometry_id(shape)}"><path id="{geometry_id(shape, marker=False)}" {path}/>'
            f'<circle class="map__marker" cx="{x}" cy="{y}" r="{view.marker_radius}"'
            f"{MARKER_STROKE}/></g>"
        )
    parts.append("</defs></svg>\n")
    return "".join(parts)


def render_svg(
    data: MapData,
    view_name: str,
    *,
    standalone: bool = False,
    title: str = "",
    geometry_url: str | None = None,
) -> str:
    """The map as SVG markup: one area per State, each inside a link to its profile with a
    `<title>` (its name and status), so it is reachable by keyboard and named. With
    `geometry_url` (the view's geometry asset), the areas are `<use>`s of it (see the module)."""
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
        f"<g{STROKE}>",
    ]
    # One reverse() per map, not per State: only the code differs.
    profile_url = reverse("web:state", kwargs={"code": "ZZ"})
    for shape in shapes(view.name):
        feature = shape.feature
        entry = data.by_numeric.get(feature.numeric or "")
        if entry is None:
            parts.append(_other_area(shape, view, geometry_url))
            continue
        category = entry.category
        fill = CATEGORIES[category]["fill"]
        url = profile_url.replace("/ZZ/", f"/{entry.code}/")
        code = escape(entry.code)
        attributes = f'data-iso="{code}" class="status-{category}" fill="{fill}"'
        if geometry_url is None:
            attributes = f'data-numeric="{feature.numeric}" {attributes}'
        parts.append(
            f'<a href="{url}" class="map__state" data-iso="{code}">'
            f"<title>{escape(entry.tooltip)}</title>"
            f"{_area(shape, view, geometry_url, attributes, marker_class=category)}</a>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


def _area(
    shape: Shape, view: MapView, geometry_url: str | None, attributes: str, marker_class: str = ""
) -> str:
    """One area: a `<use>` of the geometry asset, or its path (and marker) written out."""
    if geometry_url is not None:
        reference = geometry_id(shape, marker=bool(marker_class))
        return f'<use href="{geometry_url}#{reference}" {attributes}/>'
    path = f'<path d="{shape.d}" {attributes}/>'
    if shape.marker is None or not marker_class:
        return path
    x, y = shape.marker
    return path + (
        f'<circle class="map__marker status-{marker_class}" cx="{x}" cy="{y}" '
        f'r="{view.marker_radius}" fill="{CATEGORIES[marker_class]["fill"]}"{MARKER_STROKE}/>'
    )


def _other_area(shape: Shape, view: MapView, geometry_url: str | None) -> str:
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
    area = _area(shape, view, geometry_url, f'fill="{OTHER_FILL}"{extra}')
    return f'<g class="{css}"><title>{escape(name)}</title>{area}</g>'
