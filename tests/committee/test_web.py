"""The Committee's pages: public composition, meetings, texts, capacity building and priority
countries in both languages with their downloads; the secretariat's desk and its permissions;
the observer chain and the capacity-building records through the web forms."""

from __future__ import annotations

import re
from datetime import date

import pytest

from lanzarote.committee import selectors
from lanzarote.committee.models import AssistanceRequest, ObserverApplication, Project, Vote
from lanzarote.core.audit import Actor
from lanzarote.monitoring import services as monitoring
from lanzarote.monitoring.models import Report
from tests.committee.factories import PARTIES_2023, meeting, others, secretariat
from tests.web.helpers import csv_rows, figure, json_body, squash, structure_problems, text

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/committee/",
    "/{lang}/committee/?as_of=2012-06-01&since=2010-07-01",
    "/{lang}/committee/?as_of=2009-01-01",
    "/{lang}/committee/meetings/",
    "/{lang}/committee/meetings/25/",
    "/{lang}/committee/texts/",
    "/{lang}/committee/texts/?kind=opinion&article=20",
    "/{lang}/committee/texts/opinion-article-23/",
    "/{lang}/committee/capacity-building/",
    "/{lang}/committee/priority-countries/",
    "/{lang}/committee/organisations/hope-for-children/",
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_pages_answer_in_both_languages_well_formed_and_within_the_csp(
    client, loaded_db, page, lang
):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = text(response)
    assert f'<html lang="{lang}">' in html
    assert structure_problems(html) == []
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert re.search(rf'href="/{lang}/committee/"\s+aria-current="page"', squash(html))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_caveats_are_one_quiet_mark_not_words(client, loaded_db, page, lang):
    """Calm caveats (issue 14): what no source confirms carries the asterisk that the chart and
    the State profiles use, its reason and sources on demand; the pages never print the word."""
    html = text(client.get(page.format(lang=lang)))
    assert not re.search(r"\b(?:un)?confirmed\b|non confirmé|inferred|déduit\b", _visible(html))


def _visible(html: str) -> str:
    """The words a sighted reader sees before opening a mark: no attributes, no text for
    screen readers alone, no detail still folded."""
    html = re.sub(r'<div class="kd__detail">.*?</div></details>', "", html, flags=re.S)
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return re.sub(r"<[^>]*>", " ", html)


def test_the_committee_page_shows_the_composition_on_the_chosen_date(client, loaded_db):
    html = squash(text(client.get("/en/committee/", {"as_of": "2022-03-17"})))
    assert figure(html, "Members (vote)") == 48
    assert "Russian Federation" in html and "not a member State" in html
    assert "Participants" in html and "Parliamentary Assembly of the Council of Europe" in html
    assert "ECPAT" in html and "on or before 31 December 2017" in html
    # A participation no source confirms carries the quiet mark, its reason on demand.
    assert "kd__mark" in html and "No source we found confirms this." in html
    assert "Maria José Castello-Branco" in html or "Christel De Craim" in html


def test_changes_since_a_previous_date(client, loaded_db):
    html = squash(
        text(client.get("/en/committee/", {"as_of": "2020-02-01", "since": "2020-01-31"}))
    )
    assert "Changes between 31 January 2020 and 1 February 2020" in html
    assert re.search(r"joined</span> Tunisia", html)
    bad = client.get("/en/committee/", {"as_of": "2020-02-01", "since": "2020-03-01"})
    assert bad.status_code == 400


def test_before_the_convention_there_is_no_committee(client, loaded_db):
    html = text(client.get("/en/committee/", {"as_of": "2009-01-01"}))
    assert "The Committee did not exist yet" in html


def test_composition_downloads_say_what_the_page_shows(client, loaded_db):
    rows = csv_rows(client.get("/en/committee/composition.csv", {"as_of": "2012-06-01"}))
    belgium = next(r for r in rows if r["code"] == "BE")
    assert belgium["group"] == "participant" and belgium["basis"] == "signatory"
    assert belgium["votes"] == "no" and belgium["confirmed"] == "no"
    data = json_body(
        client.get("/en/committee/composition.json", {"as_of": "2020-02-01", "since": "2020-01-31"})
    )
    assert data["counts"]["members"] == 45
    assert [m["state"] for m in data["changes"]["members"]["joined"]] == ["TN"]
    assert client.get("/en/committee/composition.csv", {"as_of": "x"}).status_code == 400


