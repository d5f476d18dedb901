"""The round page and the recommendations list show the public record (recommendations and
compliance findings as published) in English and French, in a fixed number of queries."""

from __future__ import annotations

import pytest

from lanzarote.registry.source_display import french_notes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "summary", "finding"),
    [
        (
            "en",
            "Recommendations as published",
            "Provide helplines that child victims can reach.",
            "Draft compliance reports on R7, R11, R13, R31 and R37",
        ),
        (
            "fr",
            "Recommandations telles que publiées",
            "Mettre à la disposition des enfants victimes des lignes d'assistance",
            "Les projets de rapports de conformité sur R7, R11, R13, R31 et R37",
        ),
    ],
)
def test_the_round_page_shows_the_public_record(client, language, heading, summary, finding):
    page = client.get(f"/{language}/monitoring/rounds/urgent-refugee-crisis/").content.decode()
    page = page.replace("&#x27;", "'")
    assert heading in page
    assert summary in page
    assert finding in page
    # The prosecution record is not confirmed: the quiet mark, its reason in words for all.
    assert 'class="kd__mark"' in page and "unconfirmed" not in page.lower()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_recommendations_list_shows_all_eighteen(client, language):
    page = client.get(f"/{language}/monitoring/recommendations/").content.decode()
    assert page.count('class="published-recommendation"') == 18
    assert page.count('class="compliance-finding"') == 10


def test_a_round_shows_only_its_own_record(client):
    page = client.get("/en/monitoring/recommendations/", {"round": "round-3"}).content.decode()
    assert page.count('class="published-recommendation"') == 3
    assert page.count('class="compliance-finding"') == 0


def test_the_questionnaire_adoption_is_shown_with_its_meeting(client):
    page = client.get("/en/monitoring/rounds/round-3/").content.decode()
    assert "Questionnaire adopted" in page
    assert "/committee/meetings/38/" in page


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/en/monitoring/recommendations/", 7),
        ("/fr/monitoring/rounds/urgent-refugee-crisis/", 11),
        ("/en/monitoring/rounds/round-3/", 9),
    ],
)
def test_the_public_record_is_read_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, path, count
):
    # Warms the caches the pages share through the page in the other language, so that this one is
    # rendered (not served whole from the page cache) and its own queries are counted.
    other = path.replace("/en/", "/xx/").replace("/fr/", "/en/").replace("/xx/", "/fr/")
    client.get(other)
    french_notes()  # kept for an hour by a running site, for every French page alike
    with django_assert_num_queries(count):
        assert client.get(path).status_code == 200
