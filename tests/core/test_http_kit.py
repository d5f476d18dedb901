"""The HTTP kit: downloads with one cell convention, the public-read API auth, reader checks,
and the desk's one URL and guarded view per action."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from lanzarote.core.errors import Forbidden, Unauthorised
from lanzarote.core.http.access import PublicRead, require_reader, role_required
from lanzarote.core.http.desk import Desk
from lanzarote.core.http.downloads import cell, csv_download, json_download, xlsx_bytes
from lanzarote.core.roles import Role


def person(role: str | None) -> Any:
    if role is None:
        return AnonymousUser()
    return SimpleNamespace(is_authenticated=True, is_active=True, role=role, state_id=None)


def test_cells_follow_one_convention_and_never_run_as_formulas():
    assert [cell(v) for v in (None, True, False, ["a", 1])] == ["", "yes", "no", "a;1"]
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cell("@SUM") == "'@SUM" and cell("Plain") == "Plain"


def test_csv_and_json_downloads_carry_their_filename():
    response = csv_download([{"a": 1, "b": None, "c": "dropped"}], ["a", "b"], "sample")
    assert response["Content-Disposition"] == 'attachment; filename="sample.csv"'
    assert list(csv.DictReader(io.StringIO(response.content.decode()))) == [{"a": "1", "b": ""}]
    data = json_download({"é": [1]}, 'bad"name')
    assert data["Content-Disposition"] == 'attachment; filename="badname.json"'
    assert json.loads(data.content) == {"é": [1]}


def test_xlsx_rows_are_written_under_a_header():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes([{"a": "=1+1"}], ["a"], title="t")))
    assert [[c.value for c in row] for row in book.active.iter_rows()] == [["a"], ["'=1+1"]]


def test_public_read_lets_anonymous_reads_through_but_not_bad_credentials():
    factory = RequestFactory()
    assert PublicRead()(factory.get("/")) is True
    assert PublicRead()(factory.get("/", HTTP_AUTHORIZATION="Bearer nope")) is None


def test_a_reader_needs_the_permission():
    request = RequestFactory().get("/")
    request.user = person(None)
    with pytest.raises(Unauthorised):
        require_reader(request, "committee.view_applications")
    request.user = person(Role.TREATY_OFFICE)
    with pytest.raises(Forbidden):
        require_reader(request, "committee.view_applications")
    request.user = person(Role.SECRETARIAT)
    require_reader(request, "committee.view_applications")


@pytest.mark.django_db
def test_role_required_sends_strangers_to_sign_in_and_refuses_other_roles():
    @role_required(Role.TREATY_OFFICE)
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    request = RequestFactory().get("/en/desk/")
    request.user = person(None)
    assert view(request).status_code == 302
    request.user = person(Role.SECRETARIAT)
    refused = view(request)
    assert refused.status_code == 403 and b"not available with your role" in refused.content
    request.user = person(Role.TREATY_OFFICE)
    assert view(request).content == b"ok"


@pytest.mark.django_db
def test_a_desk_gives_each_action_its_url_and_guards_it():
    desk = Desk(prefix="desk/", permission="committee.manage")

    @desk.page("", name="home")
    def home(request: HttpRequest) -> HttpResponse:
        return HttpResponse("home")

    @desk.action("things/<int:pk>/close/", name="close", post_only=True)
    def close(request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponse(f"closed {pk}")

    assert [(str(u.pattern), u.name) for u in desk.urls] == [
        ("desk/", "home"),
        ("desk/things/<int:pk>/close/", "close"),
    ]
    factory = RequestFactory()
    request = factory.post("/desk/things/3/close/")
    request.user = person(None)
    assert close(request, pk=3).status_code == 401
    request.user = person(Role.TREATY_OFFICE)
    assert close(request, pk=3).status_code == 403
    request.user = person(Role.SECRETARIAT)
    assert close(request, pk=3).content == b"closed 3"
    get = factory.get("/desk/things/3/close/")
    get.user = person(Role.SECRETARIAT)
    assert close(get, pk=3).status_code == 405
