"""From a file's bytes to a table of text cells, each row with the line (or sheet row) it came
from. Three containers: a saved web page (the first HTML table whose header names the States
and the signature), a CSV file and an XLSX workbook (its first sheet). A file cut short is
refused with the line where it stops; a workbook's ZIP directory is checked before anything is
inflated."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

from django.utils.translation import gettext as _

from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.limits import check_zip_archive
from lanzarote.core.text import line_at, uploaded_text

# The chart of a treaty open to every State holds some two hundred rows at most.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
MAX_CELL_CHARACTERS = 2000

# The first cell of a header row, in either language.
HEADER_WORDS = ("states", "state", "états", "etats", "état", "etat")


class ChartUnreadable(InvalidInput):
    """A file that cannot be read past `line`."""

    def __init__(self, message: str, *, line: int = 1, column: str = "") -> None:
        super().__init__(message, field="file")
        self.line = line
        self.column = column


@dataclass
class Table:
    """The rows of the chart's table, each as (line, cells), the header first; and what the
    page says about itself (its title, the day its status was taken)."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    title: str = ""
    status_as_of: date | None = None


def read_table(filename: str, content: bytes) -> Table:
    if len(content) > MAX_BYTES:
        raise ChartUnreadable(
            _("The file is larger than %(limit)s MB; a chart is far smaller.")
            % {"limit": MAX_BYTES // 2**20}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        return Table(rows=_xlsx_rows(content))
    text = _decoded(content)
    if "\x00" in text:
        raise ChartUnreadable(
            _("The file contains a NUL character."), line=line_at(text, text.index("\x00"))
        )
    if name.endswith((".html", ".htm")):
        return _html_table(text)
    if name.endswith((".csv", ".txt")):
        return Table(rows=_csv_rows(text))
    raise InvalidInput(
        _("Send the chart as a saved web page (.html), a CSV file (.csv) or a workbook (.xlsx)."),
        field="file",
    )


def _decoded(content: bytes) -> str:
    try:
        return uploaded_text(content)
    except UnicodeDecodeError as error:
        raise ChartUnreadable(
            _("The file is not UTF-8 text (byte %(byte)s cannot be read).")
            % {"byte": f"0x{content[error.start]:02X}"},
            line=line_at(content, error.start),
        ) from None


def _too_many_rows(line: int) -> ChartUnreadable:
    return ChartUnreadable(
        _("The file has more than %(limit)s rows; a chart has far fewer.") % {"limit": MAX_ROWS},
        line=line,
    )


# -- CSV ---------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # strict: a quote left open at the end of the file is an error, not a silently longer cell.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for values in reader:
            if any(value.strip() for value in values):
                rows.append((line, [_clean(value) for value in values]))
            if len(rows) > MAX_ROWS:
                raise _too_many_rows(line)
            line = reader.line_num + 1
    except csv.Error as error:
        raise ChartUnreadable(
            _("This line cannot be read as CSV (%(reason)s): the file may be cut short.")
            % {"reason": error},
            line=line,
        ) from None
    return rows


def _clean(value: str) -> str:
    text = " ".join(value.replace("\xa0", " ").split())
    if len(text) > MAX_CELL_CHARACTERS:
        return text[:MAX_CELL_CHARACTERS]
    return text


# -- XLSX --------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        # A date typed as a date in the workbook reads as the chart writes it.
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def _xlsx_rows(content: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        check_zip_archive(content)
    except InvalidInput as refusal:
        raise ChartUnreadable(refusal.message) from None
    rows: list[tuple[int, list[str]]] = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for line, values in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
                cells = [_cell_text(value) for value in values]
                if any(cells):
                    rows.append((line, cells))
                if len(rows) > MAX_ROWS:
                    raise _too_many_rows(line)
        finally:
            book.close()
    except ChartUnreadable:
        raise
    except Exception:
        # openpyxl fails in many ways on a damaged or disguised file; all mean the same here.
        raise ChartUnreadable(_("The file is not a readable Excel (.xlsx) workbook.")) from None
    return rows


# -- HTML --------------------------------------------------------------------------------------

STATUS_AS_OF = re.compile(
    r"(?:status as of|situation au)\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE
)


class _TableCollector(HTMLParser):
    """Collects every table's rows as text, with the line each row starts on; remembers what
    is left open when the file ends."""

    SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[tuple[int, list[str]]]] = []
        self.open_tables: list[list[tuple[int, list[str]]]] = []
        self.row: tuple[int, list[str]] | None = None
        self.cell: list[str] | None = None
        self.title: list[str] | None = None
        self.title_text = ""
        self.skipping = 0
        self.text: list[str] = []
        self.last_line = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.last_line = self.getpos()[0]
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "title":
            self.title = []
        elif tag == "table":
            self.open_tables.append([])
        elif tag == "tr" and self.open_tables:
            self._close_row()
            self.row = (self.getpos()[0], [])
        elif tag in ("td", "th") and self.row is not None:
            self._close_cell()
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.last_line = self.getpos()[0]
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title" and self.title is not None:
            self.title_text = " ".join("".join(self.title).split())
            self.title = None
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_row()
        elif tag == "table" and self.open_tables:
            self._close_row()
            self.tables.append(self.open_tables.pop())

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.title is not None:
            self.title.append(data)
        if self.cell is not None:
            self.cell.append(data)
        self.text.append(data)

    def _close_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row[1].append(_clean("".join(self.cell)))
        self.cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self.row is not None and self.open_tables:
            if any(self.row[1]):
                self.open_tables[-1].append(self.row)
            if len(self.open_tables[-1]) > MAX_ROWS:
                raise _too_many_rows(self.row[0])
        self.row = None


def is_header(cells: list[str]) -> bool:
    first = cells[0].strip().rstrip(".").lower() if cells else ""
    return first in HEADER_WORDS and any("signature" in c.lower() for c in cells[1:])


def _html_table(text: str) -> Table:
    collector = _TableCollector()
    collector.feed(text)
    collector.close()
    for rows in [*collector.tables, *collector.open_tables]:
        if not any(is_header(cells) for _line, cells in rows):
            continue
        if any(rows is open_rows for open_rows in collector.open_tables):
            last = line_at(text, len(text.rstrip()))
            raise ChartUnreadable(
                _(
                    "The chart's table is not closed: the file is cut short after line "
                    "%(line)s. Save the whole page again."
                )
                % {"line": last},
                line=last,
            )
        found = STATUS_AS_OF.search(" ".join(collector.text))
        status_as_of = None
        if found:
            day, month, year = (int(part) for part in found.groups())
            try:
                status_as_of = date(year, month, day)
            except ValueError:
                status_as_of = None
        return Table(rows=rows, title=collector.title_text[:300], status_as_of=status_as_of)
    raise ChartUnreadable(
        _("The page holds no table whose header names the States and the signature.")
    )
