"""From the chart's table to one checked row per State.

The columns are found by their headings, in English or French: States, Signature,
Ratification, Entry into force, Notes and the marks R. D. A. T. C. O. Dates are written
d/m/yyyy and may carry footnote markers ("15/9/2011 a", "25/10/2007 *"); "a" beside the
ratification, or in the notes, says the instrument was one of accession. A denunciation (or
withdrawal from the treaty) is read from the notes, "Denunciation: d/m/yyyy". Every problem is
reported with its row and column; a chart with problems is not compared, let alone applied.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanzarote.registry.chart_import.names import normalised
from lanzarote.registry.chart_import.tables import Table, is_header

# Column → the headings it goes by (folded: lower case, no trailing dot).
COLUMNS = {
    "state": ("states", "state", "états", "etats", "état", "etat"),
    "signature": ("signature",),
    "consent": (
        "ratification",
        "ratification or accession",
        "ratification ou adhésion",
        "ratification, acceptance, approval or accession",
    ),
    "entry_into_force": ("entry into force", "entrée en vigueur", "entree en vigueur"),
    "notes": ("notes", "renvois", "remarques"),
}
MARKS = ("R", "D", "A", "T", "C", "O")
REQUIRED = ("state", "signature", "consent", "entry_into_force")
MARK_WORDS = {
    "R": gettext_lazy("reservations"),
    "D": gettext_lazy("declarations"),
    "A": gettext_lazy("authorities"),
    "T": gettext_lazy("territorial application"),
    "C": gettext_lazy("communications"),
    "O": gettext_lazy("objections"),
}

_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b\s*(.*)$")
# What may follow a date: letters such as a (accession), s, su, r; asterisks; footnote numbers.
_MARKERS = re.compile(r"^(?:\s*(?:[a-z]{1,3}(?![a-z])|\*+|\(\d{1,3}\)|\d{1,3}(?!\d))[,;]?)*\s*$")
_DENUNCIATION = re.compile(
    r"(?:denunciation|withdrawal|dénonciation|denonciation|retrait)\s*:?\s*(\S+)", re.IGNORECASE
)
_SKIPPED_ROWS = re.compile(r"^(total|nombre total)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ChartProblem:
    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column or None, "reason": self.reason}

    def __str__(self) -> str:
        where = _("row %(line)s") % {"line": self.line}
        if self.column:
            where = _("row %(line)s, column %(column)s") % {
                "line": self.line,
                "column": self.column,
            }
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ChartRow:
    """What the chart says about one State."""

    line: int
    name: str
    state: str
    signature: date | None = None
    consent: date | None = None
    accession: bool = False
    entry_into_force: date | None = None
    denunciation: date | None = None
    marks: frozenset[str] = frozenset()
    footnotes: tuple[str, ...] = ()


@dataclass
class ParsedChart:
    filename: str
    title: str = ""
    status_as_of: date | None = None
    rows: list[ChartRow] = field(default_factory=list)
    problems: list[ChartProblem] = field(default_factory=list)


def _heading(cell: str) -> str:
    return " ".join(cell.lower().rstrip(".").split())


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        heading = _heading(cell)
        for column, names in COLUMNS.items():
            if heading in names or (column == "consent" and heading.startswith("ratification")):
                found.setdefault(column, index)
        if heading.upper() in MARKS:
            found.setdefault(heading.upper(), index)
    return found


def parse_chart(table: Table, *, filename: str, names: Mapping[str, str]) -> ParsedChart:
    """Read `table` into rows; `names` maps folded names to State codes (`names.names_index`)."""
    chart = ParsedChart(filename=filename, title=table.title, status_as_of=table.status_as_of)
    start = next((i for i, (_l, cells) in enumerate(table.rows) if is_header(cells)), None)
    if start is None:
        line = table.rows[0][0] if table.rows else 1
        chart.problems.append(
            ChartProblem(
                line,
                "",
                _("No header row: the first column must be headed States and another Signature."),
            )
        )
        return chart
    header_line, header = table.rows[start]
    columns = _columns(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        chart.problems.append(
            ChartProblem(
                header_line,
                "",
                _("The header lacks the columns %(columns)s.") % {"columns": ", ".join(missing)},
            )
        )
        return chart
    seen: dict[str, int] = {}
    for line, cells in table.rows[start + 1 :]:
        if is_header(cells) or _SKIPPED_ROWS.match(cells[0] if cells else ""):
            continue
        if sum(1 for cell in cells if cell) == 1 and cells[0] and len(cells) < len(header):
            continue  # a heading row of a web page: "Members of the Council of Europe"
        row = _row(line, cells, header, columns, names, chart.problems)
        if row is None:
            continue
        if row.state in seen:
            chart.problems.append(
                ChartProblem(
                    line,
                    header[columns["state"]],
                    _("%(name)s is already on row %(line)s.")
                    % {"name": row.name, "line": seen[row.state]},
                )
            )
            continue
        seen[row.state] = line
        chart.rows.append(row)
    if not chart.rows and not chart.problems:
        chart.problems.append(ChartProblem(header_line, "", _("The chart lists no State.")))
    return chart


def _row(
    line: int,
    cells: list[str],
    header: list[str],
    columns: Mapping[str, int],
    names: Mapping[str, str],
    problems: list[ChartProblem],
) -> ChartRow | None:
    before = len(problems)
    needed = max(columns[name] for name in REQUIRED) + 1
    if len(cells) < needed:
        problems.append(
            ChartProblem(
                line,
                "",
                _(
                    "This row has %(count)s cells where the header has %(expected)s: "
                    "the file may be cut short."
                )
                % {"count": len(cells), "expected": len(header)},
            )
        )
        return None

    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""

    name = cell("state")
    code = names.get(normalised(name)) if name else None
    if code is None:
        problems.append(
            ChartProblem(
                line,
                header[columns["state"]],
                _(
                    "%(name)s is not a State the registry knows "
                    "(by its English, French or former name)."
                )
                % {"name": name or "—"},
            )
        )
    footnotes: list[str] = []
    dates: dict[str, date | None] = {}
    letters: set[str] = set()
    for column in ("signature", "consent", "entry_into_force"):
        value, marks, problem = read_date(cell(column))
        if problem:
            problems.append(ChartProblem(line, header[columns[column]], problem))
        dates[column] = value
        for mark in marks:
            if mark.isalpha():
                letters.add(mark)
            else:
                footnotes.append(mark)
    notes = cell("notes")
    denunciation = None
    found = _DENUNCIATION.search(notes)
    if found:
        denunciation, _marks, problem = read_date(found.group(1))
        if problem or denunciation is None:
            problems.append(
                ChartProblem(
                    line, header[columns["notes"]], problem or _("The denunciation has no date.")
                )
            )
    elif notes:
        letters.update(word for word in re.split(r"[\s,;]+", notes.lower()) if word.isalpha())
    # Some charts give the marks in the notes ("R, D") rather than in their own columns; a
    # capital letter alone there is a mark, the lower-case "a" beside a date an accession.
    noted = {word.rstrip(".") for word in re.split(r"[\s,;/]+", notes)} & set(MARKS)
    if len(problems) > before or code is None:
        return None
    return ChartRow(
        line=line,
        name=name,
        state=code,
        signature=dates["signature"],
        consent=dates["consent"],
        accession="a" in letters,
        entry_into_force=dates["entry_into_force"],
        denunciation=denunciation,
        marks=frozenset(mark for mark in MARKS if mark in columns and cell(mark)) | noted,
        footnotes=tuple(footnotes),
    )


def read_date(text: str) -> tuple[date | None, tuple[str, ...], str]:
    """A chart's date cell: the day, the markers beside it, and the problem if it is not one."""
    text = text.strip()
    if not text:
        return None, (), ""
    found = _DATE.match(text)
    if found is None:
        if _MARKERS.match(text) and not any(c.isalpha() for c in text):
            return None, tuple(text.split()), ""
        return None, (), _("%(text)s is not a date written d/m/yyyy.") % {"text": text[:40]}
    day, month, year, rest = found.groups()
    if rest and not _MARKERS.match(rest):
        return None, (), _("%(text)s is not a date written d/m/yyyy.") % {"text": text[:40]}
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None, (), _("%(text)s is not a day of the calendar.") % {"text": text[:40]}
    if not 1900 <= value.year <= 2200:
        return None, (), _("%(text)s is not a plausible year.") % {"text": text[:40]}
    marks = tuple(re.findall(r"[a-z]{1,3}|\*+|\(\d{1,3}\)|\d{1,3}", rest))
    return value, marks, ""
