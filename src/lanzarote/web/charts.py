"""The Convention over time, drawn as server-side SVG that needs no JavaScript.

The counts come from the chart fold itself (`treaty_law.chart`), evaluated on each day the
registry's dates say a count may change (every bound of every signature, deposit, entry into
force and denunciation), once per registry version. A State whose status on a day depends on a
date no source gives counts in the possible total but not the certain one, so the charts show
a shaded band between the two instead of a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.cache import cache
from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.registry import selectors
from lanzarote.registry.models import State, Treaty
from lanzarote.registry.selectors import StateProfile
from lanzarote.treaty_law import CONVENTION, OPTIONAL_PROTOCOL, KnownDate, Status, get_final_clauses
from lanzarote.treaty_law import chart as fold_chart
from lanzarote.treaty_law.final_clauses import Instrument

PARTIES_COLOUR = "#17603a"
SIGNATURES_COLOUR = "#8b76cf"
CONSENTS_COLOUR = "#1d5aa0"
BAND_COLOUR = "#f2b04a"


@dataclass(frozen=True)
class Point:
    """The counts from `day` until the next point."""

    day: date
    parties: tuple[int, int]  # (certain, possible)
    signatures: tuple[int, int]
    consents: tuple[int, int]
    joined: tuple[str, ...] = ()  # States certainly Parties from this day
    possibly_joined: tuple[str, ...] = ()  # States that may be Parties from this day
    left: tuple[str, ...] = ()  # States no longer Parties


@dataclass(frozen=True)
class Accession:
    state: str
    deposited: KnownDate
    entry_into_force: KnownDate | None


@dataclass(frozen=True)
class History:
    treaty: Treaty
    opened: date
    end: date
    entry_into_force: KnownDate | None
    points: tuple[Point, ...]
    accessions: tuple[Accession, ...]
    states: dict[str, State] = field(default_factory=dict)

    @property
    def parties_start(self) -> date:
        """Parties are charted from the January of the treaty's entry into force."""
        day = self.entry_into_force.earliest if self.entry_into_force else None
        return date(day.year, 1, 1) if day else self.opened

    def name(self, code: str) -> str:
        state = self.states.get(code)
        return state.name if state is not None else code

    def on(self, day: date) -> Point:
        current = self.points[0]
        for point in self.points:
            if point.day > day:
                break
            current = point
        return current


def _bounds(known: KnownDate | None) -> Iterable[date]:
    """A stage whose start is `known` is possible from its earliest day and certain from its
    latest: the only two days it can change a count."""
    if known is None:
        return ()
    return [d for d in (known.earliest, known.latest) if d is not None]


def history(slug: str, *, today: date) -> History:
    """The counts of signatures, consents and Parties at every change since the opening for
    signature, computed once per registry version (and day)."""
    treaty = selectors.treaty_get(slug)
    version = selectors.registry_version()
    key = f"history:{slug}:{today.isoformat()}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    clauses = get_final_clauses(slug)
    opened = clauses.opened_for_signature or treaty.opened_for_signature or date(2000, 1, 1)
    actions = [selectors.to_action(e) for e in selectors.effective_events(treaty)]
    members = selectors.membership(version=version)
    recorded = (
        KnownDate.exact(treaty.stated_entry_into_force) if treaty.stated_entry_into_force else None
    )

    def fold(day: date) -> Any:
        return fold_chart(
            clauses,
            actions=actions,
            membership=members,
            as_of=day,
            recorded_entry_into_force=recorded,
        )

    final = fold(today)
    days = {opened, today}
    in_force = final.entry_into_force.value
    days.update(_bounds(in_force))
    for row in final.rows:
        for known in (row.signature, row.consent, row.entry_into_force, row.denunciation_effective):
            days.update(_bounds(known))
    points: list[Point] = []
    previous_certain: set[str] = set()
    previous_possible: set[str] = set()
    for day in sorted(d for d in days if opened <= d <= today):
        chart = fold(day)
        certain = {r.state for r in chart.rows if r.status is Status.PARTY}
        possible = {r.state for r in chart.rows if Status.PARTY in r.possible}
        signatures = (
            sum(1 for r in chart.rows if r.signature and r.signature.certainly_on_or_before(day)),
            sum(1 for r in chart.rows if r.signature is not None),
        )
        consents = (
            sum(1 for r in chart.rows if r.consent and r.consent.certainly_on_or_before(day)),
            sum(1 for r in chart.rows if r.consent is not None),
        )
        point = Point(
            day=day,
            parties=(len(certain), len(possible)),
            signatures=signatures,
            consents=consents,
            joined=tuple(sorted(certain - previous_certain)),
            possibly_joined=tuple(sorted(possible - certain - previous_possible)),
            left=tuple(sorted(previous_certain - certain)),
        )
        if not points or (point.parties, point.signatures, point.consents) != (
            points[-1].parties,
            points[-1].signatures,
            points[-1].consents,
        ):
            points.append(point)
        previous_certain, previous_possible = certain, possible
    accessions = tuple(
        Accession(state=row.state, deposited=row.consent, entry_into_force=row.entry_into_force)
        for row in final.rows
        if row.consent_instrument is Instrument.ACCESSION and row.consent is not None
    )
    view = selectors.chart_view(treaty, as_of=today, version=version)
    result = History(
        treaty=treaty,
        opened=opened,
        end=today,
        entry_into_force=in_force,
        points=tuple(points),
        accessions=accessions,
        states=dict(view.states),
    )
    cache.set(key, result, selectors.CACHE_SECONDS)
    return result


