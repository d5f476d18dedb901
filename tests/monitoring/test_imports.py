"""Imports of replies and recommendations from CSV and XLSX: every bad row is reported with its
line and reason, and nothing is written until the whole file is clean."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lanzarote.core.audit import Actor
from lanzarote.core.errors import Forbidden, InvalidInput
from lanzarote.monitoring import imports, services
from lanzarote.monitoring.models import (
    ImportDraft,
    Recommendation,
    Reply,
    ReplyEvent,
    SearchDocument,
)
from tests.monitoring.factories import bearer, new_round, people, questionnaire

pytestmark = pytest.mark.django_db

BAD_REPLIES = """round,question,state,text,language,status,submitted_on
round-imp,1,FR,Coaches are screened.,en,submitted,2026-04-01
round-nope,1,FR,Unknown round.,en,submitted,
round-imp,9,FR,No such question.,en,submitted,
round-imp,1,XX,Unknown State.,en,submitted,
round-imp,2,BR,Not in scope.,en,submitted,
round-imp,2,DE,,en,submitted,
round-imp,2,DE,Bad language.,de,submitted,
round-imp,2,DE,Bad status.,en,draft,
round-imp,2,DE,Bad date.,en,submitted,31/01/2026
round-imp,1,FR,Same reply twice.,en,submitted,
"""
CLEAN_REPLIES = """round,question,state,text,language,status,submitted_on
round-imp,1,FR,Les entraîneurs sont contrôlés.,fr,published,2026-04-01
round-imp,2,DE,Attempts are punishable.,en,submitted,2026-04-02
"""


@pytest.fixture
def setting(loaded_db):  # type: ignore[no-untyped-def]
    who = people()
    round_ = new_round(
        who["secretariat"], slug="round-imp", number=31, replies_due=date(2026, 5, 1)
    )
    _item, questions = questionnaire(who["secretariat"], round_)
    services.strength_level_set(
        actor=Actor(user=who["secretariat"]),
        round_=round_,
        slug="urge",
        label_en="Urges",
        label_fr="Exhorte",
    )
    services.report_create(
        actor=Actor(user=who["secretariat"]),
        round_=round_,
        slug="imp-report",
        kind="implementation",
        title_en="R",
        title_fr="R",
        adopted=round_.known_date,
    )
    return {"who": who, "round": round_, "questions": questions}


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_file_of_bad_rows_is_reported_line_by_line_and_nothing_is_written(setting):
    before = (Reply.objects.count(), ReplyEvent.objects.count(), SearchDocument.objects.count())
    result = imports.preview(kind="replies", filename="replies.csv", content=BAD_REPLIES.encode())
    problems = {p.line: (p.column, p.reason) for p in result.problems}
    assert not result.clean
    assert sorted(problems) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert problems[3] == ("round", "Unknown round 'round-nope'.")
    assert problems[4][0] == "question" and "No question '9'" in problems[4][1]
    assert problems[5] == ("state", "Unknown State code 'XX'.")
    assert problems[6][0] == "state" and "not in the scope" in problems[6][1]
    assert problems[7] == ("text", "The reply is empty.")
    assert problems[8][0] == "language"
    assert problems[9][0] == "status"
    assert problems[10][0] == "submitted_on"
    assert problems[11] == ("question", "The same reply is already on line 2.")
    with pytest.raises(Forbidden):
        imports.import_file(
            user=setting["who"]["delegate_fr"],
            kind="replies",
            filename="replies.csv",
            content=BAD_REPLIES.encode(),
        )
    result, written = imports.import_file(
        user=setting["who"]["secretariat"],
        kind="replies",
        filename="replies.csv",
        content=BAD_REPLIES.encode(),
    )
    assert written == 0 and len(result.problems) == 9
    assert (
        Reply.objects.count(),
        ReplyEvent.objects.count(),
        SearchDocument.objects.count(),
    ) == before


def test_a_clean_file_is_imported_in_one_go(setting):
    result, written = imports.import_file(
        user=setting["who"]["secretariat"],
        kind="replies",
        filename="replies.csv",
        content=CLEAN_REPLIES.encode(),
    )
    assert result.clean and written == 2
    france = Reply.objects.get(state_id="FR", question=setting["questions"][0])
    assert france.status == "published" and france.submitted_at.date() == date(2026, 4, 1)
    assert france.events.get().kind == "imported"
    germany = Reply.objects.get(state_id="DE", question=setting["questions"][1])
    assert germany.status == "submitted"
    # The same file again is refused: those replies exist now.
    again = imports.preview(kind="replies", filename="replies.csv", content=CLEAN_REPLIES.encode())
    assert {p.line for p in again.problems} == {2, 3}


def test_xlsx_and_missing_columns(setting):
    content = _xlsx(
        [
            ["round", "question", "state", "text"],
            ["round-imp", "1", "FR", "From a spreadsheet."],
            ["round-imp", 2, "DE", "A number as question."],
        ]
    )
    result = imports.preview(kind="replies", filename="replies.xlsx", content=content)
    assert result.clean and len(result.rows) == 2
    missing = imports.preview(
        kind="replies", filename="r.csv", content=b"round,state\nround-imp,FR\n"
    )
    assert [(p.line, p.reason) for p in missing.problems] == [
        (1, "Missing columns: question, text.")
    ]
    with pytest.raises(InvalidInput):
        imports.preview(kind="replies", filename="r.pdf", content=b"%PDF-")
    with pytest.raises(InvalidInput):
        imports.preview(kind="replies", filename="r.xlsx", content=b"not a workbook")


def test_recommendations_import_checks_the_rounds_vocabulary_and_scope(setting):
    bad = (
        "report,number,text_en,strength,addressees,articles,questions\n"
        "imp-report,R1,Urges Parties to act.,urge,all,5,1\n"
        "imp-report,R2,Requires.,require,FR,20,\n"
        "imp-report,R3,Named outside scope.,urge,FR BR,,\n"
        "imp-report,R4,Bad article.,urge,FR,51,\n"
        "nope,R5,Unknown report.,,,,\n"
        "imp-report,R1,Duplicate.,urge,all,,\n"
    )
    result = imports.preview(kind="recommendations", filename="recs.csv", content=bad.encode())
    problems = {p.line: p for p in result.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7]
    assert "not in the vocabulary" in problems[3].reason and problems[3].column == "strength"
    assert "Not in the scope" in problems[4].reason
    assert "not an article" in problems[5].reason
    assert not Recommendation.objects.exists()
    clean = (
        "report,number,text_en,text_fr,strength,addressees,articles,questions\n"
        "imp-report,R1,Urges.,Exhorte.,urge,FR;DE,5 20,1 2\n"
    )
    result, written = imports.import_file(
        user=setting["who"]["secretariat"],
        kind="recommendations",
        filename="recs.csv",
        content=clean.encode(),
    )
    assert written == 1
    recommendation = Recommendation.objects.get()
    assert sorted(s.code for s in recommendation.addressees.all()) == ["DE", "FR"]
    assert recommendation.strength.slug == "urge" and recommendation.questions.count() == 2


def test_the_web_preview_then_confirm(client, setting):
    client.force_login(setting["who"]["secretariat"])
    bad = client.post(
        "/en/monitoring/desk/import/",
        {"kind": "replies", "file": SimpleUploadedFile("r.csv", BAD_REPLIES.encode())},
    )
    page = bad.content.decode()
    assert (
        bad.status_code == 422
        and "Unknown State code" in page
        and "Nothing has been written" in page
    )
    assert not ImportDraft.objects.exists() and not Reply.objects.filter(state_id="FR").exists()
    clean = client.post(
        "/en/monitoring/desk/import/",
        {"kind": "replies", "file": SimpleUploadedFile("r.csv", CLEAN_REPLIES.encode())},
    )
    assert clean.status_code == 200 and "Every row is clean" in clean.content.decode()
    assert not Reply.objects.filter(state_id="FR").exists()  # still nothing written
    draft = ImportDraft.objects.get()
    done = client.post("/en/monitoring/desk/import/", {"token": draft.token})
    assert done.status_code == 302
    assert Reply.objects.filter(state_id="FR", status="published").exists()
    assert client.post("/en/monitoring/desk/import/", {"token": draft.token}).status_code == 409


def test_the_api_import(client, setting):
    sec = bearer(setting["who"]["secretariat"])
    dry = client.post(
        "/api/v1/monitoring/imports/replies?dry_run=true",
        {"file": SimpleUploadedFile("r.csv", CLEAN_REPLIES.encode())},
        **sec,
    )
    assert dry.status_code == 200 and dry.json()["clean"] and dry.json()["imported"] == 0
    assert not Reply.objects.filter(state_id="FR").exists()
    bad = client.post(
        "/api/v1/monitoring/imports/replies",
        {"file": SimpleUploadedFile("r.csv", BAD_REPLIES.encode())},
        **sec,
    )
    assert (
        bad.status_code == 422 and len(bad.json()["problems"]) == 9 and bad.json()["imported"] == 0
    )
    good = client.post(
        "/api/v1/monitoring/imports/replies",
        {
            "file": SimpleUploadedFile(
                "r.xlsx", _xlsx([line.split(",") for line in CLEAN_REPLIES.strip().splitlines()])
            )
        },
        **sec,
    )
    assert good.status_code == 201 and good.json()["imported"] == 2
    refused = client.post(
        "/api/v1/monitoring/imports/replies",
        {"file": SimpleUploadedFile("r.csv", CLEAN_REPLIES.encode())},
        **bearer(setting["who"]["delegate_fr"]),
    )
    assert refused.status_code == 403


# -- strange files: each refused with the line where it goes wrong, and nothing written ---------

HEADER = "round,question,state,text,language,status,submitted_on"


def _problems(content: bytes, filename: str = "r.csv", kind: str = "replies") -> list[tuple]:
    result = imports.preview(kind=kind, filename=filename, content=content)
    assert not result.clean
    return [(p.line, p.column, p.reason) for p in result.problems]


def test_a_value_over_the_csv_field_limit_is_a_line_numbered_problem(client, setting):
    huge = "x" * 200_000
    content = f'{HEADER}\nround-imp,1,FR,Fine.,en,submitted,\nround-imp,2,DE,"{huge}",en,,\n'
    [(line, _column, reason)] = _problems(content.encode())
    assert line == 3 and "longer than 131,072 characters" in reason
    response = client.post(
        "/api/v1/monitoring/imports/replies",
        {"file": SimpleUploadedFile("r.csv", content.encode())},
        **bearer(setting["who"]["secretariat"]),
    )
    assert response.status_code == 422 and response.json()["problems"][0]["line"] == 3
    assert not Reply.objects.filter(state_id__in=["FR", "DE"]).exclude(status="none").exists()


def test_a_value_too_long_for_its_column_is_refused(setting):
    long_text = "y" * 60_000
    content = f"{HEADER}\nround-imp,1,FR,{long_text},en,submitted,\n"
    assert _problems(content.encode()) == [
        (2, "text", "text is too long (60,000 characters; at most 50,000).")
    ]
    recommendation = (
        "report,number,text_en\nimp-report,R1,Fine.\nimp-report," + "9" * 21 + ",Too long.\n"
    )
    [(line, column, reason)] = _problems(recommendation.encode(), kind="recommendations")
    assert (line, column) == (3, "number") and "at most 20" in reason


def test_cr_only_line_endings_are_read_as_lines(setting):
    content = CLEAN_REPLIES.replace("\n", "\r").encode()
    result = imports.preview(kind="replies", filename="r.csv", content=content)
    assert result.clean and [row["line"] for row in result.rows] == [2, 3]
    bad = BAD_REPLIES.replace("\n", "\r").encode()
    assert sorted({line for line, _c, _r in _problems(bad)}) == [3, 4, 5, 6, 7, 8, 9, 10, 11]


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        (("round-imp", "1", "FR", "Text.", "en", "submitted", "٢٠٢٦-٠٤-٠١"), "submitted_on"),
        (("round-imp", "1", "FR", "Text.", "en", "submitted", "2026-04-01garbage"), "submitted_on"),
        (("round-imp", "1", "FR", "Text.", "en", "submitted", "2001-01-01"), "submitted_on"),
    ],
)
def test_dates_are_written_with_ascii_digits_and_after_the_convention(setting, cells, column):
    content = f"{HEADER}\n{','.join(cells)}\n".encode()
    [(line, found_column, _reason)] = _problems(content)
    assert (line, found_column) == (2, column)


@pytest.mark.parametrize(
    ("version", "why"),
    [("٣", "digits 0 to 9"), ("²", "digits 0 to 9"), ("1.5", "digits 0 to 9"), ("9" * 20, "long")],
)
def test_numbers_are_written_with_the_digits_0_to_9(setting, version, why):
    content = (
        f"round,question,state,text,questionnaire_version\nround-imp,1,FR,Text.,{version}\n"
    ).encode()
    [(line, column, reason)] = _problems(content)
    assert (line, column) == (2, "questionnaire_version") and why in reason
    recommendation = f"report,number,text_en,articles\nimp-report,R1,Text.,{version}\n".encode()
    [(line, column, _reason)] = _problems(recommendation, kind="recommendations")
    assert (line, column) == (2, "articles")


def test_a_nul_byte_is_refused_with_its_line(setting):
    content = f"{HEADER}\r\nround-imp,1,FR,Fine.,en,,\r\nround-imp,2,DE,Bad\x00,en,,\r\n"
    assert _problems(content.encode()) == [(3, "", "The file contains a NUL character.")]


def test_a_file_in_another_encoding_is_refused_with_its_line(setting):
    content = f"{HEADER}\nround-imp,1,FR,Fine.,en,,\nround-imp,2,DE,Entraîneurs,en,,\n"
    [(line, _column, reason)] = _problems(content.encode("cp1252"))
    assert line == 3 and "UTF-8" in reason and "0xEE" in reason
    # Excel's "Unicode text" (UTF-16 with its byte-order mark) is read.
    utf16 = CLEAN_REPLIES.encode("utf-16")
    assert imports.preview(kind="replies", filename="r.txt", content=utf16).clean


def test_a_flood_of_blank_lines_or_rows_is_refused(setting):
    blank = (HEADER + "\n" * 200_000).encode()
    assert _problems(blank) == [(1, "", "The file has no rows under its header.")]
    rows = (HEADER + "\n" + "round-imp,1,FR,x,en,,\n" * (imports.MAX_ROWS + 10)).encode()
    assert (1, "", f"More than {imports.MAX_ROWS} rows; split the file.") in _problems(rows)


def test_a_column_named_twice_is_a_problem(setting):
    content = b"round,question,state,text,text\nround-imp,1,FR,One.,Two.\n"
    assert (1, "", "Columns named twice: text.") in _problems(content)


def test_numbers_typed_in_a_spreadsheet_are_read_as_written(setting):
    content = _xlsx([["round", "question", "state", "text"], ["round-imp", 2.0, "DE", "Two."]])
    result = imports.preview(kind="replies", filename="r.xlsx", content=content)
    assert result.clean and result.rows[0]["question_number"] == "2"


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, setting):
    big = SimpleUploadedFile("r.csv", b"x" * (imports.MAX_BYTES + 1))
    sec = bearer(setting["who"]["secretariat"])
    response = client.post("/api/v1/monitoring/imports/replies", {"file": big}, **sec)
    assert response.status_code == 413 and response.json()["field"] == "file"
    # Permission first: a delegate learns nothing about the file, whatever its size.
    refused = client.post(
        "/api/v1/monitoring/imports/replies",
        {"file": SimpleUploadedFile("r.csv", b"x" * (imports.MAX_BYTES + 1))},
        **bearer(setting["who"]["delegate_fr"]),
    )
    assert refused.status_code == 403
    client.force_login(setting["who"]["secretariat"])
    page = client.post(
        "/en/monitoring/desk/import/",
        {"kind": "replies", "file": SimpleUploadedFile("r.csv", b"x" * (imports.MAX_BYTES + 1))},
    )
    assert page.status_code == 413 and "larger than 5 MB" in page.content.decode()
    assert not ImportDraft.objects.exists()
