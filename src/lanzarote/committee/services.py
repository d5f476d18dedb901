"""Writes of the Committee. Each function checks the person's permission first, then the rules
(`treaty_law.committee` for who votes, how a vote is counted and the observer steps), then
writes, with one audit record, in one transaction. Members are never written: they are the
Parties, derived from the registry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext

from lanzarote.committee import selectors
from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    AssistanceRequest,
    Attendance,
    BureauTerm,
    CapacityEvent,
    CommitteeDocument,
    Decision,
    Meeting,
    ObserverApplication,
    ObserverEvent,
    Organisation,
    Participation,
    PriorityFlag,
    Project,
    Representative,
    Theme,
    Vote,
)
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput, NotFound
from lanzarote.core.permissions import require
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, State
from lanzarote.registry.presenters import format_date
from lanzarote.treaty_law import KnownDate, RuleViolation
from lanzarote.treaty_law.committee import (
    ApplicationStatus,
    Ballot,
    MajorityRule,
    ObserverStep,
    committee_vote,
    observer_step,
)

MANAGE = "committee.manage"
CONVENTION = "cets-201"


# -- helpers ---------------------------------------------------------------------------------


def _refusal(violation: RuleViolation, *, conflict: bool = False) -> InvalidInput | Conflict:
    error_class = Conflict if conflict else InvalidInput
    return error_class(
        violation.explanation.render(translate=gettext, format_date=format_date),
        article=violation.article,
    )


def _both_languages(render: Any) -> tuple[str, str]:
    with translation.override("en"):
        english = render()
    with translation.override("fr"):
        french = render()
    return english, french


def _known(value: KnownDate | str | None, *, field: str) -> KnownDate:
    if isinstance(value, KnownDate):
        return value
    try:
        return KnownDate.parse(value or "")
    except ValueError as error:
        raise InvalidInput(str(error), field=field) from None


def _optional_known(value: KnownDate | str | None, *, field: str) -> KnownDate | None:
    if value is None or value == "":
        return None
    return _known(value, field=field)


def _sources(sources: Sequence[Mapping[str, str] | str]) -> list[dict[str, str]]:
    cleaned = []
    for source in sources:
        item = {"url": source, "note": ""} if isinstance(source, str) else dict(source)
        if not item.get("url") and not item.get("note"):
            raise InvalidInput("A source needs a URL or a description.", field="sources")
        cleaned.append({"url": item.get("url", ""), "note": item.get("note", "")})
    return cleaned


def _articles(numbers: Iterable[int | Article]) -> list[Article]:
    wanted = {a.number if isinstance(a, Article) else int(a) for a in numbers}
    found = list(Article.objects.filter(treaty__slug=CONVENTION, number__in=wanted))
    missing = wanted - {a.number for a in found}
    if missing:
        raise InvalidInput(
            f"The Convention has no article {', '.join(str(n) for n in sorted(missing))}; "
            "articles run from 1 to 50.",
            field="articles",
        )
    return found


def _states(codes: Iterable[str | State]) -> list[State]:
    wanted = {c.code if isinstance(c, State) else c.upper() for c in codes}
    found = list(State.objects.filter(code__in=wanted))
    missing = wanted - {s.code for s in found}
    if missing:
        raise InvalidInput(
            f"Unknown State code {', '.join(sorted(missing))}; use ISO 3166-1 alpha-2 codes.",
            field="states",
        )
    return found


def _state(code: str | State | None, *, field: str = "state") -> State | None:
    if code is None or code == "":
        return None
    if isinstance(code, State):
        return code
    try:
        return registry.state_get(code)
    except NotFound as error:
        raise InvalidInput(error.message, field=field) from None


def _save(instance: models.Model, **m2m: Iterable[Any]) -> None:
    """Validate against the model's fields and constraints, save, then set relations."""
    try:
        instance.full_clean()
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        field = next(iter(messages))
        text = " ".join(
            f"{name}: {' '.join(m)}" if name and name != "__all__" else " ".join(m)
            for name, m in messages.items()
        )
        raise InvalidInput(text, field=field if field not in ("", "__all__") else None) from None
    instance.save()
    for name, values in m2m.items():
        getattr(instance, name).set(values)


