"""Sources as the pages show them, and the quiet mark that opens them.

Kept here, below every app that shows sources (the registry's dates, the Committee's meetings
and participations), so the pages speak with one voice: each source its title or host linked,
what it says, and its grade; one small asterisk for a fact that is not certain, its reasons and
sources on demand (`web.date_notes` builds the dates' detail on the same pieces).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.cache import cache
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from lanzarote.registry.models import SourceNote
from lanzarote.registry.sources import GRADE_LABELS, GRADE_ORDER, Grade

MARK = "*"
# The French of the source notes, read once and kept until the reference data changes them
# (the loader drops the key); pages are cached besides, so this is rarely read at all.
FRENCH_NOTES_KEY = "source-notes-fr"
FRENCH_NOTES_SECONDS = 60 * 60


def french_notes() -> dict[str, str]:
    """English note → its French, for every note given one."""
    found = cache.get(FRENCH_NOTES_KEY)
    if found is None:
        found = dict(SourceNote.objects.exclude(note_fr="").values_list("note_en", "note_fr"))
        cache.set(FRENCH_NOTES_KEY, found, FRENCH_NOTES_SECONDS)
    return found


def grade_label(grade: str) -> str:
    return str(GRADE_LABELS[Grade(grade)]) if grade in Grade.values else ""


def by_grade(sources: Iterable[Mapping[str, str]]) -> list[Mapping[str, str]]:
    return sorted(sources, key=lambda s: GRADE_ORDER.get(s.get("grade", ""), len(GRADE_ORDER)))


def source_note(source: Mapping[str, str]) -> tuple[str, str]:
    """What the source says in the reader's language, and that language: the French note on a
    French page when one is recorded (`SourceNote`), else the English one."""
    note = source.get("note", "")
    if note and (translation.get_language() or "en")[:2] == "fr":
        french = french_notes().get(note)
        if french:
            return french, "fr"
    return note, "en"


def source_item(source: Mapping[str, str], *, with_note: bool = True) -> SafeString:
    """One source: its title (or host) linked to the document, what it says, and its grade.
    The note is left out where space is short. Titles are the documents' own, so they keep the
    language they were recorded in; the note follows the page when a French note exists."""
    url, title = source.get("url", ""), source.get("title", "")
    note, note_language = source_note(source)
    if not with_note and (url or title):
        note = ""
    if url:
        name = format_html(
            '<a href="{}" rel="noopener noreferrer external" lang="en">{}</a>',
            url,
            title or short_url(url),
        )
    elif title:
        name = format_html('<span lang="en">{}</span>', title)
    else:
        name, note = format_html('<span lang="{}">{}</span>', note_language, note), ""
    grade = grade_label(source.get("grade", ""))
    return format_html(
        "{}{}{}",
        name,
        format_html(' — <span lang="{}">{}</span>', note_language, note) if note else "",
        format_html(' <span class="source__grade">({})</span>', grade) if grade else "",
    )


def source_list(
    sources: Iterable[Mapping[str, str]], *, empty: str = "", with_notes: bool = True
) -> SafeString:
    items = [
        source_item(s, with_note=with_notes) for s in by_grade(sources or ()) if any(s.values())
    ]
    if not items:
        return format_html('<p class="muted">{}</p>', empty) if empty else SafeString("")
    return format_html(
        '<ul class="sources">{}</ul>', format_html_join("", "<li>{}</li>", ((i,) for i in items))
    )


def short_url(url: str) -> str:
    """The host of a source URL: long addresses would drown the page."""
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].removeprefix("www.") or url


def inline_mark(explanation: str) -> SafeString:
    """The asterisk alone, for running text (inside a sentence or a badge line): its words are
    its tooltip and, for screen readers, said in full."""
    return format_html(
        '<sup class="kd__mark" aria-hidden="true" title="{}">{}</sup>'
        '<span class="visually-hidden"> ({})</span>',
        explanation,
        MARK,
        explanation,
    )


def detail_mark(parts: Iterable[SafeString | str], *, summary: str | None = None) -> SafeString:
    """The asterisk opening its detail on demand, as a <details> a keyboard reaches and opens
    like a button. For a table cell or a <dd>: it holds block elements."""
    return format_html(
        '<details class="kd__about"><summary>'
        '<span class="kd__mark" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></summary>'
        '<div class="kd__detail">{}</div></details>',
        MARK,
        summary or gettext("About this date"),
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def quiet_note(
    explanation: str, sources: Iterable[Mapping[str, str]] = (), *, summary: str | None = None
) -> SafeString:
    """A fact's quiet mark with its reason and sources on demand."""
    parts = [format_html("<p>{}</p>", explanation)]
    listed = source_list(sources, with_notes=False)
    if listed:
        parts.append(listed)
    return detail_mark(parts, summary=summary or gettext("About this"))
