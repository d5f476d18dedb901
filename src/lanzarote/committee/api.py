"""Committee endpoints: the composition on any date and its changes, observer applications and
their chain, meetings (agenda, decisions, documents, attendance, votes), adopted texts, and
capacity building. Four routers, mounted at /api/v1/committee/, /meetings/, /texts/, /projects/.

Reads are public unless said otherwise. Writes authenticate with a personal token
(`Authorization: Bearer …`) or the browser's session (with its CSRF token) and need the
secretariat's permission (`committee.manage`; votes: `committee.record_vote`): anonymous callers
get 401, others 403. Refusals are `{"detail", "article", "field"}` with 401, 403, 404, 409 (a step
out of order) or 422 (bad input, or a rule such as "only Parties vote")."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Status

from lanzarote.accounts.auth import API_AUTH
from lanzarote.api.responses import dumps, json_bytes_response
from lanzarote.committee import presenters, selectors, services
from lanzarote.committee.models import AssistanceRequest, Decision, Meeting, Organisation, Theme
from lanzarote.committee.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    ApplicationIn,
    ApplicationOut,
    AssistanceRequestIn,
    AssistanceRequestOut,
    AttendanceIn,
    AttendanceOut,
    BureauTermIn,
    BureauTermOut,
    CapacityEventOut,
    ChangesOut,
    CompositionOut,
    DecisionIn,
    DecisionOut,
    DocumentIn,
    DocumentOut,
    ErrorOut,
    MeetingIn,
    MeetingOut,
    MeetingSummaryOut,
    ObserverDecisionIn,
    ObserverEventOut,
    OrganisationOut,
    ParticipationIn,
    PriorityCountryOut,
    PriorityFlagIn,
    ProjectIn,
    ProjectOut,
    RepresentativeIn,
    RepresentativeOut,
    ScheduleIn,
    StateRoleOut,
    TextIn,
    TextOut,
    TextSummaryOut,
    VoteIn,
    VoteOut,
    WithdrawIn,
)
from lanzarote.core.dates import parse_iso_date, parse_required_date
from lanzarote.core.errors import Forbidden, InvalidInput, NotFound, Unauthorised
from lanzarote.core.permissions import REGISTRY, allowed, require
from lanzarote.registry import selectors as registry

ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}


class PublicRead:
    """Lets a request without credentials through to a public read; one that sends credentials
    which do not authenticate is refused (401), not silently treated as anonymous."""

    def __call__(self, request: HttpRequest) -> bool | None:
        if request.headers.get("Authorization"):
            return None
        return True


READ_AUTH = [*API_AUTH, PublicRead()]
OPTIONAL_SECURITY: dict[str, Any] = {"security": [{"BearerToken": []}, {"Session": []}, {}]}

router = Router(tags=["committee"])
meetings_router = Router(tags=["committee: meetings"])
texts_router = Router(tags=["committee: texts"])
projects_router = Router(tags=["committee: capacity building"])


def _user(request: HttpRequest) -> Any:
    return getattr(request, "user", None)


def _day(value: str | None, field: str) -> date:
    return parse_iso_date(value, field=field)


def _cached(key: str, build: Any) -> HttpResponse:
    full = (
        f"api:{get_language()}:{key}:{registry.registry_version()}:{selectors.committee_version()}"
    )
    body = cache.get(full)
    if body is None:
        body = dumps(build())
        cache.set(full, body, selectors.CACHE_SECONDS)
    return json_bytes_response(body)


def _meeting(number: int) -> Meeting:
    return selectors.meeting_get(number)


def _organisation(slug: str | None) -> Organisation | None:
    return selectors.organisation_get(slug) if slug else None


def _decision(pk: int | None) -> Decision | None:
    return selectors.decision_get(pk) if pk else None


def _require_reader(request: HttpRequest, permission: str, **objects: Any) -> None:
    user = _user(request)
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorised("Sign in to see this.")
    if not allowed(user, permission, **objects):
        raise Forbidden(str(REGISTRY[permission].refusal))


# -- composition -----------------------------------------------------------------------------


@router.get(
    "/",
    response={200: CompositionOut, **READ_ERRORS},
    summary="The Committee's composition on a date",
    description="Members (the Parties on `as_of`, derived from the registry; only they vote), "
    "participants (Art. 40 bodies, signatory and drafting States that are not Parties, "
    "organisations admitted by decision), observers (admitted by a vote of the members), the "
    "Bureau and the representatives in office (without contact details; see "
    "`/committee/representatives`). `as_of` defaults to today. Rows whose presence depends on a "
    "date no source gives have `certain: false`.",
)
def composition(request: HttpRequest, as_of: str | None = None) -> HttpResponse:
    day = _day(as_of, "as_of")
    return _cached(
        f"committee:composition:{day}",
        lambda: presenters.composition(selectors.composition(day)),
    )


@router.get(
    "/changes",
    response={200: ChangesOut, **READ_ERRORS},
    summary="Who joined and who left the Committee between two dates",
    description="`since` is required; `until` defaults to today and must be later.",
)
def changes(request: HttpRequest, since: str, until: str | None = None) -> HttpResponse:
    start = parse_required_date(since, field="since")
    end = _day(until, "until")
    if start >= end:
        raise InvalidInput("since must be before until.", field="since")
    return _cached(
        f"committee:changes:{start}:{end}",
        lambda: presenters.changes(selectors.composition_changes(since=start, until=end)),
    )


@router.get(
    "/states/{code}",
    response={200: StateRoleOut, **READ_ERRORS},
    summary="A State's seat in the Committee on a date, with the rule's explanation",
)
def state_role(request: HttpRequest, code: str, as_of: str | None = None) -> dict[str, Any]:
    day = _day(as_of, "as_of")
    state = registry.state_get(code)
    return presenters.state_role(selectors.state_role(state, as_of=day))


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    summary="Organisations and bodies that take part in or observe the Committee",
)
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.organisation(o) for o in selectors.organisation_list()]


@router.get(
    "/representatives",
    response={200: list[RepresentativeOut], **READ_ERRORS, 401: ErrorOut},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_SECURITY,
    summary="Representatives in office on a date",
    description="Contact details (`email`, `phone`) only for signed-in users "
    "(`people.see_contacts`). Representatives flagged `is_demo` are invented for demonstration.",
)
def representatives(request: HttpRequest, as_of: str | None = None) -> list[dict[str, Any]]:
    day = _day(as_of, "as_of")
    contacts = allowed(_user(request), "people.see_contacts")
    return [
        presenters.representative(r, with_contacts=contacts)
        for r in selectors.composition(day).representatives
    ]


@router.get("/bureau", response=list[BureauTermOut], summary="Terms of the Chair and the Bureau")
def bureau(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.bureau_term(t) for t in selectors.bureau_list()]


@router.post(
    "/participants",
    response={201: dict, **ERRORS},
    auth=API_AUTH,
    summary="Record an organisation taking part without the right to vote (Art. 40)",
)
def participant_create(request: HttpRequest, payload: ParticipationIn) -> Status:
    require(_user(request), "committee.manage")
    organisation = selectors.organisation_get(payload.organisation)
    item = services.participation_save(
        user=_user(request),
        organisation=organisation,
        basis=payload.basis,
        start=payload.start,
        end=payload.end,
        decision=_decision(payload.decision),
        confirmed=payload.confirmed,
        note_en=payload.note_en,
        note_fr=payload.note_fr,
    )
    return Status(201, {"id": item.pk})


@router.post(
    "/representatives",
    response={201: RepresentativeOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a representative designated by a member, participant or observer",
)
def representative_create(request: HttpRequest, payload: RepresentativeIn) -> Status:
    require(_user(request), "committee.manage")
    data = payload.dict()
    item = services.representative_save(
        user=_user(request), **{**data, "organisation": _organisation(data["organisation"])}
    )
    return Status(201, presenters.representative(item, with_contacts=True))


@router.post(
    "/bureau",
    response={201: BureauTermOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a term as Chair, Vice-Chair or Bureau member",
)
def bureau_create(request: HttpRequest, payload: BureauTermIn) -> Status:
    item = services.bureau_term_save(user=_user(request), **payload.dict())
    return Status(201, presenters.bureau_term(item))


# -- observer applications -------------------------------------------------------------------


def _application_out(application: Any) -> dict[str, Any]:
    data = presenters.application(application)
    data["events"] = [
        presenters.observer_event(e) for e in selectors.application_events(application)
    ]
    return data


@router.get(
    "/observer-applications",
    response={200: list[ApplicationOut], **ERRORS},
    auth=API_AUTH,
    summary="Applications for observer status (secretariat)",
)
def applications(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    require(_user(request), "committee.view_applications")
    return [presenters.application(a) for a in selectors.application_list(status=status)]


@router.get(
    "/observer-applications/{pk}",
    response={200: ApplicationOut, **ERRORS},
    auth=API_AUTH,
    summary="One application with its chain of events (secretariat)",
)
def application(request: HttpRequest, pk: int) -> dict[str, Any]:
    require(_user(request), "committee.view_applications")
    return _application_out(selectors.application_get(pk))


@router.post(
    "/observer-applications",
    response={201: ApplicationOut, **ERRORS},
    auth=API_AUTH,
    summary="Record an application for observer status (Art. 40(3))",
    description="Mission, activity in the protection of children and references, as received.",
)
def application_create(request: HttpRequest, payload: ApplicationIn) -> Status:
    require(_user(request), "committee.manage")
    data = payload.dict()
    data["organisation"] = _organisation(data.pop("organisation"))
    data["references"] = "\n".join(data["references"])
    item = services.observer_application_record(user=_user(request), **data)
    return Status(201, _application_out(item))


@router.post(
    "/observer-applications/{pk}/schedule",
    response={200: ApplicationOut, **ERRORS},
    auth=API_AUTH,
    summary="Put an application to a meeting",
)
def application_schedule(request: HttpRequest, pk: int, payload: ScheduleIn) -> dict[str, Any]:
    require(_user(request), "committee.manage")
    item = services.observer_application_schedule(
        user=_user(request),
        application=selectors.application_get(pk),
        meeting=_meeting(payload.meeting),
    )
    return _application_out(item)


@router.post(
    "/observer-applications/{pk}/decision",
    response={200: ApplicationOut, **ERRORS},
    auth=API_AUTH,
    summary="Record the members' decision on an application",
    description="With `ballots`, the vote is checked (only Parties on `decided_on` vote) and "
    "counted, and the decision follows the result; without, give `admit`.",
)
def application_decide(
    request: HttpRequest, pk: int, payload: ObserverDecisionIn
) -> dict[str, Any]:
    require(_user(request), "committee.manage")
    item = services.observer_application_decide(
        user=_user(request), application=selectors.application_get(pk), **payload.dict()
    )
    return _application_out(item)


@router.post(
    "/observers/{slug}/withdrawal",
    response={201: ObserverEventOut, **ERRORS},
    auth=API_AUTH,
    summary="Withdraw an organisation's observer status",
)
def observer_withdraw(request: HttpRequest, slug: str, payload: WithdrawIn) -> Status:
    require(_user(request), "committee.manage")
    data = payload.dict()
    number = data.pop("meeting")
    meeting = _meeting(number) if number else None
    event = services.observer_status_withdraw(
        user=_user(request), organisation=selectors.organisation_get(slug), meeting=meeting, **data
    )
    return Status(201, presenters.observer_event(event))


# -- capacity building (committee router) ----------------------------------------------------


@router.get(
    "/priority-countries",
    response={200: list[PriorityCountryOut], **READ_ERRORS, 401: ErrorOut},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_SECURITY,
    summary="Priority countries on a date",
    description="States that acceded or asked to accede (flagged automatically) and those "
    "flagged by a decision. A request to accede is confidential until the invitation and is "
    "listed only for the Treaty Office, the secretariat and the requesting State.",
)
def priority_countries(request: HttpRequest, as_of: str | None = None) -> list[dict[str, Any]]:
    day = _day(as_of, "as_of")
    return [
        presenters.priority_country(p)
        for p in selectors.priority_countries(as_of=day, user=_user(request))
    ]


@router.post(
    "/priority-countries",
    response={201: PriorityCountryOut, **ERRORS},
    auth=API_AUTH,
    summary="Flag a State as a priority country by a decision",
)
def priority_flag_create(request: HttpRequest, payload: PriorityFlagIn) -> Status:
    require(_user(request), "committee.manage")
    data = payload.dict()
    data["decision"] = _decision(data.get("decision"))
    flag = services.priority_flag_save(user=_user(request), **data)
    country = next(
        p
        for p in selectors.priority_countries(as_of=flag.flagged_on, user=_user(request))
        if p.state.code == flag.state_id
    )
    return Status(201, presenters.priority_country(country))


@router.get(
    "/assistance-requests",
    response={200: list[AssistanceRequestOut], **ERRORS},
    auth=API_AUTH,
    summary="Requests for assistance the person may see",
    description="All for the secretariat; their own State's for its officials and delegates.",
)
def assistance_requests(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    if not allowed(user, "committee.view_assistance_request", state_code=user.state_id):
        raise Forbidden(str(REGISTRY["committee.view_assistance_request"].refusal))
    return [presenters.assistance_request(r) for r in selectors.assistance_request_list(user=user)]


def _assistance_values(payload: AssistanceRequestIn) -> dict[str, Any]:
    data = payload.dict()
    data["project"] = selectors.project_get(data["project"]) if data.get("project") else None
    return data


@router.post(
    "/assistance-requests",
    response={201: AssistanceRequestOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a State's request for assistance",
)
def assistance_create(request: HttpRequest, payload: AssistanceRequestIn) -> Status:
    require(_user(request), "committee.manage")
    item = services.assistance_request_save(user=_user(request), **_assistance_values(payload))
    return Status(201, presenters.assistance_request(item))


@router.put(
    "/assistance-requests/{pk}",
    response={200: AssistanceRequestOut, **ERRORS},
    auth=API_AUTH,
    summary="Update a request for assistance (its status, its project…)",
)
def assistance_update(
    request: HttpRequest, pk: int, payload: AssistanceRequestIn
) -> dict[str, Any]:
    require(_user(request), "committee.manage")
    current: AssistanceRequest = selectors.assistance_request_get(pk)
    item = services.assistance_request_save(
        user=_user(request), request=current, **_assistance_values(payload)
    )
    return presenters.assistance_request(item)


@router.get("/events", response=list[CapacityEventOut], summary="Events and study visits")
def events(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.capacity_event(e) for e in selectors.capacity_event_list()]


# -- meetings --------------------------------------------------------------------------------


@meetings_router.get(
    "/", response=list[MeetingSummaryOut], summary="Meetings of the Committee, newest first"
)
def meeting_list(request: HttpRequest, year: int | None = None) -> list[dict[str, Any]]:
    return [presenters.meeting_summary(m) for m in selectors.meeting_list(year=year)]


@meetings_router.get(
    "/{number}",
    response={200: MeetingOut, **READ_ERRORS},
    summary="One meeting: agenda, decisions, documents, texts, attendance and votes",
)
def meeting_detail(request: HttpRequest, number: int) -> dict[str, Any]:
    return presenters.meeting_record(selectors.meeting_record(number))


@meetings_router.post(
    "/", response={201: MeetingSummaryOut, **ERRORS}, auth=API_AUTH, summary="Record a meeting"
)
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status:
    item = services.meeting_save(user=_user(request), **payload.dict())
    return Status(201, presenters.meeting_summary(item))


@meetings_router.put(
    "/{number}",
    response={200: MeetingSummaryOut, **ERRORS},
    auth=API_AUTH,
    summary="Correct a meeting's dates, place or mode",
)
def meeting_update(request: HttpRequest, number: int, payload: MeetingIn) -> dict[str, Any]:
    require(_user(request), "committee.manage")
    item = services.meeting_save(user=_user(request), meeting=_meeting(number), **payload.dict())
    return presenters.meeting_summary(item)


@meetings_router.post(
    "/{number}/agenda-items",
    response={201: AgendaItemOut, **ERRORS},
    auth=API_AUTH,
    summary="Add an agenda item",
)
def agenda_item_create(request: HttpRequest, number: int, payload: AgendaItemIn) -> Status:
    require(_user(request), "committee.manage")
    item = services.agenda_item_save(
        user=_user(request), meeting=_meeting(number), **payload.dict()
    )
    return Status(201, presenters.agenda_item(item))


@meetings_router.post(
    "/{number}/decisions",
    response={201: DecisionOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a decision taken at the meeting",
)
def decision_create(request: HttpRequest, number: int, payload: DecisionIn) -> Status:
    require(_user(request), "committee.manage")
    meeting = _meeting(number)
    data = payload.dict()
    item_id = data.pop("agenda_item")
    agenda_item = meeting.agenda_items.filter(pk=item_id).first() if item_id else None
    if item_id and agenda_item is None:
        raise InvalidInput("The agenda item belongs to another meeting.", field="agenda_item")
    decision = services.decision_save(
        user=_user(request), meeting=meeting, agenda_item=agenda_item, **data
    )
    return Status(201, presenters.decision(decision))


@meetings_router.post(
    "/{number}/documents",
    response={201: DocumentOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a document of the meeting (reference code such as T-ES(2022)02)",
)
def document_create(request: HttpRequest, number: int, payload: DocumentIn) -> Status:
    require(_user(request), "committee.manage")
    item = services.document_save(user=_user(request), meeting=_meeting(number), **payload.dict())
    return Status(201, presenters.document(item))


@meetings_router.put(
    "/{number}/attendance",
    response={200: list[AttendanceOut], **ERRORS},
    auth=API_AUTH,
    summary="Replace the list of those who attended",
)
def attendance_set(request: HttpRequest, number: int, payload: AttendanceIn) -> list[dict]:
    require(_user(request), "committee.manage")
    organisations = [selectors.organisation_get(slug) for slug in payload.organisations]
    rows = services.attendance_set(
        user=_user(request),
        meeting=_meeting(number),
        states=payload.states,
        organisations=organisations,
    )
    return [
        {"state": r.state_id, "organisation": r.organisation.slug if r.organisation else None}
        for r in rows
    ]


@meetings_router.get(
    "/{number}/votes",
    response={200: list[VoteOut], **READ_ERRORS},
    summary="Votes recorded at the meeting (corrections included, with `supersedes`)",
)
def vote_list(request: HttpRequest, number: int) -> list[dict[str, Any]]:
    return [presenters.vote(v) for v in selectors.vote_list(_meeting(number))]


@meetings_router.post(
    "/{number}/votes",
    response={201: VoteOut, **ERRORS},
    auth=API_AUTH,
    summary="Record a vote of the Committee",
    description="The ballots are checked (only the Parties on `voted_on` vote, Arts. 39(1) and "
    "40(4)) and counted by the rule; the result and its explanation are returned.",
)
def vote_create(request: HttpRequest, number: int, payload: VoteIn) -> Status:
    require(_user(request), "committee.record_vote")
    meeting = _meeting(number)
    data = payload.dict()
    decision = _decision(data.pop("decision"))
    vote = services.vote_record(user=_user(request), meeting=meeting, decision=decision, **data)
    return Status(201, presenters.vote(vote))


# -- texts -----------------------------------------------------------------------------------


@texts_router.get(
    "/",
    response={200: list[TextSummaryOut], **READ_ERRORS},
    summary="Texts adopted by the Committee",
    description="Filter by `kind` and by `article` (number of the Convention's article).",
)
def text_list(request: HttpRequest, kind: str = "", article: int | None = None) -> HttpResponse:
    from lanzarote.committee.models import AdoptedText

    if kind and kind not in AdoptedText.Kind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(AdoptedText.Kind.values)}; got {kind!r}.",
            field="kind",
        )
    if article is not None and not 1 <= article <= 50:
        raise InvalidInput("article must be a number from 1 to 50.", field="article")
    return _cached(
        f"committee:texts:{kind}:{article}",
        lambda: [
            presenters.text_summary(t) for t in selectors.text_list(kind=kind, article=article)
        ],
    )


@texts_router.get("/{slug}", response={200: TextOut, **READ_ERRORS}, summary="One adopted text")
def text_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return presenters.text(selectors.text_get(slug))


def _text_values(payload: TextIn) -> dict[str, Any]:
    data = payload.dict()
    data["meeting"] = _meeting(data["meeting"]) if data.get("meeting") else None
    data["considered_at"] = [_meeting(n) for n in data.pop("examined_at")]
    return data


@texts_router.post(
    "/", response={201: TextOut, **ERRORS}, auth=API_AUTH, summary="Record an adopted text"
)
def text_create(request: HttpRequest, payload: TextIn) -> Status:
    require(_user(request), "committee.manage")
    item = services.text_save(user=_user(request), **_text_values(payload))
    return Status(201, presenters.text(selectors.text_get(item.slug)))


@texts_router.put(
    "/{slug}", response={200: TextOut, **ERRORS}, auth=API_AUTH, summary="Correct an adopted text"
)
def text_update(request: HttpRequest, slug: str, payload: TextIn) -> dict[str, Any]:
    require(_user(request), "committee.manage")
    current = selectors.text_get(slug)
    data = _text_values(payload)
    data["slug"] = data.get("slug") or current.slug
    item = services.text_save(user=_user(request), text=current, **data)
    return presenters.text(selectors.text_get(item.slug))


# -- projects --------------------------------------------------------------------------------


def _project_values(payload: ProjectIn) -> dict[str, Any]:
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
    response={200: list[ProjectOut], **READ_ERRORS},
    summary="Co-operation projects",
    description="Filter by `status`, beneficiary `state` (ISO code) and `theme` (slug).",
)
def project_list(
    request: HttpRequest, status: str = "", state: str = "", theme: str = ""
) -> list[dict[str, Any]]:
    return [
        presenters.project(p)
        for p in selectors.project_list(status=status, state=state, theme=theme)
    ]


@projects_router.get(
    "/{slug}", response={200: ProjectOut, **READ_ERRORS}, summary="One co-operation project"
)
def project_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return presenters.project(selectors.project_get(slug))


@projects_router.post(
    "/", response={201: ProjectOut, **ERRORS}, auth=API_AUTH, summary="Record a project"
)
def project_create(request: HttpRequest, payload: ProjectIn) -> Status:
    require(_user(request), "committee.manage")
    item = services.project_save(user=_user(request), **_project_values(payload))
    return Status(201, presenters.project(selectors.project_get(item.slug)))


@projects_router.put(
    "/{slug}", response={200: ProjectOut, **ERRORS}, auth=API_AUTH, summary="Update a project"
)
def project_update(request: HttpRequest, slug: str, payload: ProjectIn) -> dict[str, Any]:
    require(_user(request), "committee.manage")
    current = selectors.project_get(slug)
    data = _project_values(payload)
    data["slug"] = data.get("slug") or current.slug
    item = services.project_save(user=_user(request), project=current, **data)
    return presenters.project(selectors.project_get(item.slug))


__all__ = ["NotFound", "meetings_router", "projects_router", "router", "texts_router"]
