"""Reads of accession cases, filtered by what the person may see."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from lanzarote.accession.models import (
    AccessionCase,
    CaseEvent,
    CommitteeOfMinistersDecision,
    ConsultationReply,
    ConsultedParty,
)
from lanzarote.accounts.models import Role, User
from lanzarote.core.errors import NotFound
from lanzarote.core.permissions import allowed
from lanzarote.core.text import sorted_by_name
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Treaty
from lanzarote.treaty_law.accession import CaseStatus


def _cases() -> QuerySet[AccessionCase]:
    return AccessionCase.objects.select_related(
        "state", "treaty", "deposit_event"
    ).prefetch_related(
        Prefetch("consulted_parties", queryset=ConsultedParty.objects.only("case_id", "party_id"))
    )


REFERENCE_FORMAT = re.compile(r"ACC-[0-9]{4}-[0-9]{3,6}")


def case_get(reference: str, *, user: Any) -> AccessionCase:
    """A case the person may see. An unknown reference and a case confidential to others get the
    same `NotFound`, worded alike, so that trying references tells an outsider nothing."""
    wanted = str(reference).strip().upper()
    # Anything not shaped like a reference (a NUL byte, a number, a megabyte of text) is not
    # one: no query is run for it, and it is not repeated back.
    if not REFERENCE_FORMAT.fullmatch(wanted):
        raise NotFound(gettext("No accession case has this reference."))
    case = _cases().filter(reference=wanted).first()
    if case is None or not may_see(user, case):
        raise NotFound(
            gettext("No accession case %(reference)s is available to you.") % {"reference": wanted}
        )
    return case


def may_see(user: Any, case: AccessionCase) -> bool:
    return case.is_public or allowed(user, "accession.view_case", case=case)


def case_list(*, user: Any) -> list[AccessionCase]:
    """Every case the person may see: all for the Treaty Office, their own State's for its
    officials, those under consultation of their Party for delegates, and public ones."""
    cases = list(_cases().order_by("-created_at"))
    return [c for c in cases if may_see(user, c)]


def consultation_inbox(*, user: User) -> list[AccessionCase]:
    """The open consultations a Party delegate is asked to answer."""
    if not allowed(user, "accession.answer_consultations"):
        return []
    return list(
        _cases()
        .filter(status=CaseStatus.CONSULTATION.value, consulted_parties__party_id=user.state_id)
        .order_by("consultation_deadline")
    )


@dataclass(frozen=True)
class ConsultationSummary:
    consulted: list[str]
    consents: list[str]
    objections: list[str]
    pending: list[str]
    replies: dict[str, ConsultationReply]

    def as_dict(self) -> dict[str, int]:
        return {
            "consulted": len(self.consulted),
            "consents": len(self.consents),
            "objections": len(self.objections),
            "pending": len(self.pending),
        }


def consultation_summary(case: AccessionCase) -> ConsultationSummary:
    consulted = sorted(case.consulted_party_codes)
    replies = {
        r.party_id: r
        for r in ConsultationReply.objects.filter(
            case=case, superseded_by__isnull=True
        ).select_related("party", "recorded_by__state")
    }
    return ConsultationSummary(
        consulted=consulted,
        consents=sorted(
            code for code, r in replies.items() if r.reply == ConsultationReply.Reply.CONSENT
        ),
        objections=sorted(
            code for code, r in replies.items() if r.reply == ConsultationReply.Reply.OBJECTION
        ),
        pending=[code for code in consulted if code not in replies],
        replies=replies,
    )


def reminder_list(case: AccessionCase) -> list[dict[str, Any]]:
    """The Parties that have not replied, with their delegates' contacts."""
    pending = consultation_summary(case).pending
    delegates: dict[str, list[str]] = {code: [] for code in pending}
    for user in User.objects.filter(
        role=Role.PARTY_DELEGATE, state_id__in=pending, is_active=True
    ).order_by("username"):
        if user.state_id:
            delegates[user.state_id].append(user.email or user.username)
    states = registry.State.objects.in_bulk(pending) if pending else {}
    return [
        {
            "party": code,
            "name": states[code].name if code in states else code,
            "delegates": delegates[code],
        }
        for code in pending
    ]


def timeline(case: AccessionCase) -> list[CaseEvent]:
    return list(
        CaseEvent.objects.filter(case=case)
        .select_related("actor__state")
        .order_by("occurred_at", "id")
    )


def decision_of(case: AccessionCase) -> CommitteeOfMinistersDecision | None:
    return CommitteeOfMinistersDecision.objects.filter(case=case).first()


