"""Values every page template needs: the language switcher, the current section, the contacts,
for a signed-in person the count of what waits for them, and whether the registry is synthetic."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from lanzarote.core import versions
from lanzarote.registry.selectors import holds_synthetic_registry
from lanzarote.treaty_law import OPTIONAL_PROTOCOL
from lanzarote.web.work import counted

# Which navigation entry a page belongs to, by URL name.
SECTIONS = {
    "home": "home",
    "chart": "chart",
    "states": "states",
    "state": "states",
    "join": "join",
    "join_check": "join",
    "treaty": "treaty",
    "map": "map",
    "map_table": "map",
    "open_data": "open-data",
}


def site(request: HttpRequest) -> dict[str, Any]:
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    full_path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(full_path, code),
                "current": code == current,
            }
        )
    match = getattr(request, "resolver_match", None)
    section = SECTIONS.get(match.url_name, "") if match is not None else ""
    if section == "treaty" and match is not None and match.kwargs.get("slug") == OPTIONAL_PROTOCOL:
        section = "opsc"
    if section == "chart" and match is not None and match.kwargs.get("slug") == OPTIONAL_PROTOCOL:
        section = "chart-opsc"
    return {
        "site_languages": languages,
        "site_section": section,
        "site_contacts": settings.LANZAROTE_CONTACTS,
        # A callable, so that only a template that shows it (to a signed-in person) reads it;
        # None when no count is kept (the header then asks for it once the page is loaded).
        "work_count": lambda: counted(request.user),
        # A callable: read only by the templates that show the banner (web/base.html).
        "site_synthetic": holds_synthetic_registry,
        # Keys the cached menu and footer: a deploy that changes them is seen at once.
        "site_release": versions.release(),
    }
