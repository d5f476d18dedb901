"""The accession pages: the requesting State's view, the Party delegates' consultation inbox, the
Treaty Office's desk and the case page. Each view reads through the selectors, writes through one
service, and offers only the actions `core.permissions.allowed` grants the person. A refused
step re-renders the page with the service's sentence and its article; the service's transaction
has rolled back, so nothing was recorded."""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lanzarote.accession import forms, presenters, selectors, services
from lanzarote.accession.models import AccessionCase
from lanzarote.accounts.models import User
from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.http.access import role_required
from lanzarote.core.http.pages import ActionError
from lanzarote.core.permissions import allowed, is_treaty_office, require
from lanzarote.core.roles import Role
from lanzarote.core.text import fold
from lanzarote.documents import letters
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.treaty_law import CONVENTION, Route
from lanzarote.treaty_law.accession import CaseStatus, RequestLetter

logger = logging.getLogger("lanzarote.accession")
View = Callable[..., HttpResponse]


# -- access --------------------------------------------------------------------------------------


def _refused(request: HttpRequest, message: str, *, status: int = 403) -> HttpResponse:
    return render(request, "accession/refused.html", {"message": message}, status=status)


def _not_found(request: HttpRequest, message: str) -> HttpResponse:
    """The one answer for a case the person may not see, whether or not it exists: the same page,
    status and wording as for a reference that was never issued. People not signed in are
    offered the sign-in page, since a confidential case may well be theirs."""
    return render(
        request,
        "accession/not_found.html",
        {"message": message, "next": request.get_full_path()},
        status=404,
    )


