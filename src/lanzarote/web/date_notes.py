"""A date as the pages show it: the date as far as it is known, and one quiet marker when there is
more to say about it.

A date gets the marker (a small superscript asterisk, with its explanation in words for screen
readers) when the exact day is not known, when no source confirms it, or when no depositary
record is among its sources. Nothing louder: the page reads as a record, not as a list of
warnings. Where the page has room (the chart's cells, a profile's key dates) the marker opens
the detail on demand — the bounds, the basis and each source with its grade and link — as a
<details> element, which a keyboard reaches and opens like a button.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from lanzarote.registry.models import TreatyEvent
from lanzarote.registry.source_display import (
    MARK,
    by_grade,
    detail_mark,
    grade_label,
    inline_mark,
    short_url,
    source_item,
    source_list,
)
from lanzarote.registry.sources import Grade
from lanzarote.treaty_law import KnownDate
from lanzarote.web.display import DateCell

__all__ = ["MARK", "by_grade", "grade_label", "short_url", "source_item", "source_list"]

# Bases whose wording adds nothing to the sources listed below them.
PLAIN_BASES = frozenset({"", TreatyEvent.Basis.SOURCE, TreatyEvent.Basis.RECORDED})


def reasons(cell: DateCell) -> list[str]:
    """Why the date carries the marker, one sentence each; empty when it carries none."""
    value = cell.known
    if value is None:
        return []
    found = []
    if not value.is_exact:
        found.append(gettext("The exact day is not known; the date is shown as far as it is."))
    if not cell.confirmed:
        if cell.computed:
            found.append(
                gettext("Computed from a date that no source we found confirms to the day.")
            )
        else:
            found.append(gettext("No source we found confirms this date."))
    elif cell.sources and cell.grade != Grade.DEPOSITARY:
        found.append(
            gettext("No depositary record is among its sources; the strongest is: %(grade)s.")
            % {"grade": grade_label(cell.grade or "") or gettext("ungraded")}
        )
    return found


def shown_date(value: KnownDate, describe: Callable[[KnownDate], str]) -> SafeString:
    """The date in words; only a day known exactly gets a machine-readable <time>."""
    text = describe(value)
    if value.is_exact and value.value is not None:
        return format_html('<time datetime="{}">{}</time>', value.value.isoformat(), text)
    return format_html("<span>{}</span>", text)


def no_date() -> SafeString:
    return format_html(
        '<span class="kd kd--none"><span aria-hidden="true">—</span>'
        '<span class="visually-hidden">{}</span></span>',
        gettext("none"),
    )


def inline_date(cell: DateCell, describe: Callable[[KnownDate], str]) -> SafeString:
    """The date with the marker only, for running text (a sentence, a list item)."""
    if cell.known is None:
        return no_date()
    shown = shown_date(cell.known, describe)
    why = reasons(cell)
    if not why:
        return format_html('<span class="kd">{}</span>', shown)
    return format_html('<span class="kd kd--noted">{}{}</span>', shown, inline_mark(" ".join(why)))


def detailed_date(
    cell: DateCell,
    describe: Callable[[KnownDate], str],
    format_day: Callable[..., str],
) -> SafeString:
    """The date with the marker opening its detail: bounds, basis, sources with their grades."""
    if cell.known is None:
        return no_date()
    why = reasons(cell)
    if not why:
        return inline_date(cell, describe)
    value = cell.known
    parts = [format_html("<p>{}</p>", " ".join(why))]
    if not value.is_exact:
        parts.append(bounds(value, format_day))
    if cell.basis not in PLAIN_BASES and cell.basis in TreatyEvent.Basis.values:
        parts.append(
            format_html("<p>{} {}</p>", gettext("Basis:"), TreatyEvent.Basis(cell.basis).label)
        )
    if cell.computed:
        parts.append(
            format_html(
                "<p>{}</p>",
                gettext(
                    "It follows from the deposit under the treaty’s rules; the sources are "
                    "those of the deposit."
                ),
            )
        )
    parts.append(
        source_list(
            cell.sources, empty=gettext("No source is recorded for this date."), with_notes=False
        )
    )
    return format_html(
        '<div class="kd kd--noted">{}{}</div>',
        shown_date(value, describe),
        detail_mark(parts, summary=gettext("About this date")),
    )


def bounds(value: KnownDate, format_day: Callable[..., str]) -> SafeString:
    earliest = format_day(value.earliest) if value.earliest else gettext("not known")
    latest = format_day(value.latest) if value.latest else gettext("not known")
    return format_html(
        "<p>{}</p>",
        gettext("Earliest possible day: %(earliest)s. Latest possible day: %(latest)s.")
        % {"earliest": earliest, "latest": latest},
    )
