"""Small helpers for the readiness tests."""

from __future__ import annotations

import io
import re

from django.http import HttpResponse
from docx import Document as open_docx
from pypdf import PdfReader

from lanzarote.readiness import selectors


def html(response: HttpResponse) -> str:
    return re.sub(r"\s+", " ", response.content.decode("utf-8"))


def pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def docx_text(content: bytes) -> str:
    document = open_docx(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def chapter_post(chapter: str, answers: dict[str, dict[str, str]], *, go_on: bool = True) -> dict:
    """The form data of a chapter page: `answers` maps obligation codes to their fields
    (status, notes, evidence, ref, url, fu-<question>); obligations not named stay blank."""
    data: dict[str, str] = {"continue" if go_on else "save": "1"}
    for entry in selectors.catalogue().chapter(chapter).obligations:
        prefix = f"o{entry.slug}"
        given = answers.get(entry.code, {})
        data[f"{prefix}-rows"] = "1"
        data[f"{prefix}-status"] = given.get("status", "not_known")
        data[f"{prefix}-ref-0"] = given.get("ref", "")
        data[f"{prefix}-url-0"] = given.get("url", "")
        data[f"{prefix}-evidence"] = given.get("evidence", "")
        data[f"{prefix}-notes"] = given.get("notes", "")
        data[f"{prefix}-shown"] = given.get("shown", "")
        for key, value in given.items():
            if key.startswith("fu-"):
                data[f"{prefix}-{key}"] = value
    return data
