"""Small readers of rendered pages and downloads shared by the web tests."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from django.http import HttpResponse


def text(response: HttpResponse) -> str:
    return response.content.decode("utf-8")


def squash(html: str) -> str:
    """Collapse whitespace so assertions do not depend on template indentation."""
    return re.sub(r"\s+", " ", html)


def csv_rows(response: HttpResponse) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text(response))))


def json_body(response: HttpResponse) -> Any:
    return json.loads(text(response))


def figure(html: str, label: str) -> int:
    """The number shown under a figure's label, e.g. "Parties" → 48."""
    match = re.search(
        rf"<dt>\s*{re.escape(label)}\s*</dt>\s*<dd>\s*(\d+)\s*</dd>", html, flags=re.S
    )
    assert match, f"no figure labelled {label!r}"
    return int(match.group(1))


def row_codes(html: str) -> list[str]:
    """State codes of the table rows, in the order shown (from the profile links)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r'<th scope="row">\s*<a href="/[a-z]{2}/states/([A-Z]{2})/"', body)
