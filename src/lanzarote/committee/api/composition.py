"""The composition on a date, its changes, a State's seat, organisations, representatives, the
Bureau and the organisations taking part (Art. 40)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from lanzarote.committee import selectors, services
from lanzarote.committee.api.common import (
    cached,
    day,
    decision_of,
    endpoints,
    user_of,
)
from lanzarote.committee.checks import MANAGE
from lanzarote.committee.schemas.common import ErrorOut, dump
from lanzarote.committee.schemas.composition import (
    CommitteeBureauTermOut,
    CommitteeChangesOut,
    CommitteeCompositionOut,
    CommitteeOrganisationOut,
    CommitteeRepresentativeOut,
    CommitteeStateRoleOut,
)
from lanzarote.committee.schemas.observers import (
    CommitteeBureauTermIn,
    CommitteeParticipationIn,
    CommitteeRepresentativeIn,
)
from lanzarote.core.dates import parse_required_date
from lanzarote.core.errors import InvalidInput
from lanzarote.core.http.lists import ListWindow
from lanzarote.core.permissions import require
from lanzarote.registry import selectors as registry

router = Router(tags=["committee"])
api = endpoints(router)


@api.read(
    "/",
    CommitteeCompositionOut,
    "The Committee's composition on a date",
    description="Members (the Parties on `as_of`, derived from the registry; only they vote), "
    "participants (Art. 40 bodies, signatory and drafting States that are not Parties, "
    "organisations admitted by decision), observers (admitted under Art. 40(3) by the procedure of the "
    "relevant Council of Europe rules), the Bureau and the representatives in office (without contact details; see "
    "`/committee/representatives`). `as_of` defaults to today. Rows whose presence depends on a "
    "date no source gives have `certain: false`.",
)
def composition(request: HttpRequest, as_of: str | None = None) -> HttpResponse:
    on = day(as_of, "as_of")
    return cached(
        f"committee:composition:{on}",
        lambda: dump(CommitteeCompositionOut, selectors.composition(on), contacts=False),
    )


@api.read(
    "/changes",
    CommitteeChangesOut,
    "Who joined and who left the Committee between two dates",
    description="`since` is required; `until` defaults to today and must be later.",
)
def changes(request: HttpRequest, since: str, until: str | None = None) -> HttpResponse:
    start = parse_required_date(since, field="since")
    end = day(until, "until")
    if start >= end:
        raise InvalidInput("since must be before until.", field="since")
    return cached(
        f"committee:changes:{start}:{end}",
        lambda: dump(CommitteeChangesOut, selectors.composition_changes(since=start, until=end)),
    )


@api.read(
    "/states/{code}",
    CommitteeStateRoleOut,
    "A State's seat in the Committee on a date, with the rule's explanation",
)
def state_role(request: HttpRequest, code: str, as_of: str | None = None) -> Any:
    return selectors.state_role(registry.state_get(code), as_of=day(as_of, "as_of"))


@api.read(
    "/organisations",
    list[CommitteeOrganisationOut],
    "Organisations and bodies that take part in or observe the Committee",
    errors={422: ErrorOut},
)
def organisations(request: HttpRequest, window: Query[ListWindow]) -> Any:
    return window.apply(selectors.organisation_list())


@api.read(
    "/representatives",
    list[CommitteeRepresentativeOut],
    "Representatives in office on a date",
    who="optional",
    description="Contact details (`email`, `phone`) only for signed-in users "
    "(`people.see_contacts`). Representatives flagged `is_demo` are invented for demonstration.",
)
def representatives(
    request: HttpRequest, window: Query[ListWindow], as_of: str | None = None
) -> Any:
    return window.apply(selectors.composition(day(as_of, "as_of")).representatives)


@api.read(
    "/bureau",
    list[CommitteeBureauTermOut],
    "Terms of the Chair and the Bureau",
    errors={422: ErrorOut},
)
def bureau(request: HttpRequest, window: Query[ListWindow]) -> Any:
    return window.apply(selectors.bureau_list())


@api.create(
    "/participants", dict, "Record an organisation taking part without the right to vote (Art. 40)"
)
def participant_create(request: HttpRequest, payload: CommitteeParticipationIn) -> Status:
    require(user_of(request), MANAGE)
    data = payload.dict()
    data["organisation"] = selectors.organisation_get(data["organisation"])
    data["decision"] = decision_of(data["decision"])
    item = services.participation_save(user=user_of(request), **data)
    return Status(201, {"id": item.pk})


@api.create(
    "/representatives",
    CommitteeRepresentativeOut,
    "Record a representative designated by a member, participant or observer",
)
def representative_create(request: HttpRequest, payload: CommitteeRepresentativeIn) -> Status:
    require(user_of(request), MANAGE)
    data = payload.dict()
    data["organisation"] = (
        selectors.organisation_get(data["organisation"]) if data["organisation"] else None
    )
    return Status(201, services.representative_save(user=user_of(request), **data))


@api.create(
    "/bureau", CommitteeBureauTermOut, "Record a term as Chair, Vice-Chair or Bureau member"
)
def bureau_create(request: HttpRequest, payload: CommitteeBureauTermIn) -> Status:
    return Status(201, services.bureau_term_save(user=user_of(request), **payload.dict()))
