"""What both modes of the interview share — a State's team and anonymous visitors: the chapter
form, the progress bar, the report and its files, import and export. Each takes the workspace
that keeps the answers (the database for a team, the visitor's browser otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lanzarote.core import versions
from lanzarote.core.errors import DomainError, NotFound, PayloadTooLarge
from lanzarote.core.http.downloads import file_or_preparing
from lanzarote.core.renders import rendered_or_queued
from lanzarote.documents.rendering import CONTENT_TYPES
from lanzarote.readiness import exchange, report_files, reports, selectors
from lanzarote.readiness.forms import ChapterForm, DepositForm, ImportForm
from lanzarote.readiness.selectors import CHAPTERS
from lanzarote.readiness.workspaces import BrowserWorkspace, TeamWorkspace

Workspace = TeamWorkspace | BrowserWorkspace


def _not_found(error: NotFound) -> Http404:
    return Http404(error.message)


def _language() -> str:
    return (get_language() or "en")[:2]


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
    if file_format == "pdf" and isinstance(workspace, TeamWorkspace):
        return _team_report_pdf(request, workspace, deposit)
    report = reports.readiness_report(
        workspace.sheet(), today=timezone.localdate(), deposit=deposit
    )
    document = report_files.report_document(report, language=_language(), file_format=file_format)
    response = HttpResponse(document.content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _team_report_pdf(
    request: HttpRequest, workspace: TeamWorkspace, deposit: date | None
) -> HttpResponse:
    """A team's PDF, made once per (assessment version, day, deposit, language) by the worker
    where there is one; meanwhile a page that says it is being prepared (core.renders)."""
    assessment = workspace.assessment
    rendered = rendered_or_queued(
        renderer=f"{report_files.__name__}.assessment_report_pdf",
        params={
            "assessment": assessment.pk,
            "today": timezone.localdate().isoformat(),
            "deposit": deposit.isoformat() if deposit else None,
        },
        language=_language(),
        # The route reads the registry and the gaps cite the Committee's texts.
        version=selectors.assessment_version(assessment)
        + versions.tokens(versions.REGISTRY, versions.COMMITTEE),
    )
    response = file_or_preparing(request, rendered)
    response["Cache-Control"] = "no-store"
    return response


def _uploaded(form: ImportForm) -> bytes:
    """The uploaded file's bytes, once its size is known to be within the limit."""
    upload = form.cleaned_data["file"]
    exchange.check_size(upload.size)
    return bytes(upload.read())


def _import(
    request: HttpRequest,
    *,
    anonymous: bool,
    load: Callable[[exchange.ParsedExport], str],
    done: str,
) -> HttpResponse:
    """The import page of either workspace: `load` puts the file's answers in place and returns
    the address to go on to, where `done` is said. A file with problems lists them (413 for one
    too large); a refusal of the workspace shows above the form (413 for answers too large)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[exchange.RowError] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                next_url = load(exchange.parse_export(_uploaded(form)))
            except exchange.ImportRefused as refusal:
                problems = refusal.errors
                status = 413 if refusal.status == 413 else status
            except DomainError as error:
                form.add_error(None, error.message)
                status = 413 if isinstance(error, PayloadTooLarge) else status
            else:
                messages.success(request, done)
                return redirect(next_url)
    context = {"form": form, "problems": problems, "anonymous": anonymous}
    return _private(render(request, "readiness/import.html", context, status=status))


def _export(workspace: Workspace, filename: str) -> HttpResponse:
    document = exchange.export_document(
        workspace.sheet(), book=selectors.catalogue(), exported_at=timezone.now()
    )
    response = HttpResponse(exchange.export_bytes(document), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
