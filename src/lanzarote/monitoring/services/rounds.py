"""Writes on rounds: creating one, adding a State to its scope by decision, its strength levels."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.records.inputs import one_of
from lanzarote.core.records.saving import authorise, record_save, recorded_now, snapshot
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import (
    Round,
    ScopeAddition,
    StrengthLevel,
)
from lanzarote.monitoring.services._common import MANAGE, _state, _text
from lanzarote.monitoring.services.search_index import index_round
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import CONVENTION, KnownDate, Status


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    slug: str,
    kind: str,
    title_en: str,
    title_fr: str,
    theme_en: str,
    theme_fr: str,
    launch: KnownDate,
    number: int | None = None,
    launch_confirmed: bool = True,
    launch_meeting: Any = None,
    questionnaire_sent_on: date | None = None,
    replies_due: date | None = None,
    replies_due_confirmed: bool = True,
    status: str = Round.Status.PREPARATION,
) -> Round:
    """Launch a round. Its scope is not given: it is the Parties on `launch` (registry)."""
    authorise(actor, MANAGE)
    one_of(kind, Round.Kind.values, field="kind")
    one_of(status, Round.Status.values, field="status")
    if launch.is_unknown:
        raise InvalidInput(
            "A round needs its launch date, even if only to the month.", field="launch"
        )
    if Round.objects.filter(slug=slug).exists():
        raise Conflict(f"A round {slug!r} already exists.", field="slug")
    if number is not None and Round.objects.filter(number=number).exists():
        raise Conflict(f"A round numbered {number} already exists.", field="number")
    if replies_due and launch.earliest and replies_due < launch.earliest:
        raise InvalidInput(
            "Replies cannot be due before the round is launched.", field="replies_due"
        )
    round_ = record_save(
        actor=actor,
        instance=Round(),
        values={
            "slug": slug,
            "kind": kind,
            "number": number,
            "position": (Round.objects.aggregate(m=Max("position"))["m"] or 0) + 1,
            "title_en": _text(title_en, field="title_en"),
            "title_fr": _text(title_fr, field="title_fr"),
            "theme_en": _text(theme_en, field="theme_en"),
            "theme_fr": _text(theme_fr, field="theme_fr"),
            "launch_confirmed": launch_confirmed,
            "launch_meeting": launch_meeting,
            "questionnaire_sent_on": questionnaire_sent_on,
            "replies_due": replies_due,
            "replies_due_confirmed": replies_due_confirmed,
            "status": status,
            **Round.known_date_values(launch),
        },
        permission=MANAGE,
        action=AuditAction.MONITORING_ROUND_CREATE,
        summary=slug,
    )
    index_round(round_)
    return round_


@transaction.atomic
def scope_add(
    *,
    actor: Actor,
    round_: Round,
    state_code: str,
    decided_on: date,
    reason: str,
    meeting: Any = None,
    decision: Any = None,
) -> ScopeAddition:
    """Add a State that became a Party after the launch to a round, by a recorded decision."""
    authorise(actor, MANAGE)
    state = _state(state_code)
    scope = selectors.round_scope(round_)
    if state.code in scope.codes:
        raise Conflict(
            f"{state.name_en} is already in the scope of {round_.title_en}.", field="state"
        )
    position = registry.position_of(
        treaty=registry.treaty_get(CONVENTION), state=state, as_of=decided_on
    )
    if not ({Status.PARTY, Status.CONSENTED} & position.possible):
        raise InvalidInput(
            f"{state.name_en} had not consented to be bound by the Convention on {decided_on.isoformat()}; "
            "only Parties (or States about to become Parties) are added to a round.",
            field="state",
            article="Art. 41(1)",
        )
    if meeting is not None and not (meeting.start_date <= decided_on <= meeting.end_date):
        raise InvalidInput(
            "The decision's date is not a day of the meeting named.", field="decided_on"
        )
    addition = ScopeAddition.objects.create(
        round=round_,
        state=state,
        decided_on=decided_on,
        meeting=meeting,
        decision=decision,
        reason=_text(reason, field="reason"),
        **recorded_now(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_SCOPE_ADD,
        target=addition,
        changes=snapshot(addition, ("round", "state", "decided_on", "meeting", "decision")),
        summary=f"{round_.slug} + {state.code}",
    )
    return addition


@transaction.atomic
def strength_level_set(
    *,
    actor: Actor,
    round_: Round,
    slug: str,
    label_en: str,
    label_fr: str,
    rank: int = 1,
    confirmed: bool = False,
    meaning_confirmed: bool = False,
    note_en: str = "",
    note_fr: str = "",
    sources: Sequence[dict[str, str]] = (),
) -> StrengthLevel:
    """Add or change one term of the round's vocabulary of recommendation strengths."""
    authorise(actor, MANAGE)
    return record_save(
        actor=actor,
        instance=StrengthLevel.objects.filter(round=round_, slug=slug).first()
        or StrengthLevel(round=round_, slug=slug),
        values={
            "label_en": _text(label_en, field="label_en"),
            "label_fr": _text(label_fr, field="label_fr"),
            "rank": rank,
            "confirmed": confirmed,
            "meaning_confirmed": meaning_confirmed,
            "note_en": note_en,
            "note_fr": note_fr,
            "sources": list(sources),
        },
        permission=MANAGE,
        action=AuditAction.MONITORING_STRENGTH_SET,
        summary=f"{round_.slug}:{slug}",
    )