def with_case(view: View) -> View:
    """Hands the view the case the person may see; anything else answers 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, reference: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            case = selectors.case_get(reference, user=request.user)
        except NotFound as error:
            return _not_found(request, error.message)
        return view(request, case, *args, **kwargs)

    return wrapped


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _person(request: HttpRequest) -> User:
    """The signed-in person (the views that call this are behind `role_required`)."""
    return cast(User, request.user)


def _error(action: str, error: DomainError) -> ActionError:
    return ActionError(action=action, message=error.message, article=error.article)


def _names(codes: list[str] | frozenset[str]) -> list[tuple[str, str]]:
    wanted = set(codes)
    states = [s for s in registry.state_list() if s.code in wanted]
    return sorted(((s.code, s.name) for s in states), key=lambda item: fold(item[1]))


# -- the public list -----------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    cases = [c for c in selectors.case_list(user=None) if c.is_public]
    return render(request, "accession/public_list.html", {"cases": cases})


# -- the requesting State ------------------------------------------------------------------------


def _my_state_context(request: HttpRequest, state: State, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    route = registry.eligibility_of(state.code, treaty_slug=CONVENTION, as_of=today)
    cases = [c for c in selectors.case_list(user=request.user) if c.state_id == state.code]
    open_case = next((c for c in cases if c.is_open), None)
    may_file = allowed(request.user, "accession.file_request", state=state)
    accession_route = route.route is Route.ACCESSION
    context: dict[str, Any] = {
        "nav_section": "my_state",
        "state": state,
        "route": route,
        "accession_route": accession_route,
        "cases": cases,
        "open_case": open_case,
        "may_draft": may_file and accession_route,
        "may_file": may_file and accession_route and open_case is None,
        "draft_form": forms.DraftLetterForm(auto_id="draft_%s"),
        "file_form": forms.FileRequestForm(),
        "error": None,
    }
    context.update(extra)
    return context


@role_required(Role.STATE_OFFICIAL)
@require_GET
def my_state(request: HttpRequest) -> HttpResponse:
    state = registry.state_get(_person(request).state_id or "")
    return render(request, "accession/my_state.html", _my_state_context(request, state))


@role_required(Role.STATE_OFFICIAL)
@require_GET
def draft_letter(request: HttpRequest) -> HttpResponse:
    state = registry.state_get(_person(request).state_id or "")
    form = forms.DraftLetterForm(request.GET, auto_id="draft_%s")
    if not form.is_valid():
        context = _my_state_context(request, state, draft_form=form)
        return render(request, "accession/my_state.html", context, status=400)
    data = form.cleaned_data
    try:
        require(request.user, "accession.file_request", state=state)
        document = letters.accession_request_letter(
            state=state,
            treaty=registry.treaty_get(CONVENTION),
            signatory_name=data["signatory_name"],
            signatory_capacity=data["signatory_capacity"],
            letter_date=data["date"],
            language=data["language"],
            file_format=data["format"],
        )
    except DomainError as error:
        context = _my_state_context(request, state, draft_form=form, error=_error("draft", error))
        return render(request, "accession/my_state.html", context, status=error.status)
    return _download(document.content, document.filename, document.content_type)


@role_required(Role.STATE_OFFICIAL)
@require_POST
def file_request(request: HttpRequest) -> HttpResponse:
    state = registry.state_get(_person(request).state_id or "")
    form = forms.FileRequestForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _my_state_context(request, state, file_form=form)
        return render(request, "accession/my_state.html", context, status=400)
    data = form.cleaned_data
    upload: UploadedFile = data["letter_file"]
    try:
        case = services.accession_request_file(
            user=request.user,
            state_code=state.code,
            treaty_slug=CONVENTION,
            letter=RequestLetter(
                signatory_name=data["signatory_name"],
                signatory_capacity=data["signatory_capacity"],
                date=data["date"],
                addressee=data["addressee"],
            ),
            letter_file=upload,
        )
    except DomainError as error:
        context = _my_state_context(request, state, file_form=form, error=_error("file", error))
        return render(request, "accession/my_state.html", context, status=error.status)
    messages.success(
        request,
        _("The request was filed with the Secretary General as case %(reference)s.")
        % {"reference": case.reference},
    )
    return redirect("accession:case", reference=case.reference)


# -- the delegates' inbox ------------------------------------------------------------------------


def _inbox_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    cases = selectors.consultation_inbox(user=_person(request))
    replies = selectors.replies_of_party(cases, _person(request).state_id)
    items = []
    for case in cases:
        reply = replies.get(case.pk)
        items.append(
            {
                "case": case,
                "reply": reply,
                "form": forms.DelegateReplyForm(
                    initial={"supersedes": reply.pk if reply else None},
                    prefix=case.reference,
                ),
            }
        )
    context: dict[str, Any] = {
        "nav_section": "inbox",
        "items": items,
        "today": timezone.localdate(),
        "error": None,
    }
    context.update(extra)
    return context


@role_required(Role.PARTY_DELEGATE)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "accession/inbox.html", _inbox_context(request))


# -- the Treaty Office's desk --------------------------------------------------------------------


@role_required(Role.TREATY_OFFICE)
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    form = forms.DeskFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    counts = selectors.status_counts()
    return render(
        request,
        "accession/desk.html",
        {
            "nav_section": "desk",
            "form": form,
            "status": status,
            "cases": selectors.desk_case_list(status=status),
            "counts": [
                {"status": s.value, "label": presenters.status_label(s), "count": counts[s.value]}
                for s in CaseStatus
                if counts.get(s.value)
            ],
            "total": sum(counts.values()),
        },
        status=200 if form.is_valid() else 400,
    )


# -- the case page -------------------------------------------------------------------------------


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
        context["reply_form"] = forms.DelegateReplyForm(
            initial={"supersedes": own.pk if own else None}
        )
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
        services.consultation_reply(
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
        _("The reply of %(party)s is recorded.") % {"party": data["party"]},
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
        pending = services.consultation_remind(user=request.user, case=case)
    except DomainError as error:
        return _refused_step(request, case, "remind", error)
    return _done(
        request,
        case,
        _("Reminders sent to the delegates of %(count)s Parties.") % {"count": len(pending)},
        "consultation",
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
        if mode == "votes":
            votes = form.representative_votes()
            decision = services.decision_record(
                user=request.user,
                case=case,
                meeting_date=data["meeting_date"],
                meeting_reference=data["meeting_reference"],
                representative_votes=votes,
            )
        else:
            decision = services.decision_record(
                user=request.user,
                case=case,
                meeting_date=data["meeting_date"],
                meeting_reference=data["meeting_reference"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                abstentions=data["abstentions"],
                contracting_states_against=data["contracting_states_against"],
                contracting_states_abstaining=data["contracting_states_abstaining"],
                contracting_states_absent=data["contracting_states_absent"],
            )
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


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
