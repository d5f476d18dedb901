"""Writes to the registry. Every function is one transaction with an audit record; guards come
from `lanzarote.treaty_law` and each refusal names the article that decided it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.core.records.saving import recorded_now
from lanzarote.registry import evidence, guards, notifications, selectors
from lanzarote.registry.models import DateEvidence, State, Treaty, TreatyEvent
from lanzarote.registry.sources import Grade, clean_source, clean_sources
from lanzarote.treaty_law import KnownDate, RuleViolation


@transaction.atomic
def treaty_event_record(
    *,
    actor: Actor,
    treaty: Treaty,
    state: State,
    kind: str,
    legal_date: KnownDate,
    instrument: str | None = None,
    provisions: Sequence[str] = (),
    stated_entry_into_force: date | None = None,
    text_en: str = "",
    text_fr: str = "",
    sources: Sequence[Mapping[str, str] | str] = (),
    confirmed: bool = False,
    basis: str = TreatyEvent.Basis.RECORDED,
    reference_key: str = "",
    supersedes: TreatyEvent | None = None,
    is_retraction: bool = False,
    correction_reason: str = "",
    today: date | None = None,
    notify: bool = True,
) -> TreatyEvent:
    """Append one treaty action to the log (or a correction of an earlier one).

    `notify` issues the depositary notification of the act in the same transaction (and e-mails
    it after the commit); the reference-data loader passes False, as historical facts are not
    notified anew."""
    if actor.user is not None:
        # People need the Treaty Office role; named system processes (the reference-data
        # loader) act under their own label.
        require(actor.user, "registry.record_event")
    if kind not in TreatyEvent.Kind.values:
        raise InvalidInput(f"Unknown kind of treaty action: {kind!r}.", field="kind")
    if basis not in TreatyEvent.Basis.values:
        raise InvalidInput(f"Unknown basis: {basis!r}.", field="basis")
    if supersedes is not None:
        _check_supersedable(supersedes, treaty=treaty, state=state, reason=correction_reason)
    elif is_retraction:
        raise InvalidInput("A retraction must name the event it retracts.", field="supersedes")
    if not is_retraction:
        try:
            guards.check_event(
                treaty=treaty,
                state=state,
                kind=kind,
                legal_date=legal_date,
                provisions=list(provisions),
                replacing=supersedes,
                today=today or timezone.localdate(),
                instrument_confirmed=instrument != "",
            )
        except RuleViolation as violation:
            raise InvalidInput(
                violation.explanation.render(translate=gettext), article=violation.article
            ) from violation

    event = TreatyEvent(
        treaty=treaty,
        state=state,
        kind=kind,
        # None: the instrument follows from the kind; "": a consent whose instrument is unconfirmed.
        instrument=(kind if kind in guards.CONSENT_KINDS else "")
        if instrument is None
        else instrument,
        provisions=list(provisions),
        stated_entry_into_force=stated_entry_into_force,
        text_en=text_en,
        text_fr=text_fr,
        # An act the Treaty Office records from the instrument in its hands is the depositary's
        # own record; any other source must say what kind of document it is.
        sources=clean_sources(
            sources, default_grade=Grade.DEPOSITARY if basis == TreatyEvent.Basis.RECORDED else None
        ),
        confirmed=confirmed,
        basis=basis,
        reference_key=reference_key,
        **_log_row(
            actor, supersedes=supersedes, is_retraction=is_retraction, reason=correction_reason
        ),
    )
    _append_entry(
        event,
        actor=actor,
        known=legal_date,
        action="registry.event.retract" if is_retraction else "registry.event.record",
        summary=f"{treaty.slug} {state.code} {kind} {legal_date.as_dict()}",
    )
    if notify:
        notifications.issue_notification(event=event)
    return event


def _check_supersedable(
    old: TreatyEvent | DateEvidence, *, treaty: Treaty, state: State, reason: str
) -> None:
    if old.treaty_id != treaty.pk or old.state_id != state.pk:
        raise InvalidInput(
            "A correction must concern the same treaty and State.", field="supersedes"
        )
    if type(old).objects.filter(supersedes=old).exists():
        raise Conflict(f"#{old.pk} has already been superseded; correct the newest version.")
    if not reason.strip():
        raise InvalidInput("Say why the earlier entry is corrected.", field="correction_reason")


def _log_row(
    actor: Actor, *, supersedes: object | None, is_retraction: bool, reason: str
) -> dict[str, object]:
    """The columns every row appended to a log carries: what it supersedes and why, who
    appends it, and when."""
    return {
        "supersedes": supersedes,
        "is_retraction": is_retraction,
        "correction_reason": reason,
        **recorded_now(actor),
    }


def _append_entry(
    entry: TreatyEvent | DateEvidence,
    *,
    actor: Actor,
    known: KnownDate,
    action: AuditAction | str,
    summary: str,
) -> None:
    """Date, save and audit a row built with `_log_row`."""
    entry.set_known_date(known)
    supersedes = entry.supersedes
    _save_entry(entry, supersedes)
    audit_record(
        actor=actor,
        action=action,
        target=entry,
        summary=summary,
        payload={
            "supersedes": supersedes.pk if supersedes else None,
            "reason": entry.correction_reason,
        },
    )


def correctable_values(event: TreatyEvent) -> dict[str, object]:
    """What `event` records that a correction may change, as `treaty_event_correct` takes it."""
    return {
        "kind": event.kind,
        "legal_date": event.known_date,
        "instrument": event.instrument,
        "provisions": event.provisions,
        "stated_entry_into_force": event.stated_entry_into_force,
        "text_en": event.text_en,
        "text_fr": event.text_fr,
        "sources": event.sources,
        "confirmed": event.confirmed,
        "basis": event.basis,
        "reference_key": event.reference_key,
    }


def changed_values(event: TreatyEvent, values: Mapping[str, object]) -> list[str]:
    """The names in `values` whose value differs from what `event` records."""
    current = correctable_values(event)
    return [name for name, value in values.items() if current[name] != value]


@transaction.atomic
def treaty_event_correct(
    *, actor: Actor, event: TreatyEvent, reason: str, notify: bool = True, **changes: object
) -> TreatyEvent:
    """Record a corrected version of `event`; the original stays in the log, superseded."""
    values = correctable_values(event)
    unknown = set(changes) - set(values)
    if unknown:
        raise InvalidInput(f"Cannot correct {', '.join(sorted(unknown))}.")
    values.update(changes)
    return treaty_event_record(
        actor=actor,
        treaty=event.treaty,
        state=event.state,
        supersedes=event,
        correction_reason=reason,
        notify=notify,
        **values,  # type: ignore[arg-type]
    )


@transaction.atomic
def treaty_event_retract(
    *, actor: Actor, event: TreatyEvent, reason: str, notify: bool = True
) -> TreatyEvent:
    """Record that `event` did not happen (it stays in the log, retracted)."""
    return treaty_event_record(
        actor=actor,
        treaty=event.treaty,
        state=event.state,
        kind=event.kind,
        legal_date=event.known_date,
        reference_key=event.reference_key,
        supersedes=event,
        is_retraction=True,
        correction_reason=reason,
        notify=notify,
    )


@transaction.atomic
def evidence_record(
    *,
    actor: Actor,
    treaty: Treaty,
    state: State,
    act: str,
    known: KnownDate,
    source: Mapping[str, str],
    reference_key: str = "",
    supersedes: DateEvidence | None = None,
    reason: str = "",
) -> DateEvidence:
    """Append what one source says about when `state` performed `act` (a bound on its date).

    It does not change the log by itself: `event_dates_refresh` narrows the events from the
    evidence that stands."""
    if act not in DateEvidence.Act.values:
        raise InvalidInput(f"Unknown act {act!r}; one of {', '.join(DateEvidence.Act.values)}.")
    if known.is_unknown:
        raise InvalidInput("A piece of evidence bounds the date on at least one side.")
    return _append_evidence(
        actor=actor,
        treaty=treaty,
        state=state,
        act=act,
        known=known,
        source=clean_source(source, field="source"),
        reference_key=reference_key,
        supersedes=supersedes,
        reason=reason,
    )


@transaction.atomic
def evidence_retract(*, actor: Actor, evidence: DateEvidence, reason: str) -> DateEvidence:
    """Set a piece of evidence aside (it stays in the log, retracted, with the reason)."""
    return _append_evidence(
        actor=actor,
        treaty=evidence.treaty,
        state=evidence.state,
        act=evidence.act,
        known=evidence.known_date,
        source=evidence.source,
        reference_key=evidence.reference_key,
        supersedes=evidence,
        reason=reason,
        is_retraction=True,
    )


def _append_evidence(
    *,
    actor: Actor,
    treaty: Treaty,
    state: State,
    act: str,
    known: KnownDate,
    source: dict[str, str],
    reference_key: str,
    supersedes: DateEvidence | None,
    reason: str,
    is_retraction: bool = False,
) -> DateEvidence:
    if actor.user is not None:
        require(actor.user, "registry.record_event")
    if supersedes is not None:
        _check_supersedable(supersedes, treaty=treaty, state=state, reason=reason)
    evidence = DateEvidence(
        treaty=treaty,
        state=state,
        act=act,
        source=source,
        reference_key=reference_key,
        **_log_row(actor, supersedes=supersedes, is_retraction=is_retraction, reason=reason),
    )
    _append_entry(
        evidence,
        actor=actor,
        known=known,
        action=AuditAction.REGISTRY_EVIDENCE_RETRACT
        if is_retraction
        else AuditAction.REGISTRY_EVIDENCE_RECORD,
        summary=f"{treaty.slug} {state.code} {act} {known.as_text()}",
    )
    return evidence


def _save_entry(entry: TreatyEvent | DateEvidence, supersedes: object | None) -> None:
    """Save a new log row; a concurrent correction of the same row loses on the unique
    `supersedes` link and is told so."""
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        number = getattr(supersedes, "pk", "?")
        raise Conflict(f"#{number} has already been superseded.") from error


@transaction.atomic
def event_dates_refresh(
    *, actor: Actor, treaty: Treaty, state: State, reason: str
) -> list[TreatyEvent]:
    """Bring the signature and consent of `state` in line with the evidence that stands: each
    whose date, basis, sources or stated entry into force would change is superseded by an
    event carrying the narrowed values. Acts the Treaty Office recorded from the instrument
    itself (basis "recorded") are the depositary's record and are left as they are. Raises
    `ContradictoryBounds` when the evidence leaves no possible day."""
    standing = selectors.heads(
        TreatyEvent.objects.filter(treaty=treaty, state=state).order_by("id")
    )
    signature = next((e for e in standing if e.kind == TreatyEvent.Kind.SIGNATURE), None)
    consent = next((e for e in standing if e.kind in evidence.CONSENT_KINDS), None)
    found = selectors.effective_evidence(treaty, state=state)
    dates = evidence.narrowed(
        treaty,
        instrument=consent.kind if consent else None,
        signed=signature is not None,
        evidence=found,
    )
    corrected = []
    for event, answer in ((signature, dates.signature), (consent, dates.consent)):
        if event is None or answer is None or event.basis == TreatyEvent.Basis.RECORDED:
            continue
        values = evidence.act_values(answer, found, consent=event is consent)
        changed = changed_values(event, values)
        if changed:
            corrected.append(
                treaty_event_correct(
                    actor=actor,
                    event=event,
                    reason=f"{reason} (changed: {', '.join(changed)})",
                    notify=False,
                    **values,
                )
            )
    return corrected