def _set(instance: models.Model, values: Mapping[str, Any]) -> list[str]:
    changed = []
    for name, value in values.items():
        try:
            current = getattr(instance, name)
        except models.ObjectDoesNotExist:  # a required relation not set yet on a new row
            current = None
        if instance.pk is None or current != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _unique_slug(model: type[models.Model], text: str, *, current: Any = None) -> str:
    base = slugify(text)[:70] or "item"
    slug, n = base, 2
    while (
        model._default_manager.filter(slug=slug).exclude(pk=getattr(current, "pk", None)).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _within_meeting(meeting: Meeting, day: date, *, field: str) -> None:
    if not meeting.covers(day):
        raise InvalidInput(
            f"{day.isoformat()} is not a day of the {meeting.number}th meeting "
            f"({meeting.start_date.isoformat()} to {meeting.end_date.isoformat()}).",
            field=field,
        )


def _known_within_meeting(meeting: Meeting, known: KnownDate, *, field: str) -> None:
    if known.is_exact and known.value is not None:
        _within_meeting(meeting, known.value, field=field)


# -- organisations and participants ----------------------------------------------------------


@transaction.atomic
def organisation_save(
    *,
    user: Any,
    organisation: Organisation | None = None,
    name_en: str,
    name_fr: str = "",
    kind: str,
    acronym: str = "",
    country: str | State | None = None,
    website: str = "",
    slug: str = "",
    sources: Sequence[Mapping[str, str] | str] = (),
    note_en: str = "",
    note_fr: str = "",
) -> Organisation:
    require(user, MANAGE)
    creating = organisation is None
    organisation = organisation or Organisation()
    _set(
        organisation,
        {
            "name_en": name_en.strip(),
            "name_fr": (name_fr or name_en).strip(),
            "kind": kind,
            "acronym": acronym.strip(),
            "country": _state(country, field="country"),
            "website": website,
            "sources": _sources(sources),
            "note_en": note_en,
            "note_fr": note_fr,
        },
    )
    organisation.slug = slug or organisation.slug or _unique_slug(Organisation, acronym or name_en)
    _save(organisation)
    audit_record(
        actor=Actor(user=user),
        action="committee.organisation.create" if creating else "committee.organisation.update",
        target=organisation,
        summary=organisation.name_en,
    )
    return organisation


@transaction.atomic
def participation_save(
    *,
    user: Any,
    participation: Participation | None = None,
    organisation: Organisation,
    basis: str,
    start: KnownDate | str,
    end: KnownDate | str | None = None,
    decision: Decision | None = None,
    confirmed: bool = False,
    sources: Sequence[Mapping[str, str] | str] = (),
    note_en: str = "",
    note_fr: str = "",
) -> Participation:
    """An organisation taking part without the right to vote (Art. 40), with its dates and the
    decision that admitted it. States are never recorded here: their participation is derived."""
    require(user, MANAGE)
    if basis not in Participation.Basis.values:
        raise InvalidInput(
            f"basis must be one of {', '.join(Participation.Basis.values)}.", field="basis"
        )
    start_known = _known(start, field="start")
    end_known = _optional_known(end, field="end")
    if (
        end_known is not None
        and start_known.earliest is not None
        and end_known.latest is not None
        and end_known.latest < start_known.earliest
    ):
        raise InvalidInput("A participation cannot end before it starts.", field="end")
    if (
        decision is not None
        and start_known.value is not None
        and start_known.value < decision.decided_on
    ):
        raise InvalidInput(
            "A participation admitted by a decision cannot start before that decision "
            f"({decision.decided_on.isoformat()}).",
            field="start",
        )
    creating = participation is None
    participation = participation or Participation()
    _set(
        participation,
        {
            "organisation": organisation,
            "basis": basis,
            "decision": decision,
            "confirmed": confirmed,
            "sources": _sources(sources),
            "note_en": note_en,
            "note_fr": note_fr,
        },
    )
    participation.set_known_date(start_known)
    participation.set_end(end_known)
    _save(participation)
    audit_record(
        actor=Actor(user=user),
        action="committee.participation.create" if creating else "committee.participation.update",
        target=participation,
        summary=f"{organisation.slug} {basis} {start_known}",
    )
    return participation


# -- the observer chain (Art. 40(3)) ---------------------------------------------------------


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
    confirmed: bool = True,
    sources: Sequence[Mapping[str, str] | str] = (),
    reference_key: str = "",
    supersedes: ObserverEvent | None = None,
    is_retraction: bool = False,
    correction_reason: str = "",
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
        confirmed=confirmed,
        sources=_sources(sources),
        reference_key=reference_key,
        supersedes=supersedes,
        is_retraction=is_retraction,
        correction_reason=correction_reason,
        recorded_at=timezone.now(),
        recorded_by=actor.user,
        recorded_by_label=actor.label,
    )
    event.set_known_date(on)
    event.save()
    return event


