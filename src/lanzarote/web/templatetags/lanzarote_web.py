"""Template helpers for dates as known, status badges, explanations and sortable headers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from lanzarote.registry.models import TreatyEvent
from lanzarote.treaty_law import Explanation, KnownDate, When
from lanzarote.web import display

register = template.Library()


def format_day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def format_month(value: date) -> str:
    return formats.date_format(value, "F Y")


def describe(value: KnownDate) -> str:
    """A date as known, in the reader's language: "15 October 2019", "March 2010"…"""
    return value.describe(gettext, format_day, format_month)


@register.filter
def known(value: KnownDate | None) -> str:
    return describe(value) if value is not None else ""


@register.simple_tag
def known_date(cell: display.DateCell | KnownDate | None, confirmed: bool | None = None) -> str:
    """A date as known, with an "unconfirmed" marker when no source confirms it or the exact
    day is not known. Never invents a day: only exact dates get a machine-readable <time>."""
    if isinstance(cell, KnownDate):
        cell = display.DateCell(cell, confirmed=True if confirmed is None else confirmed)
    elif cell is not None and confirmed is not None:
        cell = display.DateCell(cell.known, confirmed=confirmed, computed=cell.computed)
    if cell is None or cell.known is None:
        return format_html(
            '<span class="kd kd--none"><span aria-hidden="true">—</span>'
            '<span class="visually-hidden">{}</span></span>',
            gettext("none"),
        )
    value = cell.known
    text = describe(value)
    if value.is_exact and value.value is not None:
        shown = format_html('<time datetime="{}">{}</time>', value.value.isoformat(), text)
    else:
        shown = format_html("<span>{}</span>", text)
    reasons = []
    if not value.is_exact:
        reasons.append(gettext("The exact day is not known; the date is shown as far as it is."))
    if not cell.confirmed:
        if cell.computed:
            reasons.append(
                gettext("Computed from a date that no source we found confirms to the day.")
            )
        else:
            reasons.append(gettext("No source we found confirms this date."))
    if not reasons:
        return format_html('<span class="kd">{}</span>', shown)
    return format_html(
        '<span class="kd kd--uncertain">{} <abbr class="marker" title="{}">{}</abbr></span>',
        shown,
        " ".join(reasons),
        gettext("unconfirmed"),
    )


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
def sort_header(context: template.Context, label: str, column: str, css: str = "") -> SafeString:
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
        '<th scope="col"{}{}><a class="sort" href="{}" hx-get="{}" hx-target="#results" '
        'hx-swap="outerHTML" hx-push-url="true">{} <span class="sort__icon" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">({})</span></a></th>',
        format_html(' aria-sort="{}"', aria) if aria else "",
        format_html(' class="{}"', css) if css else "",
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
    """Sources of a fact as a list; URLs are external references, opened as plain links."""
    items = []
    for source in sources or ():
        url, note = source.get("url", ""), source.get("note", "")
        if url:
            link = format_html(
                '<a href="{}" rel="noopener noreferrer external">{}</a>', url, _short(url)
            )
            items.append(format_html("{}{}", link, format_html(" — {}", note) if note else ""))
        elif note:
            items.append(format_html("{}", note))
    if not items:
        return mark_safe("")
    return format_html(
        '<ul class="sources">{}</ul>', format_html_join("", "<li>{}</li>", ((i,) for i in items))
    )


def _short(url: str) -> str:
    """The host of a source URL: long addresses would drown the page."""
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].removeprefix("www.") or url
