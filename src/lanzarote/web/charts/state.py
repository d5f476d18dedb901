"""One State's timeline on its profile: a bar per treaty, coloured by stage, hatched where a
stage's start is known only within bounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.registry.models import Treaty
from lanzarote.registry.selectors import StateProfile
from lanzarote.treaty_law import CONVENTION, OPTIONAL_PROTOCOL, KnownDate, get_final_clauses
from lanzarote.web.charts.steps import Frame, known_date, long_date

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
    frame = Frame(start, end, 1, width, height)
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
                "date": known_date(stage.start),
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
            "date": s.start.describe(gettext, long_date),
        }
        for s in stages
    )