def _locked(application: ObserverApplication) -> ObserverApplication:
    # Lock the application row only: its meeting is a nullable relation, which PostgreSQL
    # cannot lock through an outer join.
    return (
        ObserverApplication.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=application.pk)
    )


def _step(application: ObserverApplication, step: ObserverStep) -> ApplicationStatus:
    try:
        return observer_step(application.status, step)
    except RuleViolation as violation:
        raise _refusal(violation, conflict=True) from None


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
    require(user, MANAGE)
    today = today or timezone.localdate()
    if received_on > today:
        raise InvalidInput("An application cannot be received in the future.", field="received_on")
    for field, value in (
        ("mission_en", mission_en),
        ("child_protection_activity_en", child_protection_activity_en),
        ("references", references),
    ):
        if not value.strip():
            raise InvalidInput(
                "The application needs its mission, its activity in child "
                "protection and its references.",
                field=field,
            )
    if organisation is None:
        if not name_en.strip():
            raise InvalidInput("Name the organisation that applies.", field="name_en")
        organisation = Organisation(
            name_en=name_en.strip(),
            name_fr=(name_fr or name_en).strip(),
            acronym=acronym.strip(),
            kind=Organisation.Kind.NGO,
            country=_state(country, field="country"),
            website=website,
            slug=_unique_slug(Organisation, acronym or name_en),
        )
        _save(organisation)
    if ObserverApplication.objects.filter(
        organisation=organisation,
        status__in=[ApplicationStatus.RECEIVED.value, ApplicationStatus.SCHEDULED.value],
    ).exists():
        raise Conflict(
            f"{organisation.name_en} already has an application waiting for a decision.",
            field="organisation",
        )
    if any(
        row.organisation.pk == organisation.pk for row in selectors.composition(today).observers
    ):
        raise Conflict(f"{organisation.name_en} is already an observer.", field="organisation")
    application = ObserverApplication(
        organisation=organisation,
        received_on=received_on,
        mission_en=mission_en.strip(),
        mission_fr=mission_fr.strip(),
        child_protection_activity_en=child_protection_activity_en.strip(),
        child_protection_activity_fr=child_protection_activity_fr.strip(),
        references=references.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        status=ApplicationStatus.RECEIVED.value,
    )
    _save(application)
    actor = Actor(user=user)
    _observer_event(
        actor=actor,
        organisation=organisation,
        application=application,
        kind=ObserverEvent.Kind.APPLIED,
        on=KnownDate.exact(received_on),
    )
    audit_record(
        actor=actor,
        action="committee.observer.apply",
        target=application,
        summary=f"{organisation.name_en} applies for observer status",
    )
    return application


@transaction.atomic
def observer_application_schedule(
    *, user: Any, application: ObserverApplication, meeting: Meeting, today: date | None = None
) -> ObserverApplication:
    """Put an application to a meeting of the Committee (adds an item to its agenda)."""
    require(user, MANAGE)
    application = _locked(application)
    target = _step(application, ObserverStep.SCHEDULE)
    if meeting.end_date < application.received_on:
        raise InvalidInput(
            "The meeting ended before the application was received; choose a later meeting.",
            field="meeting",
        )
    today = today or timezone.localdate()
    application.status = target.value
    application.meeting = meeting
    application.save(update_fields=["status", "meeting", "updated_at"])
    title_en = f"Application for observer status: {application.organisation.name_en}"
    if not meeting.agenda_items.filter(title_en=title_en).exists():
        position = (meeting.agenda_items.aggregate(n=models.Max("position"))["n"] or 0) + 1
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title_en=title_en,
            title_fr=f"Demande de statut d'observateur : {application.organisation.name_fr}",
        )
    actor = Actor(user=user)
    _observer_event(
        actor=actor,
        organisation=application.organisation,
        application=application,
        kind=ObserverEvent.Kind.SCHEDULED,
        on=KnownDate.exact(today),
        meeting=meeting,
    )
    audit_record(
        actor=actor,
        action="committee.observer.schedule",
        target=application,
        summary=f"{application.organisation.name_en} put to the {meeting.number}th meeting",
    )
    return application


