"""Anonymous mode: the same interview for anyone, clearly labelled; the answers stay in the
visitor's browser (signed, compressed cookies) and nothing is written to the database, the
session store included."""

from __future__ import annotations

import json
import random
import string

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from lanzarote.readiness import browser_store, selectors
from lanzarote.readiness.selectors import CHAPTERS
from tests.readiness.helpers import chapter_post, html, pdf_text

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table of every model, the session store included."""
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def browser_cookies(client) -> dict:  # type: ignore[no-untyped-def]
    """The cookies that carry the anonymous answers, as the browser holds them (an expired
    cookie is one the browser has dropped)."""
    return {
        name: morsel
        for name, morsel in client.cookies.items()
        if name.startswith(browser_store.COOKIE_NAME) and morsel.value
    }


def test_the_anonymous_mode_stores_nothing(client, loaded_db):
    before = row_counts()
    page = html(client.get("/en/readiness/anonymous/"))
    assert "Anonymous mode — nothing is stored on the server." in page
    response = client.post(
        "/en/readiness/anonymous/",
        {"state": "BR", "title": "Trying it out", "weprotect_member": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/readiness/anonymous/chapters/II/"
    chapter = html(client.get(response["Location"]))
    assert "Anonymous mode — nothing is stored on the server." in chapter
    assert "Chapter 1 of 8" in chapter
    assert "Likely in place — check" in chapter  # Brazil: OPSC Art. 9(5) ↔ Art. 8(2)
    response = client.post(
        "/en/readiness/anonymous/chapters/VI/",
        chapter_post("VI", {"23": {"status": "not_in_place", "notes": "Nothing yet."}}),
    )
    assert response["Location"] == "/en/readiness/anonymous/chapters/VI/#o-23"
    followed = html(client.get(response["Location"]))
    assert "Opinion on Article 23" in followed
    client.post(
        "/en/readiness/anonymous/chapters/VI/",
        chapter_post(
            "VI",
            {
                "23": {
                    "status": "not_in_place",
                    "notes": "Nothing yet.",
                    "shown": "grooming",
                    "fu-online_proposal": "no",
                }
            },
        ),
    )
    report = html(client.get("/en/readiness/anonymous/report/"))
    assert "How ready is Brazil to join the Lanzarote Convention?" in report
    assert "Nothing yet." in report
    content, _pages = pdf_text(client.get("/en/readiness/anonymous/report.pdf").content)
    assert "Brazil" in content and "Not stored" in content
    exported = json.loads(client.get("/en/readiness/anonymous/export.json").content)
    assert exported["state"] == "BR"
    assert exported["answers"] == [
        {
            "obligation": "23",
            "status": "not_in_place",
            "provisions": [],
            "evidence": "",
            "notes": "Nothing yet.",
            "followups": {"online_proposal": "no"},
        }
    ]
    assert row_counts() == before
    # The answers live in the browser's cookies only, until it closes, and can be removed.
    kept = browser_cookies(client)
    assert kept and all(c["expires"] == "" and c["httponly"] for c in kept.values())
    client.post("/en/readiness/anonymous/clear/")
    assert browser_cookies(client) == {}
    assert "1 of 12 answered" not in html(client.get("/en/readiness/anonymous/"))
    assert row_counts() == before


def test_a_file_can_be_loaded_into_the_session(client, loaded_db):
    before = row_counts()
    document = {
        "schema": "lanzarote.readiness.answers",
        "version": 1,
        "state": "SO",
        "title": "From a file",
        "weprotect_member": False,
        "answers": [
            {"obligation": "4", "status": "partly", "notes": "A national plan is drafted."}
        ],
    }
    upload = SimpleUploadedFile("answers.json", json.dumps(document).encode(), "application/json")
    response = client.post("/en/readiness/anonymous/import/", {"file": upload})
    assert response.status_code == 302
    overview = html(client.get("/en/readiness/anonymous/"))
    assert "1 of 12 answered" in overview
    assert "A national plan is drafted." in html(client.get("/en/readiness/anonymous/report/"))
    assert row_counts() == before


def test_the_anonymous_mode_needs_no_state(client, loaded_db):
    response = client.post("/en/readiness/anonymous/", {"state": "", "title": ""})
    assert response.status_code == 302
    report = client.get("/en/readiness/anonymous/report/")
    assert report.status_code == 200
    assert "How ready is the State to join" in html(report)


def _every_answer(chapter: str) -> dict[str, dict[str, str]]:
    """Every obligation of `chapter` answered as a team would: a status, a provision and notes
    of ordinary prose (the obligation's own French wording, which compresses like real notes)."""
    return {
        entry.code: {
            "status": "partly",
            "ref": f"Code pénal, art. {index + 100}",
            "notes": entry.obligation.description_fr[:240],
        }
        for index, entry in enumerate(selectors.catalogue().chapter(chapter).obligations)
    }


def test_a_full_anonymous_self_assessment_leaves_no_row_anywhere(client, loaded_db):
    before = row_counts()
    client.post("/en/readiness/anonymous/", {"state": "BR", "title": "Whole questionnaire"})
    for chapter in CHAPTERS:
        response = client.post(
            f"/en/readiness/anonymous/chapters/{chapter}/",
            chapter_post(chapter, _every_answer(chapter)),
        )
        assert response.status_code == 302, html(response)[:2000]
    kept = browser_cookies(client)
    size = sum(len(morsel.value) for morsel in kept.values())
    answered = len(selectors.catalogue().by_code)
    assert 0 < size <= browser_store.MAX_BYTES
    print(f"{answered} answers with notes kept in {len(kept)} cookies, {size} bytes")
    assert client.get("/en/readiness/anonymous/report/").status_code == 200
    assert client.get("/en/readiness/anonymous/report.pdf").status_code == 200
    exported = client.get("/en/readiness/anonymous/export.json").content
    assert len(json.loads(exported)["answers"]) == answered
    client.post("/en/readiness/anonymous/clear/")
    upload = SimpleUploadedFile("answers.json", exported, "application/json")
    assert client.post("/en/readiness/anonymous/import/", {"file": upload}).status_code == 302
    again = json.loads(client.get("/en/readiness/anonymous/export.json").content)
    assert again["answers"] == json.loads(exported)["answers"]
    client.post("/en/readiness/anonymous/clear/")
    assert browser_cookies(client) == {}
    assert Session.objects.count() == 0
    assert row_counts() == before


def test_answers_that_would_not_fit_in_the_browser_are_refused_with_413(client, loaded_db):
    client.post("/fr/readiness/anonymous/", {"state": "BR", "title": "Trop long"})
    before = {name: morsel.value for name, morsel in browser_cookies(client).items()}
    noise = random.Random(10)
    answers = {
        code: {**answer, "notes": "".join(noise.choices(string.ascii_letters, k=4000))}
        for code, answer in _every_answer("VI").items()
    }
    response = client.post("/fr/readiness/anonymous/chapters/VI/", chapter_post("VI", answers))
    assert response.status_code == 413
    assert "Vos réponses ne tiennent plus dans ce navigateur" in html(response)
    assert {name: morsel.value for name, morsel in browser_cookies(client).items()} == before
    assert json.loads(client.get("/fr/readiness/anonymous/export.json").content)["answers"] == []


def test_altered_answers_are_ignored_as_if_absent(client, loaded_db):
    client.post("/en/readiness/anonymous/", {"state": "BR", "title": "Mine"})
    name = f"{browser_store.COOKIE_NAME}_0"
    value = client.cookies[name].value
    client.cookies[name] = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    page = client.get("/en/readiness/anonymous/")
    assert page.status_code == 200
    assert "Your answers so far" not in html(page)
