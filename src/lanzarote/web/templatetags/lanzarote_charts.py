"""Template helpers of the map and the charts over time."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from lanzarote.registry.selectors import StateProfile
from lanzarote.web import charts

register = template.Library()


@register.filter
def count_range(pair: tuple[int, int]) -> str:
    return charts.count_text(pair)


@register.simple_tag
def state_timeline(profile: StateProfile) -> SafeString:
    """The State's stages under each treaty as SVG (built from escaped parts)."""
    return mark_safe(charts.state_timeline(profile))


@register.simple_tag
def state_stages(profile: StateProfile) -> list[charts.Stage]:
    return charts.state_stages(profile)


@register.inclusion_tag("web/_chart_legend.html")
def chart_legend(*items: Any) -> dict[str, Any]:
    """The legend beside a chart: for each line, the swatch's modifier and its text.

    {% chart_legend "line-parties" _("Parties (certain)") "band" _("Range: …") %}
    """
    if len(items) % 2:
        raise template.TemplateSyntaxError("chart_legend takes a swatch and a text for each line")
    return {"items": list(zip(items[::2], items[1::2], strict=True))}