def _count_vote(
    *,
    meeting: Meeting,
    voted_on: date,
    ballots: Mapping[str, str],
    rule: str,
) -> tuple[Any, tuple[str, str]]:
    _within_meeting(meeting, voted_on, field="voted_on")
    try:
        majority = MajorityRule(rule)
    except ValueError:
        raise InvalidInput(
            f"rule must be one of {', '.join(r.value for r in MajorityRule)}.", field="rule"
        ) from None
    composition = selectors.composition(voted_on)
    members = frozenset(r.state.code for r in composition.members if r.certain)
    uncertain = frozenset(r.state.code for r in composition.members if not r.certain)
    normalised = {code.upper(): str(ballot) for code, ballot in ballots.items()}
    try:
        answer = committee_vote(
            normalised, members=members, uncertain=uncertain, on=voted_on, rule=majority
        )
    except RuleViolation as violation:
        raise _refusal(violation) from None
    texts = _both_languages(lambda: answer.render(translate=gettext, format_date=format_date))
    return answer, texts


def _vote_row(
    *,
    actor: Actor,
    meeting: Meeting,
    decision: Decision | None,
    subject_en: str,
    subject_fr: str,
    voted_on: date,
    ballots: Mapping[str, str],
    rule: str,
    answer: Any,
    texts: tuple[str, str],
    supersedes: Vote | None = None,
    correction_reason: str = "",
) -> Vote:
    result = answer.value
    return Vote.objects.create(
        meeting=meeting,
        decision=decision,
        subject_en=subject_en,
        subject_fr=subject_fr,
        voted_on=voted_on,
        rule=result.rule.value,
        ballots={code.upper(): Ballot(str(b)).value for code, b in sorted(ballots.items())},
        members=result.members,
        votes_for=result.votes_for,
        votes_against=result.votes_against,
        abstentions=result.abstentions,
        adopted=result.adopted,
        article=answer.article,
        explanation_en=texts[0],
        explanation_fr=texts[1],
        supersedes=supersedes,
        correction_reason=correction_reason,
        recorded_at=timezone.now(),
        recorded_by=actor.user,
        recorded_by_label=actor.label,
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
    granted by a vote of the members (Art. 40(3)). With ballots, the vote is checked (only
    members vote) and counted, and the decision follows its result."""
    require(user, MANAGE)
    if ballots:
        require(user, "committee.record_vote")
    application = _locked(application)
    meeting = application.meeting
    if meeting is None or application.status != ApplicationStatus.SCHEDULED.value:
        _step(application, ObserverStep.ADMIT)
    assert meeting is not None
    _within_meeting(meeting, decided_on, field="decided_on")
    actor = Actor(user=user)
    organisation = application.organisation
    answer = texts = None
    if ballots:
        answer, texts = _count_vote(
            meeting=meeting, voted_on=decided_on, ballots=ballots, rule=rule
        )
        if admit is not None and admit != answer.value.adopted:
            raise InvalidInput(
                "The vote "
                + ("adopted" if answer.value.adopted else "did not adopt")
                + " the proposal to grant observer status, so the decision must "
                + ("admit" if answer.value.adopted else "refuse")
                + " the organisation.",
                field="admit",
                article=answer.article,
            )
        admit = answer.value.adopted
    if admit is None:
        raise InvalidInput(
            "Say whether the members admitted or refused the organisation.", field="admit"
        )
    target = _step(application, ObserverStep.ADMIT if admit else ObserverStep.REFUSE)
    text_en = (
        f"The Committee grants observer status to {organisation.name_en}."
        if admit
        else f"The Committee refuses observer status to {organisation.name_en}."
    )
    text_fr = (
        f"Le Comité accorde le statut d'observateur à {organisation.name_fr}."
        if admit
        else f"Le Comité refuse le statut d'observateur à {organisation.name_fr}."
    )
    item = meeting.agenda_items.filter(title_en__endswith=organisation.name_en).first()
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=item,
        decided_on=decided_on,
        kind=Decision.Kind.OBSERVER,
        text_en=text_en,
        text_fr=text_fr,
    )
    vote = None
    if ballots and answer is not None and texts is not None:
        vote = _vote_row(
            actor=actor,
            meeting=meeting,
            decision=decision,
            subject_en=f"Observer status for {organisation.name_en}",
            subject_fr=f"Statut d'observateur pour {organisation.name_fr}",
            voted_on=decided_on,
            ballots=ballots,
            rule=rule,
            answer=answer,
            texts=texts,
        )
    application.status = target.value
    application.save(update_fields=["status", "updated_at"])
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
        action="committee.observer.admit" if admit else "committee.observer.refuse",
        target=application,
        summary=text_en,
        payload={"decision": decision.pk, "vote": vote.pk if vote else None},
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
    """Withdraw an organisation's observer status (a decision, at a meeting when one is named)."""
    require(user, MANAGE)
    if not reason_en.strip():
        raise InvalidInput("Give the reason for the withdrawal.", field="reason_en")
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
        _within_meeting(meeting, withdrawn_on, field="withdrawn_on")
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
    if application is not None:
        application.status = _step(application, ObserverStep.WITHDRAW).value
        application.save(update_fields=["status", "updated_at"])
    actor = Actor(user=user)
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
        action="committee.observer.withdraw",
        target=event,
        summary=f"Observer status of {organisation.name_en} withdrawn",
    )
    return event


