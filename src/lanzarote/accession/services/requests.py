"""A State's request to be invited to accede: the case opened (a draft, or filed at once with
its letter) under the year's next reference."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from lanzarote.accession import notices, uploads
from lanzarote.accession.models import AccessionCase, CaseEvent, CaseReferenceCounter
from lanzarote.accession.services.transitions import _step, _transition
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.core.rules import refusal
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.treaty_law import CONVENTION, RuleViolation, get_final_clauses
from lanzarote.treaty_law.accession import (
    OPEN_STATUSES,
    CaseStatus,
    RequestLetter,
    Step,
    check_request,
)


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


def _already_open(state: State) -> str:
    return gettext("%(state)s already has an open accession case for this treaty.") % {
        "state": state.name
    }


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
            gettext("A request is filed with its letter: give the letter’s details."),
            field="letter",
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
        raise refusal(violation) from None
    if letter_file is not None:
        uploads.letter_check(letter_file)
    if AccessionCase.objects.filter(
        treaty=treaty, state=state, status__in=[s.value for s in OPEN_STATUSES]
    ).exists():
        raise Conflict(_already_open(state))
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
        raise Conflict(_already_open(state)) from None
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
            gettext("The request letter’s signatory, capacity and date are needed to file it.")
        )
    case.received_on = today
    _transition(case, step=Step.FILE, to=CaseStatus.RECEIVED, actor=actor)
    notices.tell(notices.treaty_office(), case, notices.FILED)
