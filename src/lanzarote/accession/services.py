"""The accession procedure, step by step. Each function checks the person's permission, asks
`treaty_law.accession` whether the step is allowed now, changes the case and writes its
`CaseEvent` and audit record in one transaction; e-mails leave only after the commit."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from lanzarote.accession import notices, uploads
from lanzarote.accession.models import (
    AccessionCase,
    CaseEvent,
    CaseReferenceCounter,
    CommitteeOfMinistersDecision,
    ConsultationReply,
    ConsultedParty,
)
from lanzarote.accounts.models import Role
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import TreatyEvent
from lanzarote.registry.presenters import format_date
from lanzarote.registry.services import treaty_event_record
from lanzarote.treaty_law import (
    CONVENTION,
    KnownDate,
    RuleViolation,
    Status,
    committee_of_ministers_accession_vote,
    get_final_clauses,
)
from lanzarote.treaty_law.accession import (
    OPEN_STATUSES,
    CaseStatus,
    RequestLetter,
    Step,
    check_request,
    check_step,
    consultation_outcome,
)

logger = logging.getLogger("lanzarote.accession")


def _refusal(violation: RuleViolation, *, conflict: bool = False) -> InvalidInput | Conflict:
    error_class = Conflict if conflict else InvalidInput
    return error_class(violation.explanation.render(translate=gettext), article=violation.article)


def _step(case: AccessionCase, step: Step, *, decision_adopted: bool | None = None) -> None:
    try:
        check_step(step, case.case_status, decision_adopted=decision_adopted)
    except RuleViolation as violation:
        raise _refusal(violation, conflict=True) from None


def _locked(case: AccessionCase) -> AccessionCase:
    """Re-read the case inside the transaction, locking its row on PostgreSQL, so two people
    moving the same case cannot both act on a stale status."""
    return (
        AccessionCase.objects.select_for_update().select_related("state", "treaty").get(pk=case.pk)
    )


def _transition(
    case: AccessionCase,
    *,
    step: Step,
    to: CaseStatus,
    actor: Actor,
    note: str = "",
    documents: Sequence[dict[str, str]] = (),
    payload: Mapping[str, Any] | None = None,
) -> CaseEvent:
    previous = case.status
    case.status = to.value
    case.save()
    event = CaseEvent.objects.create(
        case=case,
        step=step.value,
        from_status=previous,
        to_status=to.value,
        actor=actor.user,
        actor_label=actor.label,
        note=note,
        documents=list(documents),
        payload=dict(payload or {}),
    )
    audit_record(
        actor=actor,
        action=f"accession.{step.value}",
        target=case,
        summary=f"{case.reference}: {previous or '—'} → {to.value}",
        payload=dict(payload or {}),
    )
    return event


def _next_reference(year: int) -> str:
    """The next case number of the year, from the year's counter row (see
    `CaseReferenceCounter`). One statement creates or increments the row and returns the number;
    the row stays locked by this transaction until it ends. A year's first number continues
    after any case already there (cases restored from elsewhere, or filed before the counter)."""
    table = connection.ops.quote_name(CaseReferenceCounter._meta.db_table)
    cases = connection.ops.quote_name(AccessionCase._meta.db_table)
    prefix = f"ACC-{year}-"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_number) "  # noqa: S608 (names quoted above)
            f"SELECT %s, COALESCE(MAX(CAST(SUBSTR(reference, %s) AS INTEGER)), 0) + 1 "
            f"FROM {cases} WHERE reference LIKE %s "
            f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [year, len(prefix) + 1, f"{prefix}%"],
        )
        (number,) = cursor.fetchone()
    return f"{prefix}{number:03d}"


@transaction.atomic
def accession_request_file(
    *,
    user: Any,
    state_code: str,
    treaty_slug: str = CONVENTION,
    letter: RequestLetter | None,
    letter_file: UploadedFile | None = None,
    submit: bool = True,
    today: date | None = None,
) -> AccessionCase:
    """Open a case for a State's request to be invited to accede (a draft, or filed at once)."""
    today = today or timezone.localdate()
    state = registry.state_get(state_code)
    treaty = registry.treaty_get(treaty_slug)
    require(user, "accession.file_request", state=state)
    if submit and letter is None:
        raise InvalidInput(
            "A request is filed with its letter: give the letter's details.", field="letter"
        )
    clauses = get_final_clauses(treaty.slug)
    try:
        check_request(
            clauses,
            applicant=registry.applicant_for(treaty=treaty, state=state, on=today),
            position=registry.position_of(treaty=treaty, state=state, as_of=today),
            treaty_entry_into_force=registry.treaty_entry_into_force(treaty).value,
            today=today,
            letter=letter,
        )
    except RuleViolation as violation:
        raise _refusal(violation) from None
    if letter_file is not None:
        uploads.letter_check(letter_file)
    if AccessionCase.objects.filter(
        treaty=treaty, state=state, status__in=[s.value for s in OPEN_STATUSES]
    ).exists():
        raise Conflict(f"{state.name_en} already has an open accession case for this treaty.")
    case = AccessionCase(
        reference=_next_reference(today.year),
        treaty=treaty,
        state=state,
        status=CaseStatus.DRAFT.value,
    )
    if letter is not None:
        case.letter_signatory_name = letter.signatory_name.strip()
        case.letter_signatory_capacity = letter.signatory_capacity
        case.letter_date = letter.date
        case.letter_addressee = letter.addressee
    if letter_file is not None:
        uploads.letter_attach_after_commit(case, letter_file)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # A request for the same State filed at the same moment committed first.
        raise Conflict(
            f"{state.name_en} already has an open accession case for this treaty."
        ) from None
    actor = Actor(user=user)
    CaseEvent.objects.create(
        case=case,
        step="create",
        from_status="",
        to_status=CaseStatus.DRAFT.value,
        actor=actor.user,
        actor_label=actor.label,
    )
    audit_record(actor=actor, action="accession.create", target=case, summary=case.reference)
    if submit:
        _file(case, actor=actor, today=today)
    return case


