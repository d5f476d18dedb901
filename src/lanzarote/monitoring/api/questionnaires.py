"""Monitoring endpoints: questionnaires and questions, and the General Overview Questionnaire's obligations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from lanzarote.committee.schemas.common import dump, dump_all
from lanzarote.core.dates import BoundedDate
from lanzarote.core.errors import Forbidden
from lanzarote.core.permissions import REGISTRY, allowed
from lanzarote.monitoring import presenters, selectors, services
from lanzarote.monitoring.api.common import (
    actor,
    endpoints,
    round_of,
    user_of,
)
from lanzarote.monitoring.schemas import (
    GoqObligationOut,
    QuestionDetailOut,
    QuestionIn,
    QuestionnaireIn,
    QuestionnaireOut,
    QuestionnaireSummaryOut,
    QuestionOut,
    ReplyOut,
)
from lanzarote.monitoring.selectors import desk as desk_reads

router = Router(tags=["monitoring"])
api = endpoints(router)


@api.read(
    "/questionnaires",
    list[QuestionnaireSummaryOut],
    "Questionnaires (General Overview and thematic), every version",
)
def questionnaire_list(request: HttpRequest, round: str | None = None) -> list[dict[str, Any]]:
    return dump_all(
        QuestionnaireSummaryOut, selectors.questionnaire_list(round_of(round) if round else None)
    )


@api.read("/questionnaires/{pk}", QuestionnaireOut, "A questionnaire and its numbered questions")
def questionnaire_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return presenters.questionnaire(selectors.questionnaire_get(pk))


@api.create(
    "/questionnaires",
    QuestionnaireSummaryOut,
    "Create a questionnaire, or the next version of one (secretariat)",
)
def questionnaire_create(request: HttpRequest, payload: QuestionnaireIn) -> Status:
    data = payload.dict()
    round_slug = data.pop("round")
    questionnaire = services.questionnaire_create(
        actor=actor(request), round_=round_of(round_slug) if round_slug else None, **data
    )
    return Status(201, dump(QuestionnaireSummaryOut, questionnaire))


@api.create(
    "/questionnaires/{pk}/questions",
    QuestionOut,
    "Add a question (or a sub-question) tied to articles (secretariat)",
)
def question_add(request: HttpRequest, pk: int, payload: QuestionIn) -> Status:
    question = services.question_add(
        actor=actor(request),
        questionnaire=selectors.questionnaire_get(pk),
        number=payload.number,
        text_en=payload.text_en,
        text_fr=payload.text_fr,
        articles=payload.articles,
        parent_number=payload.parent,
    )
    return Status(201, presenters.question(selectors.question_get(question.pk)))


@api.read(
    "/questions/{pk}",
    QuestionDetailOut,
    "A question, with the Parties' reservations and declarations on its articles",
)
def question_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    question = selectors.question_get(pk)
    articles = selectors.article_numbers(question)
    facts = selectors.reservations_on_articles(articles)
    return {
        **presenters.question(question),
        "questionnaire": dump(QuestionnaireSummaryOut, question.questionnaire),
        "reservations": [presenters.reservation(f) for fs in facts.values() for f in fs],
    }


@api.read(
    "/general-overview",
    list[GoqObligationOut],
    "General Overview Questionnaire obligations, derived from the registry",
    description="Every Party on `as_of` (default today) owes the General Overview Questionnaire "
    "a configured number of months (setting `LANZAROTE_GOQ_PERIOD_MONTHS`, default 12) after "
    "the Convention entered into force for it. Nothing here is typed: a new Party (an accession "
    "recorded in the registry) appears as soon as the Convention is in force for it.",
)
def goq_list(request: HttpRequest, as_of: BoundedDate | None = None) -> list[dict[str, Any]]:
    return [presenters.goq_obligation(o) for o in selectors.goq_obligations(as_of=as_of)]


@api.create(
    "/general-overview/{state}/slots",
    list[ReplyOut],
    "Create a Party's General Overview reply slots (idempotent)",
    description="Done automatically when a delegate first opens the questionnaire; the "
    "secretariat, or the Party's delegates and coordinator, may ask for it.",
)
def goq_slots(request: HttpRequest, state: str) -> Status:
    user = user_of(request)
    code = state.upper()
    if not (
        allowed(user, "monitoring.manage")
        or allowed(user, "monitoring.draft_reply", state_code=code)
    ):
        raise Forbidden(str(REGISTRY["monitoring.draft_reply"].refusal))
    replies = services.goq_slots_materialise(state_code=code, actor=actor(request))
    return Status(
        201, [presenters.reply(r, timing=selectors.reply_timeliness(r)) for r in _reloaded(replies)]
    )


def _reloaded(replies: list[Any]) -> list[Any]:
    return desk_reads.replies_reloaded([r.pk for r in replies])