def test_meetings_list_and_detail(client, loaded_db):
    html = squash(text(client.get("/en/committee/meetings/")))
    assert "43 meetings recorded" in html
    assert "Nicosia" in html and "Online (KUDO platform)" in html
    # A meeting known only by its neighbours shows its bounds, quietly marked.
    assert "between 1 July 2010 and 24 January 2012" in html
    assert re.search(
        r"kd__mark.*?<p>The number is inferred from the neighbouring meetings; no source states",
        html,
    )
    detail = squash(text(client.get("/en/committee/meetings/36/")))
    assert "T-ES(2022)02" in detail
    assert "10 March 2022" in detail
    rows = csv_rows(client.get("/en/committee/meetings.csv"))
    assert len(rows) == 43 and rows[-1]["number"] == "1"
    assert rows[-1]["period_precision"] == "range"
    french = squash(text(client.get("/fr/committee/meetings/8/")))
    assert "Élection de M. Bragi Guðbrandsson (Islande) à la présidence" in french
    assert json_body(client.get("/en/committee/meetings/25.json"))["place"] == "Nicosia"
    assert client.get("/en/committee/meetings/99/").status_code == 404


def test_texts_filtered_by_type_and_article(client, loaded_db):
    html = squash(text(client.get("/en/committee/texts/", {"article": 23})))
    assert "1 text" in html and "Opinion on Article 23" in html
    assert "between 15 June 2015 and 17 June 2015" in html
    declarations = csv_rows(client.get("/en/committee/texts.csv", {"kind": "declaration"}))
    assert {r["kind"] for r in declarations} == {"declaration"} and len(declarations) == 4
    data = json_body(client.get("/en/committee/texts.json", {"article": 20}))
    assert [t["slug"] for t in data["texts"]] == ["opinion-self-generated-images"]
    assert data["texts"][0]["articles"] == [18, 20]
    guidance = squash(text(client.get("/en/committee/texts/guidance-note-statute-of-limitations/")))
    assert "No source we found confirms that this text was adopted." in guidance
    assert client.get("/en/committee/texts/", {"article": 51}).status_code == 400


def test_the_convention_page_shows_the_texts_interpreting_each_article(client, loaded_db):
    html = squash(text(client.get("/en/treaties/cets-201/")))
    assert "What the Lanzarote Committee said about the articles" in html
    assert re.search(r'href="#art-23">Art\. 23</a>.*?Opinion on Article 23', html)
    assert re.search(
        r'href="#art-33">Art\. 33</a>.*?kd__mark" aria-hidden="true" '
        r'title="No source we found confirms that this text was adopted\.',
        html,
    )


def test_the_state_profile_shows_its_role(client, loaded_db):
    russia = squash(text(client.get("/en/states/RU/", {"as_of": "2023-01-01"})))
    assert "In the Lanzarote Committee" in russia and "Member, votes" in russia
    assert "not from membership of the Council of Europe" in russia
    tunisia = squash(text(client.get("/en/states/TN/", {"as_of": "2020-01-31"})))
    assert "Not in the Committee" in tunisia and "1 February 2020" in tunisia
    japan = squash(text(client.get("/en/states/JP/")))
    assert "Participant, no vote" in japan
    portugal = squash(text(client.get("/en/states/PT/")))
    assert "Chair of the Committee: Maria José Castello-Branco" in portugal


def test_priority_countries_page(client, loaded_db):
    html = squash(text(client.get("/en/committee/priority-countries/")))
    assert "Tunisia" in html and "Acceded to the Convention" in html
    rows = csv_rows(client.get("/en/committee/priority-countries.csv"))
    assert [r["state"] for r in rows] == ["TN"]


# -- the desk and its permissions ------------------------------------------------------------

DESK_PAGES = [
    "/en/committee/desk/",
    "/en/committee/desk/meetings/new/",
    "/en/committee/desk/meetings/36/edit/",
    "/en/committee/desk/meetings/36/agenda/new/",
    "/en/committee/desk/meetings/36/decisions/new/",
    "/en/committee/desk/meetings/36/documents/new/",
    "/en/committee/desk/meetings/36/attendance/",
    "/en/committee/desk/meetings/36/votes/new/",
    "/en/committee/desk/texts/new/",
    "/en/committee/desk/texts/opinion-article-23/edit/",
    "/en/committee/desk/organisations/new/",
    "/en/committee/desk/participants/new/",
    "/en/committee/desk/representatives/new/",
    "/en/committee/desk/bureau/new/",
    "/en/committee/desk/projects/new/",
    "/en/committee/desk/assistance/new/",
    "/en/committee/desk/priority-countries/new/",
    "/en/committee/desk/events/new/",
    "/en/committee/desk/observers/new/",
]


