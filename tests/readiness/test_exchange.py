"""Export and import of the answers as JSON: a versioned schema, a round trip that loses
nothing, and imports that check every row and write nothing until the file is clean."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lanzarote.core.models import AuditRecord
from lanzarote.readiness import exchange, selectors, services
from lanzarote.readiness.answers import Answer, Provision
from lanzarote.readiness.models import AnswerVersion, Assessment
from tests.readiness.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(official, assessment):  # type: ignore[no-untyped-def]
    services.answers_record(
        user=official,
        assessment=assessment,
        answers={
            "23": Answer(
                status="not_in_place",
                notes="No offence yet.",
                followups={"online_proposal": "no", "draft_law": "Bill 1234/2025"},
            ),
            "20.1.a": Answer(
                status="in_place",
                provisions=(
                    Provision(
                        "Statute of the Child and Adolescent, art. 240", "https://example.org/eca"
                    ),
                    Provision("Penal Code, art. 218-C"),
                ),
                evidence="Convictions every year.",
            ),
            "10.1": Answer(status="partly", notes="Co-ordination in some states only."),
        },
    )
    return assessment


def upload(document: dict | str) -> SimpleUploadedFile:
    text = document if isinstance(document, str) else json.dumps(document, indent=2)
    return SimpleUploadedFile("answers.json", text.encode(), "application/json")


def test_export_then_import_through_the_pages_loses_nothing(client, official, answered):
    client.force_login(official)
    exported = client.get(f"/en/readiness/assessments/{answered.pk}/export.json")
    assert exported["Content-Disposition"].startswith("attachment;")
    document = json.loads(exported.content)
    assert document["schema"] == "lanzarote.readiness.answers"
    assert document["version"] == 1
    assert document["state"] == "BR"
    assert [a["obligation"] for a in document["answers"]] == ["10.1", "20.1.a", "23"]
    response = client.post(
        "/en/readiness/assessments/import/", {"file": upload(exported.content.decode())}
    )
    assert response.status_code == 302
    imported = Assessment.objects.exclude(pk=answered.pk).get()
    assert response["Location"] == f"/en/readiness/assessments/{imported.pk}/"
    assert imported.title == "Baseline"
    before, after = selectors.current_answers(answered), selectors.current_answers(imported)
    assert {k: v.content() for k, v in before.items()} == {k: v.content() for k, v in after.items()}
    assert {v.source for v in AnswerVersion.objects.filter(assessment=imported)} == {"import"}


def test_an_import_with_bad_rows_reports_each_and_writes_nothing(client, official, answered):
    client.force_login(official)
    text = """{
  "schema": "lanzarote.readiness.answers",
  "version": 1,
  "state": "BR",
  "title": "Broken",
  "answers": [
    {"obligation": "4", "status": "in_place"},
    {"obligation": "99.9", "status": "in_place"},
    {
      "obligation": "23",
      "status": "done",
      "provisions": [{"reference": "", "url": "ftp://example.org"}],
      "followups": {"favourite_colour": "blue", "online_proposal": "maybe"}
    },
    {"obligation": "4", "status": "partly"},
    {"obligation": "5.1", "status": "in_place", "colour": "red"}
  ]
}"""
    counts = (
        Assessment.objects.count(),
        AnswerVersion.objects.count(),
        AuditRecord.objects.count(),
    )
    response = client.post("/en/readiness/assessments/import/", {"file": upload(text)})
    assert response.status_code == 400
    page = html(response)
    assert "The file was not imported: 8 problems. Nothing was saved." in page
    assert counts == (
        Assessment.objects.count(),
        AnswerVersion.objects.count(),
        AuditRecord.objects.count(),
    )
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.parse_export(text)
    problems = [(e.line, e.row, e.obligation, e.field) for e in refused.value.errors]
    assert problems == [
        (8, 2, "99.9", "obligation"),
        (9, 3, "23", "status"),
        (9, 3, "23", "provisions[1].reference"),
        (9, 3, "23", "provisions[1].url"),
        (9, 3, "23", "followups.favourite_colour"),
        (9, 3, "23", "followups.online_proposal"),
        (15, 4, "4", "obligation"),
        (16, 5, "5.1", "colour"),
    ]
    assert "line 9, answer 3, 23 — status: must be one of" in str(refused.value.errors[1])


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("{not json", ""),
        ('{"schema": "something.else", "version": 1, "answers": []}', "schema"),
        ('{"schema": "lanzarote.readiness.answers", "version": 7, "answers": []}', "version"),
        ('{"schema": "lanzarote.readiness.answers", "version": 1, "answers": {}}', "answers"),
        ('["a list"]', ""),
    ],
)
def test_files_that_are_not_exports_are_refused(text, field):
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.parse_export(text)
    assert refused.value.errors[0].field == field


def test_a_file_for_another_state_is_refused(client, official):
    client.force_login(official)
    document = {"schema": "lanzarote.readiness.answers", "version": 1, "state": "TN", "answers": []}
    response = client.post("/en/readiness/assessments/import/", {"file": upload(document)})
    assert response.status_code == 400
    assert "this file is for TN" in html(response)
    assert Assessment.objects.count() == 0


def test_export_then_import_through_the_api(client, official_token, answered):
    exported = client.get(
        f"/api/v1/readiness/assessments/{answered.pk}/export", headers=official_token
    )
    assert exported.status_code == 200
    response = client.post(
        "/api/v1/readiness/assessments/import",
        exported.content,
        content_type="application/json",
        headers=official_token,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "BR"
    assert sorted(a["obligation"] for a in body["answers"]) == ["10.1", "20.1.a", "23"]


def test_a_bad_import_through_the_api_is_422_with_every_problem(client, official_token, answered):
    counts = (Assessment.objects.count(), AnswerVersion.objects.count())
    bad = {
        "schema": "lanzarote.readiness.answers",
        "version": 1,
        "answers": [
            {"obligation": "4", "status": "yes"},
            {"obligation": "18.1.a", "provisions": "Penal Code"},
        ],
    }
    response = client.post(
        "/api/v1/readiness/assessments/import",
        bad,
        content_type="application/json",
        headers=official_token,
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["obligation"], e["field"]) for e in errors] == [
        (1, "4", "status"),
        (2, "18.1.a", "provisions"),
    ]
    assert counts == (Assessment.objects.count(), AnswerVersion.objects.count())


# -- hostile files: a specific 4xx with the line or the field, and nothing written -------------


def _document(**extra) -> dict:  # type: ignore[no-untyped-def]
    return {
        "schema": "lanzarote.readiness.answers",
        "version": 1,
        "state": "BR",
        "title": "Hostile",
        "answers": [{"obligation": "4", "status": "in_place"}],
        **extra,
    }


def _refusal(text: str) -> list[tuple]:
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.parse_export(text.encode())
    return [(e.line, e.row, e.field, e.message) for e in refused.value.errors]


def _nothing_written_through_every_door(client, official, official_token, text):  # type: ignore[no-untyped-def]
    counts = (Assessment.objects.count(), AnswerVersion.objects.count())
    api = client.post(
        "/api/v1/readiness/assessments/import",
        text,
        content_type="application/json",
        headers=official_token,
    )
    client.force_login(official)
    page = client.post("/en/readiness/assessments/import/", {"file": upload(text)})
    anonymous = client.post("/en/readiness/anonymous/import/", {"file": upload(text)})
    assert (Assessment.objects.count(), AnswerVersion.objects.count()) == counts
    return api, page, anonymous


def test_deep_nesting_is_refused_before_the_parser_recurses(client, official, official_token):
    text = (
        '{"schema": "lanzarote.readiness.answers",\n"answers": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    [(line, _row, _field, message)] = _refusal(text)
    assert line == 2 and "nests more deeply" in message
    api, page, anonymous = _nothing_written_through_every_door(
        client, official, official_token, text
    )
    assert api.status_code == 422 and api.json()["errors"][0]["line"] == 2
    assert page.status_code == 400 and "nests more deeply" in html(page)
    assert anonymous.status_code == 400


def test_a_five_thousand_digit_integer_is_refused_with_its_line(client, official, official_token):
    text = json.dumps(_document(), indent=2).replace('"version": 1', '"version": ' + "9" * 5_000)
    [(line, _row, _field, message)] = _refusal(text)
    assert line == 3 and "5000 digits" in message
    api, page, _anonymous = _nothing_written_through_every_door(
        client, official, official_token, text
    )
    assert api.status_code == 422 and "5000 digits" in api.json()["errors"][0]["message"]
    assert page.status_code == 400


@pytest.mark.parametrize(
    ("answer", "field", "message"),
    [
        ({"notes": "\ud800 alone"}, "notes", "half of a surrogate pair (U+D800)"),
        ({"evidence": "a\u0000b"}, "evidence", "NUL"),
        ({"provisions": [{"reference": "Code \udfff"}]}, "provisions[1].reference", "surrogate"),
        ({"followups": {"draft_law": "\u0000"}}, "followups.draft_law", "NUL"),
    ],
)
def test_characters_no_database_can_store_are_refused_by_field(
    client, official, official_token, answer, field, message
):
    document = _document(answers=[{"obligation": "23", "status": "partly", **answer}])
    text = json.dumps(document, indent=2)  # ensure_ascii: the file spells them \ud800, \u0000
    [(line, row, found_field, found)] = _refusal(text)
    assert (row, found_field) == (1, field) and message in found and line == 7
    api, _page, _anonymous = _nothing_written_through_every_door(
        client, official, official_token, text
    )
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == field
    title = json.dumps(_document(title="Baseline \udfff"))
    assert _refusal(title)[0][2] == "title"


def test_unknown_keys_are_named(client, official, official_token):
    text = json.dumps(_document(actor="x", answers=[{"obligation": "4", "by": "y"}]), indent=2)
    fields = [field for _line, _row, field, _message in _refusal(text)]
    assert fields == ["actor", "by"]
    api, _page, _anonymous = _nothing_written_through_every_door(
        client, official, official_token, text
    )
    assert api.status_code == 422


def test_huge_arrays_are_refused_without_listing_every_element(client, official, official_token):
    many = json.dumps(_document(answers=[{"obligation": "4"}] * 50_000))
    [(_line, _row, field, message)] = _refusal(many)
    assert field == "answers" and "lists 50000 answers; the catalogue has 109" in message
    followups = {f"question_{n}": "yes" for n in range(5_000)}
    wide = json.dumps(_document(answers=[{"obligation": "23", "followups": followups}]))
    problems = _refusal(wide)
    assert len(problems) == exchange.MAX_LISTED + 1
    assert problems[-1][3] == f"and {5_000 - exchange.MAX_LISTED} more problem(s)"
    api, _page, _anonymous = _nothing_written_through_every_door(
        client, official, official_token, wide
    )
    assert api.status_code == 422 and len(api.json()["errors"]) == exchange.MAX_LISTED + 1


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, official, official_token):
    big = b" " * (exchange.MAX_BYTES + 1)
    api = client.post(
        "/api/v1/readiness/assessments/import",
        big,
        content_type="application/json",
        headers=official_token,
    )
    assert api.status_code == 413
    client.force_login(official)
    page = client.post(
        "/en/readiness/assessments/import/",
        {"file": SimpleUploadedFile("a.json", big, "application/json")},
    )
    assert page.status_code == 413 and "larger than 2 MB" in html(page)
