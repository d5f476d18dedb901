"""The readiness pages: the public catalogue and mappings, the interview and the report for a
State's team of officials; the same interview in anonymous mode is in anonymous_views.

Confidentiality: every page of an assessment first asks `selectors.assessment_get`, which
answers 404 — as for a number that does not exist — to anyone not on the assessment's team,
including the Treaty Office; people who are not signed in are sent to the sign-in page."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.core import versions
from lanzarote.core.errors import DomainError, NotFound, PayloadTooLarge
from lanzarote.core.http.caching import public_cache
from lanzarote.core.permissions import allowed
from lanzarote.documents.rendering import CONTENT_TYPES
from lanzarote.readiness import exchange, presenters, report_files, reports, selectors, services
from lanzarote.readiness.answers import AnswerSheet
from lanzarote.readiness.forms import (
    AssessmentSettingsForm,
    AssessmentStartForm,
    ChapterForm,
    DepositForm,
    ImportForm,
    InviteForm,
)
from lanzarote.readiness.models import Instrument, Kind, Relation, Status
from lanzarote.readiness.selectors import CHAPTERS
from lanzarote.readiness.workspaces import BrowserWorkspace, TeamWorkspace
from lanzarote.treaty_law import CONVENTION

Workspace = TeamWorkspace | BrowserWorkspace


def _not_found(error: NotFound) -> Http404:
    return Http404(error.message)


def _language() -> str:
    return (get_language() or "en")[:2]


# -- public pages ------------------------------------------------------------------------------


@require_GET
@public_cache(versions.READINESS)
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    route = None
    if getattr(user, "is_authenticated", False) and user.state_id:
        route = reports.route_to_join(user.state_id, today=timezone.localdate())
    book = selectors.catalogue()
    return render(
        request,
        "readiness/index.html",
        {
            "book": book,
            "benefits": [(str(t), str(x)) for t, x in reports.BENEFITS],
            "route": route,
            "obligation_count": len(book.obligations),
            "mapping_count": len(book.mappings()),
        },
    )


def _kind_filter(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in Kind.values else ""


@require_GET
@public_cache(versions.READINESS)
def obligations(request: HttpRequest) -> HttpResponse:
    book = selectors.catalogue()
    kind = _kind_filter(request)
    return render(
        request,
        "readiness/obligations.html",
        {
            "book": book,
            "kind": kind,
            "kinds": Kind.choices,
            "count": sum(1 for e in book.obligations if not kind or e.obligation.kind == kind),
        },
    )


@require_GET
@public_cache(versions.READINESS)
def obligations_csv(request: HttpRequest) -> HttpResponse:
    kind = _kind_filter(request)
    rows = [
        presenters.obligation_csv_row(e)
        for e in selectors.catalogue().obligations
        if not kind or e.obligation.kind == kind
    ]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{CONVENTION}-obligations.csv"'
    fields = list(rows[0]) if rows else ["id"]
    writer = csv.DictWriter(response, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ("yes" if v is True else "no" if v is False else v) for k, v in row.items()}
        )
    return response


@require_GET
@public_cache(versions.READINESS)
def obligations_json(request: HttpRequest) -> HttpResponse:
    kind = _kind_filter(request)
    data = [
        presenters.obligation(e)
        for e in selectors.catalogue().obligations
        if not kind or e.obligation.kind == kind
    ]
    response = HttpResponse(
        json.dumps({"obligations": data}, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="{CONVENTION}-obligations.json"'
    return response


@require_GET
@public_cache(versions.READINESS)
def article(request: HttpRequest, number: int) -> HttpResponse:
    book = selectors.catalogue()
    entry = book.articles.get(number)
    if entry is None:
        raise Http404(
            _("Article %(number)s has no obligations in the catalogue; it covers Articles 4 to 38.")
            % {"number": number}
        )
    numbers = sorted(book.articles)
    position = numbers.index(number)
    return render(
        request,
        "readiness/article.html",
        {
            "book": book,
            "entry": entry,
            "previous": numbers[position - 1] if position else None,
            "next": numbers[position + 1] if position + 1 < len(numbers) else None,
        },
    )


@require_GET
@public_cache(versions.READINESS)
def mappings(request: HttpRequest) -> HttpResponse:
    book = selectors.catalogue()
    instrument = request.GET.get("instrument", "")
    if instrument and instrument not in Instrument.values:
        instrument = ""
    groups = []
    for value, label in Instrument.choices:
        if instrument and value != instrument:
            continue
        targets = [
            (t, [m for m in book.mappings(value) if m.target_id == t.pk])
            for t in book.targets_of(value)
        ]
        groups.append({"instrument": value, "label": label, "targets": targets})
    return render(
        request,
        "readiness/mappings.html",
        {
            "book": book,
            "groups": groups,
            "instrument": instrument,
            "instruments": Instrument.choices,
            "relations": Relation.choices,
        },
    )


@require_GET
def followups(request: HttpRequest, code: str) -> HttpResponse:
    """The follow-up questions an answer opens (htmx swaps them in when the answer changes)."""
    book = selectors.catalogue()
    try:
        entry = book.get(code)
    except NotFound as error:
        raise _not_found(error) from None
    name = f"o{entry.slug}-status"
    status = request.GET.get(name, Status.NOT_KNOWN.value)
    if status not in Status.values:
        status = Status.NOT_KNOWN.value
    form = ChapterForm(
        [entry],
        AnswerSheet(state=None, title="", weprotect_member=False, answers={}),
        statuses={code: status},
    )
    return render(request, "readiness/_followups.html", {"block": form.blocks()[0]})


# -- shared by both modes ----------------------------------------------------------------------


def _hints(sheet: Any, book: selectors.Catalogue) -> dict[str, list[selectors.Hint]]:
    return selectors.hints_for(
        state=sheet.state,
        weprotect_member=sheet.weprotect_member,
        as_of=timezone.localdate(),
        book=book,
    )


def _progress(
    workspace: Workspace, current: str | None = None, book: selectors.Catalogue | None = None
) -> dict[str, Any]:
    book = book or selectors.catalogue()
    counts = selectors.chapter_counts(workspace.sheet(), book)
    steps: list[dict[str, Any]] = [
        {
            "number": c.number,
            "title": c.title,
            "answered": c.answered,
            "total": c.total,
            "url": workspace.url("chapter", chapter=c.number),
            "current": c.number == current,
        }
        for c in counts
    ]
    index = next((i for i, s in enumerate(steps) if s["current"]), None)
    # Resume at the first chapter with obligations still "not known".
    resume = next((s for s in steps if s["answered"] < s["total"]), steps[0] if steps else None)
    return {
        "steps": steps,
        "position": (index or 0) + 1,
        "of": len(steps),
        "resume_url": resume["url"] if resume else "",
    }


def _chapter(request: HttpRequest, workspace: Workspace, chapter: str) -> HttpResponse:
    book = selectors.catalogue()
    try:
        section = book.chapter(chapter)
    except NotFound as error:
        raise _not_found(error) from None
    sheet = workspace.sheet()
    hints = _hints(sheet, book)
    position = CHAPTERS.index(chapter)
    next_chapter = CHAPTERS[position + 1] if position + 1 < len(CHAPTERS) else None
    if request.method == "POST":
        form = ChapterForm(section.obligations, sheet, hints=hints, data=request.POST)
        if form.is_valid():
            try:
                saved = workspace.save(form.answers())
            except PayloadTooLarge as error:
                return _chapter_page(request, workspace, book, section, form, chapter, error)
            opened = form.opened_followups()
            if opened:
                entry, _followup = opened[0]
                messages.info(
                    request,
                    _(
                        "Saved. Your answers opened follow-up questions (%(articles)s): answer "
                        "them below, then continue."
                    )
                    % {"articles": ", ".join(sorted({e.obligation.citation for e, _f in opened}))},
                )
                return redirect(f"{workspace.url('chapter', chapter=chapter)}#o-{entry.slug}")
            messages.success(
                request,
                _("Saved: %(count)s answer(s) changed in Chapter %(chapter)s.")
                % {"count": saved, "chapter": chapter},
            )
            if "continue" in request.POST:
                if next_chapter:
                    return redirect(workspace.url("chapter", chapter=next_chapter))
                return redirect(workspace.url("report"))
            return redirect(workspace.url("chapter", chapter=chapter))
        return _chapter_page(request, workspace, book, section, form, chapter)
    form = ChapterForm(section.obligations, sheet, hints=hints)
    return _chapter_page(request, workspace, book, section, form, chapter)


def _chapter_page(
    request: HttpRequest,
    workspace: Workspace,
    book: selectors.Catalogue,
    section: selectors.ChapterEntry,
    form: ChapterForm,
    chapter: str,
    refusal: PayloadTooLarge | None = None,
) -> HttpResponse:
    """The chapter's form: as stored, or as posted with its problems (400), or as posted when
    the answers could not be kept (413, said above the form)."""
    position = CHAPTERS.index(chapter)
    errors = form.error_summary() if form.is_bound and not form.is_valid() else []
    if refusal is not None:
        errors = [{"href": "#main", "text": refusal.message}, *errors]
    blocks = form.blocks()
    return render(
        request,
        "readiness/chapter.html",
        {
            "workspace": workspace,
            "sheet": workspace.sheet(),
            "section": section,
            "form": form,
            "grouped": [
                (a.article, [b for b in blocks if b.entry.article.number == a.number])
                for a in section.articles
            ],
            "errors": errors,
            "progress": _progress(workspace, chapter, book),
            "next_chapter": CHAPTERS[position + 1] if position + 1 < len(CHAPTERS) else None,
            "previous_chapter": CHAPTERS[position - 1] if position else None,
        },
        status=413 if refusal is not None else (400 if errors else 200),
    )


def _deposit(request: HttpRequest) -> tuple[DepositForm, date | None]:
    form = DepositForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data.get("deposit")
    return form, None


def _report(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    form, deposit = _deposit(request)
    report = reports.readiness_report(
        workspace.sheet(), today=timezone.localdate(), deposit=deposit
    )
    query = f"?deposit={report.route.deposit.isoformat()}" if report.route else ""
    status = 200 if form.is_valid() else 400
    if report.route and not request.GET.get("deposit"):
        # Show the indicative date used, so that it can be changed from there.
        form = DepositForm(initial={"deposit": report.route.deposit})
    return render(
        request,
        "readiness/report.html",
        {
            "workspace": workspace,
            "report": report,
            "deposit_form": form,
            "pdf_url": workspace.url("report_pdf") + query,
            "docx_url": workspace.url("report_docx") + query,
        },
        status=status,
    )


def _report_file(request: HttpRequest, workspace: Workspace, file_format: str) -> HttpResponse:
    _form, deposit = _deposit(request)
    report = reports.readiness_report(
        workspace.sheet(), today=timezone.localdate(), deposit=deposit
    )
    document = report_files.report_document(report, language=_language(), file_format=file_format)
    response = HttpResponse(document.content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _uploaded(form: ImportForm) -> bytes:
    """The uploaded file's bytes, once its size is known to be within the limit."""
    upload = form.cleaned_data["file"]
    exchange.check_size(upload.size)
    return bytes(upload.read())


