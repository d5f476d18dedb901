"""State names in the order a French reader expects: accented names among their letter, not
after "Z" (issue 15)."""

from __future__ import annotations

import re

from django.utils import translation

from lanzarote.core.text import name_key
from lanzarote.monitoring import selectors as monitoring
from lanzarote.registry import selectors as registry
from tests.web.helpers import text


def _before(names: list[str], first: str, second: str) -> bool:
    return names.index(first) < names.index(second)


def test_the_registry_lists_states_in_french_dictionary_order(loaded_db):
    with translation.override("fr"):
        names = [s.name for s in registry.state_list()]
        chosen = [s.name for s in monitoring.state_choices()]
    assert names == sorted(names, key=name_key)
    assert chosen == sorted(chosen, key=name_key)
    for listed in (names, chosen):
        assert _before(listed, "Bélarus", "Burundi")
        assert _before(listed, "Égypte", "Espagne")
        assert _before(listed, "Égypte", "Zimbabwe")


def test_the_state_selects_of_french_pages_are_in_dictionary_order(client, loaded_db):
    for url in ("/fr/join/", "/fr/readiness/anonymous/"):
        html = text(client.get(url))
        selects = re.findall(r"<select[^>]*>(.*?)</select>", html, flags=re.DOTALL)
        lists = [re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]+)</option>', s) for s in selects]
        lists = [options for options in lists if options]
        assert lists, url
        for options in lists:  # each select on its own: a page may offer several
            assert options == sorted(options, key=name_key), url
        longest = max(lists, key=len)
        assert _before(longest, "Bélarus", "Burundi"), url
        assert _before(longest, "Égypte", "Espagne"), url