POSTS = [
    "/en/committee/desk/meetings/new/",
    "/en/committee/desk/observers/new/",
    "/en/committee/desk/observers/1/schedule/",
    "/en/committee/desk/projects/new/",
    "/en/committee/desk/assistance/new/",
    "/en/committee/desk/priority-countries/new/",
    "/en/committee/desk/meetings/36/votes/new/",
]


def test_the_desk_is_the_secretariats(client, loaded_db):
    for url in DESK_PAGES:
        assert client.get(url).status_code == 401, url
    for url in POSTS:
        assert client.post(url, {"name_en": "X"}).status_code == 401, url
    assert "Sign in" in text(client.get(DESK_PAGES[0]))
    for role, user in others().items():
        client.force_login(user)
        for url in DESK_PAGES:
            assert client.get(url).status_code == 403, (role, url)
        for url in POSTS:
            assert client.post(url, {"name_en": "X"}).status_code == 403, (role, url)
    client.force_login(secretariat())
    for url in DESK_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert structure_problems(text(response)) == [], url
    assert "Secretariat desk" in text(client.get("/en/committee/"))


def test_the_observer_chain_through_the_desk(client, loaded_db):
    staff = secretariat()
    client.force_login(staff)
    session = meeting(staff, number=55, start=date(2026, 3, 10))
    response = client.post(
        "/en/committee/desk/observers/new/",
        {
            "name_en": "Safe Childhood Alliance",
            "received_on": "2026-01-20",
            "mission_en": "Ending child sexual abuse.",
            "child_protection_activity_en": "Survivor support services.",
            "references": "National children's commissioner",
        },
    )
    assert response.status_code == 302
    application = ObserverApplication.objects.get(organisation__name_en="Safe Childhood Alliance")
    page = f"/en/committee/desk/observers/{application.pk}/"
    # Deciding before the application is put to a meeting is refused with the article.
    early = client.post(
        f"{page}decide/",
        {"decided_on": "2026-03-10", "outcome": "admit", "rule": "simple_majority_of_votes_cast"},
    )
    assert early.status_code == 400 and "Art. 40(3)" in text(early)
    assert client.post(f"{page}schedule/", {"meeting": session.pk}).status_code == 302
    # A ballot from a State that is not a Party is refused with the rule's explanation.
    stranger = client.post(
        f"{page}decide/",
        {
            "decided_on": "2026-03-11",
            "rule": "simple_majority_of_votes_cast",
            "ballots": "FR for\nJP for",
        },
    )
    assert stranger.status_code == 400
    assert "JP was not a Party" in text(stranger) and "Art. 39(1)" in text(stranger)
    ballots = "\n".join(f"{code} for" for code in PARTIES_2023)
    admitted = client.post(
        f"{page}decide/",
        {"decided_on": "2026-03-11", "rule": "simple_majority_of_votes_cast", "ballots": ballots},
    )
    assert admitted.status_code == 302
    application.refresh_from_db()
    assert application.status == "admitted"
    html = squash(text(client.get("/en/committee/", {"as_of": "2026-03-11"})))
    assert "Safe Childhood Alliance" in html
    assert "Safe Childhood Alliance" not in text(
        client.get("/en/committee/", {"as_of": "2026-03-10"})
    )
    withdrawn = client.post(
        f"{page}withdraw/", {"withdrawn_on": "2026-10-01", "reason_en": "Asked to leave."}
    )
    assert withdrawn.status_code == 302
    assert "Safe Childhood Alliance" not in text(
        client.get("/en/committee/", {"as_of": "2026-10-02"})
    )
    meeting_page = squash(text(client.get("/en/committee/meetings/55/")))
    assert "The Committee grants observer status to Safe Childhood Alliance." in meeting_page
    assert "48 for, 0 against, 0 abstentions" in meeting_page


