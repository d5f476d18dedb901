"""Horizontal bar charts for the dashboards, drawn as server-side SVG (no JavaScript). Each chart
is shown with a table of the same numbers, so nothing is only in the picture."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

COLOURS = {
    "received": "#17603a",
    "late": "#b35c00",
    "missing": "#a3262a",
    "pending": "#8a94a6",
    "complied": "#17603a",
    "partially_complied": "#c99a00",
    "not_complied": "#a3262a",
    "not_assessed": "#8a94a6",
    "strength": "#1d5aa0",
}
LABEL_WIDTH = 210
BAR_AREA = 330
ROW = 28
BAR = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR - 4

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: tuple[Bar, ...]
    total: int

    @property
    def height(self) -> int:
        return max(ROW, len(self.bars) * ROW) + 8

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA + 60

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH


def bar_chart(title: str, description: str, items: Sequence[tuple[str, int, str]]) -> BarChart:
    """`items` are (label, value, colour key or hex) in the order shown."""
    peak = max((value for _label, value, _colour in items), default=0) or 1
    bars = tuple(
        Bar(
            label=label,
            value=value,
            colour=COLOURS.get(colour, colour),
            y=4 + index * ROW,
            width=round(BAR_AREA * value / peak) if value else 0,
        )
        for index, (label, value, colour) in enumerate(items)
    )
    return BarChart(
        title=title, description=description, bars=bars, total=sum(v for _l, v, _c in items)
    )