def _file(case: AccessionCase, *, actor: Actor, today: date) -> None:
    _step(case, Step.FILE)
    if not (case.letter_signatory_name and case.letter_signatory_capacity and case.letter_date):
        raise InvalidInput(
            "The request letter's signatory, capacity and date are needed to file it."
        )
    case.received_on = today
    _transition(case, step=Step.FILE, to=CaseStatus.RECEIVED, actor=actor)
    notices.tell(notices.treaty_office(), case, notices.FILED)


def _letter_of(case: AccessionCase) -> RequestLetter | None:
    if not case.letter_date:
        return None
    return RequestLetter(
        signatory_name=case.letter_signatory_name,
        signatory_capacity=case.letter_signatory_capacity,
        date=case.letter_date,
        addressee=case.letter_addressee,
    )


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
            f"The deadline ({deadline.isoformat()}) must be after today.", field="deadline"
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
        raise InvalidInput(f"reply must be consent or objection; got {reply!r}.", field="reply")
    if case.case_status is not CaseStatus.CONSULTATION:
        raise Conflict(
            "The consultation of the Parties is not open for this case.", article="Art. 46(1)"
        )
    if not ConsultedParty.objects.filter(case=case, party=party).exists():
        raise InvalidInput(f"{party.name_en} was not among the Parties consulted.", field="party")
    latest = ConsultationReply.objects.filter(
        case=case, party=party, superseded_by__isnull=True
    ).first()
    previous = None
    if supersedes is not None:
        if latest is None or latest.pk != supersedes:
            raise Conflict(
                f"Reply #{supersedes} is not {party.name_en}'s current reply; only the current reply can be superseded."
            )
        previous = latest
    elif latest is not None:
        raise Conflict(
            f"{party.name_en} has already replied ({latest.reply}, reply #{latest.pk}); "
            "a new reply must expressly supersede it."
        )
    actor = Actor(user=user)
    channel = (
        ConsultationReply.Channel.DELEGATE
        if getattr(user, "role", "") == Role.PARTY_DELEGATE
        else ConsultationReply.Channel.NOTE_VERBALE
    )
    try:
        with transaction.atomic():
            answer = ConsultationReply.objects.create(
                case=case,
                party=party,
                reply=reply,
                note=note,
                channel=channel,
                supersedes=previous,
                recorded_by=actor.user,
                recorded_by_label=actor.label,
            )
    except IntegrityError:
        # Another reply from the same Party landed first (a concurrent request).
        raise Conflict(
            f"{party.name_en} has already replied; a new reply must supersede it."
        ) from None
    CaseEvent.objects.create(
        case=case,
        step="reply",
        from_status=case.status,
        to_status=case.status,
        actor=actor.user,
        actor_label=actor.label,
        note=note,
        payload={"party": party.code, "reply": reply, "supersedes": supersedes},
    )
    audit_record(
        actor=actor,
        action="accession.reply",
        target=answer,
        summary=f"{case.reference} {party.code} {reply}",
    )
    return answer


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
        raise _refusal(violation, conflict=True) from None
    case.consultation_closed_on = today
    # The rules' explanation names the Parties that objected or stayed silent: it is kept for
    # the Treaty Office in both languages; everyone else is told only the outcome.
    explanation = {}
    for language in ("en", "fr"):
        with translation.override(language):
            explanation[language] = outcome.render(translate=gettext, format_date=format_date)
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
            "The Parties did not consent unanimously, so the Committee of Ministers cannot invite the State.",
            article="Art. 46(1)",
        )
    _step(case, Step.RECORD_DECISION)
    if meeting_date > today:
        raise InvalidInput("The meeting date cannot be in the future.", field="meeting_date")
    if case.consultation_closed_on and meeting_date < case.consultation_closed_on:
        raise InvalidInput(
            "The decision cannot precede the close of the consultation.", field="meeting_date"
        )
    members, contracting = contracting_states_entitled_to_sit(case.treaty, meeting_date)
    if representative_votes:
        unknown = sorted(set(representative_votes) - members)
        if unknown:
            raise InvalidInput(
                f"Not member States entitled to sit on {meeting_date.isoformat()}: {', '.join(unknown)}.",
                field="representative_votes",
            )
        bad = sorted(set(representative_votes.values()) - {"for", "against", "abstain"})
        if bad:
            raise InvalidInput(
                f"Votes are for, against or abstain; got {', '.join(bad)}.",
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
                "Give votes_for, votes_against and abstentions, or the vote of each representative."
            )
        named = (
            set(contracting_states_against)
            | set(contracting_states_abstaining)
            | set(contracting_states_absent)
        )
        strangers = sorted(named - contracting)
        if strangers:
            raise InvalidInput(
                f"Not Contracting States entitled to sit: {', '.join(strangers)}.",
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
        raise InvalidInput("The deposit cannot precede the invitation.", field="date")
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


@transaction.atomic
def consultation_remind(*, user: Any, case: AccessionCase) -> list[str]:
    """E-mail the delegates of the Parties that have not replied; returns those Parties."""
    case = _locked(case)
    require(user, "accession.advance_case", case=case)
    if case.case_status is not CaseStatus.CONSULTATION:
        raise Conflict("Reminders are sent only while the consultation is open.")
    pending = sorted(case.consulted_party_codes - set(current_replies(case)))
    actor = Actor(user=user)
    CaseEvent.objects.create(
        case=case,
        step="remind",
        from_status=case.status,
        to_status=case.status,
        actor=actor.user,
        actor_label=actor.label,
        payload={"pending": pending},
    )
    audit_record(actor=actor, action="accession.remind", target=case, summary=", ".join(pending))
    deadline = case.consultation_deadline or timezone.localdate()
    notices.tell(
        notices.delegates(pending),
        case,
        notices.REMINDED,
        subject_suffix=" — reminder",
        deadline=lambda: format_date(deadline),
    )
    return pending
