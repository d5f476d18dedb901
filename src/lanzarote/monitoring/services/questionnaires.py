"""Writes on questionnaires and their questions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max

from lanzarote.core.audit import Actor, AuditAction
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.records.inputs import one_of
from lanzarote.core.records.saving import authorise, record_save
from lanzarote.monitoring.models import (
    Question,
    Questionnaire,
    Reply,
    Round,
)
from lanzarote.monitoring.rules import (
    ReplyStatus,
)
from lanzarote.monitoring.services._common import MANAGE, _articles, _text
from lanzarote.monitoring.services.search_index import index_question


@transaction.atomic
def questionnaire_create(
    *,
    actor: Actor,
    kind: str,
    title_en: str,
    title_fr: str,
    round_: Round | None = None,
    adopted_on: date | None = None,
    is_demo: bool = False,
    note_en: str = "",
    note_fr: str = "",
    reference_key: str = "",
) -> Questionnaire:
    """A new questionnaire, or a new version of the round's (or of the General Overview)."""
    authorise(actor, MANAGE)
    one_of(kind, Questionnaire.Kind.values, field="kind")
    if kind == Questionnaire.Kind.THEMATIC and round_ is None:
        raise InvalidInput("A thematic questionnaire belongs to a round.", field="round")
    if kind == Questionnaire.Kind.GENERAL_OVERVIEW and round_ is not None:
        raise InvalidInput("The General Overview Questionnaire belongs to no round.", field="round")
    latest = Questionnaire.objects.filter(kind=kind, round=round_).aggregate(v=Max("version"))["v"]
    return record_save(
        actor=actor,
        instance=Questionnaire(),
        values={
            "kind": kind,
            "round": round_,
            "version": (latest or 0) + 1,
            "title_en": _text(title_en, field="title_en"),
            "title_fr": _text(title_fr, field="title_fr"),
            "adopted_on": adopted_on,
            "is_demo": is_demo,
            "note_en": note_en,
            "note_fr": note_fr,
            "reference_key": reference_key,
        },
        permission=MANAGE,
        action=AuditAction.MONITORING_QUESTIONNAIRE_CREATE,
        summary=lambda saved: f"{saved.title_en} v{saved.version}",
    )


@transaction.atomic
def question_add(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    number: str,
    text_en: str,
    text_fr: str,
    articles: Iterable[int] = (),
    parent_number: str | None = None,
    position: int | None = None,
) -> Question:
    authorise(actor, MANAGE)
    number = _text(number, field="number")
    if (
        Reply.objects.filter(question__questionnaire=questionnaire)
        .exclude(status=ReplyStatus.NONE)
        .exists()
    ):
        raise Conflict(
            "Parties have started replying to this questionnaire; add the question to a new version.",
            field="questionnaire",
        )
    parent = None
    if parent_number:
        parent = Question.objects.filter(questionnaire=questionnaire, number=parent_number).first()
        if parent is None:
            raise InvalidInput(
                f"No question {parent_number!r} to attach a sub-question to.", field="parent"
            )
    if Question.objects.filter(questionnaire=questionnaire, number=number).exists():
        raise Conflict(f"Question {number} already exists in this questionnaire.", field="number")
    if position is None:
        position = (
            Question.objects.filter(questionnaire=questionnaire).aggregate(m=Max("position"))["m"]
            or 0
        ) + 1
    question = record_save(
        actor=actor,
        instance=Question(),
        values={
            "questionnaire": questionnaire,
            "parent": parent,
            "number": number,
            "position": position,
            "text_en": _text(text_en, field="text_en"),
            "text_fr": _text(text_fr, field="text_fr"),
        },
        relations={"articles": _articles(articles)},
        permission=MANAGE,
        action=AuditAction.MONITORING_QUESTION_ADD,
        summary=f"Q{number}",
    )
    index_question(question)
    return question
