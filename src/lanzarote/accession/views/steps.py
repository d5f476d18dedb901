"""The steps of a case, one view each: consultation, replies and notes verbales, reminders, the
Committee of Ministers' decision, invitation, deposit and withdrawal. A refused step re-renders
the case page with the service's sentence and its article; the service's transaction has rolled
back, so nothing was recorded."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from lanzarote.accession import forms, presenters, selectors, services
from lanzarote.accession.models import AccessionCase
from lanzarote.accession.views.access import (
    _download,
    _error,
    _names,
    _not_found,
    _refused,
    signed_in,
    with_case,
)
from lanzarote.accession.views.case import _decision_forms, _done, _refused_step, _render_case
from lanzarote.accession.views.pages import _inbox_context
from lanzarote.core.errors import DomainError
from lanzarote.core.http.pages import ActionError
from lanzarote.core.permissions import allowed
from lanzarote.documents import letters


@require_POST
@signed_in
@with_case
def consultation_open(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    form = forms.DeadlineForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, status=400, deadline_form=form)
    try:
        services.consultation_open(
            user=request.user, case=case, deadline=form.cleaned_data["deadline"]
        )
    except DomainError as error:
        return _refused_step(request, case, "open", error, deadline_form=form)
    return _done(request, case, _("The consultation of the Parties is open."), "consultation")


@require_POST
@signed_in
@with_case
def consultation_reply(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    """A delegate's reply for their Party (from the case page or the inbox)."""
    from_inbox = request.POST.get("origin") == "inbox"
    form = forms.DelegateReplyForm(request.POST, prefix=case.reference if from_inbox else None)
    party = presenters.own_party(request.user)
    if party is None:
        return _refused(request, _("Only a Party's delegate replies here."))
    if form.is_valid():
        try:
            services.consultation_reply(
                user=request.user,
                case=case,
                party_code=party,
                reply=form.cleaned_data["reply"],
                note=form.cleaned_data["note"],
                supersedes=form.cleaned_data["supersedes"],
            )
        except DomainError as error:
            failure: ActionError | None = _error("reply", error)
            status = error.status
        else:
            messages.success(
                request,
                _("Your Party's reply on %(reference)s is recorded.")
                % {"reference": case.reference},
            )
            if from_inbox:
                return redirect("accession:inbox")
            return redirect("accession:case", reference=case.reference)
    else:
        failure, status = None, 400
    if from_inbox:
        context = _inbox_context(request, error=failure, error_case=case.reference)
        for item in context["items"]:
            if item["case"].pk == case.pk:
                item["form"] = form
        return render(request, "accession/inbox.html", context, status=status)
    fresh = selectors.case_get(case.reference, user=request.user)
    return _render_case(request, fresh, status=status, error=failure, reply_form=form)


