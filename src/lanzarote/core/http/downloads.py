"""Downloads: every list a page shows, as CSV, JSON or XLSX with a filename, and documents (PDF,
DOCX) as attachments. One cell convention everywhere: empty for None, "yes"/"no" for booleans
(`plain_cell`); for the files people open in a spreadsheet (`cell`), also lists joined with ";",
and text that a spreadsheet would run as a formula written as plain text. Lists are joined with
";" rather than spaces because an item may itself hold spaces (a title, a name): ";" keeps the
items apart and spreadsheet programs split on it. Open data keeps its text as recorded
(`plain_cell`): it is read by programs, and a quote added to a text would change the data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from lanzarote.core.renders import RETRY_SECONDS, Rendered

CSV = "text/csv; charset=utf-8"
JSON = "application/json; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_FORMATS = ("csv", "xlsx", "json")


def plain_cell(value: Any) -> Any:
    """A value as a CSV cell, as it is but for None (empty) and booleans ("yes"/"no")."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell."""
    value = plain_cell(value)
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def attachment(
    body: bytes | str, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """`body` as a file named `filename` (to save, or to show when `inline`)."""
    response = HttpResponse(body, content_type=content_type)
    safe = filename.replace('"', "").replace("\\", "").replace("\n", "").replace("\r", "")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{safe}"'
    return response


def file_or_preparing(request: HttpRequest, rendered: Rendered | None) -> HttpResponse:
    """A render as a download, or, while the worker prepares it, a short page (202) that says
    so and reloads itself; never kept by a cache, as the next answer will be the file."""
    if rendered is not None:
        return attachment(
            rendered.content, filename=rendered.filename, content_type=rendered.content_type
        )
    page = loader.render_to_string(
        "preparing.html",
        {
            "retry_seconds": RETRY_SECONDS,
            "detail": _("The document you asked for is being made from the current record."),
        },
        request=request,
    )
    response = HttpResponse(page, status=202)
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def csv_bytes(
    rows: Iterable[dict[str, Any]],
    fields: Sequence[str],
    *,
    bom: bool = False,
    as_cell: Callable[[Any], Any] = cell,
) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: as_cell(row.get(name)) for name in fields})
    # A byte-order mark makes some spreadsheet programs read the accents as UTF-8.
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def csv_download(
    rows: Iterable[dict[str, Any]], fields: Sequence[str], filename: str, *, bom: bool = False
) -> HttpResponse:
    """`rows` (only the `fields` columns, in that order) as `<filename>.csv`."""
    return attachment(
        csv_bytes(rows, fields, bom=bom), filename=f"{filename}.csv", content_type=CSV
    )


def json_bytes(data: Any, *, indent: int | None = 2) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=indent).encode()


def json_download(data: Any, filename: str) -> HttpResponse:
    """`data` as `<filename>.json`."""
    return attachment(json_bytes(data), filename=f"{filename}.json", content_type=JSON)


def xlsx_bytes(rows: Iterable[dict[str, Any]], fields: Sequence[str], *, title: str) -> bytes:
    from openpyxl import Workbook  # loaded on demand: few requests ask for a spreadsheet
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "data"
    sheet.append(list(fields))
    for header in sheet[1]:
        header.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(row.get(name)) for name in fields])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_download(
    rows: Iterable[dict[str, Any]], fields: Sequence[str], filename: str
) -> HttpResponse:
    """`rows` as `<filename>.xlsx`, one sheet with a bold header row."""
    body = xlsx_bytes(rows, fields, title=filename)
    return attachment(body, filename=f"{filename}.xlsx", content_type=XLSX)


def table_download(
    rows: Sequence[dict[str, Any]],
    fields: Sequence[str],
    filename: str,
    *,
    file_format: str,
    json_data: Any = None,
    bom: bool = False,
) -> HttpResponse:
    """The same rows as CSV, XLSX or JSON (any other format); JSON gives `json_data` when given
    (an answer richer than the table), else a list of objects with the `fields`."""
    if file_format == "csv":
        return csv_download(rows, fields, filename, bom=bom)
    if file_format == "xlsx":
        return xlsx_download(rows, fields, filename)
    if json_data is None:
        json_data = [{name: row.get(name) for name in fields} for row in rows]
    return json_download(json_data, filename)
