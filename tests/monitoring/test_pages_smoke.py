"""Every monitoring page answers, anonymously and for the secretariat."""

from __future__ import annotations

import pytest

from lanzarote.monitoring.models import Question, Questionnaire, Report
from tests.monitoring.factories import people

pytestmark = pytest.mark.django_db


def test_public_pages_answer(client, loaded_db):
    question = Question.objects.first()
    questionnaire = Questionnaire.objects.first()
    report = Report.objects.first()
    for url in [
        "/en/monitoring/",
        "/fr/monitoring/",
        "/en/monitoring/rounds/round-1/",
        "/en/monitoring/rounds/round-3/matrix/",
        "/en/monitoring/rounds/round-2/matrix/?article=20",
        "/en/monitoring/rounds/round-3/dashboard/",
        f"/en/monitoring/questionnaires/{questionnaire.pk}/",
        f"/en/monitoring/questions/{question.pk}/",
        "/en/monitoring/contributions/",
        f"/en/monitoring/reports/{report.slug}/",
        "/en/monitoring/recommendations/",
        "/en/monitoring/compliance/",
        "/en/monitoring/general-overview/",
        "/en/monitoring/states/RU/",
        "/en/monitoring/search/",
        "/en/monitoring/search/?q=children",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_secretariat_pages_answer(client, loaded_db):
    who = people()
    client.force_login(who["secretariat"])
    for url in [
        "/en/monitoring/desk/",
        "/en/monitoring/desk/rounds/round-3/",
        "/en/monitoring/desk/import/",
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(who["delegate_fr"])
    assert client.get("/en/monitoring/mine/").status_code == 200
    assert client.get("/en/monitoring/desk/").status_code == 403
