"""Writes on rapporteurs, their observations, reports, findings and recommendations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.records.inputs import one_of
from lanzarote.core.records.saving import authorise, record_save, snapshot
from lanzarote.core.roles import Role
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import (
    Finding,
    Observation,
    Question,
    RapporteurAssignment,
    Recommendation,
    Report,
    Round,
    StrengthLevel,
)
from lanzarote.monitoring.services._common import MANAGE, _articles, _language, _state, _text
from lanzarote.monitoring.services.contributions import _states_in_scope
from lanzarote.monitoring.services.search_index import index_recommendation
from lanzarote.treaty_law import KnownDate


@transaction.atomic
def rapporteur_assign(
    *,
    actor: Actor,
    question: Question,
    rapporteur: Any,
    assigned_on: date,
    meeting: Any = None,
) -> RapporteurAssignment:
    authorise(actor, MANAGE)
    if getattr(rapporteur, "role", "") != Role.RAPPORTEUR or not rapporteur.is_active:
        raise InvalidInput(
            f"{rapporteur.get_username()} does not hold the rapporteur role.", field="rapporteur"
        )
    try:
        with transaction.atomic():
            assignment = RapporteurAssignment.objects.create(
                question=question,
                rapporteur=rapporteur,
                assigned_on=assigned_on,
                meeting=meeting,
                assigned_by_label=actor.label,
            )
    except IntegrityError:
        raise Conflict(
            f"{rapporteur.get_username()} is already rapporteur on this question."
        ) from None
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_RAPPORTEUR_ASSIGN,
        target=assignment,
        changes=snapshot(assignment, ("question", "rapporteur", "assigned_on", "meeting")),
        summary=f"{rapporteur.get_username()} Q{question.number}",
    )
    return assignment


@transaction.atomic
def observation_write(
    *,
    actor: Actor,
    question: Question,
    text: str,
    state_code: str | None = None,
    language: str = "en",
    is_demo: bool = False,
) -> Observation:
    """A rapporteur's observation on the replies to a question (on one Party's, or on all); a
    new observation on the same reply supersedes the previous one, which is kept."""
    authorise(actor, "monitoring.observe", rapporteur_ids=selectors.rapporteur_ids(question))
    state = _state(state_code) if state_code else None
    previous = (
        Observation.objects.filter(question=question, state=state, superseded_by__isnull=True)
        .order_by("-written_at", "-id")
        .first()
    )
    observation = Observation.objects.create(
        question=question,
        state=state,
        text=_text(text, field="text"),
        language=_language(language),
        supersedes=previous,
        written_at=timezone.now(),
        author=actor.user,
        author_label=actor.label,
        is_demo=is_demo or question.questionnaire.is_demo,
    )
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_OBSERVATION_WRITE,
        target=observation,
        changes=snapshot(observation, ("question", "state", "language", "supersedes")),
        summary=f"Q{question.number} {state.code if state else 'all'}",
    )
    return observation


# -- reports and recommendations ---------------------------------------------------------------


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    round_: Round,
    slug: str,
    kind: str,
    title_en: str,
    title_fr: str,
    adopted: KnownDate,
    document_code: str = "",
    meeting: Any = None,
    date_confirmed: bool = True,
    date_is_publication: bool = False,
    url: str = "",
    summary_en: str = "",
    summary_fr: str = "",
    follow_up_due: date | None = None,
    is_demo: bool = False,
    sources: Sequence[dict[str, str]] = (),
    note_en: str = "",
    note_fr: str = "",
    reference_key: str = "",
) -> Report:
    authorise(actor, MANAGE)
    one_of(kind, Report.Kind.values, field="kind")
    if Report.objects.filter(slug=slug).exists():
        raise Conflict(f"A report {slug!r} already exists.", field="slug")
    if meeting is not None and adopted.value and not meeting.covers(adopted.value):
        raise InvalidInput(
            f"{adopted.value.isoformat()} is not a day of the {meeting.number}th meeting.",
            field="meeting",
        )
    return record_save(
        actor=actor,
        instance=Report(),
        values={
            "round": round_,
            "slug": slug,
            "kind": kind,
            "title_en": _text(title_en, field="title_en"),
            "title_fr": _text(title_fr, field="title_fr"),
            "document_code": document_code,
            "meeting": meeting,
            "date_confirmed": date_confirmed,
            "date_is_publication": date_is_publication,
            "url": url,
            "summary_en": summary_en,
            "summary_fr": summary_fr,
            "follow_up_due": follow_up_due,
            "is_demo": is_demo,
            "sources": list(sources),
            "note_en": note_en,
            "note_fr": note_fr,
            "reference_key": reference_key,
            **Report.known_date_values(adopted),
        },
        permission=MANAGE,
        action=AuditAction.MONITORING_REPORT_CREATE,
        summary=slug,
    )


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    report: Report,
    number: str,
    text_en: str,
    text_fr: str = "",
    articles: Iterable[int] = (),
) -> Finding:
    authorise(actor, MANAGE)
    if Finding.objects.filter(report=report, number=number).exists():
        raise Conflict(f"Finding {number} already exists in this report.", field="number")
    return record_save(
        actor=actor,
        instance=Finding(),
        values={
            "report": report,
            "number": _text(number, field="number"),
            "position": Finding.objects.filter(report=report).count() + 1,
            "text_en": _text(text_en, field="text_en"),
            "text_fr": text_fr,
        },
        relations={"articles": _articles(articles)},
        permission=MANAGE,
        action=AuditAction.MONITORING_FINDING_ADD,
        summary=number,
    )


def _strength(round_: Round, slug: str | None) -> StrengthLevel | None:
    if not slug:
        return None
    level = StrengthLevel.objects.filter(round=round_, slug=slug).first()
    if level is None:
        known = ", ".join(StrengthLevel.objects.filter(round=round_).values_list("slug", flat=True))
        raise InvalidInput(
            f"{slug!r} is not in the vocabulary of {round_.title_en} (known: {known or 'none'}).",
            field="strength",
        )
    return level


@transaction.atomic
def recommendation_add(
    *,
    actor: Actor,
    report: Report,
    number: str,
    text_en: str,
    text_fr: str = "",
    strength: str | None = None,
    addressees: Iterable[str] | None = None,
    articles: Iterable[int] = (),
    questions: Iterable[int] = (),
    follow_up_due: date | None = None,
    is_demo: bool = False,
) -> Recommendation:
    """A recommendation of a report, addressed to every Party in the round's scope (no
    `addressees`) or to the Parties named."""
    authorise(actor, MANAGE)
    number = _text(number, field="number")
    round_ = report.round
    if Recommendation.objects.filter(report=report, number=number).exists():
        raise Conflict(f"Recommendation {number} already exists in this report.", field="number")
    named = _states_in_scope(round_, addressees) if addressees is not None else []
    if addressees is not None and not named:
        raise InvalidInput(
            "Name at least one addressee, or address all the Parties.", field="addressees"
        )
    question_rows = list(
        Question.objects.filter(pk__in=list(questions)).select_related("questionnaire")
    )
    foreign = [q.pk for q in question_rows if q.questionnaire.round_id not in (round_.pk, None)]
    if foreign or len(question_rows) != len(set(questions)):
        raise InvalidInput("Link only questions of the report's round.", field="questions")
    recommendation = record_save(
        actor=actor,
        instance=Recommendation(),
        values={
            "report": report,
            "number": number,
            "position": Recommendation.objects.filter(report=report).count() + 1,
            "text_en": _text(text_en, field="text_en"),
            "text_fr": text_fr.strip(),
            "strength": _strength(round_, strength),
            "addressed_to_all": addressees is None,
            "follow_up_due": follow_up_due,
            "is_demo": is_demo or report.is_demo,
        },
        relations={
            "addressees": named,
            "articles": _articles(articles),
            "questions": question_rows,
        },
        permission=MANAGE,
        action=AuditAction.MONITORING_RECOMMENDATION_ADD,
        summary=f"{report.slug} {number}",
    )
    index_recommendation(recommendation)
    return recommendation


@transaction.atomic
def recommendation_link_projects(
    *, actor: Actor, recommendation: Recommendation, projects: Iterable[Any]
) -> Recommendation:
    """Name the co-operation projects (committee) that respond to the recommendation."""
    return record_save(
        actor=actor,
        instance=recommendation,
        values={},
        relations={"responding_projects": list(projects)},
        permission=MANAGE,
        action=AuditAction.MONITORING_RECOMMENDATION_PROJECTS,
        summary=lambda saved: ", ".join(sorted(p.slug for p in saved.responding_projects.all())),
    )
