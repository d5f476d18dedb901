"""A team's readiness PDF is a render (core.renders): made once per (assessment version, day,
deposit date, language), by the worker where there is one, with a "being prepared" page
meanwhile; an anonymous visitor's PDF, whose answers the server keeps nowhere, is made in the
request."""

from __future__ import annotations

import pytest

from lanzarote.accounts.models import Role
from lanzarote.core import renders
from lanzarote.readiness import report_files, services
from lanzarote.readiness.answers import Answer
from tests.accounts.factories import person
from tests.core.helpers import assert_being_prepared
from tests.readiness.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders_made(monkeypatch) -> list[dict]:
    """The calls of the team report's renderer, by their arguments."""
    calls: list[dict] = []
    produce = report_files.assessment_report_pdf

    def counted(**params):  # type: ignore[no-untyped-def]
        calls.append(params)
        return produce(**params)

    monkeypatch.setattr(report_files, "assessment_report_pdf", counted)
    return calls


def test_the_team_pdf_is_queued_then_served_once_made(client, official, assessment, worker_queue):
    client.force_login(official)
    url = f"/fr/readiness/assessments/{assessment.pk}/report.pdf"
    waiting = client.get(url, {"deposit": "2027-03-15"})
    assert_being_prepared(waiting)
    # Asked again while it is made: queued once.
    assert client.get(url, {"deposit": "2027-03-15"}).status_code == 202
    assert len(worker_queue.results) == 1
    result = worker_queue.results[0]
    # What the worker is handed names the assessment, never its answers.
    assert result.kwargs["params"] == {
        "assessment": assessment.pk,
        "today": result.kwargs["params"]["today"],
        "deposit": "2027-03-15",
    }
    assert result.kwargs["language"] == "fr"
    renders.render.call(*result.args, **result.kwargs)
    done = client.get(url, {"deposit": "2027-03-15"})
    assert done.status_code == 200
    assert done["Content-Type"] == "application/pdf"
    assert done["Cache-Control"] == "no-store"
    assert 'filename="readiness-BR-' in done["Content-Disposition"]
    content, _pages = pdf_text(done.content)
    assert "Brésil" in content and "1er juillet 2027" in content


def test_a_new_answer_makes_a_new_pdf_and_the_same_answers_do_not(
    client, official, assessment, renders_made
):
    client.force_login(official)
    url = f"/en/readiness/assessments/{assessment.pk}/report.pdf"
    first = client.get(url)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert client.get(url).content == first.content
    assert len(renders_made) == 1
    # The other language is its own render.
    assert client.get(f"/fr/readiness/assessments/{assessment.pk}/report.pdf").status_code == 200
    assert len(renders_made) == 2
    services.answers_record(
        user=official,
        assessment=assessment,
        answers={"23": Answer(status="not_in_place", notes="No offence of grooming.")},
    )
    changed = client.get(url)
    assert len(renders_made) == 3
    assert changed.content != first.content
    assert client.get(url).content == changed.content
    assert len(renders_made) == 3


def test_outsiders_get_a_404_and_nothing_is_queued(client, loaded_db, assessment, worker_queue):
    client.force_login(person(Role.STATE_OFFICIAL, state="TN", username="tn-render"))
    response = client.get(f"/en/readiness/assessments/{assessment.pk}/report.pdf")
    assert response.status_code == 404
    assert worker_queue.results == []


def test_the_anonymous_pdf_is_made_in_the_request_even_with_a_worker(client, worker_queue):
    response = client.get("/en/readiness/anonymous/report.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert worker_queue.results == []
