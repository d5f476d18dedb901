"""Small readers of rendered pages and downloads shared by the web tests."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
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


class _Structure(HTMLParser):
    """Finds unbalanced tags and block elements inside paragraphs (which browsers split)."""

    BLOCKS = frozenset(
        [
            "div",
            "ul",
            "ol",
            "dl",
            "details",
            "section",
            "table",
            "p",
            "h1",
            "h2",
            "h3",
            "form",
            "nav",
            "aside",
            "header",
            "footer",
        ]
    )
    VOID = frozenset(["meta", "link", "img", "input", "br", "hr"])

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS and "p" in self.stack:
            self.problems.append(f"<{tag}> inside <p> at line {self.getpos()[0]}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.problems.append(f"</{tag}> closes <{self.stack[-1:]}> at line {self.getpos()[0]}")


def structure_problems(html: str) -> list[str]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.problems + [f"<{tag}> never closed" for tag in parser.stack]
