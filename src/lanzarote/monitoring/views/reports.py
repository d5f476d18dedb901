"""Reports and their recommendations: a report, the list of recommendations beside the
Committee's published record, one recommendation with its follow-up and compliance, and the
compliance table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lanzarote.committee.schemas.common import dump_all
from lanzarote.core import versions
from lanzarote.core.errors import DomainError
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.pages import or_404
from lanzarote.core.permissions import allowed
from lanzarote.monitoring import forms, presenters, schemas, selectors, services
from lanzarote.monitoring.selectors import published as public_record
from lanzarote.monitoring.views.common import (
    MANAGE,
    RoundAndState,
    actor,
    download,
    download_format,
    list_page,
    monitoring_page,
    query,
    service_values,
)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = or_404(lambda: selectors.report_get(slug))
    views = selectors.recommendation_views(selectors.recommendation_list(report=report))
    return monitoring_page(request, "monitoring/report.html", "reports", report=report, views=views)


RECOMMENDATION_FIELDS = [
    "id",
    "round",
    "report",
    "number",
    "strength",
    "addressed_to_all",
    "addressees",
    "articles",
    "text",
    "follow_up_due",
    "follow_up_overdue",
    "is_demo",
]


PUBLISHED_FIELDS = [
    "id",
    "round",
    "report",
    "number",
    "subject",
    "summary",
    "strength",
    "strength_word",
    "addressed_scope",
    "addressed_count",
    "addressees",
    "articles",
    "report_adopted",
    "confirmed",
    "sources",
]
FINDING_FIELDS = [
    "id",
    "round",
    "report",
    "date",
    "meeting",
    "finding",
    "recommendations",
    "parties_scope",
    "parties_count",
    "parties",
    "documents",
    "confirmed",
    "sources",
]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the public record as a CSV or XLSX line: a date as its words, sources as their
    addresses."""
    return {
        **row,
        **{k: v.get("text") for k, v in row.items() if isinstance(v, dict)},
        "sources": [source["url"] for source in row.get("sources", [])],
    }


