"""Monitoring endpoints: reports, recommendations, follow-up, compliance and a Party's dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from lanzarote.committee.schemas.common import dump, dump_all
from lanzarote.core.errors import NotFound
from lanzarote.monitoring import presenters, selectors, services
from lanzarote.monitoring.api.common import (
    actor,
    endpoints,
    known_of,
    meeting_of,
    round_of,
    user_of,
)
from lanzarote.monitoring.schemas import (
    ComplianceAssessmentIn,
    ComplianceAssessmentOut,
    ComplianceRowOut,
    FindingIn,
    FindingOut,
    FollowUpIn,
    FollowUpOut,
    RecommendationIn,
    RecommendationOut,
    RecommendationSummaryOut,
    ReportIn,
    ReportOut,
    ReportSummaryOut,
    StateDashboardOut,
)
from lanzarote.monitoring.selectors import desk as desk_reads
from lanzarote.registry import selectors as registry

router = Router(tags=["monitoring"])
api = endpoints(router)


@api.read("/reports", list[ReportSummaryOut], "Implementation and special reports")
def report_list(
    request: HttpRequest, round: str | None = None, include_demo: bool = True
) -> list[dict[str, Any]]:
    reports = selectors.report_list(
        round_=round_of(round) if round else None, include_demo=include_demo
    )
    return dump_all(ReportSummaryOut, reports)


@api.read("/reports/{slug}", ReportOut, "A report with its findings and recommendations")
def report_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    report = selectors.report_get(slug)
    views = selectors.recommendation_views(selectors.recommendation_list(report=report))
    return presenters.report(report, views=views)


@api.create("/reports", ReportSummaryOut, "Record an adopted report (secretariat)")
def report_create(request: HttpRequest, payload: ReportIn) -> Status:
    data = payload.dict()
    report = services.report_create(
        actor=actor(request),
        round_=round_of(data.pop("round")),
        adopted=known_of(data.pop("adopted"), "adopted"),
        meeting=meeting_of(data.pop("meeting")),
        **data,
    )
    return Status(201, dump(ReportSummaryOut, report))


@api.create("/reports/{slug}/findings", FindingOut, "Add a finding to a report (secretariat)")
def finding_add(request: HttpRequest, slug: str, payload: FindingIn) -> Status:
    finding = services.finding_add(
        actor=actor(request), report=selectors.report_get(slug), **payload.dict()
    )
    return Status(201, dump(FindingOut, finding))


@api.create(
    "/reports/{slug}/recommendations",
    RecommendationOut,
    "Add a recommendation to a report (secretariat)",
    description="`strength` must be a term of the round's vocabulary; without `addressees` it "
    "is addressed to every Party in the round's scope.",
)
def recommendation_add(request: HttpRequest, slug: str, payload: RecommendationIn) -> Status:
    recommendation = services.recommendation_add(
        actor=actor(request), report=selectors.report_get(slug), **payload.dict()
    )
    return Status(201, _recommendation(recommendation.pk))


def _recommendation(pk: int) -> dict[str, Any]:
    return presenters.recommendation(
        selectors.recommendation_views([selectors.recommendation_get(pk)])[0]
    )


@api.read(
    "/recommendations",
    list[RecommendationSummaryOut],
    "Recommendations, with compliance counts",
    description="Filters: `round`, `state` (addressed to it), `strength`, `article`.",
)
def recommendation_list(
    request: HttpRequest,
    round: str | None = None,
    state: str | None = None,
    strength: str | None = None,
    article: int | None = None,
    include_demo: bool = True,
) -> list[dict[str, Any]]:
    found = selectors.recommendation_list(
        round_=round_of(round) if round else None,
        state=state,
        strength=strength,
        article=article,
        include_demo=include_demo,
    )
    return [presenters.recommendation_summary(v) for v in selectors.recommendation_views(found)]


@api.read(
    "/recommendations/{pk}",
    RecommendationOut,
    "A recommendation: each addressee's compliance, its full history and follow-up",
)
def recommendation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _recommendation(pk)


@api.write(
    "PUT",
    "/recommendations/{pk}/projects",
    RecommendationOut,
    "Name the co-operation projects that respond to a recommendation (secretariat)",
)
def recommendation_projects(request: HttpRequest, pk: int, projects: list[str]) -> dict[str, Any]:
    found = desk_reads.projects_by_slug(projects)
    missing = sorted(set(projects) - {p.slug for p in found})
    if missing:
        raise NotFound(f"Unknown projects: {', '.join(missing)}.")
    services.recommendation_link_projects(
        actor=actor(request), recommendation=selectors.recommendation_get(pk), projects=found
    )
    return _recommendation(pk)


@api.create(
    "/recommendations/{pk}/follow-ups",
    FollowUpOut,
    "Submit follow-up information (a Party it addresses; or the secretariat)",
)
def follow_up_submit(request: HttpRequest, pk: int, payload: FollowUpIn) -> Status:
    follow_up = services.follow_up_submit(
        actor=actor(request),
        recommendation=selectors.recommendation_get(pk),
        state_code=payload.state,
        text=payload.text,
        language=payload.language,
    )
    return Status(201, presenters.follow_up(follow_up))


@api.create(
    "/recommendations/{pk}/assessments",
    ComplianceAssessmentOut,
    "Record the Committee's compliance assessment for one Party (secretariat)",
    description="Every assessment is kept (append-only); the current compliance is the latest.",
)
def compliance_assess(request: HttpRequest, pk: int, payload: ComplianceAssessmentIn) -> Status:
    supersedes = desk_reads.assessment_or_none(payload.supersedes) if payload.supersedes else None
    assessment = services.compliance_assess(
        actor=actor(request),
        recommendation=selectors.recommendation_get(pk),
        state_code=payload.state,
        status=payload.status,
        assessed_on=payload.assessed_on,
        meeting=meeting_of(payload.meeting),
        note_en=payload.note_en,
        note_fr=payload.note_fr,
        supersedes=supersedes,
    )
    return Status(201, dump(ComplianceAssessmentOut, assessment))


@api.read(
    "/compliance",
    list[ComplianceRowOut],
    "Compliance per recommendation and Party",
    description="One row per recommendation and addressee: the current compliance, when it was "
    "assessed, how many assessments and follow-ups exist, and whether follow-up is overdue.",
)
def compliance_list(
    request: HttpRequest,
    round: str | None = None,
    state: str | None = None,
    status: str | None = None,
    include_demo: bool = True,
) -> list[dict[str, Any]]:
    found = selectors.recommendation_list(
        round_=round_of(round) if round else None, state=state, include_demo=include_demo
    )
    rows = presenters.compliance_rows(selectors.recommendation_views(found, state=state))
    return [r for r in rows if not status or r["compliance"] == status]


@api.read("/states/{code}", StateDashboardOut, "A State's monitoring dashboard", who="optional")
def state_dashboard(request: HttpRequest, code: str, include_demo: bool = True) -> dict[str, Any]:
    state = registry.state_get(code)
    return presenters.state_dashboard(
        selectors.state_dashboard(state, user=user_of(request), include_demo=include_demo)
    )
