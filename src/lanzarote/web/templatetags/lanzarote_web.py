"""Template helpers for dates as known, status badges, explanations and sortable headers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from lanzarote.core.text import day_in_words
from lanzarote.registry.models import TreatyEvent
from lanzarote.treaty_law import Explanation, KnownDate, When
from lanzarote.web import date_notes, display

register = template.Library()


def format_day(value: date) -> str:
    return day_in_words(value)


def format_month(value: date) -> str:
    return formats.date_format(value, "F Y")


def describe(value: KnownDate) -> str:
    """A date as known, in the reader's language: "15 October 2019", "March 2010"…"""
    return value.describe(gettext, format_day, format_month)


@register.filter
def known(value: KnownDate | None) -> str:
    return describe(value) if value is not None else ""


def _cell(cell: display.DateCell | KnownDate | None, confirmed: bool | None) -> display.DateCell:
    if isinstance(cell, KnownDate):
        return display.DateCell(cell, confirmed=True if confirmed is None else confirmed)
    if cell is None:
        return display.DateCell(None)
    if confirmed is not None:
        return replace(cell, confirmed=confirmed)
    return cell


@register.simple_tag
def known_date(cell: display.DateCell | KnownDate | None, confirmed: bool | None = None) -> str:
    """A date as known, with one quiet marker when the day is not known, no source confirms it
    or no depositary record is among its sources (`web.date_notes`). Never invents a day."""
    return date_notes.inline_date(_cell(cell, confirmed), describe)


@register.simple_tag
def known_date_detail(cell: display.DateCell | None) -> str:
    """The same, the marker opening the detail: bounds, basis, sources with their grades.
    For a table cell or a <dd>, not inside a paragraph (it holds block elements)."""
    return date_notes.detailed_date(_cell(cell, None), describe, format_day)


@register.filter
def status_label(value: str) -> str:
    return str(display.STATUS_LABELS.get(value, value))


@register.simple_tag
def status_badge(status: str, possible: Iterable[str] = ()) -> str:
    label = status_label(status)
    badge = format_html('<span class="badge badge--{}">{}</span>', status, label)
    options = [str(display.STATUS_LABELS.get(p, p)) for p in possible]
    if status != display.UNCERTAIN or len(options) < 2:
        return badge
    # The statuses the known facts still allow on this date.
    if len(options) == 2:
        text = gettext("either %(first)s or %(second)s") % {
            "first": options[0],
            "second": options[1],
        }
    else:
        text = gettext("one of: %(options)s") % {"options": ", ".join(options)}
    return format_html('{} <span class="possible">({})</span>', badge, text)


@register.filter
def route_label(route: Any) -> str:
    return display.route_label(route)


@register.filter
def instrument_label(value: str) -> str:
    if not value:
        return ""
    if value in TreatyEvent.Kind.values:
        return str(TreatyEvent.Kind(value).label)
    return value


@register.filter
def tr(value: Any) -> str:
    """Translate a msgid that comes from `lanzarote.treaty_law` (marked there, translated here)."""
    if value is None:
        return ""
    label = getattr(value, "label", None)
    return gettext(label if isinstance(label, str) else str(value))


class _MonthAware:
    """Wraps a date parameter so that a month reads "September 2010", not "2010-09".

    `Explanation.render` only passes a day formatter to its parameters; dates known to the
    month need the month formatter too.
    """

    def __init__(self, value: KnownDate | When) -> None:
        self.value = value

    def describe(self, *, translate: Any, format_date: Any) -> str:
        if isinstance(self.value, When):
            return self.value.known.describe_when(translate, format_date, format_month)
        return self.value.describe(translate, format_date, format_month)


def _month_aware(value: object) -> object:
    return _MonthAware(value) if isinstance(value, KnownDate | When) else value


def _render_one(item: Explanation) -> str:
    params = {name: _month_aware(value) for name, value in item.params.items()}
    return Explanation(item.template, params).render(translate=gettext, format_date=format_day)


@register.filter
def explain(value: Explanation | Iterable[Explanation] | None) -> str:
    """Explanation sentences in the reader's language."""
    if value is None:
        return ""
    if isinstance(value, Explanation):
        return _render_one(value)
    explanations = getattr(value, "explanations", value)
    return " ".join(_render_one(e) for e in explanations)


@register.simple_tag(takes_context=True)
def sort_head(context: template.Context, *columns: str) -> SafeString:
    """A list's head row, each column a heading and the key it sorts by:
    {% sort_head _("State") "name" _("Status") "status" %}."""
    if len(columns) % 2:
        raise template.TemplateSyntaxError("sort_head takes a heading and a key for each column")
    pairs = zip(columns[::2], columns[1::2], strict=True)
    cells = format_html_join(
        "", "{}", ((_sort_header(context, label, key),) for label, key in pairs)
    )
    return format_html("<thead><tr>{}</tr></thead>", cells)


def _sort_header(context: template.Context, label: str, column: str) -> SafeString:
    """A <th> whose link sorts the table by `column` (server-side, so it works without JS)."""
    filters: dict[str, str] = context.get("filters") or {}
    request = context["request"]
    current = filters.get("sort") == column
    direction = filters.get("dir", "asc")
    next_direction = "desc" if current and direction == "asc" else "asc"
    params = {k: v for k, v in (context.get("base_query") or {}).items() if v}
    params.update({"sort": column, "dir": next_direction})
    url = f"{request.path}?{urlencode(params)}"
    aria = ""
    indicator = ""
    if current:
        aria = "ascending" if direction == "asc" else "descending"
        indicator = "▲" if direction == "asc" else "▼"
    hint = (
        gettext("sorted ascending, select to sort descending")
        if current and direction == "asc"
        else gettext("sorted descending, select to sort ascending")
        if current
        else gettext("select to sort")
    )
    return format_html(
        '<th scope="col"{}><a class="sort" href="{}" hx-get="{}" hx-target="#results" '
        'hx-swap="outerHTML" hx-push-url="true">{} <span class="sort__icon" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">({})</span></a></th>',
        format_html(' aria-sort="{}"', aria) if aria else "",
        url,
        url,
        label,
        indicator or "↕",
        hint,
    )


@register.simple_tag
def showing(count: int, total: int) -> str:
    return ngettext(
        "Showing %(count)s of %(total)s State",
        "Showing %(count)s of %(total)s States",
        total,
    ) % {"count": count, "total": total}


@register.simple_tag
def source_links(sources: Iterable[dict[str, str]]) -> SafeString:
    """Sources of a fact as a list, strongest grade first, each with its grade."""
    return date_notes.source_list(sources)