# -- votes -----------------------------------------------------------------------------------


@transaction.atomic
def vote_record(
    *,
    user: Any,
    meeting: Meeting,
    subject_en: str,
    voted_on: date,
    ballots: Mapping[str, str],
    subject_fr: str = "",
    rule: str = MajorityRule.SIMPLE.value,
    decision: Decision | None = None,
    supersedes: Vote | None = None,
    correction_reason: str = "",
) -> Vote:
    """Record a vote of the Committee: each member's ballot, checked (only the Parties on the day
    vote, Arts. 39(1) and 40(4)) and counted by the rule."""
    require(user, "committee.record_vote")
    if not subject_en.strip():
        raise InvalidInput("Say what the vote was on.", field="subject_en")
    if decision is not None and decision.meeting_id != meeting.pk:
        raise InvalidInput("The decision belongs to another meeting.", field="decision")
    if supersedes is not None:
        if supersedes.meeting_id != meeting.pk:
            raise InvalidInput(
                "A correction concerns a vote of the same meeting.", field="supersedes"
            )
        if Vote.objects.filter(supersedes=supersedes).exists():
            raise Conflict("This vote has already been corrected; correct the newest version.")
        if not correction_reason.strip():
            raise InvalidInput("Say why the vote is corrected.", field="correction_reason")
    answer, texts = _count_vote(meeting=meeting, voted_on=voted_on, ballots=ballots, rule=rule)
    actor = Actor(user=user)
    vote = _vote_row(
        actor=actor,
        meeting=meeting,
        decision=decision,
        subject_en=subject_en.strip(),
        subject_fr=subject_fr.strip(),
        voted_on=voted_on,
        ballots=ballots,
        rule=rule,
        answer=answer,
        texts=texts,
        supersedes=supersedes,
        correction_reason=correction_reason,
    )
    audit_record(
        actor=actor,
        action="committee.vote.record",
        target=vote,
        summary=f"{meeting.number}th meeting: {subject_en[:200]}",
        payload={"adopted": vote.adopted, "for": vote.votes_for, "against": vote.votes_against},
    )
    return vote


# -- meetings --------------------------------------------------------------------------------


@transaction.atomic
def meeting_save(
    *,
    user: Any,
    meeting: Meeting | None = None,
    number: int,
    start_date: date,
    end_date: date,
    mode: str,
    place_en: str = "",
    place_fr: str = "",
    dates_confirmed: bool = True,
    sources: Sequence[Mapping[str, str] | str] = (),
    note_en: str = "",
    note_fr: str = "",
) -> Meeting:
    require(user, MANAGE)
    if end_date < start_date:
        raise InvalidInput("A meeting cannot end before it starts.", field="end_date")
    creating = meeting is None
    meeting = meeting or Meeting()
    _set(
        meeting,
        {
            "number": number,
            "start_date": start_date,
            "end_date": end_date,
            "mode": mode,
            "place_en": place_en.strip(),
            "place_fr": (place_fr or place_en).strip(),
            "dates_confirmed": dates_confirmed,
            "sources": _sources(sources),
            "note_en": note_en,
            "note_fr": note_fr,
        },
    )
    _save(meeting)
    audit_record(
        actor=Actor(user=user),
        action="committee.meeting.create" if creating else "committee.meeting.update",
        target=meeting,
        summary=f"meeting {number}",
    )
    return meeting