def _export(workspace: Workspace, filename: str) -> HttpResponse:
    document = exchange.export_document(
        workspace.sheet(), book=selectors.catalogue(), exported_at=timezone.now()
    )
    response = HttpResponse(exchange.export_bytes(document), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# -- a State's team ----------------------------------------------------------------------------


def _team(request: HttpRequest, pk: int) -> TeamWorkspace:
    try:
        assessment = selectors.assessment_get(pk, user=request.user)
    except NotFound as error:
        raise _not_found(error) from None
    return TeamWorkspace(request, assessment)


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


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
    return _private(
        render(request, "readiness/overview.html", _overview_context(request, workspace))
    )


def _overview_context(
    request: HttpRequest, workspace: TeamWorkspace, **forms: Any
) -> dict[str, Any]:
    assessment = workspace.assessment
    user: Any = request.user
    return {
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
    return _private(
        render(
            request,
            "readiness/overview.html",
            _overview_context(request, workspace, settings_form=form),
            status=400,
        )
    )


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
    return _private(
        render(
            request,
            "readiness/overview.html",
            _overview_context(request, workspace, invite_form=form),
            status=status,
        )
    )


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
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[exchange.RowError] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                parsed = exchange.parse_export(_uploaded(form))
                state = parsed.state or user.state_id
                if state != user.state_id:
                    raise exchange.ImportRefused(
                        [
                            exchange.RowError(
                                None,
                                None,
                                None,
                                "state",
                                _(
                                    "this file is for %(state)s; you can import only for your own State"
                                )
                                % {"state": state},
                            )
                        ]
                    )
                created = services.assessment_import(
                    user=user,
                    state_code=state or "",
                    title=parsed.title or _("Imported assessment"),
                    weprotect_member=parsed.weprotect_member,
                    answers=parsed.answers,
                )
            except exchange.ImportRefused as refusal:
                problems = refusal.errors
                status = 413 if refusal.status == 413 else status
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The answers were imported into a new assessment."))
                return redirect("readiness:overview", pk=created.pk)
    return _private(
        render(
            request,
            "readiness/import.html",
            {"form": form, "problems": problems, "anonymous": False},
            status=status,
        )
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
