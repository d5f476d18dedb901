"""Reads of replies, who may see which, and the Parties x questions matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from lanzarote.core.permissions import has_role
from lanzarote.core.records.reading import one
from lanzarote.core.roles import Role
from lanzarote.monitoring.models import (
    Attachment,
    Observation,
    Question,
    Questionnaire,
    Reminder,
    Reply,
    ReplyEvent,
    Round,
)
from lanzarote.monitoring.rules import (
    ReplyStatus,
    Timeliness,
    timeliness,
)
from lanzarote.monitoring.selectors.questionnaires import current_questionnaire
from lanzarote.monitoring.selectors.rounds import (
    ReservationFact,
    RoundScope,
    reservations_for,
    reservations_index,
    round_scope,
)
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State


def reply_get(pk: int | str) -> Reply:
    return one(
        Reply.objects.select_related("question__questionnaire__round", "state").prefetch_related(
            "question__articles", "attachments"
        ),
        missing=f"Unknown reply {pk!r}.",
        pk=pk,
    )


def reply_events(reply: Reply) -> list[ReplyEvent]:
    return list(ReplyEvent.objects.filter(reply=reply).order_by("at", "id"))


def reply_timeliness(reply: Reply, *, today: date | None = None) -> Timeliness:
    return timeliness(
        status=ReplyStatus(reply.status),
        due=reply.due_on,
        submitted_on=timezone.localdate(reply.submitted_at) if reply.submitted_at else None,
        today=today or timezone.localdate(),
    )


def replies_for_state(state_code: str, questionnaire: Questionnaire) -> dict[int, Reply]:
    return {
        r.question_id: r
        for r in Reply.objects.filter(question__questionnaire=questionnaire, state_id=state_code)
    }


def visible_replies(user: Any, queryset: QuerySet[Reply]) -> QuerySet[Reply]:
    """The replies `user` may read (see permission `monitoring.view_reply`)."""
    if has_role(user, Role.SECRETARIAT):
        return queryset
    condition = Q(status=ReplyStatus.PUBLISHED)
    if has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR):
        condition |= Q(state_id=user.state_id)
    if has_role(user, Role.RAPPORTEUR):
        condition |= Q(status=ReplyStatus.SUBMITTED)
    return queryset.filter(condition)


def reply_list(
    *,
    user: Any,
    round_: Round | None = None,
    questionnaire: Questionnaire | None = None,
    state: str | None = None,
    status: str | None = None,
    article: int | None = None,
    include_demo: bool = True,
) -> list[Reply]:
    replies = Reply.objects.select_related("question__questionnaire__round", "state").exclude(
        status=ReplyStatus.NONE
    )
    if round_ is not None:
        replies = replies.filter(question__questionnaire__round=round_)
    if questionnaire is not None:
        replies = replies.filter(question__questionnaire=questionnaire)
    if state:
        replies = replies.filter(state_id=state.upper())
    if status:
        replies = replies.filter(status=status)
    if article is not None:
        replies = replies.filter(question__articles__number=article)
    if not include_demo:
        replies = replies.filter(is_demo=False)
    return list(
        visible_replies(user, replies).order_by(
            "question__questionnaire_id", "question__position", "state__name_en"
        )
    )


# -- the Parties × questions matrix ---------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    question: Question
    reply: Reply | None
    status: str  # as the viewer may see it
    excerpt: str
    late: bool
    missing: bool
    observation: Observation | None
    reservations: tuple[ReservationFact, ...]


@dataclass(frozen=True)
class MatrixRow:
    state: State
    basis: str
    cells: tuple[MatrixCell, ...]

    @property
    def received(self) -> int:
        return sum(
            1 for c in self.cells if c.status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED)
        )

    @property
    def late(self) -> int:
        return sum(1 for c in self.cells if c.late)

    @property
    def missing(self) -> int:
        return sum(1 for c in self.cells if c.missing)


@dataclass(frozen=True)
class Matrix:
    round: Round
    questionnaire: Questionnaire | None
    questions: list[Question]
    rows: list[MatrixRow]
    scope: RoundScope
    today: date
    filters: dict[str, Any] = field(default_factory=dict)
    # Observations on the replies of all the Parties to a question, by question id.
    general_observations: dict[int, Observation] = field(default_factory=dict)

    @property
    def is_demo(self) -> bool:
        return bool(self.questionnaire and self.questionnaire.is_demo)


HIDDEN = "not_submitted"  # a Party's drafts are its own business until submitted


def _shown_status(reply: Reply | None, user: Any, *, may_see_drafts: set[str]) -> str:
    if reply is None:
        return ReplyStatus.NONE.value
    if reply.status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
        return reply.status
    if reply.state_id in may_see_drafts:
        return reply.status
    return HIDDEN if reply.status != ReplyStatus.NONE else ReplyStatus.NONE.value


def _excerpt(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def round_matrix(
    round_: Round,
    *,
    user: Any,
    questionnaire: Questionnaire | None = None,
    status: str | None = None,
    state: str | None = None,
    article: int | None = None,
    today: date | None = None,
) -> Matrix:
    """Parties in scope × the questionnaire's questions: each reply's status as the viewer may
    see it, an excerpt where they may read it, late/missing flags, the latest observation and the
    Party's reservations on the question's articles. A fixed number of queries."""
    today = today or timezone.localdate()
    questionnaire = questionnaire or current_questionnaire(round_)
    version = registry.registry_version()
    scope = round_scope(round_, version=version)
    # The questionnaire's questions come prefetched with their articles.
    questions: list[Question] = list(questionnaire.questions.all()) if questionnaire else []
    if article is not None:
        questions = [q for q in questions if article in {a.number for a in q.articles.all()}]
    entries = [e for e in scope.entries if not state or e.state.code == state.upper()]
    codes = [e.state.code for e in entries]
    replies: dict[tuple[int, str], Reply] = {}
    observations: dict[tuple[int, str | None], Observation] = {}
    if questions and codes:
        for found in Reply.objects.filter(question__in=questions, state_id__in=codes):
            replies[(found.question_id, found.state_id)] = found
        for observation in Observation.objects.filter(
            question__in=questions, superseded_by__isnull=True
        ).order_by("written_at", "id"):
            observations[(observation.question_id, observation.state_id)] = observation
    index = reservations_index(version=version)
    secretariat = has_role(user, Role.SECRETARIAT)
    rapporteur = has_role(user, Role.RAPPORTEUR)
    own = (
        getattr(user, "state_id", None)
        if has_role(user, Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR)
        else None
    )
    may_see_drafts = set(codes) if secretariat else ({own} if own else set())
    rows = []
    for entry in entries:
        cells = []
        for question in questions:
            reply = replies.get((question.pk, entry.state.code))
            shown = _shown_status(reply, user, may_see_drafts=may_see_drafts)
            readable = reply is not None and (
                reply.status == ReplyStatus.PUBLISHED
                or secretariat
                or entry.state.code == own
                or (rapporteur and reply.status == ReplyStatus.SUBMITTED)
            )
            due = reply.due_on if reply is not None else round_.replies_due
            timing = timeliness(
                status=ReplyStatus(reply.status) if reply is not None else ReplyStatus.NONE,
                due=due,
                submitted_on=timezone.localdate(reply.submitted_at)
                if reply is not None and reply.submitted_at
                else None,
                today=today,
            )
            cells.append(
                MatrixCell(
                    question=question,
                    reply=reply,
                    status=shown,
                    excerpt=_excerpt(reply.text) if readable and reply is not None else "",
                    late=timing.late,
                    missing=timing.missing,
                    observation=observations.get((question.pk, entry.state.code)),
                    reservations=tuple(
                        reservations_for(
                            entry.state.code,
                            (a.number for a in question.articles.all()),
                            index=index,
                        )
                    ),
                )
            )
        row = MatrixRow(state=entry.state, basis=entry.basis, cells=tuple(cells))
        if status and not any(_cell_matches(c, status) for c in row.cells):
            continue
        rows.append(row)
    return Matrix(
        round=round_,
        questionnaire=questionnaire,
        questions=questions,
        rows=rows,
        scope=scope,
        today=today,
        filters={"status": status, "state": state, "article": article},
        general_observations={
            q_id: item for (q_id, code), item in observations.items() if code is None
        },
    )


def _cell_matches(cell: MatrixCell, status: str) -> bool:
    if status == "late":
        return cell.late
    if status == "missing":
        return cell.missing
    return cell.status == status


def reminders(round_: Round) -> list[Reminder]:
    return list(
        Reminder.objects.filter(questionnaire__round=round_)
        .select_related("state")
        .order_by("-sent_at")
    )


def attachments(reply: Reply) -> list[Attachment]:
    return list(Attachment.objects.filter(reply=reply).order_by("uploaded_at", "id"))
