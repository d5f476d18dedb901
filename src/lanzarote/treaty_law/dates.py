"""Legal dates as they are actually known, and the calendar arithmetic of final clauses.

Sources rarely give every date to the day: a deposit may be known only to the month ("San Marino
ratified in March 2010"), or only bounded by a list that contains it ("a Party by June 2016").
`KnownDate` keeps the bounds instead of guessing, so the rules can say what is certain and what
is not.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from lanzarote.treaty_law.explain import DateFormatter, Translate, _, identity


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


def _last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _iso_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def add_months(d: date, n: int) -> date:
    """The same day `n` months later (or earlier), clamped to the end of a shorter month."""
    year, month_index = divmod(d.month - 1 + n, 12)
    year += d.year
    month = month_index + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def first_day_of_month_after_period(d: date, months: int) -> date:
    """ "The first day of the month following the expiration of a period of N months after" d.

    A period of N months that starts on any day of month M expires on the corresponding day of
    month M+N, so the month "following the expiration" is always M+N+1, whatever the day in M.
    The Council of Europe's Treaty Office counts it that way even for a deposit on the 1st: the
    Slovak Republic deposited on 1 March 2016 and was bound from 1 July 2016, not 1 June.
    """
    return add_months(date(d.year, d.month, 1), months + 1)


@dataclass(frozen=True)
class KnownDate:
    """A date known exactly, to the month, to the year, within bounds, or not at all.

    `earliest` and `latest` are inclusive; None means unbounded on that side.
    """

    earliest: date | None
    latest: date | None
    precision: Precision

    def __post_init__(self) -> None:
        # Accept "day" etc. so rows read from storage can be passed straight in.
        object.__setattr__(self, "precision", Precision(self.precision))
        for name in ("earliest", "latest"):
            bound = getattr(self, name)
            if isinstance(bound, datetime) or not (bound is None or isinstance(bound, date)):
                raise TypeError(f"KnownDate.{name} must be a date or None, got {bound!r}")
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise ValueError(
                f"earliest date {self.earliest.isoformat()} is after latest date "
                f"{self.latest.isoformat()}: the bounds of a date must not cross"
            )
        self._check_precision()

    def _check_precision(self) -> None:
        lo, hi, precision = self.earliest, self.latest, self.precision
        if precision is Precision.UNKNOWN:
            if lo is not None or hi is not None:
                raise ValueError("an unknown date cannot have bounds; use Precision.RANGE")
            return
        if precision is Precision.RANGE:
            if lo is None and hi is None:
                raise ValueError("a range needs at least one bound; use KnownDate.unknown()")
            if lo is not None and lo == hi:
                raise ValueError(
                    f"a range from {lo.isoformat()} to itself is an exact date; "
                    "use KnownDate.exact()"
                )
            return
        if lo is None or hi is None:
            raise ValueError(f"a date of precision {precision.value!r} needs both bounds")
        if precision is Precision.DAY and lo != hi:
            raise ValueError("an exact date needs equal earliest and latest bounds")
        if precision is Precision.MONTH and (
            lo.day != 1 or hi != _last_day_of_month(lo.year, lo.month)
        ):
            raise ValueError("a date known to the month must span exactly that calendar month")
        if precision is Precision.YEAR and (
            (lo.month, lo.day) != (1, 1) or hi != date(lo.year, 12, 31)
        ):
            raise ValueError("a date known to the year must span exactly that calendar year")

    # -- constructors -----------------------------------------------------------------------

    @classmethod
    def exact(cls, d: date) -> KnownDate:
        return cls(d, d, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> KnownDate:
        return cls(date(year, month, 1), _last_day_of_month(year, month), Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> KnownDate:
        return cls(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)

    @classmethod
    def between(cls, earliest: date, latest: date) -> KnownDate:
        if earliest == latest:
            return cls.exact(earliest)
        return cls(earliest, latest, Precision.RANGE)

    @classmethod
    def on_or_before(cls, d: date) -> KnownDate:
        return cls(None, d, Precision.RANGE)

    @classmethod
    def on_or_after(cls, d: date) -> KnownDate:
        return cls(d, None, Precision.RANGE)

    @classmethod
    def unknown(cls) -> KnownDate:
        return cls(None, None, Precision.UNKNOWN)

    @classmethod
    def from_bounds(cls, earliest: date | None, latest: date | None) -> KnownDate:
        """The plainest date with these bounds: exact if they meet, unknown if both are open."""
        if earliest is None and latest is None:
            return cls.unknown()
        if earliest is not None and earliest == latest:
            return cls.exact(earliest)
        return cls(earliest, latest, Precision.RANGE)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> KnownDate:
        """The inverse of `as_dict` (the "date" key is redundant and ignored)."""

        def bound(name: str) -> date | None:
            value = data.get(name)
            if value is None:
                return None
            if not isinstance(value, str):
                raise ValueError(f"{name} must be an ISO date string or None, got {value!r}")
            return date.fromisoformat(value)

        return cls(bound("earliest"), bound("latest"), Precision(str(data.get("precision"))))

    @classmethod
    def parse(cls, text: str) -> KnownDate:
        """Read "2019-10-15", "2010-03", "2010", "..2016-06-30", "2010-04-01..", "a..b", "unknown".

        Range bounds may themselves be months or years: "..2016-06" means on or before 30 June.
        """
        cleaned = text.strip()
        if cleaned == "" or cleaned.lower() == "unknown":
            return cls.unknown()
        if ".." in cleaned:
            start_text, _sep, end_text = cleaned.partition("..")
            start_text, end_text = start_text.strip(), end_text.strip()
            if not start_text and not end_text:
                raise ValueError(
                    f"cannot read {text!r} as a date: a range needs at least one bound"
                )
            start = cls._parse_single(start_text, text).earliest if start_text else None
            end = cls._parse_single(end_text, text).latest if end_text else None
            if start is not None and end is not None and start > end:
                raise ValueError(f"cannot read {text!r} as a date: the range starts after it ends")
            if start is not None and end is not None and start == end:
                return cls.exact(start)
            return cls(start, end, Precision.RANGE)
        return cls._parse_single(cleaned, text)

    @classmethod
    def _parse_single(cls, part: str, original: str) -> KnownDate:
        match = _SINGLE_DATE.fullmatch(part)
        if match is None:
            raise ValueError(
                f"cannot read {original!r} as a date: expected YYYY-MM-DD, YYYY-MM, YYYY, "
                "a range such as 2010-04-01..2014-01-31, ..2016-06-30 or 2010-04-01.., "
                "or 'unknown'"
            )
        year, month, day = match.group("year", "month", "day")
        try:
            if day is not None:
                return cls.exact(date(int(year), int(month), int(day)))
            if month is not None:
                return cls.month(int(year), int(month))
            return cls.year(int(year))
        except ValueError as error:
            raise ValueError(f"cannot read {original!r} as a date: {error}") from None

    # -- what is certain --------------------------------------------------------------------

    @property
    def is_exact(self) -> bool:
        return self.precision is Precision.DAY

    @property
    def is_unknown(self) -> bool:
        return self.precision is Precision.UNKNOWN

    @property
    def value(self) -> date | None:
        """The date itself when it is known to the day, else None."""
        return self.earliest if self.is_exact else None

    @property
    def sort_key(self) -> tuple[date, date]:
        return (self.earliest or date.min, self.latest or date.max)

    def certainly_on_or_before(self, d: date) -> bool:
        return self.latest is not None and self.latest <= d

    def certainly_after(self, d: date) -> bool:
        return self.earliest is not None and self.earliest > d

    def possibly_on_or_before(self, d: date) -> bool:
        return not self.certainly_after(d)

    def possibly_after(self, d: date) -> bool:
        return not self.certainly_on_or_before(d)

    def possibly_same_day(self, other: KnownDate) -> bool:
        """Whether both statements may name the same day: their bounds overlap (an open side
        overlaps everything on that side)."""
        return not (
            (
                self.latest is not None
                and other.earliest is not None
                and self.latest < other.earliest
            )
            or (
                other.latest is not None
                and self.earliest is not None
                and other.latest < self.earliest
            )
        )

    def intersect(self, other: KnownDate) -> KnownDate:
        """What is known when both statements about the same date are true."""
        earliest = max_known(self.earliest, other.earliest)
        latest = min_known(self.latest, other.latest)
        if earliest is not None and latest is not None and earliest > latest:
            raise ValueError(
                f"the dates {self.as_text()} and {other.as_text()} cannot both be true: "
                "they do not overlap"
            )
        # Keep "known to the month" when one side already said everything the result says.
        for side in (self, other):
            if (side.earliest, side.latest) == (earliest, latest):
                return side
        return KnownDate.from_bounds(earliest, latest)

    def map_monotone(self, f: Callable[[date], date]) -> KnownDate:
        """Apply a non-decreasing function to the bounds (how delay rules carry uncertainty).

        Because `f` never decreases, the image of every date inside the bounds lies inside the
        images of the bounds; an open side stays open.
        """
        earliest = f(self.earliest) if self.earliest is not None else None
        latest = f(self.latest) if self.latest is not None else None
        return KnownDate.from_bounds(earliest, latest)

    # -- text -------------------------------------------------------------------------------

    def as_text(self) -> str:
        """The inverse of `parse`: "2019-10-15", "2010-03", "2010", "..2016-06-30", "unknown"."""
        if self.precision is Precision.UNKNOWN:
            return "unknown"
        assert self.earliest is not None or self.latest is not None
        if self.precision is Precision.DAY:
            assert self.earliest is not None
            return self.earliest.isoformat()
        if self.precision is Precision.MONTH:
            assert self.earliest is not None
            return _iso_month(self.earliest)
        if self.precision is Precision.YEAR:
            assert self.earliest is not None
            return f"{self.earliest.year:04d}"
        start = self.earliest.isoformat() if self.earliest else ""
        end = self.latest.isoformat() if self.latest else ""
        return f"{start}..{end}"

    def __str__(self) -> str:
        return self.as_text()

    def as_dict(self) -> dict[str, str | None]:
        return {
            "date": self.value.isoformat() if self.value else None,
            "precision": self.precision.value,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "latest": self.latest.isoformat() if self.latest else None,
        }

    def describe(
        self,
        translate: Translate = identity,
        format_date: DateFormatter = date.isoformat,
        format_month: DateFormatter | None = None,
    ) -> str:
        """The date as a noun phrase: "2019-10-15", "2010-03", "on or before 2016-06-30"…

        Writing "15 October 2019" is the caller's choice of `format_date`; a formatter may carry a
        `month` attribute ("March 2010") used when no `format_month` is given.
        """
        month_of = _month_formatter(format_date, format_month)
        lo, hi = self.earliest, self.latest
        if self.precision is Precision.UNKNOWN:
            return translate(_("date unknown"))
        if self.precision is Precision.DAY and lo is not None:
            return format_date(lo)
        if self.precision is Precision.MONTH and lo is not None:
            return month_of(lo)
        if self.precision is Precision.YEAR and lo is not None:
            return f"{lo.year:04d}"
        if lo is None and hi is not None:
            return translate(_("on or before {date}")).format(date=format_date(hi))
        if hi is None and lo is not None:
            return translate(_("on or after {date}")).format(date=format_date(lo))
        assert lo is not None
        assert hi is not None
        return translate(_("between {earliest} and {latest}")).format(
            earliest=format_date(lo), latest=format_date(hi)
        )

    def describe_when(
        self,
        translate: Translate = identity,
        format_date: DateFormatter = date.isoformat,
        format_month: DateFormatter | None = None,
    ) -> str:
        """The date as an adverbial phrase: "on 2019-10-15", "in 2010-03", "between … and …".

        Prepositions differ by language and by precision, so whole phrases are translated.
        """
        month_of = _month_formatter(format_date, format_month)
        lo = self.earliest
        if self.precision is Precision.UNKNOWN:
            return translate(_("on an unknown date"))
        if self.precision is Precision.DAY and lo is not None:
            return translate(_("on {date}")).format(date=format_date(lo))
        if self.precision is Precision.MONTH and lo is not None:
            return translate(_("in {month}")).format(month=month_of(lo))
        if self.precision is Precision.YEAR and lo is not None:
            return translate(_("in {year}")).format(year=f"{lo.year:04d}")
        return self.describe(translate, format_date, month_of)


@dataclass(frozen=True)
class When:
    """An explanation parameter that reads "on 1 July 2010" or "in 2010-03" as the date allows."""

    known: KnownDate

    def describe(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        return self.known.describe_when(translate, format_date)


_SINGLE_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def _month_formatter(
    format_date: DateFormatter, format_month: DateFormatter | None
) -> DateFormatter:
    """An explicit month formatter, else the date formatter's own `month`, else ISO "2010-03"."""
    if format_month is not None:
        return format_month
    own: DateFormatter = getattr(format_date, "month", _iso_month)
    return own


def max_known(a: date | None, b: date | None) -> date | None:
    """The later of two lower bounds; an open bound says nothing, so the other one wins."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def min_known(a: date | None, b: date | None) -> date | None:
    """The earlier of two upper bounds; an open bound says nothing, so the other one wins."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)
