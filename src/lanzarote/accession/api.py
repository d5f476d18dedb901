"""Accession endpoints (Art. 46 CETS 201): file a request, consult the Parties, record the
Committee of Ministers' decision, invite, record the deposit — each a call to one service.

Every endpoint authenticates with a personal token (`Authorization: Bearer …`) or the browser's
session (with its CSRF token for unsafe methods). Reading a case also works without credentials
once the case is public (the invitation has been issued). A case the person may not see answers
404 exactly as a reference that was never issued, so references give nothing away; a person who
sees the case but may not take a step gets 403. Refusals are `{"detail", "article"}` with 401,
403, 404, 409 (a step out of order, a second reply) or 422 (bad input)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Query, Router, Status

from lanzarote.accession import presenters, selectors, services
from lanzarote.accession.models import AccessionCase
from lanzarote.accession.schemas import (
    CaseCreateIn,
    CaseOut,
    CaseSummaryOut,
    CaseWithdrawIn,
    ConsultationOpenIn,
    ConsultationReminderOut,
    ConsultationReplyIn,
    ConsultationReplyOut,
    DepositIn,
    MinistersDecisionIn,
    NotesVerbalesIn,
    NotesVerbalesOut,
    RemindersSentOut,
)
from lanzarote.accounts.auth import API_AUTH, READ_AUTH
from lanzarote.core.api import ERRORS, Endpoints
from lanzarote.core.dates import BoundedDate
from lanzarote.core.errors import InvalidInput
from lanzarote.core.permissions import require
from lanzarote.documents import letters
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import CONVENTION
from lanzarote.treaty_law.accession import RequestLetter

router = Router(tags=["accession"], auth=API_AUTH)
# Reads need the sign-in too, unless said otherwise; every refusal is documented everywhere.
api = Endpoints(router, write_auth=API_AUTH, read_auth=READ_AUTH, read_errors=ERRORS)

FILE_TYPES = {
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
        "schema": {"type": "string", "format": "binary"}
    },
}


def _user(request: HttpRequest) -> Any:
    return request.user


def _case(request: HttpRequest, reference: str) -> AccessionCase:
    return selectors.case_get(reference, user=_user(request))


def _case_out(request: HttpRequest, reference: str) -> dict[str, Any]:
    """The case as the person may see it, read afresh after any step."""
    user = _user(request)
    case = selectors.case_get(reference, user=user)
    return presenters.case_data(
        case,
        user=user,
        summary=selectors.consultation_summary(case),
        decision=selectors.decision_of(case),
        events=selectors.timeline(case),
        language=(get_language() or "en")[:2],
    )


@router.get(
    "/draft-letter",
    response=ERRORS,
    summary="Draft the request letter (PDF or DOCX)",
    description="A draft letter from the State to the Secretary General asking to be invited to "
    "accede, for its officials to complete and sign. Needs the right to file the State's request "
    "(`accession.file_request`: an official of that State, or the Treaty Office).",
    openapi_extra={"responses": {200: {"description": "The letter", "content": FILE_TYPES}}},
)
def draft_letter(
    request: HttpRequest,
    state: str,
    signatory_name: str = "",
    signatory_capacity: str = "minister_of_foreign_affairs",
    treaty: str = CONVENTION,
    language: str = "en",
    format: str = "pdf",  # the documented name of the query parameter
    letter_date: BoundedDate | None = Query(None, alias="date"),  # noqa: B008
) -> HttpResponse:
    found = registry.state_get(state)
    require(_user(request), "accession.file_request", state=found)
    if language not in ("en", "fr"):
        raise InvalidInput(f"language must be en or fr; got {language!r}.", field="language")
    if format not in ("pdf", "docx"):
        raise InvalidInput(f"format must be pdf or docx; got {format!r}.", field="format")
    document = letters.accession_request_letter(
        state=found,
        treaty=registry.treaty_get(treaty),
        signatory_name=signatory_name,
        signatory_capacity=signatory_capacity,  # type: ignore[arg-type]
        letter_date=letter_date or timezone.localdate(),
        language=language,  # type: ignore[arg-type]
        file_format=format,  # type: ignore[arg-type]
    )
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@api.read(
    "",
    list[CaseSummaryOut],
    "Accession cases the person may see",
    who="optional",
    description="All cases for the Treaty Office; the State's own for its officials; those "
    "under consultation of their Party for delegates; and, for everyone, the public ones "
    "(invitation issued).",
)
def case_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.case_summary_data(c) for c in selectors.case_list(user=_user(request))]


@api.create(
    "",
    CaseOut,
    "File a request to be invited to accede",
    by_alias=True,
    description="The letter must be signed by the Minister of Foreign Affairs or a diplomatic "
    "representative and addressed to the Secretary General (Art. 46(1)); only a State that "
    "cannot sign (Art. 45(1)) and is not yet bound may ask.",
)
def case_create(request: HttpRequest, payload: CaseCreateIn) -> Status[dict[str, Any]]:
    letter = payload.letter
    case = services.accession_request_file(
        user=_user(request),
        state_code=payload.state,
        treaty_slug=payload.treaty,
        letter=RequestLetter(
            signatory_name=letter.signatory_name,
            signatory_capacity=letter.signatory_capacity,
            date=letter.date,
            addressee=letter.addressee,
        ),
    )
    return Status(201, _case_out(request, case.reference))


def _step(
    request: HttpRequest, reference: str, service: Callable[..., Any], **values: Any
) -> dict[str, Any]:
    """Take `service`'s step on the case, then answer with the case as it now stands."""
    service(user=_user(request), case=_case(request, reference), **values)
    return _case_out(request, reference)