# -- the pages: the Treaty Office's desk, the consultation board, the delegates' inbox ----------


def states_invited_to_accede(treaty: Treaty, on: date) -> frozenset[str]:
    """The States the Committee of Ministers had invited to accede by `on` (Art. 46(1)), whose
    request was not withdrawn: the registry's depositary notifications are addressed to them
    (Art. 50(1))."""
    return frozenset(
        AccessionCase.objects.filter(treaty=treaty, invited_on__lte=on)
        .exclude(status=CaseStatus.WITHDRAWN)
        .values_list("state_id", flat=True)
    )


def deposited_cases() -> list[AccessionCase]:
    """Cases waiting for their entry into force (the daily run checks them)."""
    return list(
        AccessionCase.objects.filter(status=CaseStatus.DEPOSITED.value)
        .select_related("state", "treaty")
        .order_by("reference")
    )


def desk_case_list(*, status: str = "") -> list[AccessionCase]:
    """Every case for the Treaty Office's desk, newest first, optionally of one status, each
    annotated with `consulted_count` and `replied_count` (current replies) in the same query."""
    current_replies = (
        ConsultationReply.objects.filter(case=OuterRef("pk"), superseded_by__isnull=True)
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    consulted = (
        ConsultedParty.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cases = AccessionCase.objects.select_related("state", "treaty").annotate(
        consulted_count=Coalesce(Subquery(consulted), 0),
        replied_count=Coalesce(Subquery(current_replies), 0),
    )
    if status:
        cases = cases.filter(status=status)
    return list(cases.order_by("-created_at"))


def status_counts() -> dict[str, int]:
    return {
        row["status"]: row["n"]
        for row in AccessionCase.objects.order_by().values("status").annotate(n=Count("pk"))
    }


@dataclass(frozen=True)
class BoardRow:
    """One consulted Party on the consultation board."""

    party: registry.State
    reply: ConsultationReply | None

    @property
    def pending(self) -> bool:
        return self.reply is None


def consultation_board(case: AccessionCase, summary: ConsultationSummary) -> list[BoardRow]:
    """The consulted Parties with their current reply (None: no reply yet), by name."""
    parties = [c.party for c in ConsultedParty.objects.filter(case=case).select_related("party")]
    rows = [BoardRow(party=p, reply=summary.replies.get(p.code)) for p in parties]
    return sorted_by_name(rows, lambda row: row.party.name)


def replies_of_party(cases: list[AccessionCase], party: str | None) -> dict[int, ConsultationReply]:
    """A Party's current reply in each of `cases` (for the delegates' inbox), in one query."""
    if not cases or not party:
        return {}
    return {
        reply.case_id: reply
        for reply in ConsultationReply.objects.filter(
            case__in=[c.pk for c in cases], party_id=party, superseded_by__isnull=True
        )
    }


# -- what waits for someone, for their home page --------------------------------------------------


def consultations_awaiting_reply(*, user: User) -> list[AccessionCase]:
    """The open consultations a Party delegate's Party has not answered, soonest deadline first."""
    cases = consultation_inbox(user=user)
    replied = replies_of_party(cases, user.state_id)
    return [case for case in cases if case.pk not in replied]


# Statuses in which the next step is the Treaty Office's own.
TREATY_OFFICE_STEPS = (
    CaseStatus.RECEIVED.value,
    CaseStatus.CONSENT_OBTAINED.value,
    CaseStatus.DECIDED.value,
)


def cases_needing_action(*, today: date) -> list[AccessionCase]:
    """Cases whose next step is the Treaty Office's: a request to put to the Parties, a consent
    to take to the Committee of Ministers, an invitation to issue, or a consultation whose
    deadline has passed and that can be closed."""
    return [
        case
        for case in desk_case_list()
        if case.status in TREATY_OFFICE_STEPS
        or (
            case.status == CaseStatus.CONSULTATION.value
            and case.consultation_deadline is not None
            and case.consultation_deadline < today
        )
    ]


def overdue_consultations(*, today: date) -> list[AccessionCase]:
    """Consultations past their deadline with Parties that have not replied; each case carries
    `consulted_count` and `replied_count`."""
    return [
        case
        for case in desk_case_list(status=CaseStatus.CONSULTATION.value)
        if case.consultation_deadline is not None
        and case.consultation_deadline < today
        and getattr(case, "replied_count", 0) < getattr(case, "consulted_count", 0)
    ]
