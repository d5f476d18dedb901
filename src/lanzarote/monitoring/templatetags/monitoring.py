"""Template helpers of the monitoring pages, and the partial the Committee's project page
includes to list the recommendations a co-operation project responds to."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext, gettext_noop, ngettext

from lanzarote.monitoring import presenters
from lanzarote.monitoring.models import Recommendation

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


KIND_LABELS = {
    "question": gettext_noop("Question"),
    "reply": gettext_noop("Reply"),
    "contribution": gettext_noop("Contribution"),
    "recommendation": gettext_noop("Recommendation"),
}


@register.filter
def document_kind(value: str) -> str:
    return gettext(KIND_LABELS.get(value, value))


@register.filter
def compliance_label(value: Any) -> str:
    return presenters.compliance_label(getattr(value, "value", value))


@register.filter
def contribution_source(value: str) -> str:
    from lanzarote.monitoring.models import Contribution

    return str(dict(Contribution.Source.choices).get(value, value))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.inclusion_tag("monitoring/_project_recommendations.html")
def project_recommendations(project: Any) -> dict[str, Any]:
    """`{% load monitoring %}{% project_recommendations project %}` on the project page."""
    items = list(
        Recommendation.objects.filter(responding_projects=project)
        .select_related("report__round", "strength")
        .order_by("report__round__position", "report_id", "position")
    )
    return {"recommendations": items}
