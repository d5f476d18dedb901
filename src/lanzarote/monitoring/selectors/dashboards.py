"""A round's dashboard and a State's."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count
from django.utils import timezone

from lanzarote.core.permissions import has_role
from lanzarote.core.roles import Role
from lanzarote.monitoring.models import (
    Contribution,
    Questionnaire,
    Report,
    Round,
)
from lanzarote.monitoring.rules import (
    Compliance,
)
from lanzarote.monitoring.selectors.compliance import (
    RecommendationView,
    recommendation_list,
    recommendation_views,
)
from lanzarote.monitoring.selectors.questionnaires import GoqObligation, goq_obligation_of
from lanzarote.monitoring.selectors.replies import round_matrix
from lanzarote.monitoring.selectors.reports import report_list
from lanzarote.monitoring.selectors.rounds import (
    ReservationFact,
    RoundScope,
    reservations_index,
    round_list,
    strength_levels,
)
from lanzarote.registry.models import State


@dataclass(frozen=True)
class RoundDashboard:
    round: Round
    scope: RoundScope
    questionnaire: Questionnaire | None
    expected: int
    received: int
    late: int
    missing: int
    not_yet_due: int
    by_state: list[tuple[State, int, int, int]]  # state, received, late, missing
    strengths: list[tuple[str, str, int]]  # slug, label, count
    compliance: dict[str, int]
    overdue_follow_up: int
    recommendations: int
    reports: list[Report]
    contributions: dict[str, int]
    is_demo: bool


def round_dashboard(
    round_: Round, *, user: Any, today: date | None = None, include_demo: bool = True
) -> RoundDashboard:
    today = today or timezone.localdate()
    matrix = round_matrix(round_, user=user, today=today)
    received = sum(r.received for r in matrix.rows)
    late = sum(r.late for r in matrix.rows)
    missing = sum(r.missing for r in matrix.rows)
    expected = len(matrix.rows) * len(matrix.questions)
    recommendations = recommendation_list(round_=round_, include_demo=include_demo)
    views = recommendation_views(recommendations, today=today)
    by_strength: dict[str, int] = defaultdict(int)
    for recommendation in recommendations:
        by_strength[recommendation.strength.slug if recommendation.strength else ""] += 1
    strengths = [
        (level.slug, level.label, by_strength.get(level.slug, 0))
        for level in strength_levels(round_)
    ]
    if by_strength.get(""):
        strengths.append(("", "", by_strength[""]))
    compliance = dict.fromkeys((c.value for c in Compliance), 0)
    for view in views:
        for key, value in view.counts().items():
            compliance[key] += value
    contribution_rows = Contribution.objects.filter(round=round_)
    if not has_role(user, Role.SECRETARIAT):
        contribution_rows = contribution_rows.filter(status=Contribution.Status.PUBLISHED)
    if not include_demo:
        contribution_rows = contribution_rows.filter(is_demo=False)
    contributions = {
        row["source"]: row["n"]
        for row in contribution_rows.values("source").annotate(n=Count("id")).order_by("source")
    }
    return RoundDashboard(
        round=round_,
        scope=matrix.scope,
        questionnaire=matrix.questionnaire,
        expected=expected,
        received=received,
        late=late,
        missing=missing,
        not_yet_due=max(0, expected - received - missing),
        by_state=[(row.state, row.received, row.late, row.missing) for row in matrix.rows],
        strengths=strengths,
        compliance=compliance,
        overdue_follow_up=sum(v.overdue for v in views),
        recommendations=len(recommendations),
        reports=report_list(round_=round_, include_demo=include_demo),
        contributions=contributions,
        is_demo=matrix.is_demo,
    )


@dataclass(frozen=True)
class StateRound:
    round: Round
    in_scope: bool
    basis: str
    questions: int
    received: int
    late: int
    missing: int
    is_demo: bool


@dataclass(frozen=True)
class StateDashboard:
    state: State
    rounds: list[StateRound]
    goq: GoqObligation | None
    recommendations: list[RecommendationView]
    compliance: dict[str, int]
    overdue_follow_up: int
    reservations: dict[int, list[ReservationFact]]


def state_dashboard(
    state: State, *, user: Any, today: date | None = None, include_demo: bool = True
) -> StateDashboard:
    today = today or timezone.localdate()
    rounds = []
    for round_ in round_list():
        matrix = round_matrix(round_, user=user, state=state.code, today=today)
        row = matrix.rows[0] if matrix.rows else None
        rounds.append(
            StateRound(
                round=round_,
                in_scope=row is not None,
                basis=row.basis if row else "",
                questions=len(matrix.questions),
                received=row.received if row else 0,
                late=row.late if row else 0,
                missing=row.missing if row else 0,
                is_demo=matrix.is_demo,
            )
        )
    recommendations = recommendation_list(state=state.code, include_demo=include_demo)
    views = recommendation_views(recommendations, today=today, state=state.code)
    compliance = dict.fromkeys((c.value for c in Compliance), 0)
    for view in views:
        for key, value in view.counts().items():
            compliance[key] += value
    return StateDashboard(
        state=state,
        rounds=rounds,
        goq=goq_obligation_of(state.code, as_of=today),
        recommendations=views,
        compliance=compliance,
        overdue_follow_up=sum(v.overdue for v in views),
        reservations=reservations_index().get(state.code, {}),
    )
