"""Rendering never reaches outside the project: the URL fetcher serves static files only."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import override_settings
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from lanzarote.documents.pdf import StaticFilesURLFetcher
from lanzarote.documents.rendering import BASE_URL, ResourceRefused, render_docx, static_path_for

PIXEL = (  # a 1×1 transparent PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def static_dir(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "documents-test").mkdir()
    (tmp_path / "documents-test" / "pixel.png").write_bytes(PIXEL)
    with override_settings(STATICFILES_DIRS=[tmp_path]):
        yield tmp_path


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x.png",
        "http://example.org/static/documents-test/pixel.png",
        "file:///etc/passwd",
        "data:image/png;base64,iVBORw0KGgo=",
        f"{BASE_URL}static/../../etc/passwd",
        f"{BASE_URL}static/",
        f"{BASE_URL}media/x.png",
        f"{BASE_URL}static/documents-test/missing.png",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(static_dir, url):
    with pytest.raises(ResourceRefused):
        StaticFilesURLFetcher()(url)


def test_the_fetcher_serves_a_static_file(static_dir):
    url = f"{BASE_URL}static/documents-test/pixel.png?v=1"
    assert static_path_for(url) == "documents-test/pixel.png"
    response = StaticFilesURLFetcher()(url)
    assert response.read() == PIXEL
    assert response.content_type == "image/png"
    response.close()


def test_a_document_may_show_a_static_image_but_not_a_remote_one(static_dir):
    fetcher = StaticFilesURLFetcher()
    local = '<p>Seal</p><img src="/static/documents-test/pixel.png" alt="">'
    pdf = HTML(string=local, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
    assert pdf is not None
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    remote = '<img src="https://example.org/x.png" alt="">'
    with pytest.raises(FatalURLFetchingError):
        HTML(string=remote, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def test_render_docx_returns_the_built_document():
    import docx

    content = render_docx(build=lambda document: document.add_paragraph("Bonjour à tous"))
    assert [p.text for p in docx.Document(BytesIO(content)).paragraphs] == ["Bonjour à tous"]
