"""A State's profile: status and dates under each treaty, route to join, reservations, timeline."""

from __future__ import annotations

import re
from datetime import date

from lanzarote.core.audit import Actor
from lanzarote.registry.models import TreatyEvent
from lanzarote.registry.services import treaty_event_correct
from tests.web.helpers import json_body, squash, text


def test_tunisia_acceded_and_is_a_party(client, loaded_db):
    html = squash(text(client.get("/en/states/TN/")))
    assert "<h1>Tunisia</h1>" in html
    assert '<time datetime="2019-10-15">15 October 2019</time>' in html
    assert '<time datetime="2020-02-01">1 February 2020</time>' in html
    assert "Consent to be bound (Accession)" in html
    assert 'badge--party">Party</span>' in html
    assert "TUN" in html
    assert 'id="join"' in html
    assert "already a Party" in html


def test_tunisia_in_french(client, loaded_db):
    html = squash(text(client.get("/fr/states/TN/")))
    assert "15 octobre 2019" in html
    assert "1er février 2020" in html
    assert 'lang="fr"' in html
    assert "Tunisie" in html


def test_the_profile_lists_both_treaties_convention_first(client, loaded_db):
    html = text(client.get("/en/states/FR/"))
    assert html.index('id="treaty-cets-201"') < html.index('id="treaty-opsc"')
    assert "Membership of the Council of Europe" in html
    assert "Member since" in html


def test_a_state_that_can_still_join_sees_its_route_with_steps(client, loaded_db):
    html = squash(text(client.get("/en/states/JP/")))
    route = html.split('id="join"', 1)[1].split("</section>", 1)[0]
    assert "Signature, then ratification, acceptance or approval" in route
    assert "Art. 45(1)" in route
    assert '<ol class="steps">' in route


def test_a_state_outside_the_signatory_groups_is_told_to_accede(client, loaded_db):
    html = squash(text(client.get("/en/states/BR/")))
    route = html.split('id="join"', 1)[1].split("</section>", 1)[0]
    assert "Accession on invitation" in route
    assert "Art. 46" in route
    assert "invites the State to accede" in route


def test_reservations_and_declarations_are_listed_with_their_provision(client, loaded_db):
    html = squash(text(client.get("/en/states/AD/")))
    section = html.split('id="reservations-cets-201"', 1)[1].split("</section>", 1)[0]
    assert "Art. 24(3)" in section
    assert "Art. 37(2)" in section
    assert "30 April 2014" in section


def test_timeline_lists_every_event_with_sources_and_basis(client, loaded_db):
    html = squash(text(client.get("/en/states/AL/")))
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    assert timeline.count('class="timeline__item') >= 2
    assert "between 12 March 2009 and 31 March 2010" in timeline
    assert "not confirmed" in timeline
    assert "Basis: bounded by dated lists of Parties" in timeline
    assert re.search(r'<a href="https?://[^"]+" rel="noopener noreferrer external"', timeline)


def test_a_corrected_event_is_shown_struck_through_with_the_reason(client, loaded_db):
    consent = TreatyEvent.objects.get(
        treaty__slug="cets-201", state_id="TN", kind="accession", superseded_by__isnull=True
    )
    treaty_event_correct(
        actor=Actor.system("web tests"),
        event=consent,
        reason="The depositary's notification gives another text.",
        text_en="Instrument of accession deposited (corrected).",
    )
    html = squash(text(client.get("/en/states/TN/")))
    assert "<del>" in html
    assert "timeline__item--superseded" in html
    assert "The depositary&#x27;s notification gives another text." in html
    assert "Instrument of accession deposited (corrected)." in html


def test_profile_at_an_earlier_date(client, loaded_db):
    html = squash(text(client.get("/en/states/TN/", {"as_of": "2019-12-01"})))
    assert 'badge--consented">Consented, not yet in force</span>' in html
    assert 'value="2019-12-01"' in html


def test_profile_json_download(client, loaded_db):
    response = client.get("/en/states/TN.json", {"as_of": "2021-01-01"})
    assert response.status_code == 200
    data = json_body(response)
    assert data["state"] == "TN"
    assert data["as_of"] == "2021-01-01"
    assert data["treaties"]["cets-201"]["position"]["status"] == "party"
    assert "TN-profile-2021-01-01" in response["Content-Disposition"]


def test_profile_links_the_json_download(client, loaded_db):
    html = text(client.get("/en/states/TN/", {"as_of": "2021-01-01"}))
    assert 'href="/en/states/TN.json?as_of=2021-01-01"' in html


def test_lower_case_code_redirects(client, loaded_db):
    response = client.get("/en/states/tn/")
    assert response.status_code == 302
    assert response["Location"] == "/en/states/TN/"


def test_bad_date_on_a_profile_answers_400(client, loaded_db):
    response = client.get("/en/states/TN/", {"as_of": "31/05/2023"})
    assert response.status_code == 400
    assert "Enter a real date" in text(response)
    assert client.get("/en/states/TN.json", {"as_of": "nope"}).status_code == 400


def test_unknown_state_json_is_404(client, loaded_db):
    assert client.get("/en/states/ZZ.json").status_code == 404


def test_uncertain_status_on_a_profile(client, loaded_db):
    html = squash(text(client.get("/en/states/PT/", {"as_of": "2012-06-01"})))
    section = html.split('id="treaty-cets-201"', 1)[1].split('id="treaty-opsc"', 1)[0]
    assert 'badge--uncertain">Uncertain</span>' in section
    assert "between 15 May 2012 and 31 December 2012" in section


def test_entry_into_force_matches_the_date_from_the_rules(client, loaded_db):
    # Deposit on 15 October 2019 → in force on 1 February 2020 (Art. 46(2)); not stated twice.
    html = text(client.get("/en/states/TN/"))
    assert html.count("1 February 2020") >= 1
    assert date(2020, 2, 1).isoformat() in html
