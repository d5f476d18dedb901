"""A recommendation's addressees and each one's current compliance, and the lists built on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from lanzarote.core.text import name_key
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    FollowUp,
    Recommendation,
    Report,
    Round,
)
from lanzarote.monitoring.rules import (
    AssessmentFact,
    Compliance,
    current_compliance,
)
from lanzarote.monitoring.selectors.reports import _recommendations
from lanzarote.monitoring.selectors.rounds import (
    ReservationFact,
    RoundScope,
    _states,
    reservations_for,
    reservations_index,
    round_scope,
)
from lanzarote.registry.models import State


def addressee_codes(
    recommendation: Recommendation, *, scope: RoundScope | None = None
) -> list[str]:
    """All the Parties in the round's scope, or the Parties it names."""
    if recommendation.addressed_to_all:
        scope = scope or round_scope(recommendation.report.round)
        return sorted(scope.codes)
    return sorted(s.code for s in recommendation.addressees.all())


@dataclass(frozen=True)
class AddresseeStatus:
    state: State
    compliance: Compliance
    assessments: tuple[ComplianceAssessment, ...]  # oldest first, all kept
    follow_ups: tuple[FollowUp, ...]
    follow_up_due: date | None
    overdue: bool
    reservations: tuple[ReservationFact, ...]

    @property
    def latest(self) -> ComplianceAssessment | None:
        heads = [a for a in self.assessments if not _is_superseded(a, self.assessments)]
        return max(heads, key=lambda a: (a.assessed_on, a.id), default=None)


def _is_superseded(assessment: ComplianceAssessment, among: Sequence[ComplianceAssessment]) -> bool:
    return any(other.supersedes_id == assessment.pk for other in among)


def follow_up_due(recommendation: Recommendation) -> date | None:
    return recommendation.follow_up_due or recommendation.report.follow_up_due


@dataclass(frozen=True)
class RecommendationView:
    recommendation: Recommendation
    addressees: list[AddresseeStatus]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((c.value for c in Compliance), 0)
        for entry in self.addressees:
            counts[entry.compliance.value] += 1
        return counts

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.addressees if a.overdue)


def recommendation_views(
    recommendations: Sequence[Recommendation],
    *,
    today: date | None = None,
    state: str | None = None,
) -> list[RecommendationView]:
    """Each recommendation with its addressees, their current compliance, the full history of
    assessments and follow-up, and overdue flags — in four queries whatever the number."""
    today = today or timezone.localdate()
    ids = [r.pk for r in recommendations]
    assessments: dict[tuple[int, str], list[ComplianceAssessment]] = defaultdict(list)
    follow_ups: dict[tuple[int, str], list[FollowUp]] = defaultdict(list)
    if ids:
        for assessment in (
            ComplianceAssessment.objects.filter(recommendation_id__in=ids)
            .select_related("meeting")
            .order_by("assessed_on", "id")
        ):
            assessments[(assessment.recommendation_id, assessment.state_id)].append(assessment)
        for follow_up in FollowUp.objects.filter(recommendation_id__in=ids).order_by(
            "submitted_at", "id"
        ):
            follow_ups[(follow_up.recommendation_id, follow_up.state_id)].append(follow_up)
    scopes: dict[int, RoundScope] = {}
    index = reservations_index()
    views = []
    for recommendation in recommendations:
        round_ = recommendation.report.round
        if round_.pk not in scopes and recommendation.addressed_to_all:
            scopes[round_.pk] = round_scope(round_)
        codes = addressee_codes(recommendation, scope=scopes.get(round_.pk))
        if state:
            codes = [c for c in codes if c == state.upper()]
        states = _states(codes)
        due = follow_up_due(recommendation)
        numbers = [a.number for a in recommendation.articles.all()]
        entries = []
        for code in codes:
            history = assessments.get((recommendation.pk, code), [])
            superseded = {a.supersedes_id for a in history if a.supersedes_id}
            facts = [
                AssessmentFact(a.pk, a.assessed_on, Compliance(a.status), a.pk in superseded)
                for a in history
            ]
            sent = follow_ups.get((recommendation.pk, code), [])
            entries.append(
                AddresseeStatus(
                    state=states[code],
                    compliance=current_compliance(facts),
                    assessments=tuple(history),
                    follow_ups=tuple(sent),
                    follow_up_due=due,
                    overdue=bool(due and today > due and not sent),
                    reservations=tuple(reservations_for(code, numbers, index=index)),
                )
            )
        entries.sort(key=lambda e: name_key(e.state.name))
        views.append(RecommendationView(recommendation, entries))
    return views


def recommendation_list(
    *,
    round_: Round | None = None,
    report: Report | None = None,
    strength: str | None = None,
    state: str | None = None,
    article: int | None = None,
    include_demo: bool = True,
) -> list[Recommendation]:
    recommendations = _recommendations()
    if round_ is not None:
        recommendations = recommendations.filter(report__round=round_)
    if report is not None:
        recommendations = recommendations.filter(report=report)
    if strength:
        recommendations = recommendations.filter(strength__slug=strength)
    if article is not None:
        recommendations = recommendations.filter(articles__number=article)
    if not include_demo:
        recommendations = recommendations.filter(is_demo=False)
    found = list(
        recommendations.distinct().order_by(
            "report__round__position", "report_id", "position", "id"
        )
    )
    if state:
        code = state.upper()
        scopes: dict[int, frozenset[str]] = {}
        kept = []
        for recommendation in found:
            if recommendation.addressed_to_all:
                round_id = recommendation.report.round_id
                if round_id not in scopes:
                    scopes[round_id] = round_scope(recommendation.report.round).codes
                if code in scopes[round_id]:
                    kept.append(recommendation)
            elif code in {s.code for s in recommendation.addressees.all()}:
                kept.append(recommendation)
        found = kept
    return found
