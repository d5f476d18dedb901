"""Writes on contributions from other sources than the Parties."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.records.inputs import one_of
from lanzarote.core.records.saving import authorise, locked, snapshot
from lanzarote.core.roles import Role
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import (
    Contribution,
    Question,
    Round,
)
from lanzarote.monitoring.services._common import MANAGE, _language, _text
from lanzarote.monitoring.services.search_index import index_contribution
from lanzarote.registry.models import State


def _questions_of_round(round_: Round, ids: Iterable[int]) -> list[Question]:
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return []
    found = {q.pk: q for q in Question.objects.filter(pk__in=wanted, questionnaire__round=round_)}
    unknown = [i for i in wanted if i not in found]
    if unknown:
        raise InvalidInput(
            f"Questions {', '.join(map(str, unknown))} are not questions of {round_.title_en}.",
            field="questions",
        )
    return [found[i] for i in wanted]


def _states_in_scope(round_: Round, codes: Iterable[str]) -> list[State]:
    wanted = sorted({c.upper() for c in codes})
    if not wanted:
        return []
    scope = selectors.round_scope(round_).codes
    outside = [c for c in wanted if c not in scope]
    if outside:
        raise InvalidInput(
            f"Not in the scope of {round_.title_en}: {', '.join(outside)}.", field="states"
        )
    return list(State.objects.filter(code__in=wanted))


@transaction.atomic
def contribution_submit(
    *,
    actor: Actor,
    round_: Round,
    source: str,
    text: str,
    language: str = "en",
    questions: Iterable[int] = (),
    states: Iterable[str] = (),
    organisation: Any = None,
    contributor: str = "",
    is_demo: bool = False,
) -> Contribution:
    """A contribution from an observer organisation (sent by one of its observers, in its own
    name only), a national human-rights institution or another stakeholder (recorded by the
    secretariat). Children's contributions go through `children_contribution_record`."""
    if source == Contribution.Source.CHILDREN:
        raise InvalidInput(
            "Children's contributions are recorded with their safeguards "
            "(age band, consent, anonymisation).",
            field="source",
        )
    one_of(source, Contribution.Source.values, field="source")
    if actor.user is not None and actor.user.role == Role.OBSERVER:
        own = selectors.organisation_for(actor.user)
        if organisation is None:
            organisation = own
    authorise(actor, "monitoring.contribute", source=source, organisation=organisation)
    if source == Contribution.Source.OBSERVER and organisation is None:
        raise InvalidInput(
            "An observer's contribution names its organisation.", field="organisation"
        )
    if source != Contribution.Source.OBSERVER and not contributor.strip():
        raise InvalidInput(
            "Name the institution or organisation that sent the contribution.", field="contributor"
        )
    contribution = Contribution(
        round=round_,
        source=source,
        organisation=organisation if source == Contribution.Source.OBSERVER else None,
        contributor=contributor.strip() if source != Contribution.Source.OBSERVER else "",
        text=_text(text, field="text"),
        language=_language(language),
        is_demo=is_demo,
    )
    return contribution_recorded(
        actor,
        contribution,
        questions=questions,
        states=states,
        action=AuditAction.MONITORING_CONTRIBUTION_SUBMIT,
        summary=f"{round_.slug} {source}",
        changes=snapshot(contribution, ("round", "source", "organisation", "language", "status")),
    )


def contribution_recorded(
    actor: Actor,
    contribution: Contribution,
    *,
    questions: Iterable[int],
    states: Iterable[str],
    action: AuditAction,
    summary: str,
    changes: dict[str, list[Any]] | None = None,
    payload: dict[str, Any] | None = None,
) -> Contribution:
    """A new contribution (any source) saved as sent now by `actor`, with the questions and the
    States of its round it speaks of, indexed for search and audited: where every kind of
    contribution is written."""
    contribution.submitted_at = timezone.now()
    contribution.submitted_by = actor.user
    contribution.submitted_by_label = actor.label
    return contribution_saved(
        actor,
        contribution,
        action=action,
        summary=summary,
        payload=payload,
        changes=changes,
        questions=questions,
        states=states,
    )


def contribution_saved(
    actor: Actor,
    contribution: Contribution,
    *,
    action: AuditAction,
    summary: str = "",
    payload: dict[str, Any] | None = None,
    changes: dict[str, list[Any]] | None = None,
    questions: Iterable[int] | None = None,
    states: Iterable[str] | None = None,
) -> Contribution:
    """Save a contribution, new or changed, keeping its search entry and the audit trail in
    step; a new one also names the questions and the States of its round it speaks of."""
    contribution.save()
    if questions is not None:
        contribution.questions.set(_questions_of_round(contribution.round, questions))
    if states is not None:
        contribution.states.set(_states_in_scope(contribution.round, states))
    index_contribution(contribution)
    audit_record(
        actor=actor,
        action=action,
        target=contribution,
        summary=summary,
        payload=payload,
        changes=changes,
    )
    return contribution


@transaction.atomic
def contribution_publish(*, actor: Actor, contribution: Contribution) -> Contribution:
    authorise(actor, MANAGE)
    contribution = locked(contribution)
    if contribution.status == Contribution.Status.PUBLISHED:
        raise Conflict("The contribution is already published.")
    if contribution.held_by_screening:
        raise Conflict(
            gettext(
                "This children's contribution is held: the screen found details that could "
                "identify a child. Redact the text, or confirm that nothing in it identifies a "
                "child, before publishing it."
            )
        )
    previous = contribution.status
    contribution.status = Contribution.Status.PUBLISHED
    contribution.published_at = timezone.now()
    return contribution_saved(
        actor,
        contribution,
        action=AuditAction.MONITORING_CONTRIBUTION_PUBLISH,
        changes={"status": [previous, contribution.status]},
    )
