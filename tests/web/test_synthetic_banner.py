"""A database holding a synthetic registry (`lanzarote scale-data`) says so on every page, in the
page's language; the Convention's own record never shows the banner."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from lanzarote.registry import selectors
from tests.registry.factories import treaty_with_stored_clauses

pytestmark = pytest.mark.django_db

BANNER = {"en": "Synthetic data — not the Convention’s record", "fr": "Données synthétiques"}
PAGES = ["/{lang}/", "/{lang}/states/FR/", "/{lang}/readiness/", "/{lang}/committee/"]


def make_synthetic() -> None:
    treaty_with_stored_clauses("syn9-0001", is_synthetic=True)
    cache.clear()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_reference_registry_shows_no_banner(client, lang):
    assert not selectors.holds_synthetic_registry()
    for page in PAGES:
        answer = client.get(page.format(lang=lang))
        assert answer.status_code == 200, page
        assert "synthetic-banner" not in answer.text, page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_synthetic_registry_is_said_on_every_page(client, lang):
    make_synthetic()
    assert selectors.holds_synthetic_registry()
    for page in PAGES:
        answer = client.get(page.format(lang=lang))
        assert answer.status_code == 200, page
        assert "synthetic-banner" in answer.text, page
        assert BANNER[lang] in answer.text, page


def test_the_mark_is_part_of_the_registrys_version():
    before = selectors.registry_version()
    make_synthetic()
    after = selectors.registry_version()
    assert after != before and after.endswith(selectors.SYNTHETIC)
