"""Step charts of the Convention over time, drawn as server-side SVG that needs no JavaScript:
the number of Parties, and signatures against ratifications, each with a shaded band where a
count depends on a date no source gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext

from lanzarote.core.text import day_in_words
from lanzarote.treaty_law import KnownDate
from lanzarote.web.charts.counts import History

PARTIES_COLOUR = "#17603a"
SIGNATURES_COLOUR = "#8b76cf"
CONSENTS_COLOUR = "#1d5aa0"
BAND_COLOUR = "#f2b04a"


def long_date(value: date) -> str:
    return day_in_words(value)


def known_date(value: KnownDate | None) -> str:
    if value is None:
        return ""
    return value.describe(gettext, long_date, lambda d: formats.date_format(d, "F Y"))


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    steps: Sequence[tuple[date, int, int]]  # (from day, certain, possible)
    css: str


@dataclass(frozen=True)
class Marker:
    day: date
    value: int
    label: str
    short: str = ""


class Frame:
    left, right, top, bottom = 44, 16, 30, 36

    def __init__(self, start: date, end: date, y_max: int, width: int, height: int) -> None:
        self.start, self.end, self.width, self.height = start, end, width, height
        self.y_max = max(y_max, 1)
        self.span = max((end - start).days, 1)

    def x(self, day: date) -> float:
        inner = self.width - self.left - self.right
        days = min(max((day - self.start).days, 0), self.span)
        return round(self.left + inner * days / self.span, 1)

    def y(self, value: float) -> float:
        inner = self.height - self.top - self.bottom
        return round(self.top + inner * (1 - value / self.y_max), 1)


def _nice_max(value: int) -> int:
    step = 10 if value > 20 else 5 if value > 5 else 1
    return max(step, -(-value // step) * step)


def _step_path(frame: Frame, steps: Sequence[tuple[date, int]]) -> str:
    if not steps:
        return ""
    parts = [f"M{frame.x(steps[0][0])} {frame.y(steps[0][1])}"]
    parts.extend(f"H{frame.x(day)}V{frame.y(value)}" for day, value in steps[1:])
    parts.append(f"H{frame.x(frame.end)}")
    return "".join(parts)


def _band_path(frame: Frame, steps: Sequence[tuple[date, int, int]]) -> str:
    """The area between the possible (upper) and the certain (lower) step lines."""
    if all(certain == possible for _d, certain, possible in steps):
        return ""
    upper = _step_path(frame, [(d, possible) for d, _c, possible in steps])
    lower_points = []
    ends = [d for d, _c, _p in steps[1:]] + [frame.end]
    for (day, certain, _p), until in zip(steps, ends, strict=True):
        lower_points.append((frame.x(day), frame.y(certain)))
        lower_points.append((frame.x(until), frame.y(certain)))
    back = "".join(f"L{x} {y}" for x, y in reversed(lower_points))
    return f"{upper}{back}Z"


def step_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    start: date,
    end: date,
    series: Sequence[Series],
    markers: Sequence[Marker] = (),
    vertical: Sequence[tuple[date, str]] = (),
    width: int = 760,
    height: int = 320,
) -> str:
    """A step chart with one line per series, the band of uncertainty under each line, year
    ticks, and markers. `role="img"` with a title and a description; the data table beside it
    carries every number."""
    y_max = _nice_max(max((p for s in series for _d, _c, p in s.steps), default=1))
    frame = Frame(start, end, y_max, width, height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    step = 10 if y_max > 20 else 5 if y_max > 5 else 1
    for value in range(0, y_max + 1, step):
        y = frame.y(value)
        out.append(
            f'<line class="chart__grid" x1="{frame.left}" x2="{width - frame.right}" '
            f'y1="{y}" y2="{y}"/>'
        )
        out.append(
            f'<text class="chart__label" x="{frame.left - 6}" y="{y + 4}" '
            f'text-anchor="end">{value}</text>'
        )
    years = range(start.year + (0 if start == date(start.year, 1, 1) else 1), end.year + 1)
    every = 1 if len(years) <= 12 else 2
    for year in years:
        x = frame.x(date(year, 1, 1))
        out.append(
            f'<line class="chart__tick" x1="{x}" x2="{x}" y1="{height - frame.bottom}" '
            f'y2="{height - frame.bottom + 5}"/>'
        )
        if (year - years[0]) % every == 0:
            out.append(
                f'<text class="chart__label" x="{x}" y="{height - frame.bottom + 19}" '
                f'text-anchor="middle">{year}</text>'
            )
    out.append(
        f'<line class="chart__axis" x1="{frame.left}" x2="{width - frame.right}" '
        f'y1="{height - frame.bottom}" y2="{height - frame.bottom}"/>'
    )
    for day, label in vertical:
        x = frame.x(day)
        out.append(
            f'<line class="chart__marker-line" x1="{x}" x2="{x}" y1="{frame.top - 8}" '
            f'y2="{height - frame.bottom}" stroke="#7a4a00"/>'
        )
        anchor = "start" if x < width / 2 else "end"
        dx = 4 if anchor == "start" else -4
        out.append(
            f'<text class="chart__label chart__label--strong" x="{x + dx}" y="{frame.top - 12}" '
            f'text-anchor="{anchor}">{escape(label)}</text>'
        )
    for item in series:
        band = _band_path(frame, item.steps)
        if band:
            out.append(
                f'<path class="chart__band" d="{band}" fill="{BAND_COLOUR}" fill-opacity=".45"/>'
            )
    for item in series:
        line = _step_path(frame, [(d, c) for d, c, _p in item.steps])
        out.append(
            f'<path class="chart__line chart__line--{item.css}" d="{line}" fill="none" '
            f'stroke="{item.colour}" stroke-width="2.5"/>'
        )
    for marker in markers:
        x, y = frame.x(marker.day), frame.y(marker.value)
        out.append(
            f'<g class="chart__marker"><title>{escape(marker.label)}</title>'
            f'<path d="M{x} {y - 7}l6 7-6 7-6-7z" fill="#7a4a00" stroke="#fff" '
            f'stroke-width="1.5"/></g>'
        )
        if marker.short:
            out.append(
                f'<text class="chart__label chart__label--strong" x="{x}" y="{y + 22}" '
                f'text-anchor="middle">{escape(marker.short)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def parties_chart(data: History) -> str:
    start = data.parties_start
    steps = [(p.day, *p.parties) for p in data.points if p.day >= start]
    first = data.on(start)
    if not steps or steps[0][0] != start:
        steps.insert(0, (start, *first.parties))
    latest = data.on(data.end)
    markers = []
    for accession in data.accessions:
        entry = accession.entry_into_force
        day = entry.earliest if entry and entry.earliest else None
        if day is None or day < start:
            continue
        markers.append(
            Marker(
                day=day,
                value=data.on(day).parties[0],
                label=gettext("%(name)s: accession, a Party from %(day)s")
                % {"name": data.name(accession.state), "day": known_date(entry)},
                short=data.name(accession.state) if len(data.accessions) <= 6 else "",
            )
        )
    vertical = []
    if data.entry_into_force and data.entry_into_force.earliest:
        vertical.append((data.entry_into_force.earliest, gettext("Entry into force")))
    description = gettext(
        "Parties to %(treaty)s from %(start)s to %(end)s: %(first)s at the start, %(last)s at "
        "the end. Where the number is uncertain a shaded band shows the range of possible "
        "counts. The table beside the chart gives every change."
    ) % {
        "treaty": data.treaty.short_title,
        "start": long_date(start),
        "end": long_date(data.end),
        "first": first.parties[0],
        "last": count_text(latest.parties),
    }
    return step_chart(
        chart_id=f"parties-{data.treaty.slug}",
        title=gettext("Number of Parties over time"),
        description=description,
        start=start,
        end=data.end,
        series=[Series(gettext("Parties"), PARTIES_COLOUR, steps, "parties")],
        markers=markers,
        vertical=vertical,
    )


def signatures_chart(data: History) -> str:
    start = data.opened
    signatures = [(p.day, *p.signatures) for p in data.points]
    consents = [(p.day, *p.consents) for p in data.points]
    latest = data.on(data.end)
    description = gettext(
        "Signatures and ratifications (or other consents to be bound) of %(treaty)s from "
        "%(start)s to %(end)s: %(signatures)s signatures and %(consents)s consents at the end."
    ) % {
        "treaty": data.treaty.short_title,
        "start": long_date(start),
        "end": long_date(data.end),
        "signatures": count_text(latest.signatures),
        "consents": count_text(latest.consents),
    }
    return step_chart(
        chart_id=f"signatures-{data.treaty.slug}",
        title=gettext("Signatures and ratifications over time"),
        description=description,
        start=start,
        end=data.end,
        series=[
            Series(gettext("Signatures"), SIGNATURES_COLOUR, signatures, "signatures"),
            Series(gettext("Ratifications"), CONSENTS_COLOUR, consents, "consents"),
        ],
    )


def count_text(pair: tuple[int, int]) -> str:
    """A count that may be uncertain: "48", or "46–48" when two more depend on unknown days."""
    certain, possible = pair
    return str(certain) if certain == possible else f"{certain}–{possible}"
