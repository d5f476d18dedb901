"""Capacity building: co-operation projects, requests for assistance, priority flags, events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from lanzarote.committee.checks import MANAGE, authorised
from lanzarote.committee.models import (
    AssistanceRequest,
    CapacityEvent,
    Decision,
    Meeting,
    PriorityFlag,
    Project,
    Theme,
)
from lanzarote.core.audit import AuditAction, SaveActions
from lanzarote.core.errors import InvalidInput
from lanzarote.core.records.inputs import (
    SourceInput,
    clean_sources,
    known_date,
    lines,
    one_of,
    required_text,
    unique_slug,
)
from lanzarote.core.records.saving import record_save
from lanzarote.registry.lookups import convention_articles, state_by_code, states_by_code
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import KnownDate

PROJECT = SaveActions(AuditAction.COMMITTEE_PROJECT_CREATE, AuditAction.COMMITTEE_PROJECT_UPDATE)
ASSISTANCE = SaveActions(
    AuditAction.COMMITTEE_ASSISTANCE_CREATE, AuditAction.COMMITTEE_ASSISTANCE_UPDATE
)
PRIORITY = SaveActions(AuditAction.COMMITTEE_PRIORITY_CREATE, AuditAction.COMMITTEE_PRIORITY_UPDATE)
EVENT = SaveActions(AuditAction.COMMITTEE_EVENT_CREATE, AuditAction.COMMITTEE_EVENT_UPDATE)


@transaction.atomic
def project_save(
    *,
    user: Any,
    project: Project | None = None,
    title_en: str,
    title_fr: str,
    status: str,
    slug: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    beneficiaries: Iterable[str | State] = (),
    themes: Iterable[Theme] = (),
    articles: Iterable[int | Article] = (),
    partners: Iterable[str] | str = (),
    donors: Iterable[str] | str = (),
    start_date: date | None = None,
    end_date: date | None = None,
    outputs_en: str = "",
    outputs_fr: str = "",
    url: str = "",
) -> Project:
    """A co-operation project. The recommendations it responds to are linked from monitoring."""
    actor = authorised(user)
    one_of(status, Project.Status.values, field="status")
    if start_date and end_date and end_date < start_date:
        raise InvalidInput("A project cannot end before it starts.", field="end_date")
    instance = project or Project()
    values = {
        "title_en": title_en.strip(),
        "title_fr": title_fr.strip(),
        "status": status,
        "summary_en": summary_en.strip(),
        "summary_fr": summary_fr.strip(),
        "partners": lines(partners),
        "donors": lines(donors),
        "start_date": start_date,
        "end_date": end_date,
        "outputs_en": outputs_en.strip(),
        "outputs_fr": outputs_fr.strip(),
        "url": url,
        "slug": slug or instance.slug or unique_slug(Project, title_en),
    }
    return record_save(
        actor=actor,
        instance=instance,
        values=values,
        relations={
            "beneficiaries": states_by_code(beneficiaries, field="beneficiaries"),
            "themes": list(themes),
            "articles": convention_articles(articles),
        },
        permission=MANAGE,
        action=PROJECT,
        summary=title_en[:300],
    )


@transaction.atomic
def assistance_request_save(
    *,
    user: Any,
    request: AssistanceRequest | None = None,
    state: str | State,
    received_on: date,
    subject_en: str,
    status: str,
    subject_fr: str = "",
    articles: Iterable[int | Article] = (),
    project: Project | None = None,
    note: str = "",
    today: date | None = None,
) -> AssistanceRequest:
    actor = authorised(user)
    if received_on > (today or timezone.localdate()):
        raise InvalidInput("A request cannot be received in the future.", field="received_on")
    one_of(status, AssistanceRequest.Status.values, field="status")
    requesting = state_by_code(state)
    values = {
        "state": requesting,
        "received_on": received_on,
        "subject_en": subject_en.strip(),
        "subject_fr": subject_fr.strip(),
        "status": status,
        "project": project,
        "note": note.strip(),
    }
    return record_save(
        actor=actor,
        instance=request or AssistanceRequest(),
        values=values,
        relations={"articles": convention_articles(articles)},
        permission=MANAGE,
        action=ASSISTANCE,
        summary=f"{getattr(requesting, 'code', '')}: {subject_en[:200]}",
    )


@transaction.atomic
def priority_flag_save(
    *,
    user: Any,
    flag: PriorityFlag | None = None,
    state: str | State,
    reason_en: str,
    flagged_on: date,
    reason_fr: str = "",
    decision: Decision | None = None,
    lifted_on: date | None = None,
) -> PriorityFlag:
    """Flag a State as a priority country by a decision, with the reason (or lift the flag)."""
    actor = authorised(user)
    reason = required_text(reason_en, field="reason_en", message="Give the reason for the flag.")
    if decision is not None and decision.decided_on > flagged_on:
        raise InvalidInput("A flag set by a decision cannot precede it.", field="flagged_on")
    flagged = state_by_code(state)
    values = {
        "state": flagged,
        "reason_en": reason,
        "reason_fr": reason_fr.strip(),
        "decision": decision,
        "flagged_on": flagged_on,
        "lifted_on": lifted_on,
    }
    return record_save(
        actor=actor,
        instance=flag or PriorityFlag(),
        values=values,
        permission=MANAGE,
        action=PRIORITY,
        summary=f"{getattr(flagged, 'code', '')}: {reason[:200]}",
    )


@transaction.atomic
def capacity_event_save(
    *,
    user: Any,
    event: CapacityEvent | None = None,
    kind: str,
    title_en: str,
    held_on: KnownDate | str,
    title_fr: str = "",
    slug: str = "",
    confirmed: bool = False,
    place_en: str = "",
    place_fr: str = "",
    online: bool = False,
    meeting: Meeting | None = None,
    participants_en: str = "",
    participants_fr: str = "",
    states: Iterable[str | State] = (),
    sources: Sequence[SourceInput] = (),
    note_en: str = "",
    note_fr: str = "",
) -> CapacityEvent:
    actor = authorised(user)
    one_of(kind, CapacityEvent.Kind.values, field="kind")
    known = known_date(held_on, field="held_on")
    instance = event or CapacityEvent()
    values = {
        "kind": kind,
        "title_en": title_en.strip(),
        "title_fr": title_fr.strip(),
        "confirmed": confirmed,
        "place_en": place_en.strip(),
        "place_fr": (place_fr or place_en).strip(),
        "online": online,
        "meeting": meeting,
        "participants_en": participants_en.strip(),
        "participants_fr": participants_fr.strip(),
        "sources": clean_sources(sources),
        "note_en": note_en,
        "note_fr": note_fr,
        "slug": slug or instance.slug or unique_slug(CapacityEvent, title_en),
        **CapacityEvent.known_date_values(known),
    }
    return record_save(
        actor=actor,
        instance=instance,
        values=values,
        relations={"states": states_by_code(states)},
        permission=MANAGE,
        action=EVENT,
        summary=title_en[:300],
    )