@require_POST
@signed_in
@with_case
def consultation_note_verbale(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    """The Treaty Office records a Party's reply received by note verbale."""
    board = [
        row.party
        for row in selectors.consultation_board(case, selectors.consultation_summary(case))
    ]
    form = forms.NoteVerbaleForm(request.POST, parties=[(p.code, p.name) for p in board])
    if not form.is_valid():
        return _render_case(request, case, status=400, note_form=form)
    data = form.cleaned_data
    supersedes = None
    if data["replaces"]:
        current = selectors.consultation_summary(case).replies.get(data["party"])
        supersedes = current.pk if current else None
    try:
        recorded = services.consultation_reply(
            user=request.user,
            case=case,
            party_code=data["party"],
            reply=data["reply"],
            note=data["note"],
            supersedes=supersedes,
        )
    except DomainError as error:
        return _refused_step(request, case, "note_verbale", error, note_form=form)
    return _done(
        request,
        case,
        _("The reply of %(party)s is recorded.") % {"party": recorded.party.name},
        "consultation",
    )


@require_POST
@signed_in
@with_case
def consultation_close(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    try:
        closed = services.consultation_close(user=request.user, case=case)
    except DomainError as error:
        return _refused_step(request, case, "close", error)
    return _done(
        request,
        closed,
        _("The consultation is closed: %(status)s.") % {"status": closed.status_label},
    )


@require_POST
@signed_in
@with_case
def reminders_send(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    try:
        reminded = services.consultation_remind(user=request.user, case=case)
    except DomainError as error:
        return _refused_step(request, case, "remind", error)
    return _done(request, case, _reminded_sentence(reminded), "consultation")


def _reminded_sentence(reminded: services.Reminded) -> str:
    """What left, in numbers, and the Parties to write to by note verbale, by name."""
    if not reminded.pending:
        return _("Every Party consulted has replied: no reminder was needed.")
    if reminded.emails:
        sent = ngettext(
            "%(emails)s reminder e-mailed to the delegates of %(parties)s.",
            "%(emails)s reminders e-mailed to the delegates of %(parties)s.",
            reminded.emails,
        ) % {
            "emails": reminded.emails,
            "parties": ngettext("%(count)s Party", "%(count)s Parties", len(reminded.emailed))
            % {"count": len(reminded.emailed)},
        }
    else:
        sent = _("No reminder was e-mailed.")
    if not reminded.without_delegates:
        return sent
    names = ", ".join(name for _code, name in _names(reminded.without_delegates))
    return " ".join(
        [
            sent,
            ngettext(
                "%(count)s Party has no delegate account; send it a note verbale instead: "
                "%(names)s.",
                "%(count)s Parties have no delegate account; send them a note verbale instead: "
                "%(names)s.",
                len(reminded.without_delegates),
            )
            % {"count": len(reminded.without_delegates), "names": names},
        ]
    )


@require_GET
@signed_in
@with_case
def reminders_csv(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    if not allowed(request.user, "accession.advance_case", case=case):
        return _refused(request, _("Only the Treaty Office moves an accession case forward."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-reminders.csv"'
    writer = csv.writer(response)
    writer.writerow(["party", "name", "delegates"])
    for row in selectors.reminder_list(case):
        writer.writerow([row["party"], row["name"], "; ".join(row["delegates"])])
    return response


@require_POST
@signed_in
@with_case
def decision_record(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    mode = "votes" if request.POST.get("mode") == "votes" else "totals"
    decision_forms = _decision_forms(case, request.POST, mode=mode)
    form = decision_forms["votes_form" if mode == "votes" else "totals_form"]
    if not form.is_valid():
        return _render_case(request, case, status=400, **decision_forms)
    data = form.cleaned_data
    try:
        values: dict[str, Any]
        if mode == "votes":
            values = {
                "meeting_date": data["meeting_date"],
                "meeting_reference": data["meeting_reference"],
                "representative_votes": form.representative_votes(),
            }
        else:
            values = data  # the totals form's fields are the service's arguments
        decision = services.decision_record(user=request.user, case=case, **values)
    except DomainError as error:
        return _refused_step(request, case, "decision", error, **decision_forms)
    message = (
        _("The decision is recorded: the Committee of Ministers invites the State to accede.")
        if decision.adopted
        else _("The decision is recorded: it was not adopted, so no invitation can be issued.")
    )
    return _done(request, case, message, "decision")


@require_POST
@signed_in
@with_case
def invitation_issue(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    try:
        services.invitation_issue(user=request.user, case=case)
    except DomainError as error:
        return _refused_step(request, case, "invite", error)
    return _done(
        request,
        case,
        _("The invitation to accede is issued; the case is now public."),
        "invitation",
    )


@require_GET
@signed_in
@with_case
def invitation_letter(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    # The letter goes to the State: the Treaty Office and the State's own officials may get it;
    # to anyone else it does not exist.
    if not allowed(request.user, "accession.file_request", state=case.state):
        return _not_found(request, _("No invitation letter of this case is available to you."))
    decision = selectors.decision_of(case)
    if case.invited_on is None or decision is None:
        raise Http404(_("No invitation has been issued for this case."))
    form = forms.DocumentForm(request.GET)
    if not form.is_valid():
        return _refused(request, _("Choose English or French, and PDF or DOCX."), status=400)
    try:
        document = letters.accession_invitation_letter(
            state=case.state,
            treaty=case.treaty,
            decision_date=decision.meeting_date,
            meeting_reference=decision.meeting_reference,
            language=form.cleaned_data["language"],
            file_format=form.cleaned_data["format"],
            letter_date=case.invited_on,
        )
    except DomainError as error:
        return _refused(request, error.message, status=error.status)
    return _download(document.content, document.filename, document.content_type)


@require_POST
@signed_in
@with_case
def deposit_record(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    form = forms.DepositForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, status=400, deposit_form=form)
    try:
        services.deposit_record(
            user=request.user, case=case, deposit_date=form.cleaned_data["date"]
        )
    except DomainError as error:
        return _refused_step(request, case, "deposit", error, deposit_form=form)
    return _done(
        request, case, _("The deposit of the instrument of accession is recorded."), "deposit"
    )


@require_POST
@signed_in
@with_case
def case_withdraw(request: HttpRequest, case: AccessionCase) -> HttpResponse:
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, status=400, withdraw_form=form)
    try:
        services.case_withdraw(user=request.user, case=case, note=form.cleaned_data["note"])
    except DomainError as error:
        return _refused_step(request, case, "withdraw", error, withdraw_form=form)
    return _done(request, case, _("The request is withdrawn."))
