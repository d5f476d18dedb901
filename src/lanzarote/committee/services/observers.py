"""The observer chain (Art. 40(3)): applications, putting them to a meeting, the members'
decision, and the withdrawal of observer status. Each step goes through the declared workflow
(`committee.workflows.OBSERVER_APPLICATIONS`) and leaves an append-only `ObserverEvent`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from lanzarote.committee import selectors
from lanzarote.committee.checks import MANAGE, RECORD_VOTE, authorised, within_meeting
from lanzarote.committee.models import (
    AgendaItem,
    Decision,
    Meeting,
    ObserverApplication,
    ObserverEvent,
    Organisation,
    Vote,
)
from lanzarote.committee.services.meetings import count_vote, next_agenda_position, vote_row
from lanzarote.committee.services.organisations import ORGANISATION, organisation_values
from lanzarote.committee.workflows import OBSERVER_APPLICATIONS
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.core.records.inputs import SourceInput, clean_sources, required_text
from lanzarote.core.records.saving import locked, record_save, recorded_now
from lanzarote.registry.models import State
from lanzarote.treaty_law import KnownDate
from lanzarote.treaty_law.committee import ApplicationStatus, MajorityRule, ObserverStep

INCOMPLETE = (
    "The application needs its mission, its activity in child protection and its references."
)


def _observer_event(
    *,
    actor: Actor,
    organisation: Organisation,
    kind: str,
    on: KnownDate,
    application: ObserverApplication | None = None,
    meeting: Meeting | None = None,
    decision: Decision | None = None,
    vote: Vote | None = None,
    note_en: str = "",
    note_fr: str = "",
    sources: Sequence[SourceInput] = (),
) -> ObserverEvent:
    event = ObserverEvent(
        organisation=organisation,
        application=application,
        kind=kind,
        meeting=meeting,
        decision=decision,
        vote=vote,
        note_en=note_en,
        note_fr=note_fr,
        confirmed=True,
        sources=clean_sources(sources),
        **recorded_now(actor),
    )
    event.set_known_date(on)
    event.save()
    return event


def _applicant(
    actor: Actor, organisation: Organisation | None, *, today: date, **identity: Any
) -> Organisation:
    """The organisation that applies: a known one, or a new one recorded from its name; refused
    when it already waits for a decision or already observes."""
    if organisation is None:
        required_text(
            identity["name_en"], field="name_en", message="Name the organisation that applies."
        )
        new = Organisation()
        organisation = record_save(
            actor=actor,
            instance=new,
            values=organisation_values(new, **identity),
            permission=MANAGE,
            action=ORGANISATION,
            summary=lambda saved: saved.name_en,
        )
    waiting = [ApplicationStatus.RECEIVED.value, ApplicationStatus.SCHEDULED.value]
    if ObserverApplication.objects.filter(organisation=organisation, status__in=waiting).exists():
        raise Conflict(
            f"{organisation.name_en} already has an application waiting for a decision.",
            field="organisation",
        )
    if any(
        row.organisation.pk == organisation.pk for row in selectors.composition(today).observers
    ):
        raise Conflict(f"{organisation.name_en} is already an observer.", field="organisation")
    return organisation


@transaction.atomic
def observer_application_record(
    *,
    user: Any,
    received_on: date,
    mission_en: str,
    child_protection_activity_en: str,
    references: str,
    organisation: Organisation | None = None,
    name_en: str = "",
    name_fr: str = "",
    acronym: str = "",
    country: str | State | None = None,
    website: str = "",
    mission_fr: str = "",
    child_protection_activity_fr: str = "",
    contact_name: str = "",
    contact_email: str = "",
    today: date | None = None,
) -> ObserverApplication:
    """Record an organisation's application for observer status, as received by the
    secretariat (mission, activity in child protection, references)."""
    actor = authorised(user)
    today = today or timezone.localdate()
    if received_on > today:
        raise InvalidInput("An application cannot be received in the future.", field="received_on")
    for field, value in (
        ("mission_en", mission_en),
        ("child_protection_activity_en", child_protection_activity_en),
        ("references", references),
    ):
        required_text(value, field=field, message=INCOMPLETE)
    organisation = _applicant(
        actor,
        organisation,
        today=today,
        name_en=name_en,
        name_fr=name_fr,
        acronym=acronym,
        country=country,
        website=website,
    )
    values = {
        "organisation": organisation,
        "received_on": received_on,
        "mission_en": mission_en.strip(),
        "mission_fr": mission_fr.strip(),
        "child_protection_activity_en": child_protection_activity_en.strip(),
        "child_protection_activity_fr": child_protection_activity_fr.strip(),
        "references": references.strip(),
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
        "status": ApplicationStatus.RECEIVED.value,
    }
    application = record_save(
        actor=actor,
        instance=ObserverApplication(),
        values=values,
        permission=MANAGE,
        action=AuditAction.COMMITTEE_OBSERVER_APPLY,
        summary=f"{organisation.name_en} applies for observer status",
    )
    _observer_event(
        actor=actor,
        organisation=organisation,
        application=application,
        kind=ObserverEvent.Kind.APPLIED,
        on=KnownDate.exact(received_on),
    )
    return application


def _locked(application: ObserverApplication) -> ObserverApplication:
    return locked(application, related=("organisation",))


@transaction.atomic
def observer_application_schedule(
    *, user: Any, application: ObserverApplication, meeting: Meeting, today: date | None = None
) -> ObserverApplication:
    """Put an application to a meeting of the Committee (adds an item to its agenda)."""
    actor = authorised(user)
    application = _locked(application)
    step = OBSERVER_APPLICATIONS.advance(
        application,
        ObserverStep.SCHEDULE,
        user=user,
        meeting=meeting,
        values={"meeting": meeting},
    )
    organisation = application.organisation
    title_en = f"Application for observer status: {organisation.name_en}"
    if not meeting.agenda_items.filter(title_en=title_en).exists():
        AgendaItem.objects.create(
            meeting=meeting,
            position=next_agenda_position(meeting),
            title_en=title_en,
            title_fr=f"Demande de statut d'observateur : {organisation.name_fr}",
        )
    _observer_event(
        actor=actor,
        organisation=organisation,
        application=application,
        kind=ObserverEvent.Kind.SCHEDULED,
        on=KnownDate.exact(today or timezone.localdate()),
        meeting=meeting,
    )
    audit_record(
        actor=actor,
        action=AuditAction.COMMITTEE_OBSERVER_SCHEDULE,
        target=application,
        summary=f"{organisation.name_en} put to the {meeting.number}th meeting",
        changes=step.changes,
    )
    return application


def _decision_texts(organisation: Organisation, *, admit: bool) -> tuple[str, str]:
    if admit:
        return (
            f"The Committee grants observer status to {organisation.name_en}.",
            f"Le Comité accorde le statut d'observateur à {organisation.name_fr}.",
        )
    return (
        f"The Committee refuses observer status to {organisation.name_en}.",
        f"Le Comité refuse le statut d'observateur à {organisation.name_fr}.",
    )


@transaction.atomic
def observer_application_decide(
    *,
    user: Any,
    application: ObserverApplication,
    decided_on: date,
    admit: bool | None = None,
    ballots: Mapping[str, str] | None = None,
    rule: str = MajorityRule.SIMPLE.value,
    note_en: str = "",
    note_fr: str = "",
) -> ObserverApplication:
    """Record the members' decision on an application put to a meeting: observer status is
    granted following the procedure of the relevant rules of the Council of Europe (Art. 40(3)).
    With ballots, the vote is checked (only members vote) and counted, and the decision follows
    its result."""
    actor = authorised(user)
    if ballots:
        require(user, RECORD_VOTE)
    application = _locked(application)
    OBSERVER_APPLICATIONS.check(application, ObserverStep.ADMIT, user=user, decided_on=decided_on)
    meeting = application.meeting
    assert meeting is not None  # the workflow's guard: scheduled at a meeting
    counted = None
    if ballots:
        counted = count_vote(meeting=meeting, voted_on=decided_on, ballots=ballots, rule=rule)
        adopted = counted.result.adopted
        if admit is not None and admit != adopted:
            raise InvalidInput(
                "The vote "
                + ("adopted" if adopted else "did not adopt")
                + " the proposal to grant observer status, so the decision must "
                + ("admit" if adopted else "refuse")
                + " the organisation.",
                field="admit",
                article=counted.answer.article,
            )
        admit = adopted
    if admit is None:
        raise InvalidInput(
            "Say whether the members admitted or refused the organisation.", field="admit"
        )
    organisation = application.organisation
    step = ObserverStep.ADMIT if admit else ObserverStep.REFUSE
    taken = OBSERVER_APPLICATIONS.advance(application, step, user=user, decided_on=decided_on)
    text_en, text_fr = _decision_texts(organisation, admit=admit)
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=meeting.agenda_items.filter(title_en__endswith=organisation.name_en).first(),
        decided_on=decided_on,
        kind=Decision.Kind.OBSERVER,
        text_en=text_en,
        text_fr=text_fr,
    )
    vote = None
    if counted is not None and ballots:
        vote = vote_row(
            actor=actor,
            meeting=meeting,
            decision=decision,
            subject_en=f"Observer status for {organisation.name_en}",
            subject_fr=f"Statut d'observateur pour {organisation.name_fr}",
            voted_on=decided_on,
            ballots=ballots,
            counted=counted,
        )
    _observer_event(
        actor=actor,
        organisation=organisation,
        application=application,
        kind=ObserverEvent.Kind.ADMITTED if admit else ObserverEvent.Kind.REFUSED,
        on=KnownDate.exact(decided_on),
        meeting=meeting,
        decision=decision,
        vote=vote,
        note_en=note_en,
        note_fr=note_fr,
    )
    audit_record(
        actor=actor,
        action=AuditAction.COMMITTEE_OBSERVER_ADMIT
        if admit
        else AuditAction.COMMITTEE_OBSERVER_REFUSE,
        target=application,
        summary=text_en,
        payload={"decision": decision.pk, "vote": vote.pk if vote else None},
        changes=taken.changes,
    )
    return application


@transaction.atomic
def observer_status_withdraw(
    *,
    user: Any,
    organisation: Organisation,
    withdrawn_on: date,
    reason_en: str,
    reason_fr: str = "",
    meeting: Meeting | None = None,
) -> ObserverEvent:
    """Withdraw an organisation's observer status (a decision, at a meeting when one is named).
    Observers admitted before the product have no application on record: only theirs has a
    status to move."""
    actor = authorised(user)
    required_text(reason_en, field="reason_en", message="Give the reason for the withdrawal.")
    current = [
        row
        for row in selectors.composition(withdrawn_on).observers
        if row.organisation.pk == organisation.pk
    ]
    if not current:
        raise Conflict(
            f"{organisation.name_en} is not an observer on {withdrawn_on.isoformat()}.",
            field="organisation",
        )
    decision = None
    if meeting is not None:
        within_meeting(meeting, withdrawn_on, field="withdrawn_on")
        decision = Decision.objects.create(
            meeting=meeting,
            decided_on=withdrawn_on,
            kind=Decision.Kind.OBSERVER,
            text_en=f"The Committee withdraws the observer status of {organisation.name_en}.",
            text_fr=f"Le Comité retire le statut d'observateur de {organisation.name_fr}.",
        )
    application = (
        ObserverApplication.objects.select_for_update()
        .filter(organisation=organisation, status=ApplicationStatus.ADMITTED.value)
        .order_by("-received_on")
        .first()
    )
    changes = {}
    if application is not None:
        changes = OBSERVER_APPLICATIONS.advance(
            application, ObserverStep.WITHDRAW, user=user
        ).changes
    event = _observer_event(
        actor=actor,
        organisation=organisation,
        application=application,
        kind=ObserverEvent.Kind.WITHDRAWN,
        on=KnownDate.exact(withdrawn_on),
        meeting=meeting,
        decision=decision,
        note_en=reason_en.strip(),
        note_fr=reason_fr.strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.COMMITTEE_OBSERVER_WITHDRAW,
        target=event,
        summary=f"Observer status of {organisation.name_en} withdrawn",
        changes=changes,
    )
    return event