@transaction.atomic
def agenda_item_save(
    *,
    user: Any,
    meeting: Meeting,
    item: AgendaItem | None = None,
    title_en: str,
    title_fr: str = "",
    number: str = "",
    position: int | None = None,
    articles: Iterable[int | Article] = (),
) -> AgendaItem:
    require(user, MANAGE)
    creating = item is None
    if item is not None and item.meeting_id != meeting.pk:
        raise InvalidInput("The agenda item belongs to another meeting.", field="item")
    item = item or AgendaItem(meeting=meeting)
    if position is None:
        position = item.position or (
            (meeting.agenda_items.aggregate(n=models.Max("position"))["n"] or 0) + 1
        )
    _set(
        item,
        {
            "title_en": title_en.strip(),
            "title_fr": title_fr.strip(),
            "number": number,
            "position": position,
        },
    )
    _save(item, articles=_articles(articles))
    audit_record(
        actor=Actor(user=user),
        action="committee.agenda.create" if creating else "committee.agenda.update",
        target=item,
        summary=f"meeting {meeting.number}: {title_en[:200]}",
    )
    return item


@transaction.atomic
def decision_save(
    *,
    user: Any,
    meeting: Meeting,
    decision: Decision | None = None,
    decided_on: date,
    kind: str,
    text_en: str,
    text_fr: str = "",
    agenda_item: AgendaItem | None = None,
    adopted: bool = True,
    day_confirmed: bool = True,
    sources: Sequence[Mapping[str, str] | str] = (),
) -> Decision:
    require(user, MANAGE)
    _within_meeting(meeting, decided_on, field="decided_on")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise InvalidInput("The agenda item belongs to another meeting.", field="agenda_item")
    creating = decision is None
    decision = decision or Decision(meeting=meeting)
    _set(
        decision,
        {
            "decided_on": decided_on,
            "kind": kind,
            "text_en": text_en.strip(),
            "text_fr": text_fr.strip(),
            "agenda_item": agenda_item,
            "adopted": adopted,
            "day_confirmed": day_confirmed,
            "sources": _sources(sources),
        },
    )
    _save(decision)
    audit_record(
        actor=Actor(user=user),
        action="committee.decision.create" if creating else "committee.decision.update",
        target=decision,
        summary=f"meeting {meeting.number}: {text_en[:200]}",
    )
    return decision


@transaction.atomic
def document_save(
    *,
    user: Any,
    document: CommitteeDocument | None = None,
    code: str,
    title_en: str,
    title_fr: str = "",
    meeting: Meeting | None = None,
    dated: KnownDate | str = "unknown",
    confirmed: bool = False,
    url_en: str = "",
    url_fr: str = "",
    sources: Sequence[Mapping[str, str] | str] = (),
) -> CommitteeDocument:
    require(user, MANAGE)
    known = _known(dated, field="dated")
    creating = document is None
    document = document or CommitteeDocument()
    _set(
        document,
        {
            "code": code.strip(),
            "title_en": title_en.strip(),
            "title_fr": title_fr.strip(),
            "meeting": meeting,
            "confirmed": confirmed,
            "url_en": url_en,
            "url_fr": url_fr,
            "sources": _sources(sources),
        },
    )
    document.set_known_date(known)
    _save(document)
    audit_record(
        actor=Actor(user=user),
        action="committee.document.create" if creating else "committee.document.update",
        target=document,
        summary=document.code,
    )
    return document


@transaction.atomic
def attendance_set(
    *,
    user: Any,
    meeting: Meeting,
    states: Iterable[str | State] = (),
    organisations: Iterable[Organisation] = (),
) -> list[Attendance]:
    """Replace the list of those who attended a meeting."""
    require(user, MANAGE)
    state_rows = _states(states)
    organisation_rows = list(organisations)
    Attendance.objects.filter(meeting=meeting).delete()
    rows = [Attendance(meeting=meeting, state=s) for s in state_rows] + [
        Attendance(meeting=meeting, organisation=o) for o in organisation_rows
    ]
    Attendance.objects.bulk_create(rows)
    audit_record(
        actor=Actor(user=user),
        action="committee.attendance.set",
        target=meeting,
        summary=f"meeting {meeting.number}: {len(rows)} attending",
        payload={
            "states": sorted(s.code for s in state_rows),
            "organisations": sorted(o.slug for o in organisation_rows),
        },
    )
    return rows


