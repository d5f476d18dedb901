"""Monitoring endpoints: rounds: the list, one round, its scope, vocabulary, matrix, dashboard and reminders."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from lanzarote.committee.schemas.common import dump_all
from lanzarote.core.errors import InvalidInput
from lanzarote.monitoring import presenters, selectors, services
from lanzarote.monitoring.api.common import (
    actor,
    endpoints,
    known_of,
    meeting_of,
    round_of,
    user_of,
)
from lanzarote.monitoring.models import Round
from lanzarote.monitoring.schemas import (
    MatrixOut,
    ReminderIn,
    RoundDashboardOut,
    RoundIn,
    RoundOut,
    RoundReminderOut,
    RoundSummaryOut,
    ScopeAdditionIn,
    ScopeOut,
    StrengthIn,
    StrengthOut,
)

router = Router(tags=["monitoring"])
api = endpoints(router)


@router.get(
    "/rounds",
    response={200: list[RoundSummaryOut]},
    summary="Monitoring rounds",
    description="Every round, oldest first: theme, launch date as known, deadlines, status.",
)
def round_list(request: HttpRequest) -> list[dict[str, Any]]:
    return dump_all(RoundSummaryOut, selectors.round_list())


def _round_detail(round_: Round) -> dict[str, Any]:
    return presenters.round_detail(
        round_,
        round_scope=selectors.round_scope(round_),
        levels=selectors.strength_levels(round_),
        questionnaires=selectors.questionnaire_list(round_),
        reports=selectors.report_list(round_=round_),
    )


@api.read(
    "/rounds/{slug}",
    RoundOut,
    "A round: scope, vocabulary, questionnaires and reports",
    description="The scope is computed from the registry on the launch date (a launch known "
    "only to the month is checked on its first and last days; a State whose status then "
    "depends on a date no source gives is `uncertain`), plus the States added by decision. "
    "The list a source gives, if any, is returned beside it with the differences.",
)
def round_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _round_detail(round_of(slug))


@api.create("/rounds", RoundOut, "Launch a round (secretariat)")
def round_create(request: HttpRequest, payload: RoundIn) -> Status:
    data = payload.dict()
    round_ = services.round_create(
        actor=actor(request),
        launch=known_of(data.pop("launch"), "launch"),
        launch_meeting=meeting_of(data.pop("launch_meeting")),
        **data,
    )
    return Status(201, _round_detail(round_))


@api.read("/rounds/{slug}/scope", ScopeOut, "The Parties in a round's scope")
def round_scope(request: HttpRequest, slug: str) -> dict[str, Any]:
    return presenters.scope(selectors.round_scope(round_of(slug)))


@api.create(
    "/rounds/{slug}/scope-additions",
    ScopeOut,
    "Add a later Party to a round by a recorded decision (secretariat)",
)
def scope_add(request: HttpRequest, slug: str, payload: ScopeAdditionIn) -> Status:
    round_ = round_of(slug)
    services.scope_add(
        actor=actor(request),
        round_=round_,
        state_code=payload.state,
        decided_on=payload.decided_on,
        reason=payload.reason,
        meeting=meeting_of(payload.meeting),
    )
    return Status(201, presenters.scope(selectors.round_scope(round_)))


@api.write(
    "PUT",
    "/rounds/{slug}/vocabulary",
    list[StrengthOut],
    "Add or change a term of the round's recommendation vocabulary (secretariat)",
    description="The strength of recommendations is configurable per round because the "
    "Committee's formal scale is not confirmed by the sources.",
)
def vocabulary_set(request: HttpRequest, slug: str, payload: StrengthIn) -> list[dict[str, Any]]:
    round_ = round_of(slug)
    services.strength_level_set(actor=actor(request), round_=round_, **payload.dict())
    return dump_all(StrengthOut, selectors.strength_levels(round_))


@api.read(
    "/rounds/{slug}/matrix",
    MatrixOut,
    "The Parties × questions matrix of a round",
    who="optional",
    description="Each Party in scope × each question of the round's newest questionnaire (or "
    "`questionnaire`): the reply's status (a Party's drafts show as `not_submitted` to others), "
    "an excerpt where the caller may read it, late and missing flags, the latest observation and "
    "the Party's reservations and declarations on the question's articles. Filters: `status` "
    "(also `late`, `missing`), `state`, `article`.",
)
def round_matrix(
    request: HttpRequest,
    slug: str,
    status: str | None = None,
    state: str | None = None,
    article: int | None = None,
    questionnaire: int | None = None,
) -> dict[str, Any]:
    round_ = round_of(slug)
    chosen = selectors.questionnaire_get(questionnaire) if questionnaire else None
    if chosen is not None and chosen.round_id != round_.pk:
        raise InvalidInput("That questionnaire belongs to another round.", field="questionnaire")
    matrix = selectors.round_matrix(
        round_,
        user=user_of(request),
        questionnaire=chosen,
        status=status,
        state=state,
        article=article,
    )
    return presenters.matrix(matrix)


@api.read(
    "/rounds/{slug}/dashboard",
    RoundDashboardOut,
    "A round's dashboard: replies received and late, recommendations, compliance",
    who="optional",
)
def round_dashboard(request: HttpRequest, slug: str, include_demo: bool = True) -> dict[str, Any]:
    dashboard = selectors.round_dashboard(
        round_of(slug), user=user_of(request), include_demo=include_demo
    )
    return presenters.round_dashboard(dashboard)


@api.create(
    "/rounds/{slug}/reminders",
    list[RoundReminderOut],
    "Remind the Parties whose replies are not all submitted (secretariat)",
    description="E-mails each Party's delegates and national coordinator after the record is "
    "committed; a failed e-mail never undoes the record.",
)
def reminders_send(request: HttpRequest, slug: str, payload: ReminderIn) -> Status:
    round_ = round_of(slug)
    questionnaire = (
        selectors.questionnaire_get(payload.questionnaire)
        if payload.questionnaire
        else selectors.current_questionnaire(round_)
    )
    if questionnaire is None:
        raise InvalidInput("The round has no questionnaire yet.", field="questionnaire")
    sent = services.reminders_send(
        actor=actor(request), questionnaire=questionnaire, states=payload.states
    )
    return Status(
        201,
        [
            {
                "state": r.state_id,
                "pending": r.pending,
                "recipients": len(r.recipients),
                "sent_at": r.sent_at.isoformat(),
            }
            for r in sent
        ],
    )
