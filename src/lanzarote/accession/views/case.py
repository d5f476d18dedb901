"""The case page: what the person may see of one case and the forms of the steps they may take,
and the signed request letter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.accession import forms, presenters, selectors, services
from lanzarote.accession.models import AccessionCase
from lanzarote.accession.views.access import (
    _download,
    _error,
    _names,
    _not_found,
    logger,
    with_case,
)
from lanzarote.core.errors import DomainError
from lanzarote.core.permissions import allowed, is_treaty_office
from lanzarote.treaty_law.accession import CaseStatus


def _case_context(request: HttpRequest, case: AccessionCase, **extra: Any) -> dict[str, Any]:
    user = request.user
    summary = selectors.consultation_summary(case)
    events = selectors.timeline(case)
    decision = selectors.decision_of(case)
    status = case.case_status
    office = allowed(user, "accession.advance_case", case=case)
    party = presenters.own_party(user)
    context: dict[str, Any] = {
        "nav_section": "desk" if is_treaty_office(user) else "",
        "case": case,
        "status_label": presenters.status_label(case.status),
        "capacity_label": presenters.capacity_label(case.letter_signatory_capacity),
        "summary": summary,
        "counts": summary.as_dict(),
        "decision": decision,
        "decision_explanation": (
            decision.explanation_fr
            if decision and (request.LANGUAGE_CODE or "")[:2] == "fr"
            else decision.explanation_en
            if decision
            else ""
        ),
        "events": presenters.timeline_data(
            events,
            user=user,
            decision=decision,
            language=(request.LANGUAGE_CODE or "en")[:2],
            with_replies=False,
        ),
        "deposit": presenters.deposit_of(case, events),
        "office": office,
        "acts_for_state": allowed(user, "accession.file_request", state=case.state),
        "may_download_letter": bool(case.letter_file)
        and allowed(user, "accession.download_request_letter", case=case),
        "may_withdraw": case.is_open and allowed(user, "accession.withdraw_case", case=case),
        "withdraw_form": forms.WithdrawForm(),
        "error": None,
        "today": timezone.localdate(),
    }
    if office:
        board = selectors.consultation_board(case, summary)
        context.update(
            {
                "board": board,
                "may_open": status is CaseStatus.RECEIVED,
                "may_close": status is CaseStatus.CONSULTATION,
                "may_decide": status is CaseStatus.CONSENT_OBTAINED,
                "may_invite": status is CaseStatus.DECIDED and bool(decision and decision.adopted),
                "may_deposit": status is CaseStatus.INVITED,
                "deadline_form": forms.DeadlineForm(),
                "deposit_form": forms.DepositForm(initial={"date": timezone.localdate()}),
                "document_form": forms.DocumentForm(),
            }
        )
        if status is CaseStatus.CONSULTATION:
            context["note_form"] = forms.NoteVerbaleForm(
                parties=[(row.party.code, row.party.name) for row in board]
            )
        if status is CaseStatus.CONSENT_OBTAINED:
            context.update(_decision_forms(case))
    if (
        party is not None
        and case.consultation_open
        and party in case.consulted_party_codes
        and allowed(user, "accession.reply_to_consultation", case=case, party=party)
    ):
        own = summary.replies.get(party)
        context["own_reply"] = own
        context["reply_form"] = forms.DelegateReplyForm.changing(own)
    context.update(extra)
    return context


def _decision_forms(case: AccessionCase, data: Any = None, *, mode: str = "") -> dict[str, Any]:
    members, contracting = services.contracting_states_entitled_to_sit(
        case.treaty, timezone.localdate()
    )
    member_names = _names(members)
    contracting_names = [(code, name) for code, name in member_names if code in contracting]
    return {
        "totals_form": forms.DecisionTotalsForm(
            data if mode == "totals" else None,
            contracting=contracting_names,
            initial={"votes_for": len(members), "votes_against": 0, "abstentions": 0},
        ),
        "votes_form": forms.DecisionVotesForm(
            data if mode == "votes" else None, members=member_names
        ),
        "decision_mode": mode,
    }


def _render_case(
    request: HttpRequest, case: AccessionCase, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request, "accession/case.html", _case_context(request, case, **extra), status=status
    )


def _refused_step(
    request: HttpRequest, case: AccessionCase, action: str, error: DomainError, **extra: Any
) -> HttpResponse:
    # Re-read the case: the refused service rolled back, and the page shows what is recorded.
    fresh = selectors.case_get(case.reference, user=request.user)
    return _render_case(request, fresh, status=error.status, error=_error(action, error), **extra)


def _done(
    request: HttpRequest, case: AccessionCase, message: str, anchor: str = ""
) -> HttpResponse:
    messages.success(request, message)
    url = reverse("accession:case", kwargs={"reference": case.reference})
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_GET
@with_case
def case_detail(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    return _render_case(request, case)


@require_GET
@with_case
def letter_file(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    """The signed request letter: for the Treaty Office and the requesting State's officials;
    everyone else is told, as when no letter was filed, that there is none for them."""
    absent = _("No signed letter of this request is available to you.")
    if not case.letter_file or not allowed(
        request.user, "accession.download_request_letter", case=case
    ):
        return _not_found(request, absent)
    try:
        with case.letter_file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        logger.error("The letter of %s is missing from storage: %s", case, case.letter_file.name)
        return _not_found(request, absent)
    return _download(content, f"{case.reference}-letter.pdf", "application/pdf")