# -- the table beside each chart -------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    day: date
    certain: int
    possible: int
    joined: list[str]
    possibly_joined: list[str]
    left: list[str]

    @property
    def uncertain(self) -> bool:
        return self.possible != self.certain

    @property
    def counts(self) -> tuple[int, int]:
        return (self.certain, self.possible)


def party_rows(data: History) -> list[ChangeRow]:
    rows = []
    last: tuple[int, int] | None = None
    for point in data.points:
        if point.day < data.parties_start or point.parties == last:
            continue
        last = point.parties
        rows.append(
            ChangeRow(
                day=point.day,
                certain=point.parties[0],
                possible=point.parties[1],
                joined=[data.name(c) for c in point.joined],
                possibly_joined=[data.name(c) for c in point.possibly_joined],
                left=[data.name(c) for c in point.left],
            )
        )
    return rows


@dataclass(frozen=True)
class SignatureRow:
    day: date
    signatures: tuple[int, int]
    consents: tuple[int, int]


def signature_rows(data: History) -> list[SignatureRow]:
    rows: list[SignatureRow] = []
    for point in data.points:
        if rows and (rows[-1].signatures, rows[-1].consents) == (
            point.signatures,
            point.consents,
        ):
            continue
        rows.append(SignatureRow(point.day, point.signatures, point.consents))
    return rows


# -- SVG -------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _known(value: KnownDate | None) -> str:
    if value is None:
        return ""
    return value.describe(gettext, _day, lambda d: formats.date_format(d, "F Y"))


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


class _Frame:
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


def _step_path(frame: _Frame, steps: Sequence[tuple[date, int]]) -> str:
    if not steps:
        return ""
    parts = [f"M{frame.x(steps[0][0])} {frame.y(steps[0][1])}"]
    parts.extend(f"H{frame.x(day)}V{frame.y(value)}" for day, value in steps[1:])
    parts.append(f"H{frame.x(frame.end)}")
    return "".join(parts)


def _band_path(frame: _Frame, steps: Sequence[tuple[date, int, int]]) -> str:
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
    frame = _Frame(start, end, y_max, width, height)
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
                % {"name": data.name(accession.state), "day": _known(entry)},
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
        "start": _day(start),
        "end": _day(data.end),
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
        "start": _day(start),
        "end": _day(data.end),
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


# -- one State's timeline (on its profile) --------------------------------------------------

STAGE_COLOURS = {
    "signatory": "#8b76cf",
    "consented": "#3f7fc1",
    "party": "#17603a",
    "denounced": "#b33a3a",
}
STAGE_LABELS = {
    "signatory": _("Signatory"),
    "consented": _("Consented, not yet in force"),
    "party": _("Party"),
    "denounced": _("Denounced"),
}


@dataclass(frozen=True)
class Stage:
    treaty: Treaty
    key: str
    start: KnownDate
    end: KnownDate | None

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self.key])


def state_stages(profile: StateProfile) -> list[Stage]:
    """Each treaty's stages for the State up to the profile's date, from the positions the
    profile selector already folded (no further query)."""
    order = {CONVENTION: 0, OPTIONAL_PROTOCOL: 1}
    stages: list[Stage] = []
    for standing in sorted(profile.standings, key=lambda s: order.get(s.treaty.slug, 9)):
        position = standing.position
        starts = [
            ("signatory", position.signature),
            ("consented", position.consent),
            ("party", position.entry_into_force),
            ("denounced", position.denunciation_effective),
        ]
        present = [(key, known) for key, known in starts if known is not None]
        for index, (key, known) in enumerate(present):
            following = present[index + 1][1] if index + 1 < len(present) else None
            stages.append(Stage(standing.treaty, key, known, following))
    return stages


