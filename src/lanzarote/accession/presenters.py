"""Plain-data shapes of accession cases, shared by the API and the pages, so both say the same
thing. What a person is shown follows `core.permissions`: the Treaty Office sees every reply and
every internal step; the requesting State and the public see the procedure's steps and counts;
a Party's delegate also sees their own Party's reply. Only the Treaty Office sees who acted by
account name; everyone else reads a role and a State. Who objected in the consultation is
never shown to anyone but the Treaty Office (and the objecting Party's own delegates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lanzarote.accession.models import (
    CAPACITY_LABELS,
    CONSULTATION_OUTCOME,
    STATUS_LABELS,
    AccessionCase,
    CaseEvent,
    CommitteeOfMinistersDecision,
    ConsultationReply,
)
from lanzarote.accession.selectors import ConsultationSummary
from lanzarote.core.permissions import allowed
from lanzarote.core.roles import STATE_BOUND_ROLES
from lanzarote.core.text import day_in_words, names_in_words, sorted_by_name
from lanzarote.treaty_law.accession import CaseStatus, LetterCapacity

STEP_LABELS = {
    "create": _("Request drafted"),
    "file": _("Request received by the Secretary General"),
    "open_consultation": _("Consultation of the Parties opened"),
    "reply": _("Reply of a Party recorded"),
    "remind": _("Reminders sent to the Parties that have not replied"),
    "close_consultation": _("Consultation of the Parties closed"),
    "record_decision": _("Decision of the Committee of Ministers recorded"),
    "issue_invitation": _("Invitation to accede issued"),
    "record_deposit": _("Instrument of accession deposited"),
    "enter_into_force": _("Convention in force for the State"),
    "withdraw": _("Request withdrawn"),
}
# What the API shows of each step (the pages also get the event's time and payload).
TIMELINE_KEYS = ("step", "step_label", "from", "to", "at", "by", "note")
# Steps that only the Treaty Office follows: who replied what, and reminders, stay confidential.
INTERNAL_STEPS = frozenset({"reply", "remind"})
ADDRESSEE_LABELS = {"secretary_general": _("The Secretary General of the Council of Europe")}
AUTOMATIC_STEP = _("Lanzarote (automatic step)")


def _label(labels: Mapping[Any, Any], choices: Callable[[str], Any], value: str) -> str:
    """The words for a stored value of `choices`, or the value itself if it is not one."""
    try:
        return str(labels[choices(value)])
    except ValueError:
        return value


def status_label(status: str) -> str:
    return _label(STATUS_LABELS, CaseStatus, status)


def step_label(step: str) -> str:
    return str(STEP_LABELS.get(step, step))


def capacity_label(capacity: str) -> str:
    return _label(CAPACITY_LABELS, LetterCapacity, capacity)


def sees_all_replies(user: Any) -> bool:
    return allowed(user, "accession.see_internal_steps")


def own_party(user: Any) -> str | None:
    """The Party a delegate answers for, or None."""
    return user.state_id if allowed(user, "accession.answer_consultations") else None


def visible_events(
    events: list[CaseEvent], *, user: Any, with_replies: bool = True
) -> list[CaseEvent]:
    """The steps of the case this person may follow. Pages leave the replies out of the
    timeline (`with_replies=False`): the consultation board shows them."""
    if not with_replies:
        events = [e for e in events if e.step != "reply"]
    if sees_all_replies(user):
        return events
    party = own_party(user)
    return [
        e
        for e in events
        if e.step not in INTERNAL_STEPS
        or (party is not None and e.step == "reply" and e.payload.get("party") == party)
    ]


def visible_replies(summary: ConsultationSummary, *, user: Any) -> list[ConsultationReply]:
    if sees_all_replies(user):
        return [summary.replies[code] for code in sorted(summary.replies)]
    party = own_party(user)
    if party is not None and party in summary.replies:
        return [summary.replies[party]]
    return []


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def actor_shown(person: Any, label: str, *, viewer: Any) -> str:
    """Who acted, as the viewer may read it: the Treaty Office sees the account; everyone else
    sees the role, with the State for the roles that act for one, never a username."""
    if sees_all_replies(viewer):
        return label
    if person is None:
        return str(AUTOMATIC_STEP)
    role = person.role_label
    if person.role in STATE_BOUND_ROLES and person.state is not None:
        return gettext("%(role)s (%(state)s)") % {"role": role, "state": person.state.name}
    return str(role)


def reply_data(reply: ConsultationReply, *, viewer: Any) -> dict[str, Any]:
    return {
        "id": reply.pk,
        "party": reply.party_id,
        "reply": reply.reply,
        "note": reply.note,
        "channel": reply.channel,
        "supersedes": reply.supersedes_id,
        "received_on": reply.received_on.isoformat() if reply.received_on else None,
        "reference": reply.reference,
        "recorded_at": reply.recorded_at.isoformat(),
        "recorded_by": actor_shown(reply.recorded_by, reply.recorded_by_label, viewer=viewer),
    }


def consents_recorded_sentence(replies: list[ConsultationReply]) -> str:
    """ "Consents of France, Germany and Italy recorded, received on 3 March 2026." """
    names = names_in_words(r.party.name for r in sorted_by_name(replies, lambda r: r.party.name))
    received = replies[0].received_on or replies[0].recorded_at.date()
    return ngettext(
        "Consent of %(states)s recorded, received on %(day)s.",
        "Consents of %(states)s recorded, received on %(day)s.",
        len(replies),
    ) % {"states": names, "day": day_in_words(received)}


def decision_data(decision: CommitteeOfMinistersDecision, *, language: str) -> dict[str, Any]:
    return {
        "meeting_date": decision.meeting_date.isoformat(),
        "meeting_reference": decision.meeting_reference,
        "votes_for": decision.votes_for,
        "votes_against": decision.votes_against,
        "abstentions": decision.abstentions,
        "entitled_to_sit": decision.entitled_to_sit,
        "contracting_states_entitled": list(decision.contracting_states_entitled),
        "contracting_states_for": list(decision.contracting_states_for),
        "representative_votes": dict(decision.representative_votes),
        "adopted": decision.adopted,
        "explanation": decision.explanation_fr if language == "fr" else decision.explanation_en,
    }


def event_note(
    event: CaseEvent,
    *,
    viewer: Any,
    decision: CommitteeOfMinistersDecision | None,
    language: str,
) -> str:
    """The note of a step in the reader's language. Notes the system wrote are rendered again
    for the reader rather than shown as stored (in the language of whoever took the step)."""
    if event.step == "close_consultation" and "unanimous_consent" in event.payload:
        if sees_all_replies(viewer):
            return str(event.payload.get("explanation", {}).get(language) or event.note)
        return str(CONSULTATION_OUTCOME[bool(event.payload["unanimous_consent"])])
    if event.step == "record_decision" and decision is not None:
        return decision.explanation_fr if language == "fr" else decision.explanation_en
    return event.note


def event_data(
    event: CaseEvent,
    *,
    viewer: Any,
    decision: CommitteeOfMinistersDecision | None,
    language: str,
) -> dict[str, Any]:
    return {
        "step": event.step,
        "step_label": step_label(event.step),
        "from": event.from_status or None,
        "to": event.to_status,
        "to_label": status_label(event.to_status),
        "at": event.occurred_at.isoformat(),
        "occurred_at": event.occurred_at,
        "by": actor_shown(event.actor, event.actor_label, viewer=viewer),
        "note": event_note(event, viewer=viewer, decision=decision, language=language),
        "payload": event.payload,
    }


@dataclass(frozen=True)
class Deposit:
    date: dt.date
    entry_into_force: dt.date | None
    registry_event: int


def deposit_of(case: AccessionCase, events: list[CaseEvent]) -> Deposit | None:
    """The deposit as the workflow recorded it (its event carries the computed entry into force)."""
    if case.deposit_event is None:
        return None
    payload: dict[str, Any] = next(
        (e.payload for e in reversed(events) if e.step == "record_deposit"), {}
    )
    entry = payload.get("entry_into_force")
    deposited = case.deposit_event.known_date.value
    assert deposited is not None  # the workflow records deposits known to the day
    return Deposit(
        date=deposited,
        entry_into_force=date.fromisoformat(entry) if entry else None,
        registry_event=case.deposit_event.pk,
    )


def _case_identity(case: AccessionCase) -> dict[str, Any]:
    """What every shape of a case starts with: which case it is and where it stands."""
    return {
        "reference": case.reference,
        "state": case.state_id,
        "state_name": case.state.name,
        "treaty": case.treaty.slug,
        "status": case.status,
        "status_label": status_label(case.status),
        "public": case.is_public,
    }


def case_data(
    case: AccessionCase,
    *,
    user: Any,
    summary: ConsultationSummary,
    decision: CommitteeOfMinistersDecision | None,
    events: list[CaseEvent],
    language: str = "en",
) -> dict[str, Any]:
    deposit = deposit_of(case, events)
    return {
        **_case_identity(case),
        "letter": {
            "signatory_name": case.letter_signatory_name,
            "signatory_capacity": case.letter_signatory_capacity or None,
            "signatory_capacity_label": capacity_label(case.letter_signatory_capacity)
            if case.letter_signatory_capacity
            else None,
            "date": _iso(case.letter_date),
            "addressee": case.letter_addressee or None,
            "has_scanned_copy": bool(case.letter_file),
        },
        "received_on": _iso(case.received_on),
        "consultation": {
            **summary.as_dict(),
            "opened_on": _iso(case.consultation_opened_on),
            "deadline": _iso(case.consultation_deadline),
            "closed_on": _iso(case.consultation_closed_on),
            "replies": [reply_data(r, viewer=user) for r in visible_replies(summary, user=user)],
        },
        "decision": decision_data(decision, language=language) if decision else None,
        "invited_on": _iso(case.invited_on),
        "deposit": {
            "date": deposit.date.isoformat(),
            "entry_into_force": _iso(deposit.entry_into_force),
            "registry_event": deposit.registry_event,
        }
        if deposit
        else None,
        "timeline": [
            {key: item[key] for key in TIMELINE_KEYS}
            for item in timeline_data(
                events, user=user, decision=decision, language=language, with_replies=True
            )
        ],
    }


def timeline_data(
    events: list[CaseEvent],
    *,
    user: Any,
    decision: CommitteeOfMinistersDecision | None,
    language: str,
    with_replies: bool,
) -> list[dict[str, Any]]:
    """The steps this person may follow, each as `event_data` shapes it."""
    return [
        event_data(e, viewer=user, decision=decision, language=language)
        for e in visible_events(events, user=user, with_replies=with_replies)
    ]


def case_summary_data(case: AccessionCase) -> dict[str, Any]:
    """One line of a list of cases."""
    return {
        **_case_identity(case),
        "received_on": _iso(case.received_on),
        "consultation_deadline": _iso(case.consultation_deadline),
        "invited_on": _iso(case.invited_on),
    }
