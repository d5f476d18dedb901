"""Limits where input enters (issue 10): bodies are refused by their declared length before
anything reads them, chunked bodies are counted while they are read, and the parsers refuse
bombs — each with a specific 4xx in the request's language, never a 500."""

from __future__ import annotations

import io
import json
import struct
import time
import tracemalloc
import zlib
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from lanzarote.accounts.models import Role
from lanzarote.core.errors import BadRequest, InvalidInput, PayloadTooLarge
from lanzarote.core.http.limits import (
    CountingInput,
    check_zip_archive,
    load_json,
    spool_chunked_body,
)
from lanzarote.core.http.middleware import StreamingLimits
from tests.accession.helpers import bearer
from tests.accounts.factories import person

MB = 1024 * 1024


class EndlessBody:
    """A client that would go on sending for ever; counts what the server takes from it."""

    def __init__(self) -> None:
        self.taken = 0

    def read(self, size: int = -1) -> bytes:
        size = 64 * 1024 if size is None or size < 0 else min(size, 64 * 1024)
        self.taken += size
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def wsgi_call(application: Any, **environ: Any) -> tuple[str, bytes]:
    """Call a WSGI application the way gunicorn does; return the status line and the body."""
    base = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "REMOTE_ADDR": "127.0.0.1",
    }
    base.update(environ)
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        seen["status"] = status

    # As Django's test client does: the test's transaction holds the connection, which a
    # server's start- and end-of-request clean-up would close under it (the 413 and 503 pages
    # read the data versions from the database).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(base, start_response)
        body = b"".join(response)
        getattr(response, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], body


# -- bodies refused by their length, before anything reads them ----------------------------------


@pytest.mark.django_db
def test_a_200_mb_anonymous_upload_is_refused_unread_in_the_page_language():
    from lanzarote.wsgi import application

    for language, words in (("en", "too large"), ("fr", "trop volumineuse")):
        body = EndlessBody()
        status, page = wsgi_call(
            application,
            PATH_INFO=f"/{language}/readiness/anonymous/import/",
            CONTENT_TYPE="multipart/form-data; boundary=lanzarote",
            CONTENT_LENGTH=str(200 * MB),
            **{"wsgi.input": body},
        )
        assert status.startswith("413"), status
        assert body.taken == 0
        assert words in page.decode().lower()


@pytest.mark.django_db
def test_a_1_gb_body_to_the_import_api_is_refused_before_authentication():
    from lanzarote.wsgi import application

    body = EndlessBody()
    status, answer = wsgi_call(
        application,
        PATH_INFO="/api/v1/monitoring/imports/replies",
        CONTENT_TYPE="multipart/form-data; boundary=lanzarote",
        CONTENT_LENGTH=str(1024 * MB),
        **{"wsgi.input": body},
    )
    assert status.startswith("413")
    assert body.taken == 0
    assert "at most" in json.loads(answer)["detail"]


def test_a_chunked_body_of_any_length_costs_at_most_the_cap():
    seen: dict[str, Any] = {}

    def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(environ)
        start_response("200 OK", [])
        return [b""]

    body = EndlessBody()
    tracemalloc.start()
    try:
        wsgi_call(
            StreamingLimits(application), HTTP_TRANSFER_ENCODING="chunked", **{"wsgi.input": body}
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "lanzarote.refused_body_limit" in seen
    assert seen["CONTENT_LENGTH"] == "0"
    assert body.taken <= 11 * MB  # the largest cap of any route, then it stopped reading
    assert peak < 4 * MB  # spooled to disk past 1 MB, never held whole


def test_a_chunked_body_within_the_cap_reaches_the_application_with_its_length():
    def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        length = int(environ["CONTENT_LENGTH"])
        start_response("200 OK", [])
        return [environ["wsgi.input"].read(length)]

    status, body = wsgi_call(
        StreamingLimits(application),
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(b'{"note": "chunked"}')},
    )
    assert status.startswith("200") and body == b'{"note": "chunked"}'


def test_the_counting_input_refuses_to_read_past_its_limit():
    stream = CountingInput(EndlessBody(), 100)
    assert len(stream.read(60)) == 60
    with pytest.raises(PayloadTooLarge):
        stream.read()
    with pytest.raises(PayloadTooLarge):
        spool_chunked_body(EndlessBody(), 1000)


@pytest.mark.django_db
def test_a_json_body_over_the_default_cap_is_413_not_500(client: Client):
    office = bearer(person(Role.TREATY_OFFICE))
    payload = json.dumps({"state": "BR", "note": "x" * (3 * MB)})
    response = client.post(
        "/api/v1/accession-cases", payload, content_type="application/json", headers=office
    )
    assert response.status_code == 413
    assert "at most 1.0 MB" in response.json()["detail"]


