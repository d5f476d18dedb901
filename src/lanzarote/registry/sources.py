"""Sources and their grades: the one vocabulary for every `sources` list in the product.

A source is `{url, title, note, grade, extracted_on}`: the address of the primary document (empty
when only a copy could be read, the copy then being named in the title), its formal title, what
it says in our words, its grade and the day it was read. The grade says what kind of document
it is, strongest first: the depositary's own records, an official gazette or parliamentary
record, a government or Council of Europe publication, the press, anything else.

Mirror and aggregator sites (copies of official documents, encyclopaedia copies, law-firm blogs)
are not sources: a write citing one is refused, and the primary document it copies must be
cited instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from lanzarote.core.errors import InvalidInput


class Grade(models.TextChoices):
    DEPOSITARY = "depositary", _("depositary")
    GAZETTE = "gazette", _("gazette")
    GOVERNMENT = "government", _("government")
    PRESS = "press", _("press")
    OTHER = "other", _("other")


# The same words as message ids, for texts rendered later through a `translate` function.
GRADE_WORDS = {
    Grade.DEPOSITARY: gettext_noop("depositary"),
    Grade.GAZETTE: gettext_noop("gazette"),
    Grade.GOVERNMENT: gettext_noop("government"),
    Grade.PRESS: gettext_noop("press"),
    Grade.OTHER: gettext_noop("other"),
}


GRADE_DESCRIPTIONS = {
    Grade.DEPOSITARY: _(
        "the depositary's own records (the Treaty Office of the Council of Europe)"
    ),
    Grade.GAZETTE: _("an official gazette, treaty series or parliamentary record"),
    Grade.GOVERNMENT: _("a government or Council of Europe publication"),
    Grade.PRESS: _("news media and news agencies"),
    Grade.OTHER: _("other sources: organisations, petitions, information platforms"),
}

# What a reader is told a source is, beside a date or in the data-quality figures.
GRADE_LABELS = {
    Grade.DEPOSITARY: _("depositary"),
    Grade.GAZETTE: _("official gazette or parliamentary record"),
    Grade.GOVERNMENT: _("government or Council of Europe publication"),
    Grade.PRESS: _("press"),
    Grade.OTHER: _("other"),
}

# Strongest first; a date's grade is that of the strongest source behind it.
GRADE_ORDER = {grade: rank for rank, grade in enumerate(Grade.values)}

# Copies and aggregators found in earlier versions of the record (see
# data/research/README.md), by host, or host and path where the host also serves real sources.
MIRRORS = frozenset(
    {
        "360.lexisnexis.at",
        "abnase.com",
        "agora-parl.org",
        "archive.crin.org",
        "archive.nossenateurs.fr",
        "autora.sk",
        "baldurkr.blog.is",
        "blmabuseandneglectblog.com",
        "de.wiki.li",
        "docslib.org",
        "doczz.biz.tr",
        "drost.nl",
        "fdokumen.com",
        "github.com/statengeneraal/laws-markdown",
        "global-regulation.com",
        "grandeenciclopedia.com",
        "iiab.me",
        "info.5y1.org",
        "law.lica.com.ua",
        "livrozilla.com",
        "podaci.net",
        "projects.iq.harvard.edu",
        "scribd.com",
        "socialjura.dk",
        "turkhukuksitesi.com",
        "vlex.com",
        "wired-gov.net",
        "worldpopulationreview.com",
        "xn----7sbf6bgsdfd9q.xn--j1amh",
        "zakonyprolidi.cz",
    }
)

FIELDS = ("url", "title", "note", "grade", "extracted_on")
MAX_TEXT = 1000
MAX_SOURCES = 50


def mirror_of(url: str) -> str | None:
    """The listed mirror or aggregator `url` belongs to, if any."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    for mirror in MIRRORS:
        mirror_host, _sep, mirror_path = mirror.partition("/")
        on_host = host == mirror_host or host.endswith(f".{mirror_host}")
        if on_host and (not mirror_path or f"{path}/".startswith(f"/{mirror_path}/")):
            return mirror
    return None


def clean_source(
    source: Mapping[str, Any] | str, *, default_grade: str | None = None, field: str = "sources"
) -> dict[str, str]:
    """One source checked and in its stored shape; refuses what is not a source."""
    item: dict[str, Any] = {"url": source} if isinstance(source, str) else dict(source)
    unknown = set(item) - set(FIELDS)
    if unknown:
        raise InvalidInput(
            f"A source has no field {', '.join(sorted(unknown))}; it has {', '.join(FIELDS)}.",
            field=field,
        )
    cleaned = {name: _text(item.get(name), name, field) for name in FIELDS}
    if not cleaned["url"] and not cleaned["title"] and not cleaned["note"]:
        raise InvalidInput("A source needs an address, a title or a description.", field=field)
    if cleaned["url"]:
        scheme = urlsplit(cleaned["url"]).scheme
        if scheme not in ("http", "https"):
            raise InvalidInput(
                f"A source address must be http(s): {cleaned['url']!r}.", field=field
            )
        mirror = mirror_of(cleaned["url"])
        if mirror is not None:
            raise InvalidInput(
                f"{cleaned['url']} is a copy or an aggregator ({mirror}), not a source: cite the "
                "primary document it copies.",
                field=field,
            )
    cleaned["grade"] = cleaned["grade"] or (default_grade or "")
    if cleaned["grade"] not in Grade.values:
        raise InvalidInput(
            f"A source's grade must be one of {', '.join(Grade.values)} "
            f"(given: {cleaned['grade'] or 'none'}).",
            field=field,
        )
    if cleaned["extracted_on"]:
        try:
            date.fromisoformat(cleaned["extracted_on"])
        except ValueError:
            raise InvalidInput(
                f"A source's extraction date must be YYYY-MM-DD, not {cleaned['extracted_on']!r}.",
                field=field,
            ) from None
    return cleaned


def clean_sources(
    sources: Iterable[Mapping[str, Any] | str],
    *,
    default_grade: str | None = None,
    field: str = "sources",
) -> list[dict[str, str]]:
    items = list(sources)
    if len(items) > MAX_SOURCES:
        raise InvalidInput(f"At most {MAX_SOURCES} sources per fact.", field=field)
    return [clean_source(item, default_grade=default_grade, field=field) for item in items]


def _text(value: Any, name: str, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"A source's {name} must be text.", field=field)
    if len(value) > MAX_TEXT or "\x00" in value:
        raise InvalidInput(
            f"A source's {name} must be text of at most {MAX_TEXT} characters.", field=field
        )
    return value.strip()


def strongest_grade(sources: Sequence[Mapping[str, str]]) -> str | None:
    grades = [s.get("grade", "") for s in sources if s.get("grade") in GRADE_ORDER]
    return min(grades, key=GRADE_ORDER.__getitem__, default=None)


def parse_sources(text: str) -> list[dict[str, str]]:
    """The notation of the shipped CSV files: `grade: url (what it says) | grade: title`.

    Each chunk opens with its grade (a chunk without one keeps an empty grade, which a write
    refuses); then an address followed by a note in brackets, or, for a document with no
    address, its formal title.
    """
    sources = []
    for chunk in filter(None, (part.strip() for part in text.split(" | "))):
        grade, _sep, rest = chunk.partition(": ")
        if grade not in Grade.values:
            grade, rest = "", chunk
        if rest.startswith("http"):
            url, _sep, note = rest.partition(" ")
            note = note.strip().removeprefix("(").removesuffix(")")
            sources.append({"url": url, "title": "", "note": note, "grade": grade})
        else:
            sources.append({"url": "", "title": rest, "note": "", "grade": grade})
    return sources
