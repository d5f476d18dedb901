"""Reading an import file: its size, its encoding, CSV or XLSX rows, and the shapes a preview
answers with."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from lanzarote.core.errors import DomainError, InvalidInput
from lanzarote.core.http.limits import check_zip_archive
from lanzarote.core.text import line_at, uploaded_text
from lanzarote.monitoring.models import (
    Question,
    Recommendation,
    Report,
    Round,
    StrengthLevel,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Blank lines are skipped, but not endlessly: a file of nothing but line ends is refused.
MAX_LINES = 10 * MAX_ROWS
COLUMNS = {
    "replies": (
        ["round", "question", "state", "text"],
        ["questionnaire_version", "language", "status", "submitted_on"],
    ),
    "recommendations": (
        ["report", "number", "text_en"],
        ["text_fr", "strength", "addressees", "articles", "questions"],
    ),
}
_SPLIT = re.compile(r"[\s,;]+")
# Digits 0-9 only: `str.isdigit` also says yes to "²" or "٣", which `int` then refuses or reads
# as another number than the one a person meant to write.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_TEXT = 50_000


def _max_length(model: Any, field: str) -> int:
    return int(model._meta.get_field(field).max_length)


# The longest value each column may hold: the database column's own length where it has one.
COLUMN_LIMITS = {
    "round": _max_length(Round, "slug"),
    "questionnaire_version": 6,
    "question": _max_length(Question, "number"),
    "state": 2,
    "text": MAX_TEXT,
    "language": 2,
    "status": 20,
    "submitted_on": 10,
    "report": _max_length(Report, "slug"),
    "number": _max_length(Recommendation, "number"),
    "text_en": MAX_TEXT,
    "text_fr": MAX_TEXT,
    "strength": _max_length(StrengthLevel, "slug"),
    "addressees": 2_000,
    "articles": 500,
    "questions": 2_000,
}


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str
    column: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column or None, "reason": self.reason}


@dataclass
class Preview:
    kind: str
    filename: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # the clean rows, ready to write
    problems: list[RowProblem] = field(default_factory=list)
    total: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems and self.total > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "filename": self.filename,
            "rows": self.total,
            "valid": len(self.rows),
            "clean": self.clean,
            "problems": [p.as_dict() for p in self.problems],
            "preview": self.rows[:50],
        }


# -- reading the file ------------------------------------------------------------------------


class FileTooLarge(DomainError):
    status = 413


class Unreadable(Exception):
    """A file that cannot be read past some line: reported as that line's problem."""

    def __init__(self, reason: str, line: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def check_size(size: int | None) -> None:
    """Refuse an upload over the limit before anything reads it."""
    if size is not None and size > MAX_BYTES:
        raise FileTooLarge(
            _("The file is larger than %(limit)s MB; split it.") % {"limit": MAX_BYTES // 2**20},
            field="file",
        )


def read_table(filename: str, content: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows with their line numbers (1 is the header). Raises `Unreadable`
    with the line where a CSV file stops making sense."""
    check_size(len(content))
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(content)
    else:
        raise InvalidInput(_("Send a CSV (.csv) or Excel (.xlsx) file."), field="file")
    if not table:
        raise Unreadable(_("The file is empty."))
    (_line, header_values), *records = table
    header = [h.strip().lower() for h in header_values]
    body = [
        (line, {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)})
        for line, values in records
        if any(v.strip() for v in values)
    ]
    return header, body


def _grouped(number: int) -> str:
    """131,072 in English, 131 072 in French."""
    return str(formats.number_format(number, force_grouping=True))


def _decoded(content: bytes) -> str:
    try:
        return uploaded_text(content)
    except UnicodeDecodeError as error:
        raise Unreadable(
            _(
                "The file is not UTF-8 text (byte %(byte)s cannot be read): save it as "
                "“CSV UTF-8” and send it again."
            )
            % {"byte": f"0x{content[error.start]:02X}"},
            line=line_at(content, error.start),
        ) from None


def _read_csv(content: bytes) -> list[tuple[int, list[str]]]:
    text = _decoded(content)
    nul = text.find("\x00")
    if nul >= 0:
        raise Unreadable(_("The file contains a NUL character."), line=line_at(text, nul))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="" lets the reader see CR LF, LF and CR alone as line ends, as the csv module wants.
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for values in reader:
            records.append((line, values))
            line = reader.line_num + 1
            if len(records) > MAX_ROWS + 1 or reader.line_num > MAX_LINES:
                break  # `preview` says there are too many rows
    except csv.Error as error:
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = _("a value is longer than %(limit)s characters") % {
                "limit": _grouped(csv.field_size_limit())
            }
        raise Unreadable(
            _("This line cannot be read as CSV: %(reason)s.") % {"reason": reason}, line=line
        ) from None
    return records


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a question or version typed as a number: 2, not 2.0
    return str(value).strip()


def _read_xlsx(content: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    # A workbook is a ZIP file: its directory is checked before anything is inflated.
    check_zip_archive(content)
    records: list[tuple[int, list[str]]] = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for line, values in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
                records.append((line, [_cell_text(v) for v in values]))
                if len(records) > MAX_ROWS + 1 or line > MAX_LINES:
                    break
        finally:
            book.close()
    except Exception:
        # openpyxl raises many kinds of errors on a damaged or disguised file; all mean the same.
        raise InvalidInput(
            _("The file is not a readable Excel (.xlsx) workbook."), field="file"
        ) from None
    return records
