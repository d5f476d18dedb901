"""From the Committee of Ministers' decision to the end of a case: the vote counted by the rules,
the invitation, the deposit (written into the registry), entry into force and withdrawal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from lanzarote.accession import notices
from lanzarote.accession.models import AccessionCase, CommitteeOfMinistersDecision
from lanzarote.accession.services.transitions import _locked, _step, _transition
from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import TreatyEvent
from lanzarote.registry.presenters import format_date
from lanzarote.registry.services import treaty_event_record
from lanzarote.treaty_law import KnownDate, Status, committee_of_ministers_accession_vote
from lanzarote.treaty_law.accession import CaseStatus, Step


def contracting_states_entitled_to_sit(
    treaty: Any, on: date
) -> tuple[frozenset[str], frozenset[str]]:
    """(member States entitled to sit on the Committee of Ministers, those of them that are
    Contracting States — consented to be bound, in force or not)."""
    members = registry.membership().member_states(on)
    view = registry.chart_view(treaty, as_of=on)
    contracting = frozenset(
        row.state
        for row in view.chart.rows
        if row.status in (Status.PARTY, Status.CONSENTED) and row.state in members
    )
    return frozenset(members), contracting


@transaction.atomic
def decision_record(
    *,
    user: Any,
    case: AccessionCase,
    meeting_date: date,
    meeting_reference: str = "",
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    contracting_states_against: Sequence[str] = (),
    contracting_states_abstaining: Sequence[str] = (),
    contracting_states_absent: Sequence[str] = (),
    representative_votes: Mapping[str, str] | None = None,
    today: date | None = None,
) -> CommitteeOfMinistersDecision:
    """Record the Committee of Ministers' vote, as totals or per representative; the rules
    compute whether both majorities and the unanimity of the Contracting States are met."""
    today = today or timezone.localdate()
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    if case.case_status is CaseStatus.OBJECTION:
        raise Conflict(
            gettext(
                "The Parties did not consent unanimously, so the Committee of Ministers cannot "
                "invite the State."
            ),
            article="Art. 46(1)",
        )
    _step(case, Step.RECORD_DECISION)
    if meeting_date > today:
        raise InvalidInput(
            gettext("The meeting date cannot be in the future."), field="meeting_date"
        )
    if case.consultation_closed_on and meeting_date < case.consultation_closed_on:
        raise InvalidInput(
            gettext("The decision cannot precede the close of the consultation."),
            field="meeting_date",
        )
    members, contracting = contracting_states_entitled_to_sit(case.treaty, meeting_date)
    if representative_votes:
        unknown = sorted(set(representative_votes) - members)
        if unknown:
            raise InvalidInput(
                gettext("Not member States entitled to sit on %(day)s: %(states)s.")
                % {"day": format_date(meeting_date), "states": ", ".join(unknown)},
                field="representative_votes",
            )
        bad = sorted(set(representative_votes.values()) - {"for", "against", "abstain"})
        if bad:
            raise InvalidInput(
                gettext("Votes are for, against or abstain; got %(votes)s.")
                % {"votes": ", ".join(bad)},
                field="representative_votes",
            )
        votes_for = sum(v == "for" for v in representative_votes.values())
        votes_against = sum(v == "against" for v in representative_votes.values())
        abstentions = sum(v == "abstain" for v in representative_votes.values())
        contracting_for = frozenset(c for c in contracting if representative_votes.get(c) == "for")
        contracting_against = frozenset(
            c for c in contracting if representative_votes.get(c) == "against"
        )
    else:
        if votes_for is None or votes_against is None or abstentions is None:
            raise InvalidInput(
                gettext(
                    "Give votes_for, votes_against and abstentions, or the vote of each "
                    "representative."
                )
            )
        named = (
            set(contracting_states_against)
            | set(contracting_states_abstaining)
            | set(contracting_states_absent)
        )
        strangers = sorted(named - contracting)
        if strangers:
            raise InvalidInput(
                gettext("Not Contracting States entitled to sit: %(states)s.")
                % {"states": ", ".join(strangers)},
                field="contracting_states_against",
            )
        contracting_for = frozenset(contracting - named)
        contracting_against = frozenset(contracting_states_against)
    try:
        answer = committee_of_ministers_accession_vote(
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            entitled_to_sit=len(members),
            contracting_states_entitled_to_sit=contracting,
            contracting_states_voting_for=contracting_for,
            contracting_states_voting_against=contracting_against,
        )
    except (ValueError, TypeError) as error:
        raise InvalidInput(str(error)) from None
    explanations = {}
    for language in ("en", "fr"):
        with translation.override(language):
            explanations[language] = answer.render(translate=gettext, format_date=format_date)
    decision = CommitteeOfMinistersDecision.objects.create(
        case=case,
        meeting_date=meeting_date,
        meeting_reference=meeting_reference,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        entitled_to_sit=len(members),
        contracting_states_entitled=sorted(contracting),
        contracting_states_for=sorted(contracting_for),
        representative_votes=dict(representative_votes or {}),
        adopted=answer.value,
        explanation_en=explanations["en"],
        explanation_fr=explanations["fr"],
        recorded_by_label=Actor(user=user).label,
    )
    _transition(
        case,
        step=Step.RECORD_DECISION,
        to=CaseStatus.DECIDED,
        actor=Actor(user=user),
        note=explanations["en"],
        payload={"adopted": answer.value, "votes_for": votes_for, "votes_against": votes_against},
    )
    return decision


@transaction.atomic
def invitation_issue(*, user: Any, case: AccessionCase, today: date | None = None) -> AccessionCase:
    today = today or timezone.localdate()
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    decision = CommitteeOfMinistersDecision.objects.filter(case=case).first()
    _step(case, Step.ISSUE_INVITATION, decision_adopted=decision.adopted if decision else None)
    case.invited_on = today
    _transition(case, step=Step.ISSUE_INVITATION, to=CaseStatus.INVITED, actor=Actor(user=user))
    notices.tell(notices.officials(case.state_id), case, notices.INVITED)
    return case


@transaction.atomic
def deposit_record(*, user: Any, case: AccessionCase, deposit_date: date) -> TreatyEvent:
    """Record the deposit of the instrument of accession: the registry's accession event is written
    in the same transaction, and the entry into force follows from Art. 46(2)."""
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    _step(case, Step.RECORD_DEPOSIT)
    if case.invited_on and deposit_date < case.invited_on:
        raise InvalidInput(gettext("The deposit cannot precede the invitation."), field="date")
    actor = Actor(user=user)
    event = treaty_event_record(
        actor=actor,
        treaty=case.treaty,
        state=case.state,
        kind=TreatyEvent.Kind.ACCESSION,
        legal_date=KnownDate.exact(deposit_date),
        text_en=f"Instrument of accession deposited (accession case {case.reference}).",
        text_fr=f"Dépôt de l'instrument d'adhésion (dossier d'adhésion {case.reference}).",
        sources=[{"url": "", "note": f"Accession case {case.reference}"}],
        confirmed=True,
        basis=TreatyEvent.Basis.RECORDED,
    )
    case.deposit_event = event
    position = registry.position_of(treaty=case.treaty, state=case.state, as_of=deposit_date)
    entry = position.entry_into_force
    _transition(
        case,
        step=Step.RECORD_DEPOSIT,
        to=CaseStatus.DEPOSITED,
        actor=actor,
        payload={
            "deposit": deposit_date.isoformat(),
            "entry_into_force": entry.value.isoformat() if entry and entry.value else None,
            "registry_event": event.pk,
        },
    )
    return event


@transaction.atomic
def case_enter_into_force_if_due(*, case: AccessionCase, today: date | None = None) -> bool:
    """Record that the Convention has entered into force for the acceding State (run daily)."""
    today = today or timezone.localdate()
    case = _locked(case)
    if case.case_status is not CaseStatus.DEPOSITED:
        return False
    position = registry.position_of(treaty=case.treaty, state=case.state, as_of=today)
    if position.status is not Status.PARTY:
        return False
    _transition(
        case,
        step=Step.ENTER_INTO_FORCE,
        to=CaseStatus.IN_FORCE,
        actor=Actor.system("daily run"),
        payload={
            "entry_into_force": position.entry_into_force.as_dict()
            if position.entry_into_force
            else None
        },
    )
    return True


@transaction.atomic
def case_withdraw(*, user: Any, case: AccessionCase, note: str = "") -> AccessionCase:
    case = _locked(case)
    require(user, "accession.withdraw_case", case=case)
    _step(case, Step.WITHDRAW)
    _transition(
        case, step=Step.WITHDRAW, to=CaseStatus.WITHDRAWN, actor=Actor(user=user), note=note
    )
    return case
