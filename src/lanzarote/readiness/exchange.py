"""The answers of an assessment as a JSON file, and reading such a file back.

The file is versioned (`schema`, `version`). Reading checks every row and reports each problem
with its line in the file, the answer's position and the field; a file with any problem is
refused as a whole, so nothing is written until the file is clean.

    {
      "schema": "lanzarote.readiness.answers",
      "version": 1,
      "state": "BR",
      "title": "Baseline, March 2026",
      "weprotect_member": false,
      "exported_at": "2026-03-02T10:00:00+01:00",
      "answers": [
        {"obligation": "23", "status": "partly",
         "provisions": [{"reference": "Statute of the Child, art. 241-D", "url": "https://…"}],
         "evidence": "…", "notes": "…", "followups": {"online_proposal": "yes"}}
      ]
    }
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from lanzarote.core.errors import InvalidInput
from lanzarote.readiness import selectors
from lanzarote.readiness.answers import Answer, AnswerSheet, clean_answer, unstorable
from lanzarote.readiness.selectors import Catalogue

SCHEMA = "lanzarote.readiness.answers"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
MAX_BYTES = 2 * 1024 * 1024
TOP_LEVEL = {"schema", "version", "state", "title", "weprotect_member", "exported_at", "answers"}
# An exported file nests five levels (file, answers, answer, provisions, provision); anything
# deeper is not one, and is refused before the parser would recurse into it.
MAX_DEPTH = 8
# No number in the format has more than a few digits; Python refuses to read more than 4,300.
MAX_INTEGER_DIGITS = 20
# Past this many, the problems of a file are counted, not listed.
MAX_LISTED = 100
STATE_CODE = re.compile(r"[A-Za-z]{2}")
# Strings and the brackets outside them: enough to measure nesting without parsing.
_STRUCTURE = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def export_document(
    sheet: AnswerSheet, *, book: Catalogue, exported_at: datetime
) -> dict[str, Any]:
    """The current answers in catalogue order; unanswered obligations are left out."""
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "state": sheet.state.code if sheet.state else None,
        "title": sheet.title,
        "weprotect_member": sheet.weprotect_member,
        "exported_at": exported_at.isoformat(),
        "answers": [
            {"obligation": entry.code, **sheet.answers[entry.code].as_dict()}
            for entry in book.obligations
            if entry.code in sheet.answers
        ],
    }


def export_bytes(document: dict[str, Any]) -> bytes:
    # One answer per block of lines, so that import errors can point at a line a person can find.
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class RowError:
    line: int | None
    row: int | None
    obligation: str | None
    field: str
    message: str

    @classmethod
    def of_file(cls, field: str, message: str) -> RowError:
        """A problem with the file as a whole (`field` of its top level, or "" for none)."""
        return cls(None, None, None, field, message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "row": self.row,
            "obligation": self.obligation,
            "field": self.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.row is not None:
            where.append(_("answer %(row)s") % {"row": self.row})
        if self.obligation:
            where.append(self.obligation)
        prefix = ", ".join(where)
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"{prefix} — {text}" if prefix else text


class ImportRefused(InvalidInput):
    """The file has problems; nothing was written. `errors` lists them (the first
    `MAX_LISTED`, then one that counts the others). `status` is 413 for a file too large."""

    def __init__(self, errors: list[RowError], *, status: int = 422) -> None:
        super().__init__(
            _("The file was not imported: %(count)s problem(s) found. Nothing was saved.")
            % {"count": len(errors)}
        )
        self.status = status
        self.errors = errors[:MAX_LISTED]
        if len(errors) > MAX_LISTED:
            self.errors.append(
                RowError.of_file(
                    "", _("and %(count)s more problem(s)") % {"count": len(errors) - MAX_LISTED}
                )
            )

    def as_dict(self) -> dict[str, Any]:
        payload: dict[str, Any] = dict(super().as_dict())
        payload["errors"] = [e.as_dict() for e in self.errors]
        return payload


@dataclass(frozen=True)
class ParsedExport:
    state: str | None
    title: str
    weprotect_member: bool
    answers: dict[str, Answer]


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _answer_offsets(text: str) -> Iterator[int]:
    """The offset of each element of the top-level "answers" array, found by walking the
    top-level object with the standard decoder (the text is already known to be valid JSON)."""
    decoder = json.JSONDecoder()
    index = _skip(text, 0)
    if not text.startswith("{", index):
        return
    index = _skip(text, index + 1)
    while index < len(text) and text[index] != "}":
        key, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        index = _skip(text, index + 1)  # the colon
        if key == "answers" and text.startswith("[", index):
            index = _skip(text, index + 1)
            while index < len(text) and text[index] != "]":
                yield index
                _value, index = decoder.raw_decode(text, index)
                index = _skip(text, index)
                if text.startswith(",", index):
                    index = _skip(text, index + 1)
            return
        _value, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        if text.startswith(",", index):
            index = _skip(text, index + 1)


def check_size(size: int | None) -> None:
    """Refuse a file over the limit before anything reads it (413)."""
    if size is not None and size > MAX_BYTES:
        raise ImportRefused([RowError.of_file("", _("The file is larger than 2 MB."))], status=413)


class _NumberTooLong(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _NumberTooLong(digits)
    return int(digits)


def _too_deep(text: str) -> RowError | None:
    depth = 0
    for match in _STRUCTURE.finditer(text):
        mark = match.group()
        if mark in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return RowError(
                    _line_of(text, match.start()),
                    None,
                    None,
                    "",
                    _("The file nests more deeply than an exported assessment (%(depth)s levels).")
                    % {"depth": MAX_DEPTH},
                )
        elif mark in "]}":
            depth -= 1
    return None


def _load(text: str) -> Any:
    """The JSON document, or `ImportRefused` with the line of what makes it unreadable: bad
    syntax, nesting deeper than the format, or an integer too long to be one of its numbers."""
    problem = _too_deep(text)
    if problem is None:
        try:
            return json.loads(text, parse_int=_bounded_int)
        except _NumberTooLong as error:
            problem = RowError(
                _line_of(text, max(text.find(error.digits), 0)),
                None,
                None,
                "",
                _(
                    "A number has %(count)s digits; no number in an exported file has more than "
                    "%(limit)s."
                )
                % {"count": len(error.digits.lstrip("-")), "limit": MAX_INTEGER_DIGITS},
            )
        except json.JSONDecodeError as error:
            problem = RowError(
                error.lineno,
                None,
                None,
                "",
                _("This is not valid JSON (%(reason)s, column %(column)s).")
                % {"reason": error.msg, "column": error.colno},
            )
    raise ImportRefused([problem])


def parse_export(raw: bytes | str, *, book: Catalogue | None = None) -> ParsedExport:
    """Read and check an exported file. Raises `ImportRefused` listing every problem."""
    book = book or selectors.catalogue()
    if isinstance(raw, bytes):
        check_size(len(raw))
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportRefused(
                [
                    RowError(
                        raw.count(b"\n", 0, error.start) + 1,
                        None,
                        None,
                        "",
                        _("The file is not UTF-8 text."),
                    )
                ]
            ) from None
    else:
        text = raw
    document = _load(text)
    errors: list[RowError] = []

    def top(field: str, message: str) -> None:
        errors.append(RowError.of_file(field, message))

    if not isinstance(document, dict):
        raise ImportRefused([RowError(1, None, None, "", _("The file must hold a JSON object."))])
    for name in sorted(set(document) - TOP_LEVEL):
        top(name, _("is not a field of an exported assessment"))
    if document.get("schema") != SCHEMA:
        top("schema", _("must be %(schema)r") % {"schema": SCHEMA})
    if document.get("version") not in SUPPORTED_VERSIONS:
        top(
            "version",
            _("version %(version)r is not supported (supported: %(supported)s)")
            % {
                "version": document.get("version"),
                "supported": ", ".join(str(v) for v in SUPPORTED_VERSIONS),
            },
        )
    state = document.get("state")
    if state is not None and (not isinstance(state, str) or not STATE_CODE.fullmatch(state)):
        top("state", _("must be a two-letter ISO 3166-1 code or null"))
        state = None
    title = document.get("title") or ""
    if not isinstance(title, str) or len(title) > 200:
        top("title", _("must be text of at most 200 characters"))
        title = ""
    elif unstorable(title):
        top("title", unstorable(title) or "")
        title = ""
    weprotect = document.get("weprotect_member", False)
    if not isinstance(weprotect, bool):
        top("weprotect_member", _("must be true or false"))
        weprotect = False
    rows = document.get("answers")
    if not isinstance(rows, list):
        top("answers", _("must be a list of answers"))
        rows = []
    if len(rows) > len(book.obligations):
        # One answer per obligation at most: a longer list is not an export, and is not read.
        top(
            "answers",
            _("lists %(count)s answers; the catalogue has %(total)s obligations")
            % {"count": len(rows), "total": len(book.obligations)},
        )
        rows = []
    lines = [_line_of(text, offset) for offset in _answer_offsets(text)]
    answers: dict[str, Answer] = {}
    for index, row in enumerate(rows):
        line = lines[index] if index < len(lines) else None
        number = index + 1
        if not isinstance(row, dict):
            errors.append(RowError(line, number, None, "", _("must be an object")))
            continue
        code = row.get("obligation")
        if not isinstance(code, str) or code not in book.by_code:
            errors.append(
                RowError(
                    line,
                    number,
                    str(code) if code is not None else None,
                    "obligation",
                    _("is not an obligation of the catalogue"),
                )
            )
            continue
        if code in answers:
            errors.append(
                RowError(line, number, code, "obligation", _("is answered twice in the file"))
            )
            continue
        answer, problems = clean_answer(
            row, allowed_followups=selectors.allowed_followup_answers(code)
        )
        errors.extend(RowError(line, number, code, p.field, p.message) for p in problems)
        if not problems:
            answers[code] = answer
    if errors:
        raise ImportRefused(errors)
    return ParsedExport(
        state=state.upper() if state else None,
        title=title.strip(),
        weprotect_member=weprotect,
        answers=answers,
    )
