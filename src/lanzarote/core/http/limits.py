"""Limits on what a client may send, checked before the input costs memory or CPU.

- Request bodies: one cap for every route (`LANZAROTE_MAX_BODY_BYTES`) and larger caps for the few
  routes that take uploads (`LANZAROTE_UPLOAD_LIMITS`, by URL name). The edge middleware compares
  the declared length with the cap before anything reads the body; a chunked body is counted
  while it is read and spooled to disk past a small threshold (`spool_chunked_body`).
- JSON: depth, number size, NUL characters and lone surrogates (`load_json`).
- ZIP containers (XLSX): members, total expanded size and compression ratio read from the
  central directory before any member is inflated (`check_zip_archive`).

See docs/adr/0005-edge-limits.md for the numbers and why.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lanzarote.core.errors import BadRequest, InvalidInput, PayloadTooLarge
from lanzarote.core.schemas import unstorable_text

# Bodies up to this size stay in memory while a chunked request is read; larger ones go to disk.
SPOOL_IN_MEMORY_BYTES = 1024 * 1024
READ_CHUNK_BYTES = 64 * 1024

JSON_MAX_DEPTH = 32
# Longer than any identifier or count the API takes, far below Python's 4,300-digit guard.
JSON_MAX_NUMBER_DIGITS = 50


def megabytes(size: int) -> str:
    """A size for people, in the active language: `2.1 MB`, `2,1 Mo`."""
    return str(filesizeformat(size)).replace("\xa0", " ")


# -- request bodies ------------------------------------------------------------------------------


def body_limit(view_name: str | None) -> int:
    """The cap on the body of a request to the route named `view_name` (`app:name`)."""
    return int(settings.LANZAROTE_UPLOAD_LIMITS.get(view_name or "", body_limit_default()))


def body_limit_default() -> int:
    return int(settings.LANZAROTE_MAX_BODY_BYTES)


def body_limit_largest() -> int:
    """No route takes more than this: bodies over it are refused before the URL is resolved."""
    return max([body_limit_default(), *settings.LANZAROTE_UPLOAD_LIMITS.values()])


def too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        _("The request is too large: this address accepts at most %(limit)s.")
        % {"limit": megabytes(limit)}
    )


class CountingInput:
    """A `wsgi.input` that refuses to yield more than `limit` bytes in total.

    Whatever reads the body — Django's parsers, a view, the chunked spooler — gets
    `PayloadTooLarge` as soon as the client has sent more than the limit, so an oversized
    body never sits in memory whole, whatever its declared length.
    """

    def __init__(self, stream: Any, limit: int) -> None:
        self._stream = stream
        self.limit = limit
        self.consumed = 0

    def _count(self, data: bytes) -> bytes:
        self.consumed += len(data)
        if self.consumed > self.limit:
            raise too_large(self.limit)
        return data

    def read(self, size: int = -1) -> bytes:
        allowed = self.limit - self.consumed + 1
        if size is None or size < 0 or size > allowed:
            size = allowed
        return self._count(self._stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        allowed = self.limit - self.consumed + 1
        if size is None or size < 0 or size > allowed:
            size = allowed
        return self._count(self._stream.readline(size))

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line


def spool_chunked_body(stream: Any, limit: int) -> tuple[IO[bytes], int]:
    """Read a body of unknown length (chunked transfer encoding) up to `limit` bytes into a file
    that stays in memory while small, and return it rewound with its length. Django reads a body
    only as far as its Content-Length, so without this a chunked upload would silently arrive
    empty; with it the upload works and costs at most the limit, on disk."""
    counted = CountingInput(stream, limit)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES)  # noqa: SIM115
    try:
        while chunk := counted.read(READ_CHUNK_BYTES):
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool, counted.consumed


# -- JSON ------------------------------------------------------------------------------------------


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > JSON_MAX_NUMBER_DIGITS:
        raise _NumberTooLong
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > JSON_MAX_NUMBER_DIGITS * 2:
        raise _NumberTooLong
    return float(text)


def _refuse_constant(name: str) -> Any:
    raise JsonRefused(_("The JSON holds %(name)s, which is not a number.") % {"name": name})


class _NumberTooLong(ValueError):
    pass


class JsonRefused(BadRequest):
    """A JSON document refused by `load_json`; `line` is where the syntax broke, when it did."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.line = line


