"""'Who can join?' and the Convention's own page."""

from __future__ import annotations

import re

from lanzarote.treaty_law import get_final_clauses
from tests.web.helpers import squash, text

ADMITTING = {20, 21, 24, 25, 37, 47}


def test_join_page_lists_the_three_groups_and_the_accession_steps(client, loaded_db):
    html = squash(text(client.get("/en/join/")))
    assert "member States of the Council of Europe" in html
    assert 'href="/en/states/FR/"' in html
    for name in ("Canada", "Holy See", "Japan", "Mexico", "United States"):
        assert name in html
    assert "The European Union" in html
    assert "Art. 45(1)" in html
    assert "Art. 46" in html
    accession = html.split('id="accession-title"', 1)[1]
    steps = re.findall(
        r"<li>(.*?)</li>", accession.split('<ol class="steps">', 1)[1].split("</ol>", 1)[0]
    )
    clauses = get_final_clauses("cets-201")
    assert len(steps) == len(clauses.accession.steps)
    assert "invites the State to accede" in accession


def test_the_five_states_that_drafted_the_convention_are_not_marked_unconfirmed(client, loaded_db):
    # Art. 45(1) describes them ("the non-member States which have participated in its
    # elaboration") and the Council of Europe's leaflet names the five, so the reference data
    # now records them as confirmed; the page used to mark each one "unconfirmed".
    html = squash(text(client.get("/en/join/")))
    group = html.split('id="group-participants"', 1)[1].split("</section>", 1)[0]
    assert group.count("<li>") == 5
    assert "unconfirmed" not in group


def test_check_a_state_redirects_to_its_route(client, loaded_db):
    html = text(client.get("/en/join/"))
    assert '<label for="id_state">' in html
    response = client.get("/en/join/check/", {"state": "JP"})
    assert response.status_code == 302
    assert response["Location"] == "/en/states/JP/#join"


def test_check_without_a_state_answers_400(client, loaded_db):
    response = client.get("/en/join/check/", {"state": "ZZ"})
    assert response.status_code == 400
    assert 'id="id_state"' in text(response)


def test_convention_page_lists_50_articles(client, loaded_db):
    html = text(client.get("/en/treaties/cets-201/"))
    articles = re.findall(r'<li id="art-(\d+)"\s+class="article( article--admits)?"', html)
    assert len(articles) == 50
    admitting = {int(number) for number, admits in articles if admits}
    assert admitting == ADMITTING
    assert "Lanzarote" in html
    assert "25 October 2007" in html
    assert "Secretary General" in html
    assert "1 July 2010" in html


def test_convention_page_summarises_each_permitted_provision(client, loaded_db):
    html = squash(text(client.get("/en/treaties/cets-201/")))
    for provision in get_final_clauses("cets-201").permitted_provisions:
        assert f'id="provision-{provision.code.replace("(", "").replace(")", "")}"' in html
    assert "Chapter XIII" in html
    assert "The final clauses in brief" in html


def test_french_headings_not_checked_are_flagged(client, loaded_db):
    from lanzarote.registry.models import Article

    unchecked = Article.objects.filter(treaty__slug="cets-201", title_fr_checked=False).count()
    html = text(client.get("/fr/treaties/cets-201/"))
    assert html.count("marker--quiet") == unchecked
    assert "marker--quiet" not in text(client.get("/en/treaties/cets-201/"))


def test_opsc_page_is_shorter(client, loaded_db):
    html = text(client.get("/en/treaties/opsc/"))
    assert "Optional Protocol" in html
    assert "article--admits" not in html
    assert 'href="/en/treaties/opsc/chart/"' in html


def test_each_article_links_to_the_texts_and_our_summaries_say_they_are_ours(
    client, loaded_db, settings
):
    # Only the official publication the reference notes cite is a default; the Council of
    # Europe's own addresses appear once an operator gives them.
    html = squash(text(client.get("/fr/treaties/cets-201/")))
    published = "https://zoek.officielebekendmakingen.nl/dossier/trb-2008-58.html"
    assert html.count(f'href="{published}"') == 51  # the texts box and each of the 50 articles
    assert "Art. 18 dans les textes authentiques anglais et français" in html
    assert "Nos résumés, non le texte de la Convention" in html
    assert "rapport explicatif" not in html

    settings.LANZAROTE_CONVENTION_TEXTS = {
        "authentic_texts": published,
        "english": "https://texts.example/en",
        "french": "https://texts.example/fr",
        "explanatory_report": "https://texts.example/report",
    }
    html = squash(text(client.get("/en/treaties/cets-201/")))
    assert html.count('href="https://texts.example/en"') == 51
    assert html.count('href="https://texts.example/fr"') == 51
    assert html.count('href="https://texts.example/report"') == 51
    # Each link's name begins with its visible words (axe's label-content-name-mismatch).
    assert (
        'explanatory report<span class="visually-hidden">: The explanatory report on Art. 23'
        in html
    )
