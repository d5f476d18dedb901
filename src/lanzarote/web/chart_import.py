"""The Treaty Office's page for importing the depositary's chart: upload → preview State by
State → decisions for contradictions → apply. The upload waits in the person's session between
the preview and the apply, so what is applied is exactly what was previewed. Treaty Office
only; anybody else signed in gets 404, as for a page that does not exist."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lanzarote.core.audit import Actor
from lanzarote.core.errors import DomainError, InvalidInput
from lanzarote.core.http.pages import ActionError
from lanzarote.core.permissions import has_role
from lanzarote.core.roles import Role
from lanzarote.registry import selectors
from lanzarote.registry.chart_import.comparing import ChartComparison
from lanzarote.registry.chart_import.reading import ChartProblem
from lanzarote.registry.chart_import.services import (
    ChartDocument,
    ChartRefused,
    Decision,
    chart_import_apply,
    chart_preview,
)
from lanzarote.treaty_law import CONVENTION

SESSION_KEY = "registry_chart_import"
# A saved chart page weighs some hundreds of kilobytes; the upload waits in the session.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024

View = Callable[..., HttpResponse]


def treaty_office_only(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_active or not has_role(request.user, Role.TREATY_OFFICE):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class ChartUploadForm(forms.Form):
    treaty = forms.ChoiceField(label=gettext_lazy("Treaty"))
    file = forms.FileField(
        label=gettext_lazy("The chart"),
        help_text=gettext_lazy(
            "The Treaty Office's chart of signatures and ratifications, saved as a web page "
            "(.html), or as CSV or XLSX."
        ),
    )
    url = forms.URLField(
        label=gettext_lazy("Address it was saved from"), required=False, max_length=1000
    )
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=300)
    extracted_on = forms.DateField(
        label=gettext_lazy("Day of extraction"),
        required=False,
        help_text=gettext_lazy("YYYY-MM-DD; by default the day the page states, else today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        treaty_field = self.fields["treaty"]
        assert isinstance(treaty_field, forms.ChoiceField)
        treaty_field.choices = [(t.slug, t.short_title) for t in selectors.treaty_list()]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; a chart is far smaller.")
                % {"limit": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload


def _upload_page(
    request: HttpRequest,
    form: ChartUploadForm,
    *,
    problems: list[ChartProblem] | None = None,
    error: ActionError | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "web/desk_chart_import.html",
        {"nav_section": "desk", "form": form, "problems": problems or [], "error": error},
        status=status,
    )


def _preview_page(
    request: HttpRequest,
    comparison: ChartComparison,
    document: ChartDocument,
    *,
    decisions: dict[str, dict[str, str]] | None = None,
    error: ActionError | None = None,
    status: int = 200,
) -> HttpResponse:
    decisions = decisions or {}
    return render(
        request,
        "web/desk_chart_import_preview.html",
        {
            "nav_section": "desk",
            "comparison": comparison,
            "document": document,
            "counts": comparison.counts(),
            "rows": [
                {
                    "item": item,
                    "decision": decisions.get(item.state.code, {}),
                    "marks": item.marks,
                }
                for item in comparison.states
            ],
            "error": error,
        },
        status=status,
    )


def _pending(request: HttpRequest) -> dict[str, Any]:
    pending = request.session.get(SESSION_KEY)
    if not isinstance(pending, dict):
        raise InvalidInput(_("No chart is waiting to be applied: upload it again."))
    return {
        "treaty": selectors.treaty_get(pending["treaty"]),
        "filename": pending["filename"],
        "content": base64.b64decode(pending["content"]),
        "url": pending["url"],
        "title": pending["title"],
        "extracted_on": date.fromisoformat(pending["extracted_on"])
        if pending["extracted_on"]
        else None,
    }


@treaty_office_only
def upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, ChartUploadForm(initial={"treaty": CONVENTION}))
    form = ChartUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    data = form.cleaned_data
    content = data["file"].read()
    document = {
        "filename": data["file"].name,
        "content": content,
        "url": data["url"],
        "title": data["title"],
        "extracted_on": data["extracted_on"],
    }
    try:
        treaty = selectors.treaty_get(data["treaty"])
        comparison, source = chart_preview(treaty=treaty, **document)
    except ChartRefused as refused:
        return _upload_page(request, form, problems=refused.problems, status=refused.status)
    except DomainError as refusal:
        failure = ActionError("preview", refusal.message, refusal.article)
        return _upload_page(request, form, error=failure, status=refusal.status)
    request.session[SESSION_KEY] = {
        "treaty": treaty.slug,
        "filename": document["filename"],
        "content": base64.b64encode(content).decode("ascii"),
        "url": data["url"],
        "title": data["title"],
        "extracted_on": data["extracted_on"].isoformat() if data["extracted_on"] else "",
    }
    return _preview_page(request, comparison, source)


@treaty_office_only
@require_POST
def apply(request: HttpRequest) -> HttpResponse:
    try:
        pending = _pending(request)
    except DomainError as refusal:
        failure = ActionError("apply", refusal.message, refusal.article)
        return _upload_page(request, ChartUploadForm(), error=failure, status=refusal.status)
    typed = {
        key.removeprefix("decision-"): {
            "verdict": value,
            "reason": request.POST.get(f"reason-{key.removeprefix('decision-')}", "").strip(),
        }
        for key, value in request.POST.items()
        if key.startswith("decision-") and value in ("accept", "keep")
    }
    try:
        decisions = {
            code.upper(): Decision.parse(f"{choice['verdict']}:{choice['reason']}")
            for code, choice in typed.items()
        }
        result = chart_import_apply(actor=Actor(user=request.user), decisions=decisions, **pending)
    except DomainError as refusal:
        failure = ActionError("apply", refusal.message, refusal.article)
        comparison, source = chart_preview(
            **{k: v for k, v in pending.items() if k != "treaty"}, treaty=pending["treaty"]
        )
        return _preview_page(
            request, comparison, source, decisions=typed, error=failure, status=refusal.status
        )
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _(
            "The chart is applied: %(evidence)s dates recorded as evidence, %(added)s acts "
            "added, %(corrected)s events superseded."
        )
        % {
            "evidence": result.evidence_recorded,
            "added": len(result.events_added),
            "corrected": len(result.events_corrected),
        },
    )
    return redirect(reverse("registry_desk:chart_import"))