# -- adopted texts ---------------------------------------------------------------------------


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
    sources: Sequence[Mapping[str, str] | str] = (),
    note_en: str = "",
    note_fr: str = "",
) -> AdoptedText:
    """An opinion, declaration, statement, report or guidance note, with the articles it
    concerns. Its date is stored as known; adoption at a meeting must fall on its days."""
    require(user, MANAGE)
    if kind not in AdoptedText.Kind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(AdoptedText.Kind.values)}.", field="kind"
        )
    known = _known(adopted_on, field="adopted_on")
    if meeting is not None:
        _known_within_meeting(meeting, known, field="adopted_on")
    if decision is not None and meeting is not None and decision.meeting_id != meeting.pk:
        raise InvalidInput("The decision was taken at another meeting.", field="decision")
    creating = text is None
    text = text or AdoptedText()
    _set(
        text,
        {
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
            "sources": _sources(sources),
            "note_en": note_en,
            "note_fr": note_fr,
        },
    )
    text.slug = slug or text.slug or _unique_slug(AdoptedText, title_en)
    text.set_known_date(known)
    _save(text, articles=_articles(articles), considered_at=list(considered_at))
    audit_record(
        actor=Actor(user=user),
        action="committee.text.create" if creating else "committee.text.update",
        target=text,
        summary=title_en[:300],
    )
    return text


# -- people ----------------------------------------------------------------------------------


