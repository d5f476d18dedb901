"""Capacity building: priority countries, requests for assistance and events (on the Committee's
router), and co-operation projects (their own router)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from lanzarote.committee import selectors, services
from lanzarote.committee.api.common import (
    day,
    decision_of,
    endpoints,
    slug_writes,
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
from lanzarote.core.http.access import require_reader
from lanzarote.core.http.lists import ListWindow
from lanzarote.core.permissions import require

router = Router(tags=["committee"])
api = endpoints(router)
projects_router = Router(tags=["committee: capacity building"])
projects_api = endpoints(projects_router)


@api.read(
    "/priority-countries",
    list[CommitteePriorityCountryOut],
    "Priority countries on a date",
    who="optional",
    description="States that acceded or asked to accede (flagged automatically) and those "
    "flagged by a decision. A request to accede is confidential until the invitation and is "
    "listed only for the Treaty Office, the secretariat and the requesting State.",
)
def priority_countries(
    request: HttpRequest, window: Query[ListWindow], as_of: str | None = None
) -> Any:
    countries = selectors.priority_countries(as_of=day(as_of, "as_of"), user=user_of(request))
    return window.apply(countries)


@api.create(
    "/priority-countries",
    CommitteePriorityCountryOut,
    "Flag a State as a priority country by a decision",
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


@api.read(
    "/assistance-requests",
    list[CommitteeAssistanceRequestOut],
    "Requests for assistance the person may see",
    who="signed-in",
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


@api.create(
    "/assistance-requests", CommitteeAssistanceRequestOut, "Record a State's request for assistance"
)
def assistance_create(request: HttpRequest, payload: CommitteeAssistanceRequestIn) -> Status:
    require(user_of(request), MANAGE)
    item = services.assistance_request_save(user=user_of(request), **_assistance_values(payload))
    return Status(201, item)


@api.write(
    "PUT",
    "/assistance-requests/{pk}",
    CommitteeAssistanceRequestOut,
    "Update a request for assistance (its status, its project…)",
)
def assistance_update(request: HttpRequest, pk: int, payload: CommitteeAssistanceRequestIn) -> Any:
    require(user_of(request), MANAGE)
    return services.assistance_request_save(
        user=user_of(request),
        request=selectors.assistance_request_get(pk),
        **_assistance_values(payload),
    )


@api.read(
    "/events", list[CommitteeCapacityEventOut], "Events and study visits", errors={422: ErrorOut}
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


@projects_api.read(
    "/",
    list[CommitteeProjectOut],
    "Co-operation projects",
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


@projects_api.read("/{slug}", CommitteeProjectOut, "One co-operation project")
def project_detail(request: HttpRequest, slug: str) -> Any:
    return selectors.project_get(slug)


slug_writes(
    projects_api,
    name="project",
    answer=CommitteeProjectOut,
    payload=CommitteeProjectIn,
    values=_project_values,
    save=services.project_save,
    read=selectors.project_get,
    created="Record a project",
    changed="Update a project",
)
