"""A Party's replies: reading one, drafting it, its steps (validate, return, submit, publish) and
its attachments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.core.errors import DomainError
from lanzarote.core.http.pages import or_404
from lanzarote.core.permissions import allowed
from lanzarote.monitoring import forms, selectors, services
from lanzarote.monitoring.models import Reply
from lanzarote.monitoring.rules import ReplyStatus
from lanzarote.monitoring.selectors import desk as desk_reads
from lanzarote.monitoring.views.common import (
    MANAGE,
    actor,
    monitoring_page,
    refused,
    refused_by_rule,
    service_form_page,
)
from lanzarote.registry import selectors as registry


def _reply_visible(request: HttpRequest, pk: int) -> Reply:
    reply = or_404(lambda: selectors.reply_get(pk))
    if reply.status != ReplyStatus.PUBLISHED and not allowed(
        request.user, "monitoring.view_reply", reply=reply
    ):
        raise Http404("Unknown reply.")
    return reply


@require_GET
def reply_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reply = _reply_visible(request, pk)
    user = request.user
    articles = selectors.article_numbers(reply.question)
    may_draft = allowed(user, "monitoring.draft_reply", state_code=reply.state_id)
    may_submit = allowed(user, "monitoring.submit_reply", state_code=reply.state_id)
    return monitoring_page(
        request,
        "monitoring/reply.html",
        "mine",
        reply=reply,
        timing=selectors.reply_timeliness(reply),
        events=selectors.reply_events(reply),
        attachments=selectors.attachments(reply),
        reservations=selectors.reservations_for(reply.state_id, articles),
        may_draft=may_draft
        and reply.status in (ReplyStatus.NONE, ReplyStatus.DRAFT, ReplyStatus.VALIDATED),
        may_validate=may_submit and reply.status == ReplyStatus.DRAFT,
        may_submit=may_submit and reply.status == ReplyStatus.VALIDATED,
        may_publish=allowed(user, MANAGE) and reply.status == ReplyStatus.SUBMITTED,
        attachment_form=forms.AttachmentForm(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft (or redraft) the reply of the person's Party to a question."""
    question = or_404(lambda: selectors.question_get(pk))
    code = (request.GET.get("state") or getattr(request.user, "state_id", "") or "").upper()
    if not allowed(request.user, "monitoring.draft_reply", state_code=code):
        return refused_by_rule(request, "monitoring.draft_reply")
    existing = desk_reads.reply_of(question, code)
    form = forms.ReplyForm(
        request.POST or None,
        initial={
            "text": existing.text if existing else "",
            "language": existing.language if existing else "en",
        },
    )
    return service_form_page(
        request,
        form=form,
        act=lambda data: services.reply_draft(
            actor=actor(request),
            question=question,
            state_code=code,
            text=data["text"],
            language=data["language"],
        ),
        done=_("Draft saved."),
        success=lambda reply: redirect("monitoring:reply", pk=reply.pk),
        template="monitoring/reply_edit.html",
        section="mine",
        page=lambda: {
            "question": question,
            "state": registry.state_get(code),
            "reply": existing,
            "reservations": selectors.reservations_for(code, selectors.article_numbers(question)),
        },
        invalid_status=400,
    )


STEPS: dict[str, Callable[..., Any]] = {
    "validate": services.reply_validate,
    "return": services.reply_return,
    "submit": services.reply_submit,
    "publish": services.reply_publish,
}


STEP_MESSAGES = {
    "validate": gettext_noop("Reply validated."),
    "return": gettext_noop("Reply sent back to draft."),
    "submit": gettext_noop("Reply submitted to the Committee."),
    "publish": gettext_noop("Reply published."),
}


@login_required
@require_POST
def reply_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("Unknown step.")
    reply = or_404(lambda: selectors.reply_get(pk))
    form = forms.StepForm(request.POST)
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    try:
        extra = {"note": note} if step in ("validate", "return") else {}
        STEPS[step](actor=actor(request), reply=reply, **extra)
    except DomainError as error:
        return refused(request, error)
    messages.success(request, _(STEP_MESSAGES[step]))
    return redirect("monitoring:reply", pk=pk)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    reply = or_404(lambda: selectors.reply_get(pk))
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("monitoring:reply", pk=pk)
    try:
        services.attachment_add(actor=actor(request), reply=reply, upload=form.cleaned_data["file"])
    except DomainError as error:
        return refused(request, error)
    messages.success(request, _("File attached."))
    return redirect("monitoring:reply", pk=pk)
