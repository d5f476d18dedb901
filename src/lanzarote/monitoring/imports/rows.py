"""Checking each row of an import file, then writing the clean rows through the services."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.monitoring import selectors, services
from lanzarote.monitoring.imports.files import (
    _ISO_DATE,
    _SPLIT,
    _WHOLE_NUMBER,
    COLUMN_LIMITS,
    COLUMNS,
    MAX_ROWS,
    Preview,
    RowProblem,
    Unreadable,
    _grouped,
    read_table,
)
from lanzarote.monitoring.models import (
    ImportDraft,
    Question,
    Questionnaire,
    Recommendation,
    Reply,
    ReplyEvent,
    Report,
    Round,
    StrengthLevel,
)
from lanzarote.monitoring.rules import ReplyStatus
from lanzarote.registry.models import State, Treaty
from lanzarote.treaty_law import CONVENTION


def preview(*, kind: str, filename: str, content: bytes) -> Preview:
    if kind not in COLUMNS:
        raise InvalidInput(
            f"Unknown import {kind!r}; use replies or recommendations.", field="kind"
        )
    try:
        header, body = read_table(filename, content)
    except Unreadable as unreadable:
        return Preview(
            kind=kind, filename=filename, problems=[RowProblem(unreadable.line, unreadable.reason)]
        )
    result = Preview(kind=kind, filename=filename, total=len(body))
    required, optional = COLUMNS[kind]
    missing = [c for c in required if c not in header]
    unknown = [c[:40] for c in header if c and c not in required and c not in optional]
    twice = sorted({c for c in header if c and header.count(c) > 1})
    if missing:
        result.problems.append(RowProblem(1, f"Missing columns: {', '.join(missing)}."))
    if unknown:
        result.problems.append(RowProblem(1, f"Unknown columns: {', '.join(unknown)}."))
    if twice:
        result.problems.append(
            RowProblem(1, _("Columns named twice: %(columns)s.") % {"columns": ", ".join(twice)})
        )
    if len(body) > MAX_ROWS:
        result.problems.append(RowProblem(1, f"More than {MAX_ROWS} rows; split the file."))
    if missing or len(body) > MAX_ROWS:
        return result
    if not body:
        result.problems.append(RowProblem(1, "The file has no rows under its header."))
        return result
    check = _check_reply if kind == "replies" else _check_recommendation
    context = _Context()
    for line, row in body:
        try:
            _check_lengths(row)
            result.rows.append({"line": line, **check(row, context, line)})
        except _Bad as bad:
            result.problems.append(RowProblem(line, bad.reason, bad.column))
    return result


def _check_lengths(row: dict[str, str]) -> None:
    for column, value in row.items():
        limit = COLUMN_LIMITS.get(column)
        if limit is not None and len(value) > limit:
            raise _Bad(
                _("%(column)s is too long (%(count)s characters; at most %(limit)s).")
                % {"column": column, "count": _grouped(len(value)), "limit": _grouped(limit)},
                column,
            )


class _Bad(Exception):
    def __init__(self, reason: str, column: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.column = column


class _Context:
    """Lookups shared by the rows of one file (each table read once), and the keys seen so far
    so a file cannot say the same thing twice."""

    def __init__(self) -> None:
        self.rounds = {r.slug: r for r in Round.objects.all()}
        self.states = {s.code: s for s in State.objects.all()}
        self.reports = {r.slug: r for r in Report.objects.select_related("round")}
        self.questionnaires: dict[tuple[int, int | None], Questionnaire | None] = {}
        self.questions: dict[int, dict[str, Question]] = {}
        self.scopes: dict[int, frozenset[str]] = {}
        self.strengths: dict[int, set[str]] = {}
        self.seen: dict[tuple[Any, ...], int] = {}
        self.opened: date | None = (
            Treaty.objects.filter(slug=CONVENTION)
            .values_list("opened_for_signature", flat=True)
            .first()
        )

    def questionnaire(self, round_: Round, version: int | None) -> Questionnaire | None:
        key = (round_.pk, version)
        if key not in self.questionnaires:
            found = Questionnaire.objects.filter(round=round_, kind=Questionnaire.Kind.THEMATIC)
            if version is not None:
                found = found.filter(version=version)
            self.questionnaires[key] = found.order_by("-version").first()
        return self.questionnaires[key]

    def question(self, questionnaire: Questionnaire, number: str) -> Question | None:
        if questionnaire.pk not in self.questions:
            self.questions[questionnaire.pk] = {
                q.number: q for q in Question.objects.filter(questionnaire=questionnaire)
            }
        return self.questions[questionnaire.pk].get(number)

    def scope(self, round_: Round) -> frozenset[str]:
        if round_.pk not in self.scopes:
            self.scopes[round_.pk] = selectors.round_scope(round_).codes
        return self.scopes[round_.pk]

    def strength_slugs(self, round_: Round) -> set[str]:
        if round_.pk not in self.strengths:
            self.strengths[round_.pk] = set(
                StrengthLevel.objects.filter(round=round_).values_list("slug", flat=True)
            )
        return self.strengths[round_.pk]


def _date(text: str, column: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise _Bad(f"{column} must be a date (YYYY-MM-DD); got {text!r}.", column) from None


def _whole_number(text: str, column: str) -> int:
    if not _WHOLE_NUMBER.fullmatch(text):
        raise _Bad(
            _("%(column)s must be a whole number written with the digits 0 to 9; got %(value)r.")
            % {"column": column, "value": text},
            column,
        )
    return int(text)


def _check_reply(row: dict[str, str], context: _Context, line: int) -> dict[str, Any]:
    round_ = context.rounds.get(row["round"])
    if round_ is None:
        raise _Bad(f"Unknown round {row['round']!r}.", "round")
    version_text = row.get("questionnaire_version", "")
    version = None
    if version_text:
        version = _whole_number(version_text, "questionnaire_version")
    questionnaire = context.questionnaire(round_, version)
    if questionnaire is None:
        raise _Bad(
            f"{round_.title_en} has no questionnaire{f' version {version}' if version else ''}.",
            "questionnaire_version",
        )
    question = context.question(questionnaire, row["question"])
    if question is None:
        raise _Bad(
            f"No question {row['question']!r} in {questionnaire.title_en} v{questionnaire.version}.",
            "question",
        )
    code = row["state"].upper()
    if code not in context.states:
        raise _Bad(f"Unknown State code {row['state']!r}.", "state")
    if code not in context.scope(round_):
        raise _Bad(
            f"{context.states[code].name_en} is not in the scope of {round_.title_en}.", "state"
        )
    text = row["text"].strip()
    if not text:
        raise _Bad("The reply is empty.", "text")
    language = (row.get("language") or "en").lower()
    if language not in ("en", "fr"):
        raise _Bad(f"language must be en or fr; got {language!r}.", "language")
    status = (row.get("status") or ReplyStatus.SUBMITTED.value).lower()
    if status not in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
        raise _Bad(f"status must be submitted or published; got {status!r}.", "status")
    submitted = _date(row["submitted_on"], "submitted_on") if row.get("submitted_on") else None
    if submitted and submitted > timezone.localdate():
        raise _Bad("submitted_on is in the future.", "submitted_on")
    if submitted and context.opened and submitted < context.opened:
        raise _Bad(
            _("submitted_on is before the Convention was opened for signature (%(date)s).")
            % {"date": context.opened.isoformat()},
            "submitted_on",
        )
    key = ("reply", question.pk, code)
    if key in context.seen:
        raise _Bad(f"The same reply is already on line {context.seen[key]}.", "question")
    context.seen[key] = line
    existing = (
        Reply.objects.filter(question=question, state_id=code)
        .values_list("status", flat=True)
        .first()
    )
    if existing in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
        raise _Bad(
            f"{code} has already submitted a reply to question {question.number}.", "question"
        )
    return {
        "question": question.pk,
        "question_number": question.number,
        "round": round_.slug,
        "state": code,
        "text": text,
        "language": language,
        "status": status,
        "submitted_on": submitted.isoformat() if submitted else None,
    }


def _codes(text: str) -> list[str]:
    return [part.upper() for part in _SPLIT.split(text.strip()) if part]


def _check_recommendation(row: dict[str, str], context: _Context, line: int) -> dict[str, Any]:
    report = context.reports.get(row["report"])
    if report is None:
        raise _Bad(f"Unknown report {row['report']!r}.", "report")
    number = row["number"].strip()
    if not number:
        raise _Bad("The recommendation's number is empty.", "number")
    if not row["text_en"].strip():
        raise _Bad("text_en is empty.", "text_en")
    key = ("recommendation", report.pk, number)
    if key in context.seen:
        raise _Bad(f"Recommendation {number} is already on line {context.seen[key]}.", "number")
    if Recommendation.objects.filter(report=report, number=number).exists():
        raise _Bad(f"Recommendation {number} already exists in {report.slug}.", "number")
    strength = (row.get("strength") or "").strip()
    if strength and strength not in context.strength_slugs(report.round):
        known = ", ".join(sorted(context.strength_slugs(report.round))) or "none"
        raise _Bad(
            f"{strength!r} is not in the vocabulary of {report.round.title_en} (known: {known}).",
            "strength",
        )
    addressees_text = (row.get("addressees") or "all").strip()
    addressees: list[str] | None = None
    if addressees_text.lower() != "all":
        addressees = _codes(addressees_text)
        unknown = [c for c in addressees if c not in context.states]
        if unknown:
            raise _Bad(f"Unknown State codes: {', '.join(unknown)}.", "addressees")
        outside = [c for c in addressees if c not in context.scope(report.round)]
        if outside:
            raise _Bad(
                f"Not in the scope of {report.round.title_en}: {', '.join(outside)}.", "addressees"
            )
    articles = []
    for part in _codes(row.get("articles") or ""):
        article = _whole_number(part, "articles")
        if not 1 <= article <= 50:
            raise _Bad(f"{part!r} is not an article of the Convention (1–50).", "articles")
        articles.append(article)
    questions = []
    numbers = _codes(row.get("questions") or "")
    if numbers:
        questionnaire = context.questionnaire(report.round, None)
        if questionnaire is None:
            raise _Bad(
                f"{report.round.title_en} has no questionnaire to link questions to.", "questions"
            )
        for part in numbers:
            found = context.question(questionnaire, part)
            if found is None:
                raise _Bad(f"No question {part!r} in {questionnaire.title_en}.", "questions")
            questions.append(found.pk)
    context.seen[key] = line
    return {
        "report": report.slug,
        "number": number,
        "text_en": row["text_en"].strip(),
        "text_fr": (row.get("text_fr") or "").strip(),
        "strength": strength or None,
        "addressees": addressees,
        "articles": articles,
        "questions": questions,
    }


# -- writing -----------------------------------------------------------------------------------


def import_preview(
    *, user: Any, kind: str, filename: str, content: bytes
) -> tuple[Preview, ImportDraft | None]:
    """Check the file; when it is clean keep its rows for confirmation (nothing else is written)."""
    require(user, "monitoring.manage")
    result = preview(kind=kind, filename=filename, content=content)
    draft = None
    if result.clean:
        draft = ImportDraft.objects.create(
            token=secrets.token_urlsafe(24),
            kind=kind,
            rows=result.rows,
            filename=filename[:200],
            created_by=user,
        )
    return result, draft


@transaction.atomic
def import_confirm(*, user: Any, token: str) -> int:
    require(user, "monitoring.manage")
    draft = ImportDraft.objects.select_for_update().filter(token=token, created_by=user).first()
    if draft is None:
        raise InvalidInput("This import is unknown or belongs to someone else.", field="token")
    if draft.used_at is not None:
        raise Conflict("This file has already been imported.")
    count = _write(user=user, kind=draft.kind, rows=draft.rows, filename=draft.filename)
    draft.used_at = timezone.now()
    draft.save(update_fields=["used_at"])
    return count


@transaction.atomic
def import_file(*, user: Any, kind: str, filename: str, content: bytes) -> tuple[Preview, int]:
    """Check and, only if every row is clean, write them all (the API's one-step import)."""
    require(user, "monitoring.manage")
    result = preview(kind=kind, filename=filename, content=content)
    if not result.clean:
        return result, 0
    return result, _write(user=user, kind=kind, rows=result.rows, filename=filename)


# Each row is audited by the service that writes it; the import as a whole once more.
IMPORT_ACTIONS = {
    "replies": AuditAction.MONITORING_IMPORT_REPLIES,
    "recommendations": AuditAction.MONITORING_IMPORT_RECOMMENDATIONS,
}


def _write(*, user: Any, kind: str, rows: list[dict[str, Any]], filename: str) -> int:
    # Re-check against the database as it is now: rows were clean when previewed.
    actor = Actor(user=user)
    label = f"{actor.label} (import {filename})"
    importer = Actor(user=user, label=label)
    for row in rows:
        if kind == "replies":
            _write_reply(importer, row)
        else:
            _write_recommendation(importer, row)
    audit_record(
        actor=actor,
        action=IMPORT_ACTIONS[kind],
        target=user,
        summary=f"{len(rows)} rows from {filename}",
        payload={"file": filename, "rows": len(rows)},
    )
    return len(rows)


def _write_reply(actor: Actor, row: dict[str, Any]) -> None:
    question = Question.objects.select_related("questionnaire__round").get(pk=row["question"])
    state = State.objects.get(code=row["state"])
    reply, _created = Reply.objects.select_for_update().get_or_create(
        question=question,
        state=state,
        defaults={
            "due_on": question.questionnaire.round.replies_due
            if question.questionnaire.round
            else None,
            "is_demo": question.questionnaire.is_demo,
        },
    )
    if reply.status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
        raise Conflict(f"{state.code} has already submitted a reply to question {question.number}.")
    now = timezone.now()
    submitted = (
        timezone.make_aware(datetime.combine(date.fromisoformat(row["submitted_on"]), time(12)))
        if row["submitted_on"]
        else now
    )
    reply.text = row["text"]
    reply.language = row["language"]
    reply.status = ReplyStatus.SUBMITTED.value
    reply.submitted_at = submitted
    if row["status"] == ReplyStatus.PUBLISHED:
        reply.status = ReplyStatus.PUBLISHED.value
        reply.published_at = now
    reply.save()
    services.reply_event_record(
        reply, ReplyEvent.Kind.IMPORTED, actor=actor, note=f"line {row['line']}", at=now
    )
    services.index_reply(reply)


def _write_recommendation(actor: Actor, row: dict[str, Any]) -> None:
    services.recommendation_add(
        actor=actor,
        report=Report.objects.select_related("round").get(slug=row["report"]),
        number=row["number"],
        text_en=row["text_en"],
        text_fr=row["text_fr"],
        strength=row["strength"],
        addressees=row["addressees"],
        articles=row["articles"],
        questions=row["questions"],
    )