def test_a_vote_through_the_desk_refuses_non_members(client, loaded_db):
    staff = secretariat()
    client.force_login(staff)
    meeting(staff, number=56, start=date(2026, 5, 5))
    url = "/en/committee/desk/meetings/56/votes/new/"
    refused = client.post(
        url,
        {
            "subject_en": "Theme of the 4th round",
            "voted_on": "2026-05-05",
            "rule": "simple_majority_of_votes_cast",
            "ballots": "FR for\nVA for",
        },
    )
    assert refused.status_code == 400
    assert "VA was not a Party" in text(refused)
    assert not Vote.objects.filter(meeting__number=56).exists()
    assert (
        client.post(
            url,
            {
                "subject_en": "Theme",
                "voted_on": "2026-05-05",
                "rule": "simple_majority_of_votes_cast",
                "ballots": "FR for\nRU against\nTN for",
            },
        ).status_code
        == 302
    )
    vote = Vote.objects.get(meeting__number=56)
    assert (vote.votes_for, vote.votes_against, vote.adopted) == (2, 1, True)
    bad_line = client.post(
        url,
        {
            "subject_en": "X",
            "voted_on": "2026-05-05",
            "rule": "simple_majority_of_votes_cast",
            "ballots": "France for",
        },
    )
    assert bad_line.status_code == 400


def test_capacity_building_through_the_desk(client, loaded_db):
    staff = secretariat()
    client.force_login(staff)
    created = client.post(
        "/en/committee/desk/projects/new/",
        {
            "title_en": "Barnahus in North Africa",
            "title_fr": "Barnahus en Afrique du Nord",
            "status": "planned",
            "beneficiaries": "TN, MA",
            "articles": "35",
            "partners": "UNICEF\n",
            "start_date": "2026-09-01",
        },
    )
    assert created.status_code == 302
    project = Project.objects.get(title_en="Barnahus in North Africa")
    assert sorted(s.code for s in project.beneficiaries.all()) == ["MA", "TN"]
    # The recommendation it responds to is linked from monitoring (the relation that replaced
    # the free-text references) and shown on the project's page.
    actor = Actor(user=staff)
    report = Report.objects.get(document_code="T-ES(2022)02")
    seven = monitoring.recommendation_add(
        actor=actor, report=report, number="R7", text_en="Set up Barnahus."
    )
    monitoring.recommendation_link_projects(actor=actor, recommendation=seven, projects=[project])
    page = squash(text(client.get(f"/en/committee/capacity-building/projects/{project.slug}/")))
    assert "Morocco" in page and "2nd monitoring round — R7" in page
    rows = csv_rows(client.get("/en/committee/capacity-building/projects.csv", {"state": "MA"}))
    assert [r["slug"] for r in rows] == [project.slug, "iwf-reporting-portals"]
    assert (
        client.post(
            "/en/committee/desk/assistance/new/",
            {
                "state": "MA",
                "received_on": "2026-02-01",
                "subject_en": "Training of judges",
                "status": "received",
                "articles": "35, 36",
                "project": project.pk,
            },
        ).status_code
        == 302
    )
    assert AssistanceRequest.objects.get(state_id="MA").project == project
    bad = client.post(
        "/en/committee/desk/projects/new/",
        {"title_en": "X", "title_fr": "X", "status": "planned", "articles": "77"},
    )
    assert bad.status_code == 400
    flagged = client.post(
        "/en/committee/desk/priority-countries/new/",
        {"state": "MA", "reason_en": "Requested assistance.", "flagged_on": "2026-02-02"},
    )
    assert flagged.status_code == 302
    assert "MA" in [p.state.code for p in selectors.priority_countries(as_of=date(2026, 3, 1))]


def test_contacts_are_for_signed_in_users(client, loaded_db):
    from lanzarote.committee import services

    staff = secretariat()
    services.representative_save(
        user=staff,
        name="Demo Head",
        role="head_of_delegation",
        state="FR",
        term_start=date(2024, 1, 1),
        email="head@example.org",
        is_demo=True,
    )
    public = text(client.get("/en/committee/"))
    assert "Demo Head" in public and "demonstration" in public
    assert "head@example.org" not in public
    assert "head@example.org" not in text(client.get("/en/committee/composition.json"))
    client.force_login(others()["observer"])
    assert "head@example.org" in text(client.get("/en/committee/"))
