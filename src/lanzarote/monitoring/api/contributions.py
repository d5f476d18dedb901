"""Monitoring endpoints: contributions (children's with their safeguards), rapporteurs and observations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from lanzarote.accounts import selectors as accounts
from lanzarote.committee import selectors as committee
from lanzarote.core.errors import InvalidInput
from lanzarote.core.permissions import allowed
from lanzarote.monitoring import children, presenters, selectors, services
from lanzarote.monitoring.api.common import (
    actor,
    endpoints,
    meeting_of,
    round_of,
    user_of,
)
from lanzarote.monitoring.schemas import (
    ChildrenContributionIn,
    ContributionIn,
    ContributionOut,
    ObservationIn,
    ObservationOut,
    RapporteurIn,
    RapporteurOut,
    RedactionIn,
    ScreeningConfirmationIn,
)

router = Router(tags=["monitoring"])
api = endpoints(router)


@api.read(
    "/contributions",
    list[ContributionOut],
    "Contributions the caller may read",
    who="optional",
    by_alias=True,
    description="Published contributions for everyone; an observer also sees its own "
    "organisation's; the secretariat and rapporteurs see all. Children's contributions carry "
    "their safeguards (age band, consent) and never a name.",
)
def contribution_list(
    request: HttpRequest,
    round: str | None = None,
    source: str | None = None,
    state: str | None = None,
    question: int | None = None,
    include_demo: bool = True,
) -> list[dict[str, Any]]:
    items = selectors.contribution_list(
        user=user_of(request),
        round_=round_of(round) if round else None,
        source=source,
        state=state,
        question=question,
        include_demo=include_demo,
    )
    secretariat = allowed(user_of(request), "monitoring.manage")
    return [presenters.contribution(c, secretariat=secretariat) for c in items]


def _organisation(slug: str | None) -> Any:
    if not slug:
        return None
    return committee.organisation_get(slug)


@api.create(
    "/contributions",
    ContributionOut,
    "Send a contribution (an observer for its organisation; the secretariat for NHRIs and stakeholders)",
    by_alias=True,
)
def contribution_submit(request: HttpRequest, payload: ContributionIn) -> Status:
    contribution = services.contribution_submit(
        actor=actor(request),
        round_=round_of(payload.round),
        source=payload.source,
        text=payload.text,
        language=payload.language,
        questions=payload.questions,
        states=payload.states,
        organisation=_organisation(payload.organisation),
        contributor=payload.contributor,
    )
    return Status(201, _contribution_out(request, contribution.pk))


@api.create(
    "/contributions/children",
    ContributionOut,
    "Record children's contribution with its safeguards",
    by_alias=True,
    description="The consent (from whom, recorded when and by whom), an age band only, and the "
    "confirmation that the text is anonymised. Any name or personal field (`name`, "
    "`first_name`, `age`, `birth_date`, `school`…) is refused with 422.",
)
def contribution_children(request: HttpRequest, payload: ChildrenContributionIn) -> Status:
    data = payload.model_dump()
    consent_at = data.pop("consent_recorded_at")
    contribution = children.children_contribution_record(
        actor=actor(request),
        round_=round_of(data.pop("round")),
        consent_recorded_at=_datetime(consent_at) if consent_at else None,
        **data,
    )
    return Status(201, _contribution_out(request, contribution.pk))


def _contribution_out(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = user_of(request)
    return presenters.contribution(
        selectors.contribution_get(pk, user=user),
        secretariat=allowed(user, "monitoring.manage"),
    )


def _datetime(text: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            "consent_recorded_at must be an ISO 8601 date-time.", field="consent_recorded_at"
        ) from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


@api.step(
    "/contributions/{pk}/publish",
    ContributionOut,
    "Publish a contribution (secretariat)",
    by_alias=True,
)
def contribution_publish(request: HttpRequest, pk: int) -> dict[str, Any]:
    contribution = selectors.contribution_get(pk, user=user_of(request))
    services.contribution_publish(actor=actor(request), contribution=contribution)
    return _contribution_out(request, pk)


@api.step(
    "/contributions/{pk}/redact",
    ContributionOut,
    "Redact a children's contribution before publication (secretariat)",
    by_alias=True,
    description="The text sent replaces the one shown; the text as received is kept and shown "
    "to the secretariat only. The new text is screened again and stays held if the screen "
    "still finds details that could identify a child.",
)
def contribution_redact(request: HttpRequest, pk: int, payload: RedactionIn) -> dict[str, Any]:
    contribution = selectors.contribution_get(pk, user=user_of(request))
    children.children_contribution_redact(
        actor=actor(request),
        contribution=contribution,
        text=payload.text,
        facilitator=payload.facilitator,
    )
    return _contribution_out(request, pk)


@api.step(
    "/contributions/{pk}/confirm-screening",
    ContributionOut,
    "Confirm that what the screen found does not identify a child (secretariat)",
    by_alias=True,
)
def contribution_confirm_screening(
    request: HttpRequest, pk: int, payload: ScreeningConfirmationIn
) -> dict[str, Any]:
    contribution = selectors.contribution_get(pk, user=user_of(request))
    children.children_contribution_confirm(
        actor=actor(request), contribution=contribution, note=payload.note
    )
    return _contribution_out(request, pk)


@api.create(
    "/questions/{pk}/rapporteurs", RapporteurOut, "Appoint a rapporteur on a question (secretariat)"
)
def rapporteur_assign(request: HttpRequest, pk: int, payload: RapporteurIn) -> Status:
    rapporteur = accounts.user_get(payload.username)
    assignment = services.rapporteur_assign(
        actor=actor(request),
        question=selectors.question_get(pk),
        rapporteur=rapporteur,
        assigned_on=payload.assigned_on,
        meeting=meeting_of(payload.meeting),
    )
    return Status(
        201,
        {
            "question": pk,
            "rapporteur": rapporteur.get_username(),
            "state": rapporteur.state_id,
            "assigned_on": assignment.assigned_on,
        },
    )


@api.create(
    "/questions/{pk}/observations",
    ObservationOut,
    "Write an observation on the replies to a question (appointed rapporteur)",
    description="On one Party's reply (`state`) or on all; a new observation on the same reply "
    "supersedes the previous one, which is kept.",
)
def observation_write(request: HttpRequest, pk: int, payload: ObservationIn) -> Status:
    observation = services.observation_write(
        actor=actor(request),
        question=selectors.question_get(pk),
        text=payload.text,
        state_code=payload.state,
        language=payload.language,
    )
    return Status(201, presenters.observation(observation))


@api.read(
    "/questions/{pk}/observations", list[ObservationOut], "The current observations on a question"
)
def observation_list(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    return [
        presenters.observation(o) for o in selectors.observations_of(selectors.question_get(pk))
    ]
