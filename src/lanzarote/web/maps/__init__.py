"""The choropleth map: who stood where under the Convention on a date, drawn as server-side SVG.

`geometry` decodes the shipped boundaries once, `projection` draws each view's areas once per
process, `statuses` decides one category per State on a date, and `svg` joins the two.
"""

from lanzarote.web.maps.geometry import (
    ANTARCTICA,
    MAP_FILE,
    Feature,
    LonLat,
    Polygon,
    Ring,
    features,
)
from lanzarote.web.maps.projection import (
    DEFAULT_VIEW,
    VIEWS,
    MapView,
    Shape,
    equirectangular,
    lambert_azimuthal_equal_area,
    shapes,
    view_numeric_codes,
)
from lanzarote.web.maps.statuses import (
    CATEGORIES,
    FIRST_MONTH,
    OPENED,
    REGISTRY_CATEGORIES,
    MapData,
    MapEntry,
    counts,
    legend,
    map_data,
    month_index,
    month_start,
    not_drawn,
    shown_entries,
)
from lanzarote.web.maps.svg import (
    GEOMETRY_ASSET,
    HATCH,
    KOSOVO_FOOTNOTE,
    OTHER_FILL,
    SEA,
    geometry_svg,
    geometry_url,
    render_svg,
)

__all__ = [
    "ANTARCTICA",
    "CATEGORIES",
    "DEFAULT_VIEW",
    "FIRST_MONTH",
    "GEOMETRY_ASSET",
    "HATCH",
    "KOSOVO_FOOTNOTE",
    "MAP_FILE",
    "OPENED",
    "OTHER_FILL",
    "REGISTRY_CATEGORIES",
    "SEA",
    "VIEWS",
    "Feature",
    "LonLat",
    "MapData",
    "MapEntry",
    "MapView",
    "Polygon",
    "Ring",
    "Shape",
    "counts",
    "equirectangular",
    "features",
    "geometry_svg",
    "geometry_url",
    "lambert_azimuthal_equal_area",
    "legend",
    "map_data",
    "month_index",
    "month_start",
    "not_drawn",
    "render_svg",
    "shapes",
    "shown_entries",
    "view_numeric_codes",
]