@api.read(
    "/{reference}", CaseOut, "One accession case with its timeline", who="optional", by_alias=True
)
def case_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    return _case_out(request, reference)


@api.step(
    "/{reference}/consultation",
    CaseOut,
    "Open the consultation of the Parties",
    by_alias=True,
    description="The Parties consulted are those on the day it opens; they are frozen.",
)
def consultation_open(
    request: HttpRequest, reference: str, payload: ConsultationOpenIn
) -> dict[str, Any]:
    return _step(request, reference, services.consultation_open, deadline=payload.deadline)


@api.create(
    "/{reference}/consultation/replies",
    ConsultationReplyOut,
    "Record a Party's consent or objection",
    description="Given by the Party's delegate, or recorded by the Treaty Office from a note "
    "verbale. One reply per Party: a later one must name the current one in `supersedes`.",
)
def consultation_reply(
    request: HttpRequest, reference: str, payload: ConsultationReplyIn
) -> Status[dict[str, Any]]:
    reply = services.consultation_reply(
        user=_user(request),
        case=_case(request, reference),
        party_code=payload.party,
        reply=payload.reply,
        note=payload.note,
        supersedes=payload.supersedes,
    )
    return Status(201, presenters.reply_data(reply, viewer=_user(request)))


@api.create(
    "/{reference}/consultation/notes-verbales",
    NotesVerbalesOut,
    "Record several Parties' consents received by note verbale",
    description="Treaty Office only. One date and one reference for all; recorded in one "
    "transaction, all or nothing, each consent audited as a single reply is. Objections are "
    "recorded one at a time (`/consultation/replies`).",
)
def notes_verbales_record(
    request: HttpRequest, reference: str, payload: NotesVerbalesIn
) -> Status[dict[str, Any]]:
    user = _user(request)
    replies = services.consultation_replies_record(
        user=user,
        case=_case(request, reference),
        parties=payload.parties,
        received_on=payload.received_on,
        reference=payload.reference,
    )
    return Status(
        201,
        {
            "message": presenters.consents_recorded_sentence(replies),
            "recorded": [presenters.reply_data(reply, viewer=user) for reply in replies],
        },
    )


@api.step(
    "/{reference}/consultation/close",
    CaseOut,
    "Close the consultation",
    by_alias=True,
    description="Before the deadline only once every Party has replied; consent must be "
    "express and unanimous.",
)
def consultation_close(request: HttpRequest, reference: str) -> dict[str, Any]:
    return _step(request, reference, services.consultation_close)


@api.read(
    "/{reference}/consultation/reminders",
    list[ConsultationReminderOut],
    "The Parties that have not replied, with their delegates",
    who="signed-in",
)
def reminder_list(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    case = _case(request, reference)
    require(_user(request), "accession.advance_case", case=case)
    return selectors.reminder_list(case)


@api.step(
    "/{reference}/consultation/reminders",
    RemindersSentOut,
    "E-mail a reminder to the delegates of the Parties that have not replied",
)
def reminders_send(request: HttpRequest, reference: str) -> dict[str, Any]:
    reminded = services.consultation_remind(user=_user(request), case=_case(request, reference))
    return {
        "reminded": reminded.pending,
        "emailed": reminded.emailed,
        "emails": reminded.emails,
        "note_verbale": reminded.without_delegates,
    }


@api.step(
    "/{reference}/decision",
    CaseOut,
    "Record the Committee of Ministers' decision",
    by_alias=True,
    description="Either the totals (`votes_for`, `votes_against`, `abstentions`, and the "
    "Contracting States against, abstaining or absent) or `representative_votes`. The rules "
    "decide whether the decision is adopted.",
)
def decision_record(
    request: HttpRequest, reference: str, payload: MinistersDecisionIn
) -> dict[str, Any]:
    return _step(
        request,
        reference,
        services.decision_record,
        meeting_date=payload.meeting_date,
        meeting_reference=payload.meeting_reference,
        votes_for=payload.votes_for,
        votes_against=payload.votes_against,
        abstentions=payload.abstentions,
        contracting_states_against=[c.upper() for c in payload.contracting_states_against],
        contracting_states_abstaining=[c.upper() for c in payload.contracting_states_abstaining],
        contracting_states_absent=[c.upper() for c in payload.contracting_states_absent],
        representative_votes={k.upper(): v for k, v in payload.representative_votes.items()}
        if payload.representative_votes
        else None,
    )


@api.step(
    "/{reference}/invitation",
    CaseOut,
    "Issue the invitation to accede",
    by_alias=True,
    description="Only after an adopted decision; the case becomes public.",
)
def invitation_issue(request: HttpRequest, reference: str) -> dict[str, Any]:
    return _step(request, reference, services.invitation_issue)


@api.step(
    "/{reference}/deposit",
    CaseOut,
    "Record the deposit of the instrument of accession",
    by_alias=True,
    description="Writes the accession event to the registry; the entry into force follows "
    "from Art. 46(2).",
)
def deposit_record(request: HttpRequest, reference: str, payload: DepositIn) -> dict[str, Any]:
    return _step(request, reference, services.deposit_record, deposit_date=payload.date)


@api.step(
    "/{reference}/withdraw",
    CaseOut,
    "Withdraw the request",
    by_alias=True,
    description="By the requesting State's officials or the Treaty Office, while it is open.",
)
def case_withdraw(request: HttpRequest, reference: str, payload: CaseWithdrawIn) -> dict[str, Any]:
    return _step(request, reference, services.case_withdraw, note=payload.note)
