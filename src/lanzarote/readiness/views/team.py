"""The interview of a State's team of officials: its assessments, settings, invitations,
history, comparisons, import and export, and the report.

Confidentiality: every page of an assessment first asks `selectors.assessment_get`, which
answers 404 — as for a number that does not exist — to anyone not on the assessment's team,
including the Treaty Office; people who are not signed in are sent to the sign-in page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.permissions import allowed
from lanzarote.readiness import exchange, selectors, services
from lanzarote.readiness.forms import (
    AssessmentSettingsForm,
    AssessmentStartForm,
    InviteForm,
)
from lanzarote.readiness.models import Status
from lanzarote.readiness.views.interview import (
    _chapter,
    _export,
    _import,
    _not_found,
    _private,
    _progress,
    _report,
    _report_file,
)
from lanzarote.readiness.workspaces import TeamWorkspace


def _team(request: HttpRequest, pk: int) -> TeamWorkspace:
    try:
        assessment = selectors.assessment_get(pk, user=request.user)
    except NotFound as error:
        raise _not_found(error) from None
    return TeamWorkspace(request, assessment)


@login_required
@require_http_methods(["GET", "POST"])
def assessments(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    can_start = user.state_id is not None and allowed(
        user, "readiness.start_assessment", state=user.state
    )
    form = AssessmentStartForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_start:
            status = 403
            messages.error(
                request,
                _(
                    "Only an official of a State can start a readiness assessment, and only for "
                    "that State. You can use the anonymous mode instead."
                ),
            )
        elif form.is_valid():
            try:
                created = services.assessment_create(
                    user=user,
                    state_code=user.state_id,
                    title=form.cleaned_data["title"],
                    weprotect_member=form.cleaned_data["weprotect_member"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = 400
            else:
                return redirect("readiness:overview", pk=created.pk)
        else:
            status = 400
    return _private(
        render(
            request,
            "readiness/assessments.html",
            {"assessments": selectors.assessments_of(user), "form": form, "can_start": can_start},
            status=status,
        )
    )


@login_required
@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    return _overview_page(request, workspace)


def _overview_page(
    request: HttpRequest, workspace: TeamWorkspace, *, status: int = 200, **forms: Any
) -> HttpResponse:
    """The team's overview, with `forms` bound to what was posted in place of the blank ones."""
    assessment = workspace.assessment
    user: Any = request.user
    page = {
        "workspace": workspace,
        "assessment": assessment,
        "sheet": workspace.sheet(),
        "progress": _progress(workspace),
        "team": list(assessment.members.all()),
        "can_invite": allowed(user, "readiness.invite", assessment=assessment),
        "settings_form": forms.get("settings_form")
        or AssessmentSettingsForm(
            initial={"title": assessment.title, "weprotect_member": assessment.weprotect_member}
        ),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "others": selectors.comparable_with(assessment, user=user),
        "last_change": selectors.newest_change(workspace.sheet()),
    }
    return _private(render(request, "readiness/overview.html", page, status=status))


@login_required
@require_POST
def assessment_settings(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    form = AssessmentSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_update(
                user=request.user,  # type: ignore[arg-type]
                assessment=workspace.assessment,
                title=form.cleaned_data["title"],
                weprotect_member=form.cleaned_data["weprotect_member"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The assessment's settings were saved."))
            return redirect("readiness:overview", pk=pk)
    return _overview_page(request, workspace, settings_form=form, status=400)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    form = InviteForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            member = services.assessment_invite(
                user=request.user,  # type: ignore[arg-type]
                assessment=workspace.assessment,
                who=form.cleaned_data["who"],
            )
        except DomainError as error:
            form.add_error("who", error.message)
            status = error.status if error.status in (403, 409) else 400
        else:
            messages.success(
                request,
                _("%(name)s can now see and edit this assessment.")
                % {"name": member.user.get_username()},
            )
            return redirect("readiness:overview", pk=pk)
    return _overview_page(request, workspace, invite_form=form, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def chapter(request: HttpRequest, pk: int, chapter: str) -> HttpResponse:
    return _private(_chapter(request, _team(request, pk), chapter))


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    code = request.GET.get("obligation") or None
    book = selectors.catalogue()
    if code and code not in book.by_code:
        code = None
    versions = selectors.answer_history(workspace.assessment, obligation=code)
    return _private(
        render(
            request,
            "readiness/history.html",
            {
                "workspace": workspace,
                "assessment": workspace.assessment,
                "versions": versions,
                "obligation": code,
            },
        )
    )


@login_required
@require_POST
def duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    copy = services.assessment_duplicate(
        user=request.user,  # type: ignore[arg-type]
        assessment=workspace.assessment,
    )
    messages.success(
        request,
        _(
            "This is a copy of the current answers. Update it as things change, then compare it "
            "with the original."
        ),
    )
    return redirect("readiness:overview", pk=copy.pk)


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    other_pk = request.GET.get("with") or (
        workspace.assessment.duplicated_from_id and str(workspace.assessment.duplicated_from_id)
    )
    if not other_pk:
        raise Http404(_("Choose another assessment to compare with."))
    other = _team(request, int(other_pk)) if str(other_pk).isdigit() else None
    if other is None:
        raise Http404(str(selectors.CONFIDENTIAL))
    book = selectors.catalogue()
    left, right = other.sheet(), workspace.sheet()
    return _private(
        render(
            request,
            "readiness/compare.html",
            {
                "workspace": workspace,
                "left": other.assessment,
                "right": workspace.assessment,
                "differences": selectors.differences(left, right, book),
                "counts": list(
                    zip(
                        selectors.chapter_counts(left, book),
                        selectors.chapter_counts(right, book),
                        strict=True,
                    )
                ),
                "others": selectors.comparable_with(workspace.assessment, user=request.user),
                "statuses": Status.choices,
            },
        )
    )


@login_required
@require_GET
def export(request: HttpRequest, pk: int) -> HttpResponse:
    workspace = _team(request, pk)
    assessment = workspace.assessment
    return _export(workspace, f"readiness-{assessment.state_id}-{assessment.pk}.json")


@login_required
@require_http_methods(["GET", "POST"])
def import_assessment(request: HttpRequest) -> HttpResponse:
    user: Any = request.user

    def load(parsed: exchange.ParsedExport) -> str:
        state = parsed.state or user.state_id
        if state != user.state_id:
            refusal = _("this file is for %(state)s; you can import only for your own State")
            problem = exchange.RowError.of_file("state", refusal % {"state": state})
            raise exchange.ImportRefused([problem])
        created = services.assessment_import(
            user=user,
            state_code=state or "",
            title=parsed.title or _("Imported assessment"),
            weprotect_member=parsed.weprotect_member,
            answers=parsed.answers,
        )
        return reverse("readiness:overview", kwargs={"pk": created.pk})

    return _import(
        request,
        anonymous=False,
        load=load,
        done=_("The answers were imported into a new assessment."),
    )


@login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return _private(_report(request, _team(request, pk)))


@login_required
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_file(request, _team(request, pk), "pdf")


@login_required
@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_file(request, _team(request, pk), "docx")