def _published_download(
    request: HttpRequest, record: str, published: list[Any], findings: list[Any]
) -> HttpResponse:
    """The public record as the page shows it: its recommendations (`record=published`) or its
    compliance findings (`record=findings`), in the API's shape."""
    if record == "findings":
        data = dump_all(schemas.PublishedComplianceFindingOut, findings)
        fields, filename = FINDING_FIELDS, "monitoring-compliance-findings"
    else:
        data = dump_all(schemas.PublishedRecommendationOut, published)
        fields, filename = PUBLISHED_FIELDS, "monitoring-published-recommendations"
    return download(
        request, rows=[_flat(r) for r in data], fields=fields, filename=filename, json_data=data
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def recommendations(request: HttpRequest) -> HttpResponse:
    """The recommendations recorded with their wording, and the Committee's public record (its
    recommendations and compliance findings as published), under the same filters."""
    chosen = RoundAndState.chosen(request)
    round_, state = chosen.round, chosen.state
    strength = request.GET.get("strength") or None
    article_text = request.GET.get("article") or ""
    article = int(article_text) if article_text.isdigit() else None
    record = request.GET.get("record", "")
    complete = bool(record and download_format(request))  # a download gives what the API gives
    published = public_record.published_recommendations(
        round_=round_,
        state=state,
        article=article,
        strength=strength,
        complete=complete,
    )
    findings = public_record.published_findings(round_=round_, complete=complete)
    if record in ("published", "findings") and download_format(request):
        return _published_download(request, record, published, findings)
    found = selectors.recommendation_list(
        round_=round_, state=state, strength=strength, article=article
    )
    views = selectors.recommendation_views(found, state=state)
    levels = selectors.strength_levels(round_) if round_ else []
    return list_page(
        request,
        "monitoring/recommendations.html",
        "recommendations",
        table=lambda: [presenters.recommendation_summary(v) for v in views],
        fields=RECOMMENDATION_FIELDS,
        filename="monitoring-recommendations",
        views=views,
        chosen_strength=strength or "",
        chosen_article=article_text,
        levels=levels,
        strength_choices=[(level.slug, level.label) for level in levels],
        published_recommendations=published,
        compliance_findings=findings,
        published_query=query(request, record="published"),
        findings_query=query(request, record="findings"),
        **chosen.page_context(),
    )


def _recommendation_page(
    request: HttpRequest,
    recommendation: Any,
    *,
    follow_form: forms.FollowUpForm | None = None,
    assess_form: forms.AssessmentForm | None = None,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    """A recommendation with its addressees, follow-up and compliance, and the forms the person
    may use (the one just sent back with its errors)."""
    user = request.user
    view = selectors.recommendation_views([recommendation])[0]
    own = getattr(user, "state_id", None)
    return monitoring_page(
        request,
        "monitoring/recommendation.html",
        "recommendations",
        view=view,
        recommendation=recommendation,
        follow_form=follow_form or forms.FollowUpForm(initial={"state": own or ""}),
        assess_form=assess_form or forms.AssessmentForm(),
        error=error,
        may_follow_up=bool(own)
        and allowed(
            user,
            "monitoring.submit_follow_up",
            state_code=own,
            addressed=own in {a.state.code for a in view.addressees},
        ),
        may_assess=allowed(user, MANAGE),
        status=status,
    )


@require_GET
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _recommendation_page(request, or_404(lambda: selectors.recommendation_get(pk)))


@login_required
@require_POST
def follow_up_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """A Party's follow-up information on a recommendation addressed to it."""
    recommendation = or_404(lambda: selectors.recommendation_get(pk))
    form = forms.FollowUpForm(request.POST)
    if not form.is_valid():
        return _recommendation_page(request, recommendation, follow_form=form, status=400)
    try:
        services.follow_up_submit(
            actor=actor(request),
            recommendation=recommendation,
            state_code=form.cleaned_data["state"],
            text=form.cleaned_data["text"],
            language=form.cleaned_data["language"],
        )
    except DomainError as refusal:
        return _recommendation_page(
            request, recommendation, follow_form=form, error=refusal, status=422
        )
    messages.success(request, _("Follow-up information submitted."))
    return redirect("monitoring:recommendation", pk=pk)


@login_required
@require_POST
def compliance_assess(request: HttpRequest, pk: int) -> HttpResponse:
    """The Committee's assessment of a Party's compliance with a recommendation; each one is
    kept, the latest is the current one."""
    recommendation = or_404(lambda: selectors.recommendation_get(pk))
    form = forms.AssessmentForm(request.POST)
    if not form.is_valid():
        return _recommendation_page(request, recommendation, assess_form=form, status=400)
    data = form.cleaned_data
    try:
        services.compliance_assess(
            actor=actor(request), recommendation=recommendation, **service_values(data)
        )
    except DomainError as refusal:
        return _recommendation_page(
            request, recommendation, assess_form=form, error=refusal, status=422
        )
    messages.success(request, _("Compliance assessment recorded."))
    return redirect("monitoring:recommendation", pk=pk)


COMPLIANCE_FIELDS = [
    "round",
    "report",
    "recommendation",
    "strength",
    "state",
    "name",
    "compliance",
    "assessed_on",
    "meeting",
    "assessments",
    "follow_ups",
    "follow_up_due",
    "follow_up_overdue",
    "is_demo",
]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def compliance(request: HttpRequest) -> HttpResponse:
    chosen = RoundAndState.chosen(request)
    status = request.GET.get("status") or None
    found = selectors.recommendation_list(round_=chosen.round, state=chosen.state)
    rows = presenters.compliance_rows(selectors.recommendation_views(found, state=chosen.state))
    if status:
        rows = [r for r in rows if r["compliance"] == status]
    return list_page(
        request,
        "monitoring/compliance.html",
        "compliance",
        table=lambda: rows,
        fields=COMPLIANCE_FIELDS,
        filename="monitoring-compliance",
        rows=rows,
        chosen_status=status or "",
        statuses=forms.COMPLIANCE_CHOICES,
        **chosen.page_context(),
    )
