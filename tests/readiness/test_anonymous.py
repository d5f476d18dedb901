"""Anonymous mode: the same interview for anyone, clearly labelled; the answers stay in the
browser session and nothing is written to the database."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import connection

from tests.readiness.helpers import chapter_post, html, pdf_text

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table of every model, except the session store itself."""
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table == "django_session" or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def test_the_anonymous_mode_stores_nothing(client, loaded_db):
    before = row_counts()
    page = html(client.get("/en/readiness/anonymous/"))
    assert "Anonymous mode — nothing is stored." in page
    response = client.post(
        "/en/readiness/anonymous/",
        {"state": "BR", "title": "Trying it out", "weprotect_member": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/readiness/anonymous/chapters/II/"
    chapter = html(client.get(response["Location"]))
    assert "Anonymous mode — nothing is stored." in chapter
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
    # The answers live in the session only, and can be removed from it.
    assert client.session["readiness.anonymous"]["answers"]["23"]["status"] == "not_in_place"
    assert client.session.get_expire_at_browser_close()
    client.post("/en/readiness/anonymous/clear/")
    assert "readiness.anonymous" not in client.session
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
    from django.core.files.uploadedfile import SimpleUploadedFile

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
