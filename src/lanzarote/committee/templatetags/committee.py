"""Template helpers of the Committee pages, and the two partials other pages include: a State's
role in the Committee (State profile) and the texts that interpret each article (the Convention
page). Both read through `committee.selectors`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from lanzarote.committee import selectors
from lanzarote.committee.schemas.capacity import PRIORITY_LABELS
from lanzarote.registry import source_display
from lanzarote.registry.lookups import CONVENTION
from lanzarote.treaty_law.committee import Ballot, ParticipantBasis

register = template.Library()


@register.simple_tag
def committee_role(
    state: Any, as_of: date | None, profile: Any = None
) -> selectors.StateRole | None:
    """The State's seat on `as_of`; reuses the registry's answers the profile already holds."""
    if state is None or as_of is None:
        return None
    treaty = None
    member = None
    if profile is not None:
        standing = profile.standing(CONVENTION)
        treaty = standing.treaty if standing is not None else None
        member = profile.member_of_council_of_europe
    return selectors.state_role(
        state, as_of=as_of, treaty=treaty, member_of_council_of_europe=member
    )


@register.simple_tag
def texts_by_article() -> list[selectors.ArticleTexts]:
    return selectors.texts_by_article()


@register.filter
def basis_label(value: ParticipantBasis | str) -> str:
    return gettext(ParticipantBasis(str(value)).label)


@register.filter
def priority_label(kind: str) -> str:
    return str(PRIORITY_LABELS.get(kind, kind))


@register.simple_tag
def certainty(certain: bool) -> str:
    """The quiet mark on a row whose presence on the date depends on a date no source gives."""
    if certain:
        return ""
    return source_display.inline_mark(
        gettext("Whether this applied on the date shown depends on a date that no source gives.")
    )


@register.simple_tag
def unconfirmed(confirmed: bool, reason: str = "") -> str:
    """The quiet mark, for running text, on a fact no source we found confirms."""
    if confirmed:
        return ""
    return source_display.inline_mark(reason or gettext("No source we found confirms this."))


@register.simple_tag
def quiet_note(confirmed: bool, reason: str = "", sources: Iterable[Mapping[str, str]] = ()) -> str:
    """The same mark opening its reason and the sources on demand, for a cell or a <dd>."""
    if confirmed:
        return ""
    return source_display.quiet_note(
        reason or gettext("No source we found confirms this."), sources or ()
    )


@register.simple_tag
def demo_badge(is_demo: bool) -> str:
    if not is_demo:
        return ""
    return format_html(
        '<span class="badge badge--demo" title="{}">{}</span>',
        gettext("Invented for demonstration; not a real person."),
        gettext("demonstration"),
    )


@register.filter
def ballot_label(value: str) -> str:
    return gettext(Ballot(value).label).capitalize()
