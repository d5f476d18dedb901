"""Hints from existing commitments: "likely in place — check", never an answer."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from lanzarote.accounts.models import Role
from lanzarote.readiness import selectors, services
from lanzarote.readiness.models import AnswerVersion, Relation
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import TreatyEvent
from tests.accounts.factories import person
from tests.readiness.helpers import chapter_post, html

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def opsc_equivalents() -> set[str]:
    return {
        m.obligation.code
        for m in selectors.catalogue().mappings("opsc")
        if m.relation == Relation.EQUIVALENT
    }


def test_brazil_is_bound_by_the_opsc_and_gets_hints_on_equivalent_obligations():
    brazil = registry.state_get("BR")
    assert selectors.bound_by_opsc(brazil, as_of=TODAY)
    hints = selectors.hints_for(state=brazil, weprotect_member=False, as_of=TODAY)
    assert set(hints) == opsc_equivalents()
    assert set(hints) == {"20.1.a", "20.1.b", "20.1.c"}
    [hint] = hints["20.1.a"]
    assert hint.instrument == "opsc"
    assert [t.code for t in hint.targets] == ["3"]
    # Partial and related mappings give no hint. Jurisdiction (25.7), victims' protection (34.2)
    # and advertising (8.2) gave one before: the OPSC's duties there reach only its own offences
    # of Art. 3(1), so those mappings are now partial.
    assert not {"20.1.e", "19.1.c", "25.7", "34.2", "8.2"} & set(hints)


@pytest.mark.parametrize("code", ["SO", "PW"])
def test_a_state_not_bound_by_the_opsc_gets_no_hint(code):
    state = registry.state_get(code)
    assert not TreatyEvent.objects.filter(treaty__slug="opsc", state=state).exists()
    assert not selectors.bound_by_opsc(state, as_of=TODAY)
    assert selectors.hints_for(state=state, weprotect_member=False, as_of=TODAY) == {}


def test_a_self_declared_weprotect_member_gets_hints_from_the_model_national_response():
    somalia = registry.state_get("SO")
    hints = selectors.hints_for(state=somalia, weprotect_member=True, as_of=TODAY)
    assert set(hints) == {
        m.obligation.code
        for m in selectors.catalogue().mappings("mnr")
        if m.relation == Relation.EQUIVALENT
    }
    assert [h.instrument for h in hints["9.3"]] == ["mnr"]
    both = selectors.hints_for(state=registry.state_get("BR"), weprotect_member=True, as_of=TODAY)
    assert set(both) == set(hints) | opsc_equivalents()


def test_the_interview_shows_the_hint_but_the_answer_stays_not_known(client, official, assessment):
    # Production of child pornography (Art. 20(1)(a)) is an offence of OPSC Art. 3(1)(c) too.
    client.force_login(official)
    page = html(client.get(f"/en/readiness/assessments/{assessment.pk}/chapters/VI/"))
    section = page[page.index('id="o-20-1-a"') :][:4000]
    assert "Likely in place — check" in section
    assert "Art. 3 — Offences" in section
    assert re.search(r'<input[^>]*value="not_known"[^>]*checked', section)
    assert AnswerVersion.objects.count() == 0
    assert selectors.current_answers(assessment) == {}
    # Confirming it is a person's act; then the hint is no longer shown.
    client.post(
        f"/en/readiness/assessments/{assessment.pk}/chapters/VI/",
        chapter_post("VI", {"20.1.a": {"status": "in_place"}}),
    )
    assert selectors.current_answers(assessment)["20.1.a"].status == "in_place"
    page = html(client.get(f"/en/readiness/assessments/{assessment.pk}/chapters/VI/"))
    section = page[page.index('id="o-20-1-a"') :][:3000]
    assert "Likely in place — check" not in section


def test_an_assessment_for_somalia_shows_no_hint(client, loaded_db):
    somali = person(Role.STATE_OFFICIAL, state="SO", username="so-official")
    assessment = services.assessment_create(user=somali, state_code="SO", title="First look")
    client.force_login(somali)
    for chapter in ["VI", "VII"]:
        page = html(client.get(f"/en/readiness/assessments/{assessment.pk}/chapters/{chapter}/"))
        assert "Likely in place — check" not in page


def test_the_weprotect_checkbox_turns_its_hints_on(client, official, assessment):
    client.force_login(official)
    url = f"/en/readiness/assessments/{assessment.pk}/chapters/II/"
    assert "WeProtect Global Alliance; this area" not in html(client.get(url))
    response = client.post(
        f"/en/readiness/assessments/{assessment.pk}/settings/",
        {"title": "Baseline", "weprotect_member": "on"},
    )
    assert response.status_code == 302
    assert "WeProtect Global Alliance; this area" in html(client.get(url))
