"""Several Parties' consents received by note verbale, recorded in one step by the Treaty Office.

All or nothing: if one Party chosen cannot consent now (it was not consulted, was not a Party on
the day the note was received, or has already replied), nothing is recorded and the refusal
names it. Each consent is written as a single reply is (`consultation._reply_record`: the reply,
its case event and its audit record). Objections are recorded one at a time: each is a decision
the Treaty Office reads on its own, and one closes the consultation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from lanzarote.accession.models import AccessionCase, ConsultationReply
from lanzarote.accession.services.consultation import _reply_record, current_replies
from lanzarote.accession.services.transitions import StateNames, _locked
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.core.text import day_in_words
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.treaty_law import Status

REFERENCE_LENGTH = 100


def _names(states: Iterable[State]) -> str:
    return StateNames(tuple(states)).describe(translate=gettext, format_date=day_in_words)


@transaction.atomic
def consultation_replies_record(
    *,
    user: Any,
    case: AccessionCase,
    parties: Iterable[str],
    received_on: date,
    reference: str,
    today: date | None = None,
) -> list[ConsultationReply]:
    """Record the consents of `parties` (codes), received by note verbale on `received_on`
    under `reference`; returns the replies in the order of the Parties' codes."""
    today = today or timezone.localdate()
    case = _locked(case)
    require(user, "accession.record_notes_verbales", case=case)
    if not case.consultation_open:
        raise Conflict(
            gettext("The consultation of the Parties is not open for this case."),
            article="Art. 46(1)",
        )
    codes = sorted({str(code).strip().upper() for code in parties if str(code).strip()})
    if not codes:
        raise InvalidInput(gettext("Choose at least one Party."), field="parties")
    reference = reference.strip()
    if not reference:
        raise InvalidInput(gettext("Give the reference of the notes verbales."), field="reference")
    if len(reference) > REFERENCE_LENGTH:
        raise InvalidInput(
            gettext("The reference is at most %(count)s characters long.")
            % {"count": REFERENCE_LENGTH},
            field="reference",
        )
    _check_received_on(case, received_on, today=today)
    states = registry.states_by_code(codes)
    unknown = [code for code in codes if code not in states]
    if unknown:
        raise InvalidInput(
            ngettext(
                "No State has the code %(codes)s.",
                "No State has the codes %(codes)s.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown)},
            field="parties",
        )
    chosen = [states[code] for code in codes]
    _check_parties(case, chosen, received_on)
    current = current_replies(case)
    replied = [state for state in chosen if state.code in current]
    if replied:
        raise Conflict(
            ngettext(
                "%(states)s has already replied; a new reply replaces the current one, one "
                "Party at a time.",
                "%(states)s have already replied; a new reply replaces the current one, one "
                "Party at a time.",
                len(replied),
            )
            % {"states": _names(replied)},
            field="parties",
        )
    actor = Actor(user=user)
    return [
        _reply_record(
            case=case,
            party=state,
            reply=ConsultationReply.Reply.CONSENT,
            actor=actor,
            channel=ConsultationReply.Channel.NOTE_VERBALE,
            received_on=received_on,
            reference=reference,
        )
        for state in chosen
    ]


def _check_received_on(case: AccessionCase, received_on: date, *, today: date) -> None:
    if received_on > today:
        raise InvalidInput(
            gettext("A note verbale cannot have been received after today (%(day)s).")
            % {"day": day_in_words(today)},
            field="received_on",
        )
    opened = case.consultation_opened_on
    if opened is not None and received_on < opened:
        raise InvalidInput(
            gettext(
                "%(day)s is before the consultation opened, on %(opened)s: a reply cannot "
                "have been received then."
            )
            % {"day": day_in_words(received_on), "opened": day_in_words(opened)},
            field="received_on",
        )


def _check_parties(case: AccessionCase, chosen: list[State], received_on: date) -> None:
    """Every State chosen was consulted, and was still a Party on the day its note arrived."""
    strangers = [state for state in chosen if state.code not in case.consulted_party_codes]
    if strangers:
        raise InvalidInput(
            ngettext(
                "%(states)s was not among the Parties consulted on this request.",
                "%(states)s were not among the Parties consulted on this request.",
                len(strangers),
            )
            % {"states": _names(strangers)},
            field="parties",
        )
    view = registry.chart_view(case.treaty, as_of=received_on)
    parties_then = {row.state for row in view.chart.rows if row.status is Status.PARTY}
    former = [state for state in chosen if state.code not in parties_then]
    if former:
        raise InvalidInput(
            ngettext(
                "%(states)s was not a Party on %(day)s, the day the note verbale was received.",
                "%(states)s were not Parties on %(day)s, the day the note verbale was received.",
                len(former),
            )
            % {"states": _names(former), "day": day_in_words(received_on)},
            field="parties",
        )
