"""The rounds: the list, a round with its scope and public record, the Parties × questions matrix,
the round's dashboard, the General Overview Questionnaire's obligations and a Party's dashboard."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.committee.schemas.common import dump
from lanzarote.core import versions
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.pages import or_404
from lanzarote.monitoring import charts, forms, presenters, schemas, selectors
from lanzarote.monitoring.selectors import published as public_record
from lanzarote.monitoring.views.common import (
    download,
    download_format,
    include_demo,
    list_page,
    monitoring_page,
)
from lanzarote.registry import selectors as registry

ROUND_FIELDS = ["slug", "kind", "number", "title", "theme", "launch", "replies_due", "status"]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def index(request: HttpRequest) -> HttpResponse:
    rounds = selectors.round_list(with_counts=True)
    return list_page(
        request,
        "monitoring/index.html",
        "rounds",
        table=lambda: [
            {**dump(schemas.RoundSummaryOut, r), "launch": r.known_date.as_text()} for r in rounds
        ],
        fields=ROUND_FIELDS,
        filename="monitoring-rounds",
        rounds=rounds,
        goq_months=selectors.goq_period_months(),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = or_404(lambda: selectors.round_get(slug))
    scope = selectors.round_scope(round_)
    codes = set(scope.stated)
    stated_states = registry.states_by_code(codes)
    return monitoring_page(
        request,
        "monitoring/round.html",
        "rounds",
        round=round_,
        scope=scope,
        stated_not_computed=[
            stated_states[c] for c in scope.stated_not_computed if c in stated_states
        ],
        levels=selectors.strength_levels(round_),
        questionnaires=selectors.questionnaire_list(round_),
        reports=selectors.report_list(round_=round_),
        published_recommendations=public_record.published_recommendations(round_=round_),
        compliance_findings=public_record.published_findings(round_=round_),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = or_404(lambda: selectors.round_get(slug))
    form = forms.MatrixFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data if form.is_valid() else {}
    chosen = None
    if data.get("questionnaire"):
        chosen = or_404(lambda: selectors.questionnaire_get(data["questionnaire"]))
        if chosen.round_id != round_.pk:
            raise Http404("That questionnaire belongs to another round.")
    value = selectors.round_matrix(
        round_,
        user=request.user,
        questionnaire=chosen,
        status=data.get("status") or None,
        state=data.get("state") or None,
        article=data.get("article"),
    )
    if download_format(request):
        data = presenters.matrix(value)
        if value.is_demo and not include_demo(request):
            data["rows"] = []  # a demonstration questionnaire's matrix is demonstration data
        return download(
            request,
            rows=presenters.matrix_rows(value),
            fields=presenters.MATRIX_FIELDS,
            filename=f"monitoring-matrix-{round_.slug}",
            json_data=data,
        )
    return monitoring_page(
        request,
        "monitoring/matrix.html",
        "rounds",
        round=round_,
        matrix=value,
        form=form,
        questionnaires=selectors.questionnaire_list(round_),
        articles=sorted({a.number for q in value.questions for a in q.articles.all()}),
        status=200 if form.is_valid() else 400,
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = or_404(lambda: selectors.round_get(slug))
    value = selectors.round_dashboard(round_, user=request.user)
    if download_format(request):
        data = presenters.round_dashboard(value)
        rows = [{"round": round_.slug, **row} for row in data["by_state"]]
        return download(
            request,
            rows=rows,
            fields=["round", "state", "received", "late", "missing"],
            filename=f"monitoring-dashboard-{round_.slug}",
            json_data=data,
        )
    replies_chart = charts.bar_chart(
        _("Replies to the questionnaire"),
        _(
            "Replies received on time, received late, missing, and not yet due. The same numbers are in the table."
        ),
        [
            (_("Received on time"), value.received - value.late, "received"),
            (_("Received late"), value.late, "late"),
            (_("Missing (due date passed)"), value.missing, "missing"),
            (_("Not yet submitted, not yet due"), value.not_yet_due, "pending"),
        ],
    )
    strength_chart = charts.bar_chart(
        _("Recommendations by strength"),
        _("Number of recommendations for each term of the round's vocabulary."),
        [
            (label or _("not recorded"), count, "strength")
            for _slug, label, count in value.strengths
        ],
    )
    compliance_chart = charts.bar_chart(
        _("Compliance, per recommendation and Party"),
        _("Current compliance of each Party with each recommendation addressed to it."),
        [(presenters.compliance_label(k), v, k) for k, v in value.compliance.items()],
    )
    return monitoring_page(
        request,
        "monitoring/dashboard.html",
        "rounds",
        round=round_,
        dashboard=value,
        charts=[
            ("replies", replies_chart),
            ("strengths", strength_chart),
            ("compliance", compliance_chart),
        ],
    )


GOQ_FIELDS = [
    "state",
    "name",
    "entry_into_force",
    "due",
    "uncertain",
    "is_due",
    "questions",
    "received",
    "complete",
    "overdue",
]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def general_overview(request: HttpRequest) -> HttpResponse:
    obligations = selectors.goq_obligations()
    if download_format(request):
        data = [presenters.goq_obligation(o) for o in obligations]
        rows = [
            {**row, "entry_into_force": o.entry_into_force.as_text(), "due": o.due.as_text()}
            for row, o in zip(data, obligations, strict=True)
        ]
        return download(
            request,
            rows=rows,
            fields=GOQ_FIELDS,
            filename="general-overview-obligations",
            json_data=data,
        )
    return monitoring_page(
        request,
        "monitoring/general_overview.html",
        "goq",
        obligations=obligations,
        questionnaire=selectors.general_questionnaire(),
        months=selectors.goq_period_months(),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def state_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    state = or_404(lambda: registry.state_get(code))
    value = selectors.state_dashboard(state, user=request.user)
    if download_format(request):
        data = presenters.state_dashboard(value)
        return download(
            request,
            rows=data["rounds"],
            fields=[
                "round",
                "in_scope",
                "scope_basis",
                "questions",
                "received",
                "late",
                "missing",
                "is_demo",
            ],
            filename=f"monitoring-{state.code}",
            json_data=data,
        )
    received = sum(r.received for r in value.rounds)
    late = sum(r.late for r in value.rounds)
    missing = sum(r.missing for r in value.rounds)
    replies_chart = charts.bar_chart(
        _("Replies of this Party, all rounds"),
        _("Replies received on time, late, and missing. The same numbers are in the table."),
        [
            (_("Received on time"), received - late, "received"),
            (_("Received late"), late, "late"),
            (_("Missing (due date passed)"), missing, "missing"),
        ],
    )
    compliance_chart = charts.bar_chart(
        _("Compliance with the recommendations addressed to it"),
        _("Current compliance with each recommendation addressed to this Party."),
        [(presenters.compliance_label(k), v, k) for k, v in value.compliance.items()],
    )
    return monitoring_page(
        request,
        "monitoring/state.html",
        "states",
        dashboard=value,
        state=state,
        charts=[("replies", replies_chart), ("compliance", compliance_chart)],
    )
