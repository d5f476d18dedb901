"""Capacity building: priority countries, requests for assistance and events (on the Committee's
router), and co-operation projects (their own router)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from lanzarote.accounts.auth import API_AUTH, READ_AUTH
from lanzarote.committee import selectors, services
from lanzarote.committee.api.common import (
    ERRORS,
    READ_ERRORS,
    day,
    decision_of,
    save_by_slug,
    user_of,
)
from lanzarote.committee.checks import MANAGE
from lanzarote.committee.models import Theme
from lanzarote.committee.schemas.capacity import (
    CommitteeAssistanceRequestIn,
    CommitteeAssistanceRequestOut,
    CommitteeCapacityEventOut,
    CommitteePriorityCountryOut,
    CommitteePriorityFlagIn,
    CommitteeProjectIn,
    CommitteeProjectOut,
)
from lanzarote.committee.schemas.common import ErrorOut
from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.access import OPTIONAL_SECURITY, require_reader
from lanzarote.core.http.lists import ListWindow
from lanzarote.core.permissions import require

router = Router(tags=["committee"])
projects_router = Router(tags=["committee: capacity building"])


@router.get(
    "/priority-countries",
    response={200: list[CommitteePriorityCountryOut], **READ_ERRORS, 401: ErrorOut},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_SECURITY,
    summary="Priority countries on a date",
    description="States that acceded or asked to accede (flagged automatically) and those "
    "flagged by a decision. A request to accede is confidential until the invitation and is "
    "listed only for the Treaty Office, the secretariat and the requesting State.",
)
def priority_countries(
    request: HttpRequest, window: Query[ListWindow], as_of: str | None = None
) -> Any:
    countries = selectors.priority_countries(as_of=day(as_of, "as_of"), user=user_of(request))
    return window.apply(countries)


@router.post(
    "/priority-countries",
    response={201: CommitteePriorityCountryOut, **ERRORS},
    auth=API_AUTH,
    summary="Flag a State as a priority country by a decision",
)
def priority_flag_create(request: HttpRequest, payload: CommitteePriorityFlagIn) -> Status:
    require(user_of(request), MANAGE)
    data = payload.dict()
    data["decision"] = decision_of(data.get("decision"))
    flag = services.priority_flag_save(user=user_of(request), **data)
    country = next(
        p
        for p in selectors.priority_countries(as_of=flag.flagged_on, user=user_of(request))
        if p.state.code == flag.state_id
    )
    return Status(201, country)


@router.get(
    "/assistance-requests",
    response={200: list[CommitteeAssistanceRequestOut], **ERRORS},
    auth=API_AUTH,
    summary="Requests for assistance the person may see",
    description="All for the secretariat; their own State's for its officials and delegates.",
)
def assistance_requests(request: HttpRequest, window: Query[ListWindow]) -> Any:
    user = user_of(request)
    require_reader(request, "committee.view_assistance_request", state_code=user.state_id)
    return window.apply(selectors.assistance_request_list(user=user))


def _assistance_values(payload: CommitteeAssistanceRequestIn) -> dict[str, Any]:
    data = payload.dict()
    data["project"] = selectors.project_get(data["project"]) if data.get("project") else None
    return data


@router.post(
    "/assistance-requests",
    response={201: CommitteeAssistanceRequestOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a State's request for assistance",
)
def assistance_create(request: HttpRequest, payload: CommitteeAssistanceRequestIn) -> Status:
    require(user_of(request), MANAGE)
    item = services.assistance_request_save(user=user_of(request), **_assistance_values(payload))
    return Status(201, item)


@router.put(
    "/assistance-requests/{pk}",
    response={200: CommitteeAssistanceRequestOut, **ERRORS},
    auth=API_AUTH,
    summary="Update a request for assistance (its status, its project…)",
)
def assistance_update(request: HttpRequest, pk: int, payload: CommitteeAssistanceRequestIn) -> Any:
    require(user_of(request), MANAGE)
    return services.assistance_request_save(
        user=user_of(request),
        request=selectors.assistance_request_get(pk),
        **_assistance_values(payload),
    )


@router.get(
    "/events",
    response={200: list[CommitteeCapacityEventOut], 422: ErrorOut},
    summary="Events and study visits",
)
def events(request: HttpRequest, window: Query[ListWindow]) -> Any:
    return window.apply(selectors.capacity_event_list())


# -- projects --------------------------------------------------------------------------------


def _project_values(payload: CommitteeProjectIn) -> dict[str, Any]:
    data = payload.dict()
    wanted = set(data.pop("themes"))
    themes = list(Theme.objects.filter(slug__in=wanted))
    missing = wanted - {t.slug for t in themes}
    if missing:
        raise InvalidInput(f"Unknown theme {', '.join(sorted(missing))}.", field="themes")
    data["themes"] = themes
    return data


@projects_router.get(
    "/",
    response={200: list[CommitteeProjectOut], **READ_ERRORS},
    summary="Co-operation projects",
    description="Filter by `status`, beneficiary `state` (ISO code) and `theme` (slug).",
)
def project_list(
    request: HttpRequest,
    window: Query[ListWindow],
    status: str = "",
    state: str = "",
    theme: str = "",
) -> Any:
    return window.apply(selectors.project_list(status=status, state=state, theme=theme))


@projects_router.get(
    "/{slug}",
    response={200: CommitteeProjectOut, **READ_ERRORS},
    summary="One co-operation project",
)
def project_detail(request: HttpRequest, slug: str) -> Any:
    return selectors.project_get(slug)


@projects_router.post(
    "/", response={201: CommitteeProjectOut, **ERRORS}, auth=API_AUTH, summary="Record a project"
)
def project_create(request: HttpRequest, payload: CommitteeProjectIn) -> Status:
    return Status(
        201,
        save_by_slug(
            request,
            save=services.project_save,
            read=selectors.project_get,
            values=lambda: _project_values(payload),
        ),
    )


@projects_router.put(
    "/{slug}",
    response={200: CommitteeProjectOut, **ERRORS},
    auth=API_AUTH,
    summary="Update a project",
)
def project_update(request: HttpRequest, slug: str, payload: CommitteeProjectIn) -> Any:
    return save_by_slug(
        request,
        save=services.project_save,
        read=selectors.project_get,
        values=lambda: _project_values(payload),
        current=lambda: selectors.project_get(slug),
        record="project",
    )