@transaction.atomic
def representative_save(
    *,
    user: Any,
    representative: Representative | None = None,
    name: str,
    role: str,
    term_start: date,
    state: str | State | None = None,
    organisation: Organisation | None = None,
    term_end: date | None = None,
    function_en: str = "",
    function_fr: str = "",
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> Representative:
    """A person designated by a member, a participant or an observer: the designating State or
    organisation must sit in the Committee when the term starts."""
    require(user, MANAGE)
    designating_state = _state(state)
    if (designating_state is None) == (organisation is None):
        raise InvalidInput(
            "A representative is designated by one State or one organisation.", field="state"
        )
    seated = selectors.composition(term_start)
    keys = {row.key for row in seated.members + seated.participants + seated.observers}
    key = (
        f"state:{designating_state.code}"
        if designating_state is not None
        else f"organisation:{organisation.slug}"  # type: ignore[union-attr]
    )
    if key not in keys:
        who = designating_state.name_en if designating_state else organisation.name_en  # type: ignore[union-attr]
        raise InvalidInput(
            f"{who} is not a member, participant or observer of the Committee on "
            f"{term_start.isoformat()}, so it cannot designate a representative then.",
            field="term_start",
            article="Arts. 39(1) and 40",
        )
    creating = representative is None
    representative = representative or Representative()
    _set(
        representative,
        {
            "state": designating_state,
            "organisation": organisation,
            "name": name.strip(),
            "role": role,
            "term_start": term_start,
            "term_end": term_end,
            "function_en": function_en.strip(),
            "function_fr": function_fr.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
            "is_demo": is_demo,
        },
    )
    _save(representative)
    audit_record(
        actor=Actor(user=user),
        action="committee.representative.create" if creating else "committee.representative.update",
        target=representative,
        summary=f"{representative.name} ({key})",
    )
    return representative


@transaction.atomic
def bureau_term_save(
    *,
    user: Any,
    term: BureauTerm | None = None,
    position: str,
    person_name: str,
    start: KnownDate | str,
    end: KnownDate | str | None = None,
    state: str | State | None = None,
    decision: Decision | None = None,
    confirmed: bool = False,
    evidence_en: str = "",
    evidence_fr: str = "",
    sources: Sequence[Mapping[str, str] | str] = (),
    note_en: str = "",
    note_fr: str = "",
) -> BureauTerm:
    """A term as Chair, Vice-Chair or Bureau member. When the State and an exact start are given,
    the State must be a member (a Party) that day: the Bureau is elected among the members."""
    require(user, MANAGE)
    start_known = _known(start, field="start")
    end_known = _optional_known(end, field="end")
    chosen = _state(state)
    if chosen is not None and start_known.is_exact and start_known.value is not None:
        members = selectors.composition(start_known.value).members
        if not any(row.state.code == chosen.code for row in members):
            raise InvalidInput(
                f"{chosen.name_en} is not a Party on {start_known.value.isoformat()}; the Bureau "
                "is elected among the members.",
                field="state",
                article="Art. 39(1)",
            )
    creating = term is None
    term = term or BureauTerm()
    _set(
        term,
        {
            "position": position,
            "person_name": person_name.strip(),
            "state": chosen,
            "decision": decision,
            "confirmed": confirmed,
            "evidence_en": evidence_en,
            "evidence_fr": evidence_fr,
            "sources": _sources(sources),
            "note_en": note_en,
            "note_fr": note_fr,
        },
    )
    term.set_known_date(start_known)
    term.set_end(end_known)
    _save(term)
    audit_record(
        actor=Actor(user=user),
        action="committee.bureau.create" if creating else "committee.bureau.update",
        target=term,
        summary=f"{position} {person_name}",
    )
    return term


# -- capacity building -----------------------------------------------------------------------


def _lines(values: Iterable[str] | str) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    return [v.strip() for v in values if v and v.strip()]


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
    responds_to_recommendations: Iterable[str] | str | None = None,
) -> Project:
    require(user, MANAGE)
    if status not in Project.Status.values:
        raise InvalidInput(
            f"status must be one of {', '.join(Project.Status.values)}.", field="status"
        )
    if start_date and end_date and end_date < start_date:
        raise InvalidInput("A project cannot end before it starts.", field="end_date")
    recommendations = (
        None if responds_to_recommendations is None else _lines(responds_to_recommendations)
    )
    creating = project is None
    project = project or Project()
    _set(
        project,
        {
            "title_en": title_en.strip(),
            "title_fr": title_fr.strip(),
            "status": status,
            "summary_en": summary_en.strip(),
            "summary_fr": summary_fr.strip(),
            "partners": _lines(partners),
            "donors": _lines(donors),
            "start_date": start_date,
            "end_date": end_date,
            "outputs_en": outputs_en.strip(),
            "outputs_fr": outputs_fr.strip(),
            "url": url,
            "responds_to_recommendations": recommendations or None,
        },
    )
    project.slug = slug or project.slug or _unique_slug(Project, title_en)
    _save(
        project,
        beneficiaries=_states(beneficiaries),
        themes=list(themes),
        articles=_articles(articles),
    )
    audit_record(
        actor=Actor(user=user),
        action="committee.project.create" if creating else "committee.project.update",
        target=project,
        summary=title_en[:300],
    )
    return project


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
    require(user, MANAGE)
    if received_on > (today or timezone.localdate()):
        raise InvalidInput("A request cannot be received in the future.", field="received_on")
    if status not in AssistanceRequest.Status.values:
        raise InvalidInput(
            f"status must be one of {', '.join(AssistanceRequest.Status.values)}.",
            field="status",
        )
    creating = request is None
    request = request or AssistanceRequest()
    _set(
        request,
        {
            "state": _state(state),
            "received_on": received_on,
            "subject_en": subject_en.strip(),
            "subject_fr": subject_fr.strip(),
            "status": status,
            "project": project,
            "note": note.strip(),
        },
    )
    _save(request, articles=_articles(articles))
    audit_record(
        actor=Actor(user=user),
        action="committee.assistance.create" if creating else "committee.assistance.update",
        target=request,
        summary=f"{request.state_id}: {subject_en[:200]}",
    )
    return request


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
    require(user, MANAGE)
    if not reason_en.strip():
        raise InvalidInput("Give the reason for the flag.", field="reason_en")
    if decision is not None and decision.decided_on > flagged_on:
        raise InvalidInput("A flag set by a decision cannot precede it.", field="flagged_on")
    creating = flag is None
    flag = flag or PriorityFlag()
    _set(
        flag,
        {
            "state": _state(state),
            "reason_en": reason_en.strip(),
            "reason_fr": reason_fr.strip(),
            "decision": decision,
            "flagged_on": flagged_on,
            "lifted_on": lifted_on,
        },
    )
    _save(flag)
    audit_record(
        actor=Actor(user=user),
        action="committee.priority.create" if creating else "committee.priority.update",
        target=flag,
        summary=f"{flag.state_id}: {reason_en[:200]}",
    )
    return flag


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
    sources: Sequence[Mapping[str, str] | str] = (),
    note_en: str = "",
    note_fr: str = "",
) -> CapacityEvent:
    require(user, MANAGE)
    if kind not in CapacityEvent.Kind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(CapacityEvent.Kind.values)}.", field="kind"
        )
    known = _known(held_on, field="held_on")
    creating = event is None
    event = event or CapacityEvent()
    _set(
        event,
        {
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
            "sources": _sources(sources),
            "note_en": note_en,
            "note_fr": note_fr,
        },
    )
    event.slug = slug or event.slug or _unique_slug(CapacityEvent, title_en)
    event.set_known_date(known)
    _save(event, states=_states(states))
    audit_record(
        actor=Actor(user=user),
        action="committee.event.create" if creating else "committee.event.update",
        target=event,
        summary=title_en[:300],
    )
    return event
