"""Turning documents into files: Django templates to PDF through WeasyPrint, and DOCX through
python-docx.

Nothing is fetched from the internet while rendering: WeasyPrint gets a URL fetcher that serves
only the project's static files and refuses every other URL (`documents.pdf`, imported on the
first PDF), and fonts are installed ones named by family in the print stylesheet.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import docx
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.text.paragraph import Paragraph

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


def render_html(*, template: str, context: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {**context, "LANGUAGE_CODE": language})


def render_pdf(*, template: str, context: dict[str, Any], language: str) -> bytes:
    """Render a Django template in `language` and print it to an A4 PDF (the page size, margins
    and page numbers come from `documents/_document.css`, which templates include inline)."""
    # Imported here, not above: WeasyPrint takes seconds to import and only a PDF needs it.
    from lanzarote.documents.pdf import html_to_pdf

    html = render_html(template=template, context=context, language=language)
    with translation.override(language):
        return html_to_pdf(html)


def render_docx(*, build: Callable[[DocxDocument], None]) -> bytes:
    """Create an empty Word document, let `build` fill it, and return the file's bytes."""
    document = docx.Document()
    build(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_document(
    *,
    file_format: str,
    template: str,
    context: dict[str, Any],
    build: Callable[[DocxDocument], None],
    stem: str,
    language: str,
) -> Document:
    """One document in either format: a PDF printed from `template` with `context`, or a DOCX
    laid out by `build`; the file is named `<stem>-<language>.<format>`."""
    if file_format == "pdf":
        content = render_pdf(template=template, context=context, language=language)
    else:
        content = render_docx(build=build)
    return Document(
        content=content,
        filename=f"{stem}-{language}.{file_format}",
        content_type=CONTENT_TYPES[file_format],
    )


def add_word_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field such as PAGE or NUMPAGES, updated by Word when the page is laid out."""
    field_element = OxmlElement("w:fldSimple")
    field_element.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field_element.append(run)
    paragraph._p.append(field_element)


def add_page_numbers(section: Section, label: str) -> None:
    """A centred footer reading "`label` 2 / 5", the numbers counted by Word."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{label} ")
    add_word_field(footer, "PAGE")
    footer.add_run(" / ")
    add_word_field(footer, "NUMPAGES")
