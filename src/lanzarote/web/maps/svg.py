"""The map as SVG: a map request only decides one status class per State and joins the cached
path data of its view."""

from __future__ import annotations

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
