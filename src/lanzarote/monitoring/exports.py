"""Every monitoring list as CSV, XLSX or JSON, from the presenters' rows (so a download says
exactly what the page and the API say). Demonstration records are left out of downloads unless
asked for (`include_demo`), and a download that includes them says so in its name."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return value


def to_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    # A byte-order mark so spreadsheet programs read the accents as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(rows: Sequence[dict[str, Any]], fields: Sequence[str], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "data"
    sheet.append(list(fields))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx(row.get(k)) for k in fields])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx(value: Any) -> Any:
    value = _cell(value)
    # Text that a spreadsheet would run as a formula is written as plain text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_json(data: Any) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def response(
    *,
    rows: Sequence[dict[str, Any]],
    fields: Sequence[str],
    file_format: str,
    filename: str,
    json_data: Any = None,
    include_demo: bool = False,
) -> HttpResponse:
    """A download of `rows` in `file_format`; JSON gives `json_data` when given (richer)."""
    name = f"{filename}{'-with-demo' if include_demo else ''}"
    if file_format == "csv":
        body = to_csv(rows, fields)
    elif file_format == "xlsx":
        body = to_xlsx(rows, fields, title=filename)
    else:
        file_format = "json"
        body = to_json(json_data if json_data is not None else list(rows))
    result = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    result["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return result
