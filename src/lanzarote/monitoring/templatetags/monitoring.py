"""Template helpers of the monitoring pages, and the panel the Committee's project page shows
to list the recommendations a co-operation project responds to (`committee.panels`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_noop, ngettext

from lanzarote.committee.panels import Panel
from lanzarote.monitoring import presenters
from lanzarote.monitoring.models import Contribution, Recommendation, SearchDocument

register = template.Library()

REPLY_STATUS_LABELS = {
    "none": gettext_noop("Not started"),
    "not_submitted": gettext_noop("Not yet submitted"),
    "draft": gettext_noop("Draft"),
    "validated": gettext_noop("Validated"),
    "submitted": gettext_noop("Submitted"),
    "published": gettext_noop("Published"),
}


@register.filter
def reply_status(value: str) -> str:
    return gettext(REPLY_STATUS_LABELS.get(value, value))


@register.filter
def article_list(obj: Any) -> str:
    """ "Art. 20" or "Arts. 23, 24" for anything with `articles` (prefetched)."""
    numbers = sorted(a.number for a in obj.articles.all())
    if not numbers:
        return ""
    return ngettext("Art. %(numbers)s", "Arts. %(numbers)s", len(numbers)) % {
        "numbers": ", ".join(map(str, numbers))
    }


@register.filter
def document_kind(value: str) -> str:
    try:
        return str(SearchDocument.Kind(value).label)
    except ValueError:
        return value


@register.filter
def compliance_label(value: Any) -> str:
    return presenters.compliance_label(getattr(value, "value", value))


@register.filter
def contribution_source(value: str) -> str:
    return str(dict(Contribution.Source.choices).get(value, value))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.inclusion_tag("monitoring/_project_recommendations.html")
def project_recommendations(project: Any) -> dict[str, Any]:
    """The recommendations a co-operation project responds to (`project_recommendations_panel`)."""
    items = list(
        Recommendation.objects.filter(responding_projects=project)
        .select_related("report__round", "strength")
        .order_by("report__round__position", "report_id", "position")
    )
    return {"recommendations": items}


def project_recommendations_panel(project: Any) -> Panel:
    """The Committee's project page panel; registered by `MonitoringConfig.ready`."""
    html = render_to_string(
        "monitoring/_project_recommendations.html", project_recommendations(project)
    )
    return Panel(title=gettext("Recommendations it responds to"), html=html)
