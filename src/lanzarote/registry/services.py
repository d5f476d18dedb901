"""Writes to the registry. Every function is one transaction with an audit record; guards come
from `lanzarote.treaty_law` and each refusal names the article that decided it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.registry import guards, notifications
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.treaty_law import KnownDate, RuleViolation


def _source_list(sources: Sequence[dict[str, str] | str]) -> list[dict[str, str]]:
    cleaned = []
    for source in sources:
        item = {"url": source, "note": ""} if isinstance(source, str) else dict(source)
        if not item.get("url") and not item.get("note"):
            raise InvalidInput("A source needs a URL or a description.", field="sources")
        cleaned.append({"url": item.get("url", ""), "note": item.get("note", "")})
    return cleaned


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
    sources: Sequence[dict[str, str] | str] = (),
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
        sources=_source_list(sources),
        confirmed=confirmed,
        basis=basis,
        reference_key=reference_key,
        supersedes=supersedes,
        is_retraction=is_retraction,
        correction_reason=correction_reason,
        recorded_at=timezone.now(),
        recorded_by=actor.user,
        recorded_by_label=actor.label,
    )
    event.set_known_date(legal_date)
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError as error:
        raise Conflict(
            f"Event #{supersedes.pk if supersedes else '?'} has already been superseded."
        ) from error
    audit_record(
        actor=actor,
        action="registry.event.retract" if is_retraction else "registry.event.record",
        target=event,
        summary=f"{treaty.slug} {state.code} {kind} {legal_date.as_dict()}",
        payload={"supersedes": supersedes.pk if supersedes else None, "reason": correction_reason},
    )
    if notify:
        notifications.issue_notification(event=event)
    return event


def _check_supersedable(old: TreatyEvent, *, treaty: Treaty, state: State, reason: str) -> None:
    if old.treaty_id != treaty.pk or old.state_id != state.pk:
        raise InvalidInput(
            "A correction must concern the same treaty and State.", field="supersedes"
        )
    if TreatyEvent.objects.filter(supersedes=old).exists():
        raise Conflict(f"Event #{old.pk} has already been superseded; correct the newest version.")
    if not reason.strip():
        raise InvalidInput("Say why the earlier event is corrected.", field="correction_reason")


@transaction.atomic
def treaty_event_correct(
    *, actor: Actor, event: TreatyEvent, reason: str, notify: bool = True, **changes: object
) -> TreatyEvent:
    """Record a corrected version of `event`; the original stays in the log, superseded."""
    values: dict[str, object] = {
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