def state_timeline(profile: StateProfile) -> str:
    """One row per treaty: coloured bars for each stage, hatched where its start is known only
    within bounds."""
    treaties = [s.treaty for s in profile.standings]
    if not treaties:
        return ""
    order = {CONVENTION: 0, OPTIONAL_PROTOCOL: 1}
    treaties.sort(key=lambda t: order.get(t.slug, 9))
    openings = [
        get_final_clauses(t.slug).opened_for_signature or t.opened_for_signature for t in treaties
    ]
    start = min((d for d in openings if d is not None), default=date(2000, 1, 1))
    start = date(start.year, 1, 1)
    end = profile.as_of
    width, row_height, left = 760, 46, 18
    bar_top, bar_height = 18, 22
    height = 8 + row_height * len(treaties) + 26
    frame = _Frame(start, end, 1, width, height)
    frame.left = left
    stages = state_stages(profile)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart chart--state" role="img" aria-labelledby="state-timeline-title '
        f'state-timeline-desc">',
        f'<title id="state-timeline-title">{escape(gettext("Timeline of %(name)s under the treaties") % {"name": profile.state.name})}</title>',  # noqa: E501
        f'<desc id="state-timeline-desc">{escape(_stage_summary(stages))}</desc>',
        '<defs><pattern id="timeline-hatch" patternUnits="userSpaceOnUse" width="5" height="5" '
        'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fdf3e1"/>'
        '<rect width="2.2" height="5" fill="#b06f00"/></pattern></defs>',
    ]
    axis_y = 8 + row_height * len(treaties)
    years = range(start.year, end.year + 1)
    every = 1 if len(years) <= 14 else 2 if len(years) <= 28 else 5
    for year in years:
        x = frame.x(date(year, 1, 1))
        out.append(
            f'<line class="chart__grid" x1="{x}" x2="{x}" y1="8" y2="{axis_y}"/>'
            if (year - start.year) % every == 0
            else ""
        )
        if (year - start.year) % every == 0:
            out.append(
                f'<text class="chart__label" x="{x}" y="{axis_y + 17}" '
                f'text-anchor="middle">{year}</text>'
            )
    for index, treaty in enumerate(treaties):
        y = 4 + row_height * index
        out.append(
            f'<text class="chart__label chart__label--strong" x="{left}" '
            f'y="{y + 12}">{escape(treaty.short_title)}</text>'
        )
        out.append(
            f'<rect x="{left}" y="{y + bar_top}" width="{width - left - frame.right}" '
            f'height="{bar_height}" fill="#eef0f3"/>'
        )
        for stage in (s for s in stages if s.treaty.pk == treaty.pk):
            sure_from = stage.start.latest or stage.start.earliest
            may_from = stage.start.earliest
            until = (stage.end.earliest or stage.end.latest) if stage.end else None
            x_until = frame.x(until) if until else frame.x(end)
            x_sure = frame.x(sure_from) if sure_from else frame.left
            x_may = frame.x(may_from) if may_from else frame.left
            tip = gettext("%(treaty)s: %(stage)s from %(date)s") % {
                "treaty": treaty.short_title,
                "stage": stage.label,
                "date": _known(stage.start),
            }
            if x_sure < x_may:
                x_sure = x_may
            if x_may < x_sure:
                out.append(
                    f'<rect x="{x_may}" y="{y + bar_top}" width="{round(x_sure - x_may, 1)}" '
                    f'height="{bar_height}" fill="url(#timeline-hatch)"><title>'
                    f"{escape(tip)}</title></rect>"
                )
            if x_until > x_sure:
                out.append(
                    f'<rect x="{x_sure}" y="{y + bar_top}" width="{round(x_until - x_sure, 1)}" '
                    f'height="{bar_height}" fill="{STAGE_COLOURS[stage.key]}">'
                    f"<title>{escape(tip)}</title></rect>"
                )
    out.append(
        f'<line class="chart__axis" x1="{left}" x2="{width - frame.right}" y1="{axis_y}" '
        f'y2="{axis_y}"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _stage_summary(stages: Sequence[Stage]) -> str:
    if not stages:
        return gettext("No signature or consent is recorded.")
    return " ".join(
        gettext("%(treaty)s: %(stage)s from %(date)s.")
        % {
            "treaty": s.treaty.short_title,
            "stage": s.label,
            "date": s.start.describe(gettext, _day),
        }
        for s in stages
    )
