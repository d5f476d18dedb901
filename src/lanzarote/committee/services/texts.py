"""Texts the Committee adopted, linked to the articles they concern and their meetings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from lanzarote.committee.checks import MANAGE, authorised, known_within_meeting
from lanzarote.committee.models import AdoptedText, Decision, Meeting
from lanzarote.core.audit import AuditAction, SaveActions
from lanzarote.core.errors import InvalidInput
from lanzarote.core.records.inputs import (
    SourceInput,
    clean_sources,
    known_date,
    one_of,
    unique_slug,
)
from lanzarote.core.records.saving import record_save
from lanzarote.registry.lookups import convention_articles
from lanzarote.registry.models import Article
from lanzarote.treaty_law import KnownDate

TEXT = SaveActions(AuditAction.COMMITTEE_TEXT_CREATE, AuditAction.COMMITTEE_TEXT_UPDATE)


@transaction.atomic
def text_save(
    *,
    user: Any,
    text: AdoptedText | None = None,
    kind: str,
    title_en: str,
    title_fr: str = "",
    adopted_on: KnownDate | str = "unknown",
    confirmed: bool = False,
    adoption_confirmed: bool = True,
    slug: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    url_en: str = "",
    url_fr: str = "",
    document_code: str = "",
    meeting: Meeting | None = None,
    considered_at: Iterable[Meeting] = (),
    decision: Decision | None = None,
    articles: Iterable[int | Article] = (),
    sources: Sequence[SourceInput] = (),
    note_en: str = "",
    note_fr: str = "",
) -> AdoptedText:
    """An opinion, declaration, statement, report or guidance note, with the articles it
    concerns. Its date is stored as known; adoption at a meeting must fall on its days."""
    actor = authorised(user)
    one_of(kind, AdoptedText.Kind.values, field="kind")
    known = known_date(adopted_on, field="adopted_on")
    if meeting is not None:
        known_within_meeting(meeting, known, field="adopted_on")
    if decision is not None and meeting is not None and decision.meeting_id != meeting.pk:
        raise InvalidInput("The decision was taken at another meeting.", field="decision")
    instance = text or AdoptedText()
    values = {
        "kind": kind,
        "title_en": title_en.strip(),
        "title_fr": title_fr.strip(),
        "summary_en": summary_en.strip(),
        "summary_fr": summary_fr.strip(),
        "url_en": url_en,
        "url_fr": url_fr,
        "document_code": document_code.strip(),
        "meeting": meeting,
        "decision": decision,
        "confirmed": confirmed,
        "adoption_confirmed": adoption_confirmed,
        "sources": clean_sources(sources),
        "note_en": note_en,
        "note_fr": note_fr,
        "slug": slug or instance.slug or unique_slug(AdoptedText, title_en),
        **AdoptedText.known_date_values(known),
    }
    return record_save(
        actor=actor,
        instance=instance,
        values=values,
        relations={
            "articles": convention_articles(articles),
            "considered_at": list(considered_at),
        },
        permission=MANAGE,
        action=TEXT,
        summary=title_en[:300],
    )
