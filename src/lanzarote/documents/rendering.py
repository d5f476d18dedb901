"""Turning documents into files: Django templates to PDF through WeasyPrint, and DOCX through
python-docx.

Nothing is fetched from the internet while rendering: WeasyPrint gets a URL fetcher that serves
only the project's static files (found by `django.contrib.staticfiles.finders`) and refuses every
other URL, and fonts are installed ones named by family in the print stylesheet.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import docx
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from docx.document import Document as DocxDocument
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": PDF, "docx": DOCX}

# The base URL documents are rendered against. `.invalid` is reserved (RFC 2606): no such host
# can exist, and the fetcher below never opens a connection anyway.
BASE_URL = "https://documents.lanzarote.invalid/"


@dataclass(frozen=True)
class Document:
    """A generated file, ready to be stored or sent as a download."""

    content: bytes
    filename: str
    content_type: str


class ResourceRefused(ValueError):
    """A document asked for a resource that is not one of the project's static files."""


def static_path_for(url: str) -> str | None:
    """The relative path of the static file that `url` names (as `{% static %}` writes it,
    resolved against `BASE_URL`), or None when it names anything else."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL or "/static/")
    if not url.startswith(prefix):
        return None
    relative = unquote(urlsplit(url[len(prefix) :]).path)
    normalised = posixpath.normpath(relative) if relative else ""
    if not normalised or normalised == "." or normalised.startswith(("..", "/")):
        return None
    return normalised


class StaticFilesURLFetcher(URLFetcher):
    """Serves the project's static files and refuses every other URL, so rendering never touches
    the network or the file system outside the static directories."""

    def __init__(self) -> None:
        # A refused resource stops the rendering: a document must not silently lose a part.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = static_path_for(url)
        found = finders.find(path) if path else None
        if not found or isinstance(found, list) or not Path(found).is_file():
            raise ResourceRefused(f"Documents may only use the project's static files, not {url!r}")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, Path(found).read_bytes(), headers={"Content-Type": content_type}
        )


def render_html(*, template: str, context: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {**context, "LANGUAGE_CODE": language})


def render_pdf(*, template: str, context: dict[str, Any], language: str) -> bytes:
    """Render a Django template in `language` and print it to an A4 PDF (the page size, margins
    and page numbers come from `documents/_document.css`, which templates include inline)."""
    html = render_html(template=template, context=context, language=language)
    with translation.override(language):
        pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesURLFetcher()).write_pdf()
    if pdf is None:  # only when writing to a target, which we never do
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def render_docx(*, build: Callable[[DocxDocument], None]) -> bytes:
    """Create an empty Word document, let `build` fill it, and return the file's bytes."""
    document = docx.Document()
    build(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
