"""The consultation of the Parties (Art. 46 §1): opened on the Parties of the day, their replies
(each superseding the last), reminders to those who have not replied, and the outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from lanzarote.accession import notices
from lanzarote.accession.models import AccessionCase, CaseEvent, ConsultationReply, ConsultedParty
from lanzarote.accession.services.transitions import (
    _locked,
    _step,
    _transition,
    with_state_names,
)
from lanzarote.accounts.models import Role
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.core.rules import refusal, render
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.registry.presenters import format_date
from lanzarote.treaty_law import RuleViolation, Status
from lanzarote.treaty_law.accession import CaseStatus, Step, consultation_outcome


@transaction.atomic
def consultation_open(
    *, user: Any, case: AccessionCase, deadline: date, today: date | None = None
) -> AccessionCase:
    """Consult the Parties; the set consulted is frozen now: the Parties on this date."""
    today = today or timezone.localdate()
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    _step(case, Step.OPEN_CONSULTATION)
    if deadline <= today:
        raise InvalidInput(
            gettext("The deadline (%(day)s) must be after today.") % {"day": format_date(deadline)},
            field="deadline",
        )
    view = registry.chart_view(case.treaty, as_of=today)
    parties = sorted(row.state for row in view.chart.rows if row.status is Status.PARTY)
    ConsultedParty.objects.bulk_create(ConsultedParty(case=case, party_id=code) for code in parties)
    case.consultation_opened_on = today
    case.consultation_deadline = deadline
    _transition(
        case,
        step=Step.OPEN_CONSULTATION,
        to=CaseStatus.CONSULTATION,
        actor=Actor(user=user),
        payload={"consulted": parties, "deadline": deadline.isoformat()},
    )
    notices.tell(
        notices.delegates(parties), case, notices.CONSULTED, deadline=lambda: format_date(deadline)
    )
    return case


@transaction.atomic
def consultation_reply(
    *,
    user: Any,
    case: AccessionCase,
    party_code: str,
    reply: str,
    note: str = "",
    supersedes: int | None = None,
) -> ConsultationReply:
    """Record one Party's consent or objection. A second reply is refused unless it expressly
    supersedes the first, and only while the consultation is open."""
    case = _locked(case)
    party = registry.state_get(party_code)
    require(user, "accession.reply_to_consultation", case=case, party=party.code)
    if reply not in ConsultationReply.Reply.values:
        raise InvalidInput(
            gettext("The reply must be consent or objection; got “%(reply)s”.") % {"reply": reply},
            field="reply",
        )
    if case.case_status is not CaseStatus.CONSULTATION:
        raise Conflict(
            gettext("The consultation of the Parties is not open for this case."),
            article="Art. 46(1)",
        )
    if not ConsultedParty.objects.filter(case=case, party=party).exists():
        raise InvalidInput(
            gettext("%(party)s was not among the Parties consulted.") % {"party": party.name},
            field="party",
        )
    latest = ConsultationReply.objects.filter(
        case=case, party=party, superseded_by__isnull=True
    ).first()
    previous = None
    if supersedes is not None:
        if latest is None or latest.pk != supersedes:
            raise Conflict(
                gettext(
                    "Reply #%(reply)s is not the current reply of %(party)s; only the current "
                    "reply can be superseded."
                )
                % {"reply": supersedes, "party": party.name}
            )
        previous = latest
    elif latest is not None:
        raise Conflict(
            gettext(
                "%(party)s has already replied (%(reply)s, reply #%(number)s); a new reply must "
                "expressly supersede it."
            )
            % {
                "party": party.name,
                "reply": str(latest.get_reply_display()).lower(),
                "number": latest.pk,
            }
        )
    channel = (
        ConsultationReply.Channel.DELEGATE
        if getattr(user, "role", "") == Role.PARTY_DELEGATE
        else ConsultationReply.Channel.NOTE_VERBALE
    )
    return _reply_record(
        case=case,
        party=party,
        reply=reply,
        actor=Actor(user=user),
        channel=channel,
        note=note,
        previous=previous,
    )


def _reply_record(
    *,
    case: AccessionCase,
    party: State,
    reply: str,
    actor: Actor,
    channel: str,
    note: str = "",
    previous: ConsultationReply | None = None,
    received_on: date | None = None,
    reference: str = "",
) -> ConsultationReply:
    """Write one reply with its case event and audit record (the caller holds the case's lock
    and has checked the reply may be recorded)."""
    supersedes = previous.pk if previous else None
    try:
        with transaction.atomic():
            answer = ConsultationReply.objects.create(
                case=case,
                party=party,
                reply=reply,
                note=note,
                channel=channel,
                supersedes=previous,
                received_on=received_on,
                reference=reference,
                recorded_by=actor.user,
                recorded_by_label=actor.label,
            )
    except IntegrityError:
        # Another reply from the same Party landed first (a concurrent request).
        raise Conflict(
            gettext("%(party)s has already replied; a new reply must supersede it.")
            % {"party": party.name}
        ) from None
    payload: dict[str, Any] = {"party": party.code, "reply": reply, "supersedes": supersedes}
    if received_on is not None:
        payload.update(received_on=received_on.isoformat(), reference=reference)
    CaseEvent.objects.create(
        case=case,
        step="reply",
        from_status=case.status,
        to_status=case.status,
        actor=actor.user,
        actor_label=actor.label,
        note=note,
        payload=payload,
    )
    audit_record(
        actor=actor,
        action="accession.reply",
        target=answer,
        summary=f"{case.reference} {party.code} {reply}",
    )
    return answer


def _consulted_states(case: AccessionCase) -> dict[str, State]:
    return registry.states_by_code(case.consulted_party_codes)


def current_replies(case: AccessionCase) -> dict[str, ConsultationReply]:
    return {
        reply.party_id: reply
        for reply in ConsultationReply.objects.filter(case=case, superseded_by__isnull=True)
    }


@transaction.atomic
def consultation_close(
    *, user: Any, case: AccessionCase, today: date | None = None
) -> AccessionCase:
    today = today or timezone.localdate()
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    _step(case, Step.CLOSE_CONSULTATION)
    consulted = case.consulted_party_codes
    replies = {
        code: reply.reply == ConsultationReply.Reply.CONSENT
        for code, reply in current_replies(case).items()
    }
    try:
        outcome = consultation_outcome(
            {code: replies.get(code) for code in consulted},
            consulted,
            deadline=case.consultation_deadline or today,
            today=today,
        )
    except RuleViolation as violation:
        # "Albania, Andorra and 45 others have not replied": names in the reader's language and
        # the deadline in words, never codes and an ISO date.
        named = with_state_names(violation.explanation, _consulted_states(case))
        raise refusal(RuleViolation(violation.article, named), conflict=True) from None
    case.consultation_closed_on = today
    # The rules' explanation names the Parties that objected or stayed silent: it is kept for
    # the Treaty Office in both languages; everyone else is told only the outcome.
    states = _consulted_states(case)
    explanations = [with_state_names(e, states) for e in outcome.explanations]
    explanation = {}
    for language in ("en", "fr"):
        with translation.override(language):
            explanation[language] = render(explanations)
    _transition(
        case,
        step=Step.CLOSE_CONSULTATION,
        to=CaseStatus.CONSENT_OBTAINED if outcome.value else CaseStatus.OBJECTION,
        actor=Actor(user=user),
        note=explanation["en"],
        payload={"unanimous_consent": outcome.value, "explanation": explanation},
    )
    notices.tell(
        notices.officials(case.state_id),
        case,
        notices.CLOSED,
        outcome=notices.outcome_sentence(bool(outcome.value)),
    )
    return case


@dataclass(frozen=True)
class Reminded:
    """What a reminder did: the Parties that had not replied, those whose delegates were
    e-mailed, how many e-mails left, and those with no delegate account (a note verbale)."""

    pending: list[str]
    emailed: list[str]
    emails: int
    without_delegates: list[str]


@transaction.atomic
def consultation_remind(*, user: Any, case: AccessionCase) -> Reminded:
    """E-mail the delegates of the Parties that have not replied."""
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    if case.case_status is not CaseStatus.CONSULTATION:
        raise Conflict(gettext("Reminders are sent only while the consultation is open."))
    pending = sorted(case.consulted_party_codes - set(current_replies(case)))
    addresses = notices.delegates_by_party(pending)
    without = [code for code in pending if code not in addresses]
    actor = Actor(user=user)
    CaseEvent.objects.create(
        case=case,
        step="remind",
        from_status=case.status,
        to_status=case.status,
        actor=actor.user,
        actor_label=actor.label,
        payload={"pending": pending, "without_delegates": without},
    )
    audit_record(actor=actor, action="accession.remind", target=case, summary=", ".join(pending))
    recipients = sorted({email for emails in addresses.values() for email in emails})
    deadline = case.consultation_deadline or timezone.localdate()
    notices.tell(
        recipients,
        case,
        notices.REMINDED,
        subject_suffix=" — reminder",
        deadline=lambda: format_date(deadline),
    )
    return Reminded(
        pending=pending,
        emailed=[code for code in pending if code in addresses],
        emails=len(recipients),
        without_delegates=without,
    )
