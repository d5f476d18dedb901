"""Faults seen in the journeys' screenshots of the case page and the inbox: the Committee of
Ministers' explanation printed twice, and "Change our reply" showing no choice selected."""

from __future__ import annotations

import re

import pytest

from lanzarote.accession import services
from lanzarote.accession.models import AccessionCase
from lanzarote.accession.selectors import decision_of
from tests.accession.helpers import Cast, brazil_case

pytestmark = pytest.mark.django_db


def _html(client, user, url: str) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _case_url(case: AccessionCase, language: str = "en") -> str:
    return f"/{language}/accession/cases/{case.reference}/"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_decision_is_explained_once_and_the_timeline_points_to_it(client, language):
    cast = Cast()
    case = brazil_case(cast, "decided")
    decision = decision_of(case)
    assert decision is not None
    explanation = decision.explanation_fr if language == "fr" else decision.explanation_en
    html = _html(client, cast.office, _case_url(case, language))
    assert html.count(re.sub(r"\s+", " ", explanation).replace("'", "&#x27;")) == 1
    timeline = html[html.index('id="timeline-title"') :]
    pointer = {
        "en": "See the explanation in the decision above",
        "fr": "Voir l’explication dans la décision ci-dessus",
    }[language]
    assert f'<a href="#decision">{pointer}</a>' in timeline
    assert html.index('id="decision"') < html.index('id="timeline-title"')


def test_change_our_reply_starts_on_the_current_reply_on_the_case_page_and_in_the_inbox(client):
    cast = Cast()
    case = brazil_case(cast, "consultation")
    html = _html(client, cast.germany, _case_url(case))
    assert "Reply for your Party" in html and "checked" not in html
    services.consultation_reply(user=cast.germany, case=case, party_code="DE", reply="objection")

    html = _html(client, cast.germany, _case_url(case))
    assert "Change our reply" in html
    checked = re.findall(r'<input type="radio" name="reply" value="(\w+)"[^>]*checked', html)
    assert checked == ["objection"]

    inbox = _html(client, cast.germany, "/en/accession/consultations/")
    assert "Change our reply" in inbox
    prefix = re.escape(case.reference)
    checked = re.findall(
        rf'<input type="radio" name="{prefix}-reply" value="(\w+)"[^>]*checked', inbox
    )
    assert checked == ["objection"]