def load_json(raw: bytes | str, *, max_depth: int = JSON_MAX_DEPTH) -> Any:
    """Parse a JSON document a client sent, refusing with a 400 what would crash or corrupt:
    nesting deeper than `max_depth`, numbers with more digits than any real value, NaN and
    Infinity, NUL characters and lone surrogates (which the database cannot store)."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonRefused(_("The body is not UTF-8 text.")) from None
    else:
        text = raw
    try:
        document = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except _NumberTooLong:
        raise JsonRefused(
            _("The JSON holds a number longer than %(digits)s digits.")
            % {"digits": JSON_MAX_NUMBER_DIGITS}
        ) from None
    except RecursionError:
        raise _too_deep(max_depth) from None
    except json.JSONDecodeError as error:
        raise JsonRefused(
            _("This is not valid JSON (%(reason)s, column %(column)s).")
            % {"reason": error.msg, "column": error.colno},
            line=error.lineno,
        ) from None
    check_json_values(document, max_depth=max_depth)
    return document


def _too_deep(max_depth: int) -> JsonRefused:
    return JsonRefused(
        _("The JSON is nested more than %(depth)s levels deep.") % {"depth": max_depth}
    )


def check_json_values(document: Any, *, max_depth: int = JSON_MAX_DEPTH) -> None:
    """Walk a parsed document without recursion: depth, and text the database can store."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            problem = unstorable_text(value)
            if problem:
                raise JsonRefused(_("A text in the JSON %(problem)s.") % {"problem": problem})
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > max_depth:
            raise _too_deep(max_depth)
        if isinstance(value, dict):
            pending.extend((key, depth) for key in value)
            pending.extend((item, depth + 1) for item in value.values())
        else:
            pending.extend((item, depth + 1) for item in value)


# -- ZIP containers (XLSX) -------------------------------------------------------------------------

ZIP_MAX_MEMBERS = 500
ZIP_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
# Real workbooks compress their XML 5 to 30 times; a bomb a thousand times.
ZIP_MAX_RATIO = 100
# Members this small may compress better than the ratio without costing anything.
ZIP_RATIO_FLOOR_BYTES = 1024 * 1024


def check_zip_archive(
    content: bytes | IO[bytes],
    *,
    max_members: int = ZIP_MAX_MEMBERS,
    max_uncompressed: int = ZIP_MAX_UNCOMPRESSED_BYTES,
    max_ratio: int = ZIP_MAX_RATIO,
    field: str = "file",
) -> None:
    """Refuse a ZIP file (an XLSX workbook) that would expand beyond the limits, from its
    central directory alone. Python's zipfile never inflates a member beyond the size its
    directory declares, so the declared sizes bound the real cost of opening it."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise InvalidInput(
            _("The file is not a readable ZIP container (an .xlsx workbook is one)."), field=field
        ) from None
    finally:
        if not isinstance(content, bytes):
            source.seek(0)
    if len(members) > max_members:
        raise InvalidInput(
            _("The file holds %(count)s parts; at most %(limit)s are accepted.")
            % {"count": len(members), "limit": max_members},
            field=field,
        )
    total = sum(member.file_size for member in members)
    if total > max_uncompressed:
        raise InvalidInput(
            _("The file expands to %(size)s; at most %(limit)s are accepted.")
            % {"size": megabytes(total), "limit": megabytes(max_uncompressed)},
            field=field,
        )
    for member in members:
        if member.file_size <= ZIP_RATIO_FLOOR_BYTES:
            continue
        if member.file_size > max_ratio * max(member.compress_size, 1):
            raise InvalidInput(
                _(
                    "The file is compressed %(ratio)s times, more than any real workbook: it is "
                    "refused as a compression bomb."
                )
                % {"ratio": member.file_size // max(member.compress_size, 1)},
                field=field,
            )
