"""The obligations catalogue: every article from 4 to 38, our own summaries in both languages,
reservations derived from the final clauses, the Committee's texts, and the public pages."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from lanzarote.core.models import AuditRecord
from lanzarote.readiness import selectors
from lanzarote.readiness.models import Kind, Mapping, Obligation
from lanzarote.readiness.reference_data import DATA_DIR, readiness_data_load
from lanzarote.treaty_law import ProvisionKind, get_final_clauses
from tests.readiness.helpers import html
from tests.web.helpers import structure_problems

pytestmark = pytest.mark.django_db


def test_the_catalogue_covers_every_article_from_4_to_38():
    book = selectors.catalogue()
    articles = {entry.article.number for entry in book.obligations}
    assert articles == set(range(4, 39))
    assert len(book.obligations) == Obligation.objects.count() == 109
    assert [c.number for c in book.chapters] == ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def test_every_obligation_is_described_in_both_languages_and_marked_as_our_summary():
    for obligation in Obligation.objects.select_related("article"):
        assert obligation.description_en.strip() and obligation.description_fr.strip()
        assert obligation.description_en != obligation.description_fr
        assert obligation.kind in Kind.values
        assert obligation.description_checked is False
        # One or two sentences, in our own words.
        sentences = obligation.description_en.replace("Arts. ", "").replace("Art. ", "")
        assert sentences.count(". ") <= 1, obligation.code
        assert obligation.code.split(".")[0] == str(obligation.article.number)


def test_paragraph_level_codes_and_citations():
    book = selectors.catalogue()
    assert book.get("20.1.f").obligation.citation == "Art. 20(1)(f)"
    assert book.get("4").obligation.citation == "Art. 4"
    assert book.get("37.2").obligation.citation == "Art. 37(2)"
    assert book.get("23").chapter == "VI"


def test_reservations_are_derived_from_the_final_clauses():
    book = selectors.catalogue()
    admitting = {
        e.code: [p.code for p in e.reservations] for e in book.obligations if e.reservations
    }
    assert admitting == {
        "20.1.a": ["20(3)"],
        "20.1.e": ["20(3)"],
        "20.1.f": ["20(4)"],
        "21.1.c": ["21(2)"],
        "24.2": ["24(3)"],
        "25.1.e": ["25(3)"],
        "25.4": ["25(5)"],
        "37.2": ["37(2)"],
    }
    # Every reservation, declaration or communication of Art. 48's list (bar territorial ones)
    # concerns at least one obligation.
    used = {code for codes in admitting.values() for code in codes}
    clauses = get_final_clauses("cets-201")
    expected = {
        p.code for p in clauses.permitted_provisions if p.kind is not ProvisionKind.TERRITORIAL
    }
    assert used == expected


def test_interpreting_texts_come_from_the_committee_data():
    grooming = selectors.interpreting_texts(23)
    opinion = next(t for t in grooming if t.key == "opinion-article-23")
    assert opinion.adopted.earliest.year == opinion.adopted.latest.year == 2015
    assert opinion.confirmed is False
    assert opinion.link_stated
    assert [t.key for t in selectors.interpreting_texts(33)] == ["guidance-note-article-33"]
    assert selectors.interpreting_texts(4) == []
    # Only texts that interpret articles: statements (COVID-19, Ukraine) are not among them.
    assert all(
        t.kind in {"opinion", "declaration", "guidance_note"}
        for t in selectors.all_interpreting_texts()
    )


def test_follow_up_branches_are_data_and_well_formed():
    branches = selectors.followups()
    assert len(branches) >= 3
    book = selectors.catalogue()
    for branch in branches:
        book.get(branch.obligation)
        assert branch.when <= {"in_place", "partly", "not_in_place", "not_known"}
        assert branch.questions and branch.intro_en and branch.intro_fr
        for question in branch.questions:
            assert question.kind in {"choice", "text"}
            assert question.label_en and question.label_fr
    assert [b.key for b in selectors.triggered_followups("23", "not_in_place")] == ["grooming"]
    assert selectors.triggered_followups("23", "in_place") == []


def test_the_loader_is_idempotent():
    audits, mappings = AuditRecord.objects.count(), Mapping.objects.count()
    report = readiness_data_load()
    assert not report.changed
    assert AuditRecord.objects.count() == audits
    assert Mapping.objects.count() == mappings


def test_a_changed_description_is_applied_and_the_cached_catalogue_follows(tmp_path: Path):
    before = selectors.catalogue().get("22").obligation.description_en
    data = tmp_path / "readiness"
    shutil.copytree(DATA_DIR, data)
    path = data / "obligations.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["code"] == "22":
            row["description_en"] = "A changed summary."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = readiness_data_load(data_dir=data)
    assert report.obligations == 1
    assert AuditRecord.objects.filter(action="readiness.reference_data.load").exists()
    after = selectors.catalogue().get("22").obligation.description_en
    assert before != after
    assert after == "A changed summary."


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_catalogue_page(client, loaded_db, lang):
    response = client.get(f"/{lang}/readiness/obligations/")
    assert response.status_code == 200
    page = html(response)
    assert f'<html lang="{lang}">' in page
    assert page.count('class="obligation__citation"') == 109
    assert structure_problems(response.content.decode()) == []
    if lang == "fr":
        assert "Ériger en infraction pénale la production de pornographie enfantine" in page
        assert "Droit pénal matériel" in page
    else:
        assert "Criminalise producing child pornography" in page


def test_the_catalogue_can_be_filtered_and_downloaded(client, loaded_db):
    page = html(client.get("/en/readiness/obligations/", {"kind": "data"}))
    assert page.count('class="obligation__citation"') == 3
    rows = list(
        csv.DictReader(
            client.get("/en/readiness/obligations.csv", {"kind": "data"})
            .content.decode()
            .splitlines()
        )
    )
    assert [r["id"] for r in rows] == ["37.1", "37.2", "37.3"]
    assert rows[1]["reservations"] == "Art. 37(2)"
    data = json.loads(client.get("/en/readiness/obligations.json").content)
    assert len(data["obligations"]) == 109


def test_an_article_page_shows_obligations_mappings_texts_and_reservations(client, loaded_db):
    response = client.get("/en/readiness/obligations/20/")
    assert response.status_code == 200
    page = html(response)
    for code in ["20(1)(a)", "20(1)(f)"]:
        assert f"Art. {code}" in page
    assert "Art. 20(3)" in page and "Art. 20(4)" in page
    assert "Art. 3 — Offences, attempt and complicity" in page
    assert "equivalent" in page
    assert "Opinion on child sexually suggestive or explicit images" in page
    assert structure_problems(response.content.decode()) == []
    grooming = html(client.get("/en/readiness/obligations/23/"))
    assert "Opinion on Article 23" in grooming
    assert "None: the Convention allows no reservation on this article" in grooming


@pytest.mark.parametrize("number", [3, 39, 50])
def test_articles_outside_4_to_38_have_no_page(client, loaded_db, number):
    assert client.get(f"/en/readiness/obligations/{number}/").status_code == 404


def test_public_pages_respect_the_content_security_policy(client, loaded_db):
    for url in [
        "/en/readiness/",
        "/en/readiness/obligations/",
        "/en/readiness/obligations/23/",
        "/en/readiness/mappings/",
        "/en/readiness/anonymous/",
    ]:
        page = client.get(url).content.decode()
        assert " style=" not in page and "<style" not in page, url
        assert "<script>" not in page, url
        assert 'aria-current="page">Why join?' in html(client.get(url))
