"""A search for a round's theme finds the round, in English and in French, on the reference
data: "circle of trust" and "cercle de confiance" are in the first round's title and theme."""

from __future__ import annotations

from datetime import date

import pytest

from lanzarote.core.audit import Actor
from lanzarote.monitoring import services
from lanzarote.monitoring.models import Round, SearchDocument
from lanzarote.monitoring.search import SearchFacets, search
from lanzarote.treaty_law import KnownDate
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db

ROUND = SearchDocument.Kind.ROUND


def _rounds_found(query: str) -> set[str]:
    hits = search(query, facets=SearchFacets(kind=ROUND, public_only=True), limit=50).hits
    slugs = dict(Round.objects.values_list("pk", "slug"))
    return {slugs[hit.object_id] for hit in hits}


def _circle_of_trust_rounds() -> set[str]:
    return {
        r.slug for r in Round.objects.all() if "circle of trust" in f"{r.title_en} {r.theme_en}"
    }


def test_the_circle_of_trust_is_found_in_english_and_in_french(loaded_db):
    expected = _circle_of_trust_rounds()
    assert expected, "the reference data names the circle of trust in a round"
    assert _rounds_found("circle of trust") >= expected
    assert _rounds_found("cercle de confiance") >= expected


@pytest.mark.parametrize(
    ("language", "words"), [("en", "circle of trust"), ("fr", "cercle de confiance")]
)
def test_the_search_page_links_the_round_in_the_page_language(client, loaded_db, language, words):
    first = Round.objects.get(slug=sorted(_circle_of_trust_rounds())[0])
    page = client.get(f"/{language}/monitoring/search/", {"q": words}).content.decode()
    assert f'/{language}/monitoring/rounds/{first.slug}/"' in page
    title = first.title_fr if language == "fr" else first.title_en
    assert title.replace("'", "&#x27;") in page


def test_a_new_round_is_found_at_once(loaded_db):
    services.round_create(
        actor=Actor(user=person("secretariat")),
        slug="online-grooming",
        kind=Round.Kind.THEMATIC,
        title_en="Online grooming",
        title_fr="Pédopiégeage en ligne",
        theme_en="Solicitation of children for sexual purposes online",
        theme_fr="Sollicitation d'enfants à des fins sexuelles en ligne",
        launch=KnownDate.exact(date(2026, 11, 1)),
    )
    assert "online-grooming" in _rounds_found("pédopiégeage")
    assert "online-grooming" in _rounds_found("solicitation")
