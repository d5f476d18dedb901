"""Observer applications (secretariat) and the steps of the observer chain (Art. 40(3))."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from lanzarote.committee import selectors, services
from lanzarote.committee.api.common import endpoints, meeting_of, organisation_of, user_of
from lanzarote.committee.checks import MANAGE
from lanzarote.committee.models import ObserverApplication
from lanzarote.committee.schemas.observers import (
    CommitteeApplicationIn,
    CommitteeApplicationOut,
    CommitteeObserverDecisionIn,
    CommitteeObserverEventOut,
    CommitteeScheduleIn,
    CommitteeWithdrawIn,
)
from lanzarote.core.http.access import require_reader
from lanzarote.core.http.lists import ListWindow
from lanzarote.core.permissions import require

router = Router(tags=["committee"])
api = endpoints(router)
VIEW = "committee.view_applications"


def _with_events(application: ObserverApplication) -> ObserverApplication:
    """The application as the API shows one: with its chain of events (`events_shown`, which
    lists leave out)."""
    setattr(application, "events_shown", selectors.application_events(application))  # noqa: B010
    return application


@api.read(
    "/observer-applications",
    list[CommitteeApplicationOut],
    "Applications for observer status (secretariat)",
    who="signed-in",
)
def applications(request: HttpRequest, window: Query[ListWindow], status: str = "") -> Any:
    require_reader(request, VIEW)
    return window.apply(selectors.application_list(status=status))


@api.read(
    "/observer-applications/{pk}",
    CommitteeApplicationOut,
    "One application with its chain of events (secretariat)",
    who="signed-in",
)
def application(request: HttpRequest, pk: int) -> Any:
    require_reader(request, VIEW)
    return _with_events(selectors.application_get(pk))


@api.create(
    "/observer-applications",
    CommitteeApplicationOut,
    "Record an application for observer status (Art. 40(3))",
    description="Mission, activity in the protection of children and references, as received.",
)
def application_create(request: HttpRequest, payload: CommitteeApplicationIn) -> Status:
    require(user_of(request), MANAGE)
    data = payload.dict()
    data["organisation"] = organisation_of(data.pop("organisation"))
    data["references"] = "\n".join(data["references"])
    item = services.observer_application_record(user=user_of(request), **data)
    return Status(201, _with_events(item))


@api.step(
    "/observer-applications/{pk}/schedule",
    CommitteeApplicationOut,
    "Put an application to a meeting",
)
def application_schedule(request: HttpRequest, pk: int, payload: CommitteeScheduleIn) -> Any:
    require(user_of(request), MANAGE)
    item = services.observer_application_schedule(
        user=user_of(request),
        application=selectors.application_get(pk),
        meeting=meeting_of(payload.meeting),
    )
    return _with_events(item)


@api.step(
    "/observer-applications/{pk}/decision",
    CommitteeApplicationOut,
    "Record the members' decision on an application",
    description="With `ballots`, the vote is checked (only Parties on `decided_on` vote) and "
    "counted, and the decision follows the result; without, give `admit`.",
)
def application_decide(request: HttpRequest, pk: int, payload: CommitteeObserverDecisionIn) -> Any:
    require(user_of(request), MANAGE)
    item = services.observer_application_decide(
        user=user_of(request), application=selectors.application_get(pk), **payload.dict()
    )
    return _with_events(item)


@api.create(
    "/observers/{slug}/withdrawal",
    CommitteeObserverEventOut,
    "Withdraw an organisation's observer status",
)
def observer_withdraw(request: HttpRequest, slug: str, payload: CommitteeWithdrawIn) -> Status:
    require(user_of(request), MANAGE)
    data = payload.dict()
    number = data.pop("meeting")
    event = services.observer_status_withdraw(
        user=user_of(request),
        organisation=selectors.organisation_get(slug),
        meeting=meeting_of(number) if number else None,
        **data,
    )
    return Status(201, event)
