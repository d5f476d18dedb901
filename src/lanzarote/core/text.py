"""Text helpers every layer may use: names sorted as a reader expects, dates and ordinals in
words as each language writes them, uploaded text files read as spreadsheets save them."""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from django.contrib.humanize.templatetags.humanize import ordinal as humanize_ordinal
from django.core.signals import setting_changed
from django.utils import formats
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext, pgettext


def fold(text: str) -> str:
    """A form of a name for searching and sorting that ignores case and accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> tuple[str, str]:
    """The sort key of a name as a dictionary orders it: "Bélarus" before "Burundi", "Égypte"
    among the E's. Code-point order puts every accented capital after "Z"; the accents only
    break ties, so "Etat" and "État" keep a stable order."""
    return (fold(name), name)


def sorted_by_name[T](items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """`items` in the order of their names as a reader of the active language expects."""
    return sorted(items, key=lambda item: name_key(name(item)))


def names_in_words(names: Iterable[str]) -> str:
    """Names as a sentence lists them in the active language: "France, Germany and Italy",
    "France, Allemagne et Italie"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return gettext("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def _writes_first_day_as_ordinal() -> bool:
    # French writes "1er février" for the first day of a month and "2 février" for the rest.
    return (get_language() or "").split("-")[0] == "fr"


def date_format_for(value: date, format_string: str) -> str:
    """The Django date format (a format string or a setting name such as "DATE_FORMAT") that
    writes `value` in the active language, with the first day of a month as "1er" in French."""
    resolved = str(formats.get_format(format_string)) if format_string.isupper() else format_string
    if getattr(value, "day", None) == 1 and _writes_first_day_as_ordinal():
        # "\e\r" are escaped letters for Django's formatter: literally "er" after the day.
        return resolved.replace("j F", r"j\e\r F")
    return resolved


def day_in_words(value: date, format_string: str = "j F Y") -> str:
    """A day written out in the active language: "1 February 2026", "1er février 2026"."""
    if type(value) is not date:
        return formats.date_format(value, date_format_for(value, format_string))
    # A chart of 200 States writes some 600 days: each is written once per language.
    return _day_in_words(value, format_string, get_language())


@lru_cache(maxsize=20_000)
def _day_in_words(value: date, format_string: str, _language: str | None) -> str:
    return formats.date_format(value, date_format_for(value, format_string))


def _forget_days(**_kwargs: object) -> None:
    # A test that changes a date format or the languages gets days written the new way.
    _day_in_words.cache_clear()


setting_changed.connect(_forget_days, dispatch_uid="lanzarote.core.text.days")


def month_in_words(value: date) -> str:
    """A month written out in the active language: "March 2010", "mars 2010"."""
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def ordinal(number: int, *, feminine: bool = False) -> str:
    """An ordinal number as plain text: "1st", "2nd"; in French "1er" or, for a feminine noun
    such as "réunion", "1re". Only the first differs by gender in French."""
    if feminine and number == 1:
        return pgettext("ordinal of 1 before a feminine noun", "1st")
    # humanize marks the French suffix up as <sup>; an ordinal here is plain text.
    return strip_tags(str(humanize_ordinal(number)))


def uploaded_text(content: bytes) -> str:
    """An uploaded text file: UTF-16 with a byte-order mark (Excel's "Unicode text"), otherwise
    UTF-8 with or without one. Raises `UnicodeDecodeError` for anything else."""
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return content.decode("utf-16" if utf16 else "utf-8-sig")


def line_at(text: str | bytes, offset: int) -> int:
    """The line of a character, whatever the line endings (CR LF, LF or CR alone)."""
    before = text[:offset]
    if isinstance(before, bytes):
        return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
