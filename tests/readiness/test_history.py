"""Every save of an answer is a new row; the current answer is the newest. Duplicates keep a
point in time, and the comparison shows what changed."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from lanzarote.core.append_only import AppendOnlyViolation
from lanzarote.core.models import AuditRecord
from lanzarote.readiness import selectors, services
from lanzarote.readiness.answers import Answer, Provision
from lanzarote.readiness.models import AnswerVersion, Assessment
from tests.readiness.helpers import chapter_post, html

pytestmark = pytest.mark.django_db


def save(user, assessment, code, **fields):  # type: ignore[no-untyped-def]
    return services.answers_record(
        user=user, assessment=assessment, answers={code: Answer(**fields)}
    )


def test_each_save_is_a_new_version_and_the_newest_is_current(official, colleague, assessment):
    services.assessment_invite(user=official, assessment=assessment, who=colleague.username)
    save(official, assessment, "23", status="not_in_place", notes="Nothing yet.")
    save(colleague, assessment, "23", status="partly", notes="A bill is in Parliament.")
    save(official, assessment, "23", status="partly", notes="A bill is in Parliament.")  # unchanged
    versions = selectors.answer_history(assessment, obligation="23")
    assert [(v.status, v.recorded_by_label) for v in versions] == [
        ("partly", colleague.username),
        ("not_in_place", official.username),
    ]
    current = selectors.current_answers(assessment)["23"]
    assert current.status == "partly" and current.version == versions[0].pk
    assert AuditRecord.objects.filter(action="readiness.answers.record").count() == 2


def test_answer_versions_are_append_only(official, assessment):
    [version] = save(official, assessment, "4", status="in_place")
    version.status = "partly"
    with pytest.raises(AppendOnlyViolation):
        version.save()
    with pytest.raises(AppendOnlyViolation):
        AnswerVersion.objects.filter(pk=version.pk).update(status="partly")
    table = AnswerVersion._meta.db_table
    with (
        pytest.raises(Exception, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET status = 'partly' WHERE id = %s", [version.pk])


def test_the_history_page_lists_every_version(client, official, assessment):
    client.force_login(official)
    url = f"/en/readiness/assessments/{assessment.pk}/chapters/VI/"
    client.post(url, chapter_post("VI", {"22": {"status": "not_in_place"}}))
    client.post(
        url, chapter_post("VI", {"22": {"status": "in_place", "ref": "Penal Code, art. 218-A"}})
    )
    page = html(client.get(f"/en/readiness/assessments/{assessment.pk}/history/"))
    assert "2 saved versions, newest first" in page
    assert page.index("In place") < page.index("Not in place")
    filtered = html(
        client.get(f"/en/readiness/assessments/{assessment.pk}/history/", {"obligation": "22"})
    )
    assert "2 saved versions" in filtered


def test_duplicate_then_compare_two_points_in_time(client, official, assessment):
    save(official, assessment, "23", status="not_in_place", notes="Nothing yet.")
    save(
        official,
        assessment,
        "4",
        status="in_place",
        provisions=(Provision("Constitution, art. 227"),),
    )
    client.force_login(official)
    response = client.post(f"/en/readiness/assessments/{assessment.pk}/duplicate/")
    assert response.status_code == 302
    copy = Assessment.objects.exclude(pk=assessment.pk).get()
    assert copy.duplicated_from == assessment
    assert response["Location"] == f"/en/readiness/assessments/{copy.pk}/"
    assert selectors.current_answers(copy).keys() == {"23", "4"}
    assert {v.source for v in AnswerVersion.objects.filter(assessment=copy)} == {"duplicate"}
    # A year later, the law has changed: only the copy is updated.
    save(official, copy, "23", status="in_place", notes="Law 14.811 of 2024.")
    assert selectors.current_answers(assessment)["23"].status == "not_in_place"
    page = client.get(f"/en/readiness/assessments/{copy.pk}/compare/")
    assert page.status_code == 200
    text = html(page)
    assert "1 obligation answered differently" in text
    assert "Art. 23" in text and "Law 14.811 of 2024." in text and "Nothing yet." in text
    assert "status, notes" in text
    assert "0 → 1" in text  # Chapter VI: in place, before → after
    explicit = html(
        client.get(f"/en/readiness/assessments/{assessment.pk}/compare/", {"with": copy.pk})
    )
    assert "1 obligation answered differently" in explicit
