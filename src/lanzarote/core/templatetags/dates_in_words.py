"""The `date` filter of every template, writing the first day of a month as French does.

Loaded as a template builtin (settings TEMPLATES OPTIONS "builtins"), after Django's own, so
its `date` replaces Django's everywhere: every `|date:"j F Y"` of every app — and of templates
written later — says "1er février 2026" in French without each template having to remember a
special filter. Other formats pass through to Django unchanged.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template import defaultfilters

from lanzarote.core.text import date_format_for

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value: Any, arg: str | None = None) -> str:
    if value in (None, ""):
        return ""
    if not hasattr(value, "day"):
        return defaultfilters.date(value, arg)
    return defaultfilters.date(value, date_format_for(value, arg or "DATE_FORMAT"))
