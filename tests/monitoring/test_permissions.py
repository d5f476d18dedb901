"""Who may do what in monitoring, role by role (core/permissions.py): delegates act only for their
own Party, national coordinators validate and submit, observers act only as their organisation,
rapporteurs observe only where appointed, the secretariat manages."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from lanzarote.committee.models import Organisation
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Forbidden, Unauthorised
from lanzarote.core.permissions import allowed
from lanzarote.monitoring import services
from lanzarote.monitoring.models import Round
from tests.monitoring.factories import new_round, people, questionnaire

pytestmark = pytest.mark.django_db

ROLES = [
    "secretariat",
    "delegate_fr",
    "coordinator_fr",
    "delegate_de",
    "rapporteur",
    "observer",
    "other_observer",
    "treaty_office",
    "official_br",
]


def expect(who, name, yes, **objects):  # type: ignore[no-untyped-def]
    for role in ROLES:
        assert allowed(who[role], name, **objects) is (role in yes), (name, role)
    assert allowed(AnonymousUser(), name, **objects) is False


def test_managing_monitoring_is_the_secretariats(loaded_db):
    expect(people(), "monitoring.manage", {"secretariat"})


def test_replies_are_drafted_for_ones_own_party_and_submitted_by_its_coordinator(loaded_db):
    who = people()
    expect(who, "monitoring.draft_reply", {"delegate_fr", "coordinator_fr"}, state_code="FR")
    expect(who, "monitoring.draft_reply", {"delegate_de"}, state_code="DE")
    expect(who, "monitoring.submit_reply", {"coordinator_fr"}, state_code="FR")
    expect(who, "monitoring.submit_reply", set(), state_code="DE")


def test_who_reads_a_reply_depends_on_its_step(loaded_db):
    who = people()
    draft = SimpleNamespace(status="draft", state_id="FR")
    submitted = SimpleNamespace(status="submitted", state_id="FR")
    published = SimpleNamespace(status="published", state_id="FR")
    expect(
        who, "monitoring.view_reply", {"secretariat", "delegate_fr", "coordinator_fr"}, reply=draft
    )
    expect(
        who,
        "monitoring.view_reply",
        {"secretariat", "delegate_fr", "coordinator_fr", "rapporteur"},
        reply=submitted,
    )
    expect(who, "monitoring.view_reply", set(ROLES), reply=published)


def test_observations_are_for_appointed_rapporteurs(loaded_db):
    who = people()
    expect(who, "monitoring.observe", {"rapporteur"}, rapporteur_ids={who["rapporteur"].pk})
    expect(who, "monitoring.observe", set(), rapporteur_ids=set())


def test_observers_act_only_as_their_organisation(loaded_db):
    who = people()
    ecpat = Organisation.objects.get(slug="ecpat")
    expect(
        who,
        "monitoring.contribute",
        {"secretariat", "observer"},
        source="observer",
        organisation=ecpat,
    )
    expect(
        who,
        "monitoring.contribute",
        {"secretariat", "observer"},
        source="children",
        organisation=ecpat,
    )
    expect(who, "monitoring.contribute", {"secretariat"}, source="nhri", organisation=None)
    received = SimpleNamespace(status="received", organisation=ecpat, held_by_screening=False)
    expect(
        who,
        "monitoring.view_contribution",
        {"secretariat", "rapporteur", "observer"},
        contribution=received,
    )
    # A children's contribution the screen holds: not even the rapporteurs, until it is cleared.
    held = SimpleNamespace(status="received", organisation=ecpat, held_by_screening=True)
    expect(who, "monitoring.view_contribution", {"secretariat", "observer"}, contribution=held)


def test_follow_up_comes_from_an_addressed_party(loaded_db):
    who = people()
    expect(
        who,
        "monitoring.submit_follow_up",
        {"secretariat", "delegate_fr", "coordinator_fr"},
        state_code="FR",
        addressed=True,
    )
    expect(who, "monitoring.submit_follow_up", set(), state_code="FR", addressed=False)


def test_services_check_before_they_write(loaded_db):
    who = people()
    round_ = new_round(who["secretariat"], slug="round-perm", number=41)
    _item, (q1, _q2, _q21) = questionnaire(who["secretariat"], round_)
    with pytest.raises(Forbidden):
        services.reply_draft(
            actor=Actor(user=who["delegate_de"]), question=q1, state_code="FR", text="x"
        )
    with pytest.raises(Forbidden):
        services.reply_draft(
            actor=Actor(user=who["official_br"]), question=q1, state_code="BR", text="x"
        )
    reply = services.reply_draft(
        actor=Actor(user=who["delegate_fr"]), question=q1, state_code="FR", text="x"
    )
    with pytest.raises(Forbidden):
        services.reply_validate(actor=Actor(user=who["delegate_fr"]), reply=reply)
    with pytest.raises(Forbidden):
        services.reply_validate(actor=Actor(user=who["coordinator_de"]), reply=reply)
    with pytest.raises(Forbidden):
        services.observation_write(actor=Actor(user=who["rapporteur"]), question=q1, text="x")
    with pytest.raises(Forbidden):
        services.round_create(
            actor=Actor(user=who["treaty_office"]),
            slug="x-x",
            kind="thematic",
            title_en="x",
            title_fr="x",
            theme_en="x",
            theme_fr="x",
            launch=Round.objects.first().known_date,
        )
    with pytest.raises(Forbidden):
        services.contribution_submit(
            actor=Actor(user=who["other_observer"]),
            round_=round_,
            source="observer",
            text="x",
            organisation=Organisation.objects.get(slug="ecpat"),
        )
    with pytest.raises(Unauthorised):
        Actor(user=AnonymousUser())


def test_pages_offer_only_what_the_person_may_do(client, loaded_db):
    who = people()
    client.force_login(who["delegate_fr"])
    assert client.get("/en/monitoring/desk/").status_code == 403
    assert client.get("/en/monitoring/desk/import/").status_code == 403
    client.force_login(who["observer"])
    assert client.get("/en/monitoring/rounds/round-3/contribute/").status_code == 200
    client.force_login(who["delegate_fr"])
    assert client.get("/en/monitoring/rounds/round-3/contribute/").status_code == 403
    client.logout()
    assert client.get("/en/monitoring/mine/").status_code == 302  # to sign in
