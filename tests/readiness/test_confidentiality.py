"""An assessment is confidential to its State's team. Everyone else — another State's officials,
Party delegates, the Treaty Office, the secretariat — gets 404, exactly as for a number that does
not exist (existence-hiding); people who are not signed in are sent to sign in (web) or get 401
(API)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from lanzarote.accounts.models import Role
from lanzarote.accounts.services import token_create
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Forbidden, InvalidInput, NotFound, Unauthorised
from lanzarote.core.permissions import REGISTRY
from lanzarote.readiness import selectors, services
from lanzarote.readiness.answers import Answer
from lanzarote.readiness.models import AnswerVersion
from tests.accounts.factories import person
from tests.readiness.helpers import chapter_post, html

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/readiness/assessments/{pk}/",
    "/en/readiness/assessments/{pk}/chapters/VI/",
    "/en/readiness/assessments/{pk}/history/",
    "/en/readiness/assessments/{pk}/report/",
    "/en/readiness/assessments/{pk}/report.pdf",
    "/en/readiness/assessments/{pk}/report.docx",
    "/en/readiness/assessments/{pk}/export.json",
    "/en/readiness/assessments/{pk}/compare/?with={pk}",
]
POSTS = [
    "/en/readiness/assessments/{pk}/chapters/VI/",
    "/en/readiness/assessments/{pk}/invite/",
    "/en/readiness/assessments/{pk}/settings/",
    "/en/readiness/assessments/{pk}/duplicate/",
]


def test_the_team_sees_its_assessment(client, official, assessment):
    client.force_login(official)
    for page in PAGES[:-1]:
        assert client.get(page.format(pk=assessment.pk)).status_code == 200, page


def test_outsiders_get_the_same_404_as_for_a_missing_assessment(client, assessment, outsiders):
    missing = assessment.pk + 1000
    for who, user in outsiders.items():
        client.force_login(user)
        for page in PAGES:
            hidden = client.get(page.format(pk=assessment.pk))
            absent = client.get(page.format(pk=missing))
            assert hidden.status_code == absent.status_code == 404, (who, page)
            assert b"Baseline" not in hidden.content, (who, page)
        for page in POSTS:
            response = client.post(
                page.format(pk=assessment.pk), {"title": "Taken", "who": user.username}
            )
            assert response.status_code == 404, (who, page)
        assert selectors.assessments_of(user) == []
        listing = html(client.get("/en/readiness/assessments/"))
        assert f"/readiness/assessments/{assessment.pk}/" not in listing
    assert AnswerVersion.objects.count() == 0
    assessment.refresh_from_db()
    assert assessment.title == "Baseline"


def test_people_who_are_not_signed_in_are_sent_to_sign_in(client, assessment):
    for page in [*PAGES, "/en/readiness/assessments/", "/en/readiness/assessments/import/"]:
        response = client.get(page.format(pk=assessment.pk))
        assert response.status_code == 302, page
        assert response["Location"].startswith("/en/accounts/login/")
    response = client.post(
        f"/en/readiness/assessments/{assessment.pk}/chapters/VI/",
        chapter_post("VI", {"23": {"status": "in_place"}}),
    )
    assert response.status_code == 302
    assert AnswerVersion.objects.count() == 0


def test_the_api_answers_401_without_credentials_and_404_to_outsiders(
    client, assessment, outsiders
):
    urls = [
        f"/api/v1/readiness/assessments/{assessment.pk}",
        f"/api/v1/readiness/assessments/{assessment.pk}/export",
    ]
    for url in urls:
        assert client.get(url).status_code == 401
    body = {"status": "in_place"}
    put = f"/api/v1/readiness/assessments/{assessment.pk}/answers/23"
    assert client.put(put, body, content_type="application/json").status_code == 401
    assert client.get("/api/v1/readiness/assessments").status_code == 401
    for who, user in outsiders.items():
        _token, key = token_create(actor=Actor.system("tests"), user=user)
        headers = {"Authorization": f"Bearer {key}"}
        for url in urls:
            response = client.get(url, headers=headers)
            assert response.status_code == 404, (who, url)
            assert "confidential" in response.json()["detail"]
        response = client.put(put, body, content_type="application/json", headers=headers)
        assert response.status_code == 404, who
        assert client.get("/api/v1/readiness/assessments", headers=headers).json() == []
    assert AnswerVersion.objects.count() == 0


def test_the_refusal_sentence_says_not_even_the_treaty_office(assessment, outsiders):
    sentence = str(REGISTRY["readiness.view_assessment"].refusal)
    assert "never public" in sentence
    assert "not even the Treaty Office" in sentence
    with pytest.raises(Forbidden, match="not even the Treaty Office"):
        services.answers_record(
            user=outsiders["the Treaty Office"],
            assessment=assessment,
            answers={"23": Answer(status="in_place")},
        )


def test_only_officials_of_the_state_start_an_assessment(outsiders, official):
    with pytest.raises(Forbidden):
        services.assessment_create(user=official, state_code="TN", title="Not ours")
    for user in outsiders.values():
        with pytest.raises(Forbidden):
            services.assessment_create(user=user, state_code="BR", title="Not ours")
    with pytest.raises(Unauthorised):
        services.assessment_create(user=AnonymousUser(), state_code="BR", title="x")  # type: ignore[arg-type]


def test_the_creator_invites_colleagues_of_the_same_state_who_can_then_edit(
    client, official, colleague, assessment, outsiders
):
    client.force_login(official)
    response = client.post(
        f"/en/readiness/assessments/{assessment.pk}/invite/", {"who": "BR-COLLEAGUE"}
    )
    assert response.status_code == 302
    assert colleague.pk in selectors.assessment_get(assessment.pk, user=official).team_user_ids
    # Someone of another State cannot be invited, and the answer does not say whether they exist.
    tunisian = outsiders["another State's official"]
    refused = client.post(
        f"/en/readiness/assessments/{assessment.pk}/invite/", {"who": tunisian.username}
    )
    assert refused.status_code == 400
    assert "No official of Brazil has this user name or e-mail address" in html(refused)
    nobody = client.post(
        f"/en/readiness/assessments/{assessment.pk}/invite/", {"who": "nobody@example.org"}
    )
    assert "No official of Brazil has this user name or e-mail address" in html(nobody)
    again = client.post(
        f"/en/readiness/assessments/{assessment.pk}/invite/", {"who": colleague.username}
    )
    assert again.status_code == 409

    client.force_login(colleague)
    response = client.post(
        f"/en/readiness/assessments/{assessment.pk}/chapters/VI/",
        chapter_post("VI", {"23": {"status": "partly", "shown": "grooming"}}),
    )
    assert response.status_code == 302
    version = AnswerVersion.objects.get()
    assert version.recorded_by == colleague
    # The colleague edits but does not invite.
    third = person(Role.STATE_OFFICIAL, state="BR", username="br-third")
    with pytest.raises(Forbidden):
        services.assessment_invite(user=colleague, assessment=assessment, who=third.username)
    with pytest.raises(InvalidInput):
        services.assessment_invite(user=official, assessment=assessment, who="")


def test_an_official_who_moves_to_another_state_loses_access(official, assessment):
    official.state_id = "TN"
    official.save()
    with pytest.raises(NotFound):
        selectors.assessment_get(assessment.pk, user=official)
