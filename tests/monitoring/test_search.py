"""Full-text search: one interface, SQLite FTS5 or PostgreSQL full-text search underneath; the
same tests run on both (`DATABASE_URL=postgres://… pytest tests/monitoring`)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from lanzarote.core.audit import Actor
from lanzarote.monitoring import services
from lanzarote.monitoring.models import Reply
from lanzarote.monitoring.search import SearchFacets, fts5_expression, search
from tests.monitoring.factories import new_round, people, questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(loaded_db):  # type: ignore[no-untyped-def]
    who = people()
    sec = Actor(user=who["secretariat"])
    round_ = new_round(
        who["secretariat"], slug="round-search", number=21, replies_due=date(2030, 1, 1)
    )
    _item, (q1, q2, _q21) = questionnaire(who["secretariat"], round_)

    def reply(question, code, text, language, publish=True):  # type: ignore[no-untyped-def]
        delegate = who["delegate_fr"] if code == "FR" else who["delegate_de"]
        coordinator = who["coordinator_fr"] if code == "FR" else who["coordinator_de"]
        item = services.reply_draft(
            actor=Actor(user=delegate),
            question=question,
            state_code=code,
            text=text,
            language=language,
        )
        services.reply_validate(actor=Actor(user=coordinator), reply=item)
        services.reply_submit(actor=Actor(user=coordinator), reply=item)
        if publish:
            services.reply_publish(actor=sec, reply=item)
        return Reply.objects.get(pk=item.pk)

    french = reply(
        q1, "FR", "Les entraîneurs bénévoles font l'objet d'un contrôle du casier judiciaire.", "fr"
    )
    german = reply(
        q2,
        "DE",
        "Volunteer coaches are screened; the criminal record check is repeated every five years.",
        "en",
    )
    services.strength_level_set(
        actor=sec, round_=round_, slug="urge", label_en="Urges", label_fr="Exhorte"
    )
    report = services.report_create(
        actor=sec,
        round_=round_,
        slug="search-report",
        kind="implementation",
        title_en="Report",
        title_fr="Rapport",
        adopted=german.question.questionnaire.round.known_date,
    )
    recommendation = services.recommendation_add(
        actor=sec,
        report=report,
        number="R1",
        text_en="Urges Parties to screen volunteer coaches in sport clubs.",
        text_fr="Exhorte les Parties à contrôler les entraîneurs bénévoles des clubs sportifs.",
        strength="urge",
        addressees=["FR", "DE"],
        articles=[5],
    )
    services.compliance_assess(
        actor=sec,
        recommendation=recommendation,
        state_code="FR",
        status="complied",
        assessed_on=date(2026, 5, 1),
    )
    services.contribution_submit(
        actor=Actor(user=who["observer"]),
        round_=round_,
        source="observer",
        text="Sport clubs rarely screen volunteers.",
        states=["DE"],
    )
    draft = services.reply_draft(
        actor=Actor(user=who["delegate_fr"]),
        question=q2,
        state_code="FR",
        text="Brouillon confidentiel sur les entraîneurs.",
        language="fr",
    )
    return {
        "round": round_,
        "french": french,
        "german": german,
        "recommendation": recommendation,
        "draft": draft,
        "who": who,
    }


def kinds(result):  # type: ignore[no-untyped-def]
    return sorted((hit.kind, hit.object_id) for hit in result.hits)


def test_the_backend_follows_the_database(corpus):
    result = search("coaches")
    assert result.backend == (
        "postgresql-fts" if connection.vendor == "postgresql" else "sqlite-fts5"
    )


def test_english_and_french_with_or_without_accents(corpus):
    for query in ("entraîneurs", "entraineurs", "ENTRAINEURS"):
        found = kinds(search(query))
        assert ("reply", corpus["french"].pk) in found, query
        assert ("recommendation", corpus["recommendation"].pk) in found, query
    assert ("reply", corpus["german"].pk) in kinds(search("criminal record"))
    assert ("reply", corpus["french"].pk) in kinds(search("casier judiciaire"))


def test_phrases_or_and_exclusion(corpus):
    assert kinds(search('"record check"')) == [("reply", corpus["german"].pk)]
    assert kinds(search('"check record"')) == []
    either = kinds(search("casier or repeated"))
    assert ("reply", corpus["french"].pk) in either and ("reply", corpus["german"].pk) in either
    assert ("reply", corpus["german"].pk) not in kinds(search("coaches -repeated"))


def test_unpublished_records_are_found_only_when_asked(corpus):
    assert ("reply", corpus["draft"].pk) not in kinds(search("confidentiel"))
    private = search("confidentiel", facets=SearchFacets(public_only=False))
    assert ("reply", corpus["draft"].pk) in kinds(private)
    assert not private.hits[0].is_public


def test_facets_filter_and_count(corpus):
    round_id = corpus["round"].pk
    everything = search("coaches or entraineurs or volunteers", facets=SearchFacets(round=round_id))
    assert everything.total == len(everything.hits) >= 3
    assert everything.counts["round"] == {str(round_id): everything.total}
    by_kind = everything.counts["kind"]
    assert by_kind.get("reply", 0) >= 1 and by_kind.get("recommendation") == 1
    replies = search("coaches or entraineurs", facets=SearchFacets(round=round_id, kind="reply"))
    assert {hit.kind for hit in replies.hits} == {"reply"}
    germany = search("coaches or entraineurs or volunteers", facets=SearchFacets(state="DE"))
    assert all("DE" in hit.states for hit in germany.hits) and germany.total >= 2
    article = search("coaches or entraineurs", facets=SearchFacets(article=20))
    assert kinds(article) == [("reply", corpus["german"].pk)]  # question 2 is on Arts. 20 and 24
    assert (
        search("coaches or entraineurs", facets=SearchFacets(article=2)).total == 0
    )  # not 20 or 24
    strength = search("entraineurs", facets=SearchFacets(strength="urge"))
    assert kinds(strength) == [("recommendation", corpus["recommendation"].pk)]
    complied = search("entraineurs", facets=SearchFacets(compliance="complied", state="FR"))
    assert kinds(complied) == [("recommendation", corpus["recommendation"].pk)]
    assert search("entraineurs", facets=SearchFacets(compliance="complied", state="DE")).total == 0
    assert (
        search("entraineurs", facets=SearchFacets(compliance="not_assessed", state="DE")).total == 1
    )


def test_excerpts_are_escaped_and_highlighted(corpus):
    hit = next(h for h in search("criminal").hits if h.kind == "reply")
    assert "<mark>criminal</mark>" in hit.snippet.lower()
    assert hit.rank > 0


def test_hostile_queries_are_just_words(corpus):
    for query in [
        "title:x",
        "NEAR(a b)",
        '"unbalanced',
        "a AND (b",
        "*",
        "-",
        "'; DROP TABLE x; --",
        "^coaches",
    ]:
        search(query)  # never a syntax error
    assert fts5_expression("title:coaches NEAR(x)") == '"title coaches" AND "NEAR x"'
    assert fts5_expression("coach*") == '"coach"*'
    assert fts5_expression("-alone") == ""


def test_demonstration_records_are_never_mixed_in(corpus):
    from lanzarote.monitoring.demo import demo_generate

    demo_generate()
    real = search("demonstration or démonstration")
    assert not any(hit.is_demo for hit in real.hits)
    demo = search("demonstration", facets=SearchFacets(demo=True))
    assert demo.total > 0 and all(hit.is_demo for hit in demo.hits)


def test_paging(corpus):
    first = search("coaches or entraineurs or volunteers", limit=1)
    second = search("coaches or entraineurs or volunteers", limit=1, offset=1)
    assert first.total == second.total >= 2
    assert first.hits[0].id != second.hits[0].id


def test_the_search_api_and_page(client, corpus):
    data = client.get(
        "/api/v1/monitoring/search", {"q": "entraineurs", "round": "round-search"}
    ).json()
    assert data["total"] >= 2 and data["counts"]["round"] == {"round-search": data["total"]}
    assert client.get("/api/v1/monitoring/search", {"q": "x", "round": "nope"}).status_code == 404
    page = client.get(
        "/en/monitoring/search/", {"q": "entraîneurs", "state": "FR"}
    ).content.decode()
    assert "<mark>" in page and "Narrow down" in page
    french = client.get("/fr/monitoring/search/", {"q": "entraineurs"})
    assert french.status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_strips_accents_in_its_configuration(loaded_db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'unaccent'")
        has_unaccent = cursor.fetchone() is not None
        cursor.execute("SELECT to_tsvector('monitoring_fts'::regconfig, 'Entraîneurs')::text")
        vector = cursor.fetchone()[0]
    assert vector == ("'entraineurs':1" if has_unaccent else "'entraîneurs':1")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 only")
def test_very_broad_queries_sample_their_counts_and_rank_the_newest(corpus, monkeypatch):
    from lanzarote.monitoring.search import _Sqlite

    exact = search("coaches or entraineurs or volunteers", facets=SearchFacets(public_only=False))
    monkeypatch.setattr(_Sqlite, "SAMPLE", 2)
    monkeypatch.setattr(_Sqlite, "RANK_WINDOW", 2)
    broad = search("coaches or entraineurs or volunteers", facets=SearchFacets(public_only=False))
    assert broad.total == exact.total > 2  # the total stays exact
    assert broad.approximate and not exact.approximate
    assert broad.ranked_within == 2 and exact.ranked_within is None
    newest = sorted(hit.id for hit in exact.hits)[-2:]
    assert sorted(hit.id for hit in broad.hits) == newest
