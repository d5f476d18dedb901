"""Route declarations the apps' URL confs share: a page and the downloads of what it shows.

A list page offers what it shows as files at its own address with the format's extension in
place of the final slash, named after the page: `states/` ("states") has `states.csv`
("states_csv") and `states.json` ("states_json"). `page_with_downloads` declares the lot, so
the convention is written once instead of once per download:

    urlpatterns = [
        *page_with_downloads("states/", views.states, name="states",
                             csv=views.states_csv, json=views.states_json),
    ]
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponseBase
from django.urls import URLPattern, path

View = Callable[..., HttpResponseBase]


def page_with_downloads(
    route: str, page: View, *, name: str, **downloads: View
) -> list[URLPattern]:
    """The page at `route` (ending in "/") and, for each format given (`csv=view`), its download
    at the same address ending in ".<format>" instead of "/", named "<name>_<format>"."""
    if not route.endswith("/"):
        raise ValueError(f"A page's route ends in a slash: {route!r}")
    stem = route.removesuffix("/")
    return [
        path(route, page, name=name),
        *(
            path(f"{stem}.{file_format}", view, name=f"{name}_{file_format}")
            for file_format, view in downloads.items()
        ),
    ]
