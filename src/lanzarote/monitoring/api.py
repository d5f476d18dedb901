"""Monitoring endpoints under /api/v1/monitoring/: rounds (scope, vocabulary, matrix, dashboard),
questionnaires and questions, the General Overview Questionnaire obligations, replies and their
steps, contributions (observers, national human-rights institutions, stakeholders, children),
rapporteurs and observations, reports, recommendations, follow-up and compliance, search, and
imports.

Reads are public and show what is published; with a personal token (`Authorization: Bearer …`)
or the browser's session they show what the person may see (a Party's own drafts, the replies a
rapporteur examines, everything for the secretariat). Writes need a token or a session (with its
CSRF token): anonymous callers get 401, people without the permission 403 with the rule's
sentence. Refusals are `{"detail", "article", "field"}` with 401, 403, 404, 409 (a step out of
order) or 422 (bad input). Content is answered in the language of `Accept-Language` (English or
French); demonstration records carry `is_demo: true`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from lanzarote.accounts.auth import API_AUTH
from lanzarote.accounts.models import User
from lanzarote.committee.models import Meeting, Organisation, Project
from lanzarote.core.audit import Actor
from lanzarote.core.dates import BoundedDate
from lanzarote.core.errors import Forbidden, InvalidInput, NotFound, Unauthorised
from lanzarote.core.http.lists import MAX_OFFSET
from lanzarote.core.permissions import REGISTRY, allowed, require
from lanzarote.monitoring import children, imports, presenters, selectors, services
from lanzarote.monitoring.models import ComplianceAssessment, Reply, Round
from lanzarote.monitoring.schemas import (
    ChildrenContributionIn,
    ComplianceAssessmentIn,
    ComplianceAssessmentOut,
    ComplianceRowOut,
    ContributionIn,
    ContributionOut,
    ErrorOut,
    FindingIn,
    FindingOut,
    FollowUpIn,
    FollowUpOut,
    GoqObligationOut,
    ImportOut,
    MatrixOut,
    ObservationIn,
    ObservationOut,
    QuestionDetailOut,
    QuestionIn,
    QuestionnaireIn,
    QuestionnaireOut,
    QuestionnaireSummaryOut,
    QuestionOut,
    RapporteurIn,
    RapporteurOut,
    RecommendationIn,
    RecommendationOut,
    RecommendationSummaryOut,
    RedactionIn,
    ReminderIn,
    ReplyDetailOut,
    ReplyIn,
    ReplyOut,
    ReportIn,
    ReportOut,
    ReportSummaryOut,
    RoundDashboardOut,
    RoundIn,
    RoundOut,
    RoundReminderOut,
    RoundSummaryOut,
    ScopeAdditionIn,
    ScopeOut,
    ScreeningConfirmationIn,
    SearchOut,
    StateDashboardOut,
    StepIn,
    StrengthIn,
    StrengthOut,
)
from lanzarote.monitoring.search import SearchFacets
from lanzarote.monitoring.search import search as run_search
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import KnownDate


class PublicRead:
    """Lets a request without credentials through to a public read; one that sends credentials
    which do not authenticate is refused (401), not silently treated as anonymous."""

    def __call__(self, request: HttpRequest) -> bool | None:
        if request.headers.get("Authorization"):
            return None
        return True


READ_AUTH = [*API_AUTH, PublicRead()]
OPTIONAL_SECURITY: dict[str, Any] = {"security": [{"BearerToken": []}, {"Session": []}, {}]}
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}

router = Router(tags=["monitoring"])


def _user(request: HttpRequest) -> Any:
    return getattr(request, "user", None)


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=_user(request))


def _round(slug: str) -> Round:
    return selectors.round_get(slug)


def _meeting(number: int | None) -> Meeting | None:
    if number is None:
        return None
    meeting = Meeting.objects.filter(number=number).first()
    if meeting is None:
        raise NotFound(f"No meeting number {number} is recorded.")
    return meeting


def _known(text: str, field: str) -> KnownDate:
    try:
        return KnownDate.parse(text)
    except ValueError as error:
        raise InvalidInput(str(error), field=field) from None


def _require_reader(request: HttpRequest, permission: str, **objects: Any) -> None:
    user = _user(request)
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorised("Sign in to see this.")
    if not allowed(user, permission, **objects):
        raise Forbidden(str(REGISTRY[permission].refusal))


# -- rounds ---------------------------------------------------------------------------------


@router.get(
    "/rounds",
    response={200: list[RoundSummaryOut]},
    summary="Monitoring rounds",
    description="Every round, oldest first: theme, launch date as known, deadlines, status.",
)
def round_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.round_summary(r) for r in selectors.round_list()]


def _round_detail(round_: Round) -> dict[str, Any]:
    return presenters.round_detail(
        round_,
        round_scope=selectors.round_scope(round_),
        levels=selectors.strength_levels(round_),
        questionnaires=selectors.questionnaire_list(round_),
        reports=selectors.report_list(round_=round_),
    )


@router.get(
    "/rounds/{slug}",
    response={200: RoundOut, **READ_ERRORS},
    summary="A round: scope, vocabulary, questionnaires and reports",
    description="The scope is computed from the registry on the launch date (a launch known "
    "only to the month is checked on its first and last days; a State whose status then "
    "depends on a date no source gives is `uncertain`), plus the States added by decision. "
    "The list a source gives, if any, is returned beside it with the differences.",
)
def round_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _round_detail(_round(slug))


@router.post(
    "/rounds",
    response={201: RoundOut, **ERRORS},
    auth=API_AUTH,
    summary="Launch a round (secretariat)",
)
def round_create(request: HttpRequest, payload: RoundIn) -> Status:
    data = payload.dict()
    round_ = services.round_create(
        actor=_actor(request),
        launch=_known(data.pop("launch"), "launch"),
        launch_meeting=_meeting(data.pop("launch_meeting")),
        **data,
    )
    return Status(201, _round_detail(round_))


@router.get(
    "/rounds/{slug}/scope",
    response={200: ScopeOut, **READ_ERRORS},
    summary="The Parties in a round's scope",
)
def round_scope(request: HttpRequest, slug: str) -> dict[str, Any]:
    return presenters.scope(selectors.round_scope(_round(slug)))


@router.post(
    "/rounds/{slug}/scope-additions",
    response={201: ScopeOut, **ERRORS},
    auth=API_AUTH,
    summary="Add a later Party to a round by a recorded decision (secretariat)",
)
def scope_add(request: HttpRequest, slug: str, payload: ScopeAdditionIn) -> Status:
    round_ = _round(slug)
    services.scope_add(
        actor=_actor(request),
        round_=round_,
        state_code=payload.state,
        decided_on=payload.decided_on,
        reason=payload.reason,
        meeting=_meeting(payload.meeting),
    )
    return Status(201, presenters.scope(selectors.round_scope(round_)))


@router.put(
    "/rounds/{slug}/vocabulary",
    response={200: list[StrengthOut], **ERRORS},
    auth=API_AUTH,
    summary="Add or change a term of the round's recommendation vocabulary (secretariat)",
    description="The strength of recommendations is configurable per round because the "
    "Committee's formal scale is not confirmed by the sources.",
)
def vocabulary_set(request: HttpRequest, slug: str, payload: StrengthIn) -> list[dict[str, Any]]:
    round_ = _round(slug)
    services.strength_level_set(actor=_actor(request), round_=round_, **payload.dict())
    return [presenters.strength(level) for level in selectors.strength_levels(round_)]


@router.get(
    "/rounds/{slug}/matrix",
    response={200: MatrixOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="The Parties × questions matrix of a round",
    description="Each Party in scope × each question of the round's newest questionnaire (or "
    "`questionnaire`): the reply's status (a Party's drafts show as `not_submitted` to others), "
    "an excerpt where the caller may read it, late and missing flags, the latest observation and "
    "the Party's reservations and declarations on the question's articles. Filters: `status` "
    "(also `late`, `missing`), `state`, `article`.",
    openapi_extra=OPTIONAL_SECURITY,
)
def round_matrix(
    request: HttpRequest,
    slug: str,
    status: str | None = None,
    state: str | None = None,
    article: int | None = None,
    questionnaire: int | None = None,
) -> dict[str, Any]:
    round_ = _round(slug)
    chosen = selectors.questionnaire_get(questionnaire) if questionnaire else None
    if chosen is not None and chosen.round_id != round_.pk:
        raise InvalidInput("That questionnaire belongs to another round.", field="questionnaire")
    matrix = selectors.round_matrix(
        round_,
        user=_user(request),
        questionnaire=chosen,
        status=status,
        state=state,
        article=article,
    )
    return presenters.matrix(matrix)


@router.get(
    "/rounds/{slug}/dashboard",
    response={200: RoundDashboardOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="A round's dashboard: replies received and late, recommendations, compliance",
    openapi_extra=OPTIONAL_SECURITY,
)
def round_dashboard(request: HttpRequest, slug: str, include_demo: bool = True) -> dict[str, Any]:
    dashboard = selectors.round_dashboard(
        _round(slug), user=_user(request), include_demo=include_demo
    )
    return presenters.round_dashboard(dashboard)


@router.post(
    "/rounds/{slug}/reminders",
    response={201: list[RoundReminderOut], **ERRORS},
    auth=API_AUTH,
    summary="Remind the Parties whose replies are not all submitted (secretariat)",
    description="E-mails each Party's delegates and national coordinator after the record is "
    "committed; a failed e-mail never undoes the record.",
)
def reminders_send(request: HttpRequest, slug: str, payload: ReminderIn) -> Status:
    round_ = _round(slug)
    questionnaire = (
        selectors.questionnaire_get(payload.questionnaire)
        if payload.questionnaire
        else selectors.current_questionnaire(round_)
    )
    if questionnaire is None:
        raise InvalidInput("The round has no questionnaire yet.", field="questionnaire")
    sent = services.reminders_send(
        actor=_actor(request), questionnaire=questionnaire, states=payload.states
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


# -- questionnaires -------------------------------------------------------------------------


@router.get(
    "/questionnaires",
    response={200: list[QuestionnaireSummaryOut], **READ_ERRORS},
    summary="Questionnaires (General Overview and thematic), every version",
)
def questionnaire_list(request: HttpRequest, round: str | None = None) -> list[dict[str, Any]]:
    return [
        presenters.questionnaire_summary(q)
        for q in selectors.questionnaire_list(_round(round) if round else None)
    ]


@router.get(
    "/questionnaires/{pk}",
    response={200: QuestionnaireOut, **READ_ERRORS},
    summary="A questionnaire and its numbered questions",
)
def questionnaire_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return presenters.questionnaire(selectors.questionnaire_get(pk))


@router.post(
    "/questionnaires",
    response={201: QuestionnaireSummaryOut, **ERRORS},
    auth=API_AUTH,
    summary="Create a questionnaire, or the next version of one (secretariat)",
)
def questionnaire_create(request: HttpRequest, payload: QuestionnaireIn) -> Status:
    data = payload.dict()
    round_slug = data.pop("round")
    questionnaire = services.questionnaire_create(
        actor=_actor(request), round_=_round(round_slug) if round_slug else None, **data
    )
    return Status(201, presenters.questionnaire_summary(questionnaire))


@router.post(
    "/questionnaires/{pk}/questions",
    response={201: QuestionOut, **ERRORS},
    auth=API_AUTH,
    summary="Add a question (or a sub-question) tied to articles (secretariat)",
)
def question_add(request: HttpRequest, pk: int, payload: QuestionIn) -> Status:
    question = services.question_add(
        actor=_actor(request),
        questionnaire=selectors.questionnaire_get(pk),
        number=payload.number,
        text_en=payload.text_en,
        text_fr=payload.text_fr,
        articles=payload.articles,
        parent_number=payload.parent,
    )
    return Status(201, presenters.question(selectors.question_get(question.pk)))


@router.get(
    "/questions/{pk}",
    response={200: QuestionDetailOut, **READ_ERRORS},
    summary="A question, with the Parties' reservations and declarations on its articles",
)
def question_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    question = selectors.question_get(pk)
    articles = selectors.article_numbers(question)
    facts = selectors.reservations_on_articles(articles)
    return {
        **presenters.question(question),
        "questionnaire": presenters.questionnaire_summary(question.questionnaire),
        "reservations": [presenters.reservation(f) for fs in facts.values() for f in fs],
    }


@router.get(
    "/general-overview",
    response={200: list[GoqObligationOut], **READ_ERRORS},
    summary="General Overview Questionnaire obligations, derived from the registry",
    description="Every Party on `as_of` (default today) owes the General Overview Questionnaire "
    "a configured number of months (setting `LANZAROTE_GOQ_PERIOD_MONTHS`, default 12) after "
    "the Convention entered into force for it. Nothing here is typed: a new Party (an accession "
    "recorded in the registry) appears as soon as the Convention is in force for it.",
)
def goq_list(request: HttpRequest, as_of: BoundedDate | None = None) -> list[dict[str, Any]]:
    return [presenters.goq_obligation(o) for o in selectors.goq_obligations(as_of=as_of)]


@router.post(
    "/general-overview/{state}/slots",
    response={201: list[ReplyOut], **ERRORS},
    auth=API_AUTH,
    summary="Create a Party's General Overview reply slots (idempotent)",
    description="Done automatically when a delegate first opens the questionnaire; the "
    "secretariat, or the Party's delegates and coordinator, may ask for it.",
)
def goq_slots(request: HttpRequest, state: str) -> Status:
    user = _user(request)
    code = state.upper()
    if not (
        allowed(user, "monitoring.manage")
        or allowed(user, "monitoring.draft_reply", state_code=code)
    ):
        raise Forbidden(str(REGISTRY["monitoring.draft_reply"].refusal))
    replies = services.goq_slots_materialise(state_code=code, actor=_actor(request))
    return Status(
        201, [presenters.reply(r, timing=selectors.reply_timeliness(r)) for r in _reloaded(replies)]
    )


def _reloaded(replies: list[Any]) -> list[Any]:
    return list(
        Reply.objects.filter(pk__in=[r.pk for r in replies])
        .select_related("question__questionnaire__round", "state")
        .order_by("question__position")
    )


# -- replies ------------------------------------------------------------------------------------


@router.get(
    "/replies",
    response={200: list[ReplyOut], **READ_ERRORS},
    auth=READ_AUTH,
    summary="Replies the caller may read",
    description="Published replies for everyone; a Party's own drafts for its delegates and "
    "coordinator; submitted replies for rapporteurs; everything for the secretariat.",
    openapi_extra=OPTIONAL_SECURITY,
)
def reply_list(
    request: HttpRequest,
    round: str | None = None,
    state: str | None = None,
    status: str | None = None,
    article: int | None = None,
    include_demo: bool = True,
) -> list[dict[str, Any]]:
    replies = selectors.reply_list(
        user=_user(request),
        round_=_round(round) if round else None,
        state=state,
        status=status,
        article=article,
        include_demo=include_demo,
    )
    today = timezone.localdate()
    return [presenters.reply(r, timing=selectors.reply_timeliness(r, today=today)) for r in replies]


def _reply_for(request: HttpRequest, pk: int) -> Any:
    reply = selectors.reply_get(pk)
    if reply.status != "published" and not allowed(
        _user(request), "monitoring.view_reply", reply=reply
    ):
        raise NotFound(f"Unknown reply {pk!r}.")
    return reply


def _reply_detail(reply: Any) -> dict[str, Any]:
    articles = selectors.article_numbers(reply.question)
    return {
        **presenters.reply(reply, timing=selectors.reply_timeliness(reply)),
        "events": [presenters.reply_event(e) for e in selectors.reply_events(reply)],
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in selectors.attachments(reply)
        ],
        "reservations": [
            presenters.reservation(f) for f in selectors.reservations_for(reply.state_id, articles)
        ],
    }


@router.get(
    "/replies/{pk}",
    response={200: ReplyDetailOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="A reply with its steps, attachments and the Party's reservations on the articles",
    openapi_extra=OPTIONAL_SECURITY,
)
def reply_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _reply_detail(_reply_for(request, pk))


@router.post(
    "/replies",
    response={201: ReplyDetailOut, **ERRORS},
    auth=API_AUTH,
    summary="Save a Party's draft reply to a question (delegate or national coordinator)",
)
def reply_draft(request: HttpRequest, payload: ReplyIn) -> Status:
    question = selectors.question_get(payload.question)
    reply = services.reply_draft(
        actor=_actor(request),
        question=question,
        state_code=payload.state,
        text=payload.text,
        language=payload.language,
    )
    return Status(201, _reply_detail(selectors.reply_get(reply.pk)))


def _step(request: HttpRequest, pk: int, service: Any, **extra: Any) -> dict[str, Any]:
    reply = selectors.reply_get(pk)
    service(actor=_actor(request), reply=reply, **extra)
    return _reply_detail(selectors.reply_get(pk))


@router.post(
    "/replies/{pk}/validate",
    response={200: ReplyDetailOut, **ERRORS},
    auth=API_AUTH,
    summary="Validate a draft reply (national coordinator)",
)
def reply_validate(request: HttpRequest, pk: int, payload: StepIn) -> dict[str, Any]:
    return _step(request, pk, services.reply_validate, note=payload.note)


@router.post(
    "/replies/{pk}/return",
    response={200: ReplyDetailOut, **ERRORS},
    auth=API_AUTH,
    summary="Send a validated reply back to draft (national coordinator)",
)
def reply_return(request: HttpRequest, pk: int, payload: StepIn) -> dict[str, Any]:
    return _step(request, pk, services.reply_return, note=payload.note)


@router.post(
    "/replies/{pk}/submit",
    response={200: ReplyDetailOut, **ERRORS},
    auth=API_AUTH,
    summary="Submit a validated reply to the Committee (national coordinator)",
    description="A reply submitted after its due date is accepted and flagged `late`.",
)
def reply_submit(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _step(request, pk, services.reply_submit)


@router.post(
    "/replies/{pk}/publish",
    response={200: ReplyDetailOut, **ERRORS},
    auth=API_AUTH,
    summary="Publish a submitted reply (secretariat)",
)
def reply_publish(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _step(request, pk, services.reply_publish)


@router.post(
    "/replies/{pk}/attachments",
    response={201: ReplyDetailOut, **ERRORS},
    auth=API_AUTH,
    summary="Attach a PDF or DOCX file to a reply before it is submitted",
    description="At most 10 MB; the content is checked (a PDF must be one, a DOCX must be a "
    "Word document), not only the name.",
)
def attachment_add(request: HttpRequest, pk: int, file: UploadedFile = File(...)) -> Status:  # noqa: B008
    reply = selectors.reply_get(pk)
    services.attachment_add(actor=_actor(request), reply=reply, upload=file)
    return Status(201, _reply_detail(selectors.reply_get(pk)))


# -- contributions, rapporteurs, observations -------------------------------------------------


@router.get(
    "/contributions",
    response={200: list[ContributionOut], **READ_ERRORS},
    auth=READ_AUTH,
    by_alias=True,
    summary="Contributions the caller may read",
    description="Published contributions for everyone; an observer also sees its own "
    "organisation's; the secretariat and rapporteurs see all. Children's contributions carry "
    "their safeguards (age band, consent) and never a name.",
    openapi_extra=OPTIONAL_SECURITY,
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
        user=_user(request),
        round_=_round(round) if round else None,
        source=source,
        state=state,
        question=question,
        include_demo=include_demo,
    )
    secretariat = allowed(_user(request), "monitoring.manage")
    return [presenters.contribution(c, secretariat=secretariat) for c in items]


def _organisation(slug: str | None) -> Any:
    if not slug:
        return None
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise NotFound(f"Unknown organisation {slug!r}.")
    return found


@router.post(
    "/contributions",
    response={201: ContributionOut, **ERRORS},
    auth=API_AUTH,
    by_alias=True,
    summary="Send a contribution (an observer for its organisation; the secretariat for NHRIs and stakeholders)",
)
def contribution_submit(request: HttpRequest, payload: ContributionIn) -> Status:
    contribution = services.contribution_submit(
        actor=_actor(request),
        round_=_round(payload.round),
        source=payload.source,
        text=payload.text,
        language=payload.language,
        questions=payload.questions,
        states=payload.states,
        organisation=_organisation(payload.organisation),
        contributor=payload.contributor,
    )
    return Status(201, _contribution_out(request, contribution.pk))


@router.post(
    "/contributions/children",
    response={201: ContributionOut, **ERRORS},
    auth=API_AUTH,
    by_alias=True,
    summary="Record children's contribution with its safeguards",
    description="The consent (from whom, recorded when and by whom), an age band only, and the "
    "confirmation that the text is anonymised. Any name or personal field (`name`, "
    "`first_name`, `age`, `birth_date`, `school`…) is refused with 422.",
)
def contribution_children(request: HttpRequest, payload: ChildrenContributionIn) -> Status:
    data = payload.model_dump()
    consent_at = data.pop("consent_recorded_at")
    contribution = children.children_contribution_record(
        actor=_actor(request),
        round_=_round(data.pop("round")),
        consent_recorded_at=_datetime(consent_at) if consent_at else None,
        **data,
    )
    return Status(201, _contribution_out(request, contribution.pk))


def _contribution_out(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = _user(request)
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


@router.post(
    "/contributions/{pk}/publish",
    response={200: ContributionOut, **ERRORS},
    auth=API_AUTH,
    by_alias=True,
    summary="Publish a contribution (secretariat)",
)
def contribution_publish(request: HttpRequest, pk: int) -> dict[str, Any]:
    contribution = selectors.contribution_get(pk, user=_user(request))
    services.contribution_publish(actor=_actor(request), contribution=contribution)
    return _contribution_out(request, pk)


@router.post(
    "/contributions/{pk}/redact",
    response={200: ContributionOut, **ERRORS},
    auth=API_AUTH,
    by_alias=True,
    summary="Redact a children's contribution before publication (secretariat)",
    description="The text sent replaces the one shown; the text as received is kept and shown "
    "to the secretariat only. The new text is screened again and stays held if the screen "
    "still finds details that could identify a child.",
)
def contribution_redact(request: HttpRequest, pk: int, payload: RedactionIn) -> dict[str, Any]:
    contribution = selectors.contribution_get(pk, user=_user(request))
    children.children_contribution_redact(
        actor=_actor(request),
        contribution=contribution,
        text=payload.text,
        facilitator=payload.facilitator,
    )
    return _contribution_out(request, pk)


@router.post(
    "/contributions/{pk}/confirm-screening",
    response={200: ContributionOut, **ERRORS},
    auth=API_AUTH,
    by_alias=True,
    summary="Confirm that what the screen found does not identify a child (secretariat)",
)
def contribution_confirm_screening(
    request: HttpRequest, pk: int, payload: ScreeningConfirmationIn
) -> dict[str, Any]:
    contribution = selectors.contribution_get(pk, user=_user(request))
    children.children_contribution_confirm(
        actor=_actor(request), contribution=contribution, note=payload.note
    )
    return _contribution_out(request, pk)


@router.post(
    "/questions/{pk}/rapporteurs",
    response={201: RapporteurOut, **ERRORS},
    auth=API_AUTH,
    summary="Appoint a rapporteur on a question (secretariat)",
)
def rapporteur_assign(request: HttpRequest, pk: int, payload: RapporteurIn) -> Status:
    rapporteur = User.objects.filter(username=payload.username).first()
    if rapporteur is None:
        raise NotFound(f"No user named {payload.username!r}.")
    assignment = services.rapporteur_assign(
        actor=_actor(request),
        question=selectors.question_get(pk),
        rapporteur=rapporteur,
        assigned_on=payload.assigned_on,
        meeting=_meeting(payload.meeting),
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


@router.post(
    "/questions/{pk}/observations",
    response={201: ObservationOut, **ERRORS},
    auth=API_AUTH,
    summary="Write an observation on the replies to a question (appointed rapporteur)",
    description="On one Party's reply (`state`) or on all; a new observation on the same reply "
    "supersedes the previous one, which is kept.",
)
def observation_write(request: HttpRequest, pk: int, payload: ObservationIn) -> Status:
    observation = services.observation_write(
        actor=_actor(request),
        question=selectors.question_get(pk),
        text=payload.text,
        state_code=payload.state,
        language=payload.language,
    )
    return Status(201, presenters.observation(observation))


@router.get(
    "/questions/{pk}/observations",
    response={200: list[ObservationOut], **READ_ERRORS},
    summary="The current observations on a question",
)
def observation_list(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    return [
        presenters.observation(o) for o in selectors.observations_of(selectors.question_get(pk))
    ]


# -- reports, recommendations, follow-up, compliance -------------------------------------------


@router.get(
    "/reports",
    response={200: list[ReportSummaryOut], **READ_ERRORS},
    summary="Implementation and special reports",
)
def report_list(
    request: HttpRequest, round: str | None = None, include_demo: bool = True
) -> list[dict[str, Any]]:
    reports = selectors.report_list(
        round_=_round(round) if round else None, include_demo=include_demo
    )
    return [presenters.report_summary(r) for r in reports]


@router.get(
    "/reports/{slug}",
    response={200: ReportOut, **READ_ERRORS},
    summary="A report with its findings and recommendations",
)
def report_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    report = selectors.report_get(slug)
    views = selectors.recommendation_views(selectors.recommendation_list(report=report))
    return presenters.report(report, views=views)


@router.post(
    "/reports",
    response={201: ReportSummaryOut, **ERRORS},
    auth=API_AUTH,
    summary="Record an adopted report (secretariat)",
)
def report_create(request: HttpRequest, payload: ReportIn) -> Status:
    data = payload.dict()
    report = services.report_create(
        actor=_actor(request),
        round_=_round(data.pop("round")),
        adopted=_known(data.pop("adopted"), "adopted"),
        meeting=_meeting(data.pop("meeting")),
        **data,
    )
    return Status(201, presenters.report_summary(report))


@router.post(
    "/reports/{slug}/findings",
    response={201: FindingOut, **ERRORS},
    auth=API_AUTH,
    summary="Add a finding to a report (secretariat)",
)
def finding_add(request: HttpRequest, slug: str, payload: FindingIn) -> Status:
    finding = services.finding_add(
        actor=_actor(request), report=selectors.report_get(slug), **payload.dict()
    )
    return Status(201, presenters.finding(finding))


@router.post(
    "/reports/{slug}/recommendations",
    response={201: RecommendationOut, **ERRORS},
    auth=API_AUTH,
    summary="Add a recommendation to a report (secretariat)",
    description="`strength` must be a term of the round's vocabulary; without `addressees` it "
    "is addressed to every Party in the round's scope.",
)
def recommendation_add(request: HttpRequest, slug: str, payload: RecommendationIn) -> Status:
    recommendation = services.recommendation_add(
        actor=_actor(request), report=selectors.report_get(slug), **payload.dict()
    )
    return Status(201, _recommendation(recommendation.pk))


def _recommendation(pk: int) -> dict[str, Any]:
    return presenters.recommendation(
        selectors.recommendation_views([selectors.recommendation_get(pk)])[0]
    )


@router.get(
    "/recommendations",
    response={200: list[RecommendationSummaryOut], **READ_ERRORS},
    summary="Recommendations, with compliance counts",
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
        round_=_round(round) if round else None,
        state=state,
        strength=strength,
        article=article,
        include_demo=include_demo,
    )
    return [presenters.recommendation_summary(v) for v in selectors.recommendation_views(found)]


@router.get(
    "/recommendations/{pk}",
    response={200: RecommendationOut, **READ_ERRORS},
    summary="A recommendation: each addressee's compliance, its full history and follow-up",
)
def recommendation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _recommendation(pk)


@router.put(
    "/recommendations/{pk}/projects",
    response={200: RecommendationOut, **ERRORS},
    auth=API_AUTH,
    summary="Name the co-operation projects that respond to a recommendation (secretariat)",
)
def recommendation_projects(request: HttpRequest, pk: int, projects: list[str]) -> dict[str, Any]:
    found = list(Project.objects.filter(slug__in=projects))
    missing = sorted(set(projects) - {p.slug for p in found})
    if missing:
        raise NotFound(f"Unknown projects: {', '.join(missing)}.")
    services.recommendation_link_projects(
        actor=_actor(request), recommendation=selectors.recommendation_get(pk), projects=found
    )
    return _recommendation(pk)


@router.post(
    "/recommendations/{pk}/follow-ups",
    response={201: FollowUpOut, **ERRORS},
    auth=API_AUTH,
    summary="Submit follow-up information (a Party it addresses; or the secretariat)",
)
def follow_up_submit(request: HttpRequest, pk: int, payload: FollowUpIn) -> Status:
    follow_up = services.follow_up_submit(
        actor=_actor(request),
        recommendation=selectors.recommendation_get(pk),
        state_code=payload.state,
        text=payload.text,
        language=payload.language,
    )
    return Status(201, presenters.follow_up(follow_up))


@router.post(
    "/recommendations/{pk}/assessments",
    response={201: ComplianceAssessmentOut, **ERRORS},
    auth=API_AUTH,
    summary="Record the Committee's compliance assessment for one Party (secretariat)",
    description="Every assessment is kept (append-only); the current compliance is the latest.",
)
def compliance_assess(request: HttpRequest, pk: int, payload: ComplianceAssessmentIn) -> Status:
    supersedes = (
        ComplianceAssessment.objects.filter(pk=payload.supersedes).first()
        if payload.supersedes
        else None
    )
    assessment = services.compliance_assess(
        actor=_actor(request),
        recommendation=selectors.recommendation_get(pk),
        state_code=payload.state,
        status=payload.status,
        assessed_on=payload.assessed_on,
        meeting=_meeting(payload.meeting),
        note_en=payload.note_en,
        note_fr=payload.note_fr,
        supersedes=supersedes,
    )
    return Status(201, presenters.assessment(assessment))


@router.get(
    "/compliance",
    response={200: list[ComplianceRowOut], **READ_ERRORS},
    summary="Compliance per recommendation and Party",
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
        round_=_round(round) if round else None, state=state, include_demo=include_demo
    )
    rows = presenters.compliance_rows(selectors.recommendation_views(found, state=state))
    return [r for r in rows if not status or r["compliance"] == status]


@router.get(
    "/states/{code}",
    response={200: StateDashboardOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="A State's monitoring dashboard",
    openapi_extra=OPTIONAL_SECURITY,
)
def state_dashboard(request: HttpRequest, code: str, include_demo: bool = True) -> dict[str, Any]:
    state = registry.state_get(code)
    return presenters.state_dashboard(
        selectors.state_dashboard(state, user=_user(request), include_demo=include_demo)
    )


# -- search and imports --------------------------------------------------------------------------


@router.get(
    "/search",
    response={200: SearchOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="Full-text search over questions, replies, contributions and recommendations",
    description='English and French, accents ignored. Words must all match; "a phrase"; '
    "`or`; `-word` excludes. Facets: `round` (slug), `kind`, `state`, `article`, `strength`, "
    "`compliance`. Unpublished records are searched only for the secretariat. Demonstration "
    "records are searched instead of real ones with `demo=true`, never mixed.",
    openapi_extra=OPTIONAL_SECURITY,
)
def search(
    request: HttpRequest,
    q: str = "",
    round: str | None = None,
    kind: str | None = None,
    state: str | None = None,
    article: int | None = None,
    strength: str | None = None,
    compliance: str | None = None,
    demo: bool = False,
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    rounds = {r.pk: r for r in selectors.round_list()}
    by_slug = {r.slug: r.pk for r in rounds.values()}
    if round and round not in by_slug:
        raise NotFound(f"Unknown monitoring round {round!r}.")
    facets = SearchFacets(
        round=by_slug.get(round) if round else None,
        kind=kind,
        state=state,
        article=article,
        strength=strength,
        compliance=compliance,
        public_only=not allowed(_user(request), "monitoring.manage"),
        demo=demo,
    )
    return presenters.search_result(
        run_search(q, facets=facets, limit=limit, offset=offset), rounds=rounds
    )


@router.post(
    "/imports/{kind}",
    # 422: the rows with their problems, or the request itself refused (no file, a bad kind).
    response={200: ImportOut, 201: ImportOut, **ERRORS, 413: ErrorOut, 422: ImportOut | ErrorOut},
    auth=API_AUTH,
    summary="Import replies or recommendations from CSV or XLSX (secretariat)",
    description="Every row is checked; the answer lists every bad row with its line and "
    "reason. Nothing is written unless every row is clean; `dry_run=true` only checks. "
    "Answers 201 when rows were written, 200 for a clean dry run, 422 when any row is wrong.",
)
def import_file(
    request: HttpRequest,
    kind: str,
    file: UploadedFile = File(...),  # noqa: B008
    dry_run: bool = False,
) -> Status:
    if kind not in imports.COLUMNS:
        raise NotFound(f"Unknown import {kind!r}; use replies or recommendations.")
    # Who may import, and how large the file is, before a byte of it is read.
    require(_user(request), "monitoring.manage")
    imports.check_size(file.size)
    content = file.read()
    if dry_run:
        preview = imports.preview(kind=kind, filename=file.name or "", content=content)
        return Status(200 if preview.clean else 422, {**preview.as_dict(), "imported": 0})
    preview, written = imports.import_file(
        user=_user(request), kind=kind, filename=file.name or "", content=content
    )
    return Status(201 if written else 422, {**preview.as_dict(), "imported": written})
