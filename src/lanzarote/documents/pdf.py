"""Printing HTML to PDF through WeasyPrint, with a URL fetcher that serves only the project's
static files (found by `django.contrib.staticfiles.finders`) and refuses every other URL.

WeasyPrint takes seconds to import, so this module is imported only when a PDF is printed
(`rendering.render_pdf`): a process that never prints one (a test worker, a command, a web
process that serves pages) never pays for it.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lanzarote.documents.rendering import BASE_URL, ResourceRefused, static_path_for


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


def html_to_pdf(html: str) -> bytes:
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesURLFetcher()).write_pdf()
    if pdf is None:  # only when writing to a target, which we never do
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)