@pytest.mark.django_db
def test_a_route_cap_applies_once_the_route_is_known(client: Client):
    # 1.5 MB passes the default cap of every route only on those that take uploads.
    body = b"-" * (MB + MB // 2)
    small = client.post("/en/states/", body, content_type="multipart/form-data; boundary=lanzarote")
    assert small.status_code == 413
    upload = client.post(
        "/en/readiness/anonymous/import/",
        body,
        content_type="multipart/form-data; boundary=lanzarote",
    )
    assert upload.status_code != 413


@pytest.mark.django_db
def test_a_malformed_content_length_is_400(client: Client):
    response = client.post(
        "/api/v1/accession-cases", b"{}", content_type="application/json", CONTENT_LENGTH="lots"
    )
    assert response.status_code == 400


# -- malformed requests -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/api/v1/states/F%00R", {}),
        ("/en/states/", {"QUERY_STRING": "kind=%00"}),
        ("/api/v1/treaties", {"HTTP_X_NOTE": "a\x00b"}),
    ],
)
def test_a_nul_byte_in_the_path_the_query_or_a_header_is_400(client: Client, path, extra):
    response = client.get(path, **extra)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_multipart_without_a_boundary_is_400_in_the_page_language(client: Client):
    response = client.post(
        "/fr/readiness/anonymous/import/", b"--x--", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "délimiteur" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('{"state": "BR", "letter": ' + "[" * 5000 + "]" * 5000 + "}", "nested"),
        ('{"state": "BR", "supersedes": ' + "9" * 5000 + "}", "digits"),
        ('{"state": "BR\\ud800"}', "surrogate"),
        ('{"state": "B\\u0000R"}', "NUL"),
        ('{"state": NaN}', "not a number"),
        ('{"state": ', "not valid JSON"),
    ],
)
def test_json_bombs_and_unstorable_text_are_400(client: Client, body, words):
    office = bearer(person(Role.TREATY_OFFICE))
    response = client.post(
        "/api/v1/accession-cases", body, content_type="application/json", headers=office
    )
    assert response.status_code == 400, response.content
    assert words in response.json()["detail"]


def test_load_json_accepts_ordinary_documents_and_refuses_deep_ones():
    assert load_json(b'{"a": [1, 2.5, "\xc3\xa9t\xc3\xa9", {"b": null}]}') == {
        "a": [1, 2.5, "été", {"b": None}]
    }
    with pytest.raises(BadRequest):
        load_json("[" * 40 + "]" * 40)
    with pytest.raises(BadRequest):
        load_json(b"\xff")


# -- ZIP (XLSX) bombs --------------------------------------------------------------------------


def zip_bomb(expanded_mb: int) -> bytes:
    """A workbook-shaped ZIP whose sheet inflates to `expanded_mb` MB of zeros.

    Built from one compressed megabyte repeated (a full flush makes each copy self-contained),
    so that making a 3 GB bomb takes milliseconds. Its CRC is left at 0: computing it would take
    seconds, and a reader only finds out after inflating everything, which is the cost at stake.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b"\0" * MB) + packer.flush(zlib.Z_FULL_FLUSH)
    sheet = block * expanded_mb + packer.flush(zlib.Z_FINISH)
    types = b"<Types/>"
    return _zip(
        [
            ("[Content_Types].xml", 0, types, len(types), zlib.crc32(types)),
            ("xl/worksheets/sheet1.xml", 8, sheet, expanded_mb * MB, 0),
        ]
    )


def _zip(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A ZIP file written by hand: (name, method, stored bytes, inflated size, CRC) per member."""
    local, central = b"", b""
    for name, method, data, size, crc in members:
        encoded = name.encode()
        header = struct.pack(
            "<HHHHHIIIHH", 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + header
            + struct.pack("<HHHII", 0, 0, 0, 0, len(local))
            + encoded
        )
        local += struct.pack("<I", 0x04034B50) + header + encoded + data
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0
    )
    return local + central + end


def test_a_zip_bomb_is_refused_from_its_directory_in_well_under_a_second():
    bomb = zip_bomb(3000)
    assert len(bomb) < 4 * MB
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        check_zip_archive(bomb)
    assert time.perf_counter() - started < 0.2
    assert refused.value.field == "file"


def test_a_highly_compressed_member_is_refused_even_under_the_total():
    with pytest.raises(InvalidInput, match="compress"):
        check_zip_archive(zip_bomb(20))


def test_an_ordinary_workbook_passes():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in range(2000):
        sheet.append([f"round-{row}", row, "A reply written by a Party, in its own words."])
    buffer = io.BytesIO()
    book.save(buffer)
    check_zip_archive(buffer.getvalue())


def test_not_a_zip_is_refused_with_a_reason():
    with pytest.raises(InvalidInput, match="ZIP"):
        check_zip_archive(b"round,question\n1,2\n")


def test_the_monitoring_import_refuses_an_xlsx_bomb_before_opening_it():
    import openpyxl  # noqa: F401 — imported before the clock starts, as in a running server

    from lanzarote.monitoring.imports import read_table

    bomb = zip_bomb(3000)
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="expands"):
        read_table("replies.xlsx", bomb)
    assert time.perf_counter() - started < 0.5
