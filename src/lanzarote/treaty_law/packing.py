"""Dates known with uncertainty as plain integers, for the answers kept in a cache.

A treaty's timeline holds some 1,500 `KnownDate`s; pickled as objects they weigh tens of
kilobytes and take milliseconds to rebuild, most of it the machinery of the objects rather
than the facts. Three integers say the same: the bounds as day ordinals (0: open) and the
precision (0: no date at all). The dates rebuilt from them were checked when first made, so
they are not checked again (`unpack_date`).
"""

from __future__ import annotations

from datetime import date

from lanzarote.treaty_law.dates import KnownDate, Precision

PRECISIONS: tuple[Precision, ...] = tuple(Precision)
_PRECISION_CODES = {precision: code for code, precision in enumerate(PRECISIONS, start=1)}
NO_DATE = (0, 0, 0)


def pack_day(day: date | None) -> int:
    return day.toordinal() if day is not None else 0


def unpack_day(ordinal: int) -> date | None:
    return date.fromordinal(ordinal) if ordinal else None


def pack_date(known: KnownDate | None) -> tuple[int, int, int]:
    if known is None:
        return NO_DATE
    return pack_day(known.earliest), pack_day(known.latest), _PRECISION_CODES[known.precision]


def unpack_date(earliest: int, latest: int, precision: int) -> KnownDate | None:
    """The date `pack_date` packed, without checking its bounds again (they were checked when
    the date was first made, and packing keeps them exactly)."""
    if not precision:
        return None
    known = object.__new__(KnownDate)
    known.__dict__.update(
        earliest=unpack_day(earliest),
        latest=unpack_day(latest),
        precision=PRECISIONS[precision - 1],
    )
    return known
