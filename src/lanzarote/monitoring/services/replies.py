"""Writes on replies: the empty slots of the General Overview Questionnaire, each step of a
reply (draft, validate, return, submit, publish), attachments and reminders."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from lanzarote.accounts.models import User
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.mail import mail_after_commit, page_line
from lanzarote.core.records.bilingual import bilingual_text
from lanzarote.core.records.saving import authorise, jsonable, locked, snapshot
from lanzarote.core.roles import Role
from lanzarote.core.rules import format_date
from lanzarote.monitoring import selectors
from lanzarote.monitoring.models import (
    Attachment,
    Question,
    Questionnaire,
    Reminder,
    Reply,
    ReplyEvent,
)
from lanzarote.monitoring.rules import (
    ReplyStatus,
    ReplyStep,
)
from lanzarote.monitoring.services._common import (
    DOCX,
    MANAGE,
    MAX_ATTACHMENT_BYTES,
    PDF,
    _language,
    _state,
    _text,
)
from lanzarote.monitoring.services.search_index import index_reply
from lanzarote.monitoring.workflows import REPLIES
from lanzarote.registry.models import State

# Both halves of the e-mail, English then French (`bilingual_text`), each with its page's link.
REMINDER = gettext_noop(
    "Reminder: {pending} replies of your Party to “{title}” have not been submitted yet.\n{link}"
)
REMINDER_DUE = gettext_noop(
    "Reminder: {pending} replies of your Party to “{title}” have not been submitted yet; they "
    "are due by {due}.\n{link}"
)


def _due_for(question: Question, state_code: str) -> date | None:
    round_ = question.questionnaire.round
    if round_ is not None:
        return round_.replies_due
    obligation = selectors.goq_obligation_of(state_code)
    if obligation is None:
        return None
    return obligation.due.value or obligation.due.latest


def _may_reply(question: Question, state: State) -> None:
    """A Party replies to its round's questionnaire if it is in the round's scope, and to the
    General Overview Questionnaire once it is (or is about to be) a Party."""
    questionnaire = question.questionnaire
    if questionnaire.round is not None:
        if state.code not in selectors.round_scope(questionnaire.round).codes:
            raise InvalidInput(
                f"{state.name_en} is not in the scope of {questionnaire.round.title_en}: it was not a "
                "Party on the launch date and no decision added it.",
                field="state",
            )
        return
    if selectors.goq_obligation_of(state.code) is None:
        raise InvalidInput(
            f"{state.name_en} is not a Party; the General Overview Questionnaire is for Parties.",
            field="state",
        )


def _slot(question: Question, state: State, *, is_demo: bool = False) -> Reply:
    reply, _created = Reply.objects.get_or_create(
        question=question,
        state=state,
        defaults={
            "due_on": _due_for(question, state.code),
            "is_demo": is_demo or question.questionnaire.is_demo,
        },
    )
    return reply


@transaction.atomic
def goq_slots_materialise(
    *, state_code: str, actor: Actor | None = None, as_of: date | None = None
) -> list[Reply]:
    """Create the reply slots of a Party's General Overview Questionnaire the first time they are
    needed (idempotent): one per question of the current version, due on the derived date."""
    actor = actor or Actor.system("general overview questionnaire")
    obligation = selectors.goq_obligation_of(state_code, as_of=as_of)
    if obligation is None:
        raise InvalidInput(
            f"{state_code.upper()} has no General Overview Questionnaire to answer: it is not a Party.",
            field="state",
        )
    questionnaire = selectors.general_questionnaire()
    if questionnaire is None:
        return []
    due = obligation.due.value or obligation.due.latest
    existing = set(
        Reply.objects.filter(
            question__questionnaire=questionnaire, state=obligation.state
        ).values_list("question_id", flat=True)
    )
    created = [
        Reply(question=question, state=obligation.state, due_on=due, is_demo=questionnaire.is_demo)
        for question in questionnaire.questions.all()
        if question.pk not in existing
    ]
    if created:
        Reply.objects.bulk_create(created, ignore_conflicts=True)
        audit_record(
            actor=actor,
            action=AuditAction.MONITORING_GOQ_MATERIALISE,
            target=questionnaire,
            summary=f"{obligation.state.code}: {len(created)} slots due {due}",
            payload={"state": obligation.state.code, "due": due.isoformat() if due else None},
        )
    return list(
        Reply.objects.filter(
            question__questionnaire=questionnaire, state=obligation.state
        ).order_by("question__position")
    )


# What a step reads of the reply it locks.
REPLY_RELATED = ("question__questionnaire__round", "state")


STEP_ACTIONS = {
    ReplyStep.DRAFT: AuditAction.MONITORING_REPLY_DRAFT,
    ReplyStep.VALIDATE: AuditAction.MONITORING_REPLY_VALIDATE,
    ReplyStep.RETURN: AuditAction.MONITORING_REPLY_RETURN,
    ReplyStep.SUBMIT: AuditAction.MONITORING_REPLY_SUBMIT,
    ReplyStep.PUBLISH: AuditAction.MONITORING_REPLY_PUBLISH,
}


def reply_event_record(
    reply: Reply, kind: str, *, actor: Actor, note: str = "", at: datetime | None = None
) -> ReplyEvent:
    """One event in the history of `reply`: its status and text as they now stand."""
    return ReplyEvent.objects.create(
        reply=reply,
        kind=kind,
        status_after=reply.status,
        text=reply.text,
        note=note,
        at=at or timezone.now(),
        actor=actor.user,
        actor_label=actor.label,
    )


def _take(
    reply: Reply,
    step: ReplyStep,
    event: str,
    *,
    actor: Actor,
    values: dict[str, Any] | None = None,
    note: str = "",
    summary: str = "",
    payload: dict[str, Any] | None = None,
) -> Reply:
    """One step of the reply's workflow on the locked `reply`: its event, its search document
    and its audit record."""
    taken = REPLIES.advance(
        reply, step, user=actor.user, trusted=actor.is_system, values=values or {}
    )
    at = (values or {}).get("submitted_at")
    reply_event_record(reply, event, actor=actor, note=note, at=at)
    index_reply(reply)
    # The text is kept by the reply's events; the audit log says only that it changed.
    changes = {name: jsonable(change) for name, change in taken.changes.items() if name != "text"}
    if "text" in taken.changes:
        changes["text"] = [None, "changed"]
    audit_record(
        actor=actor,
        action=STEP_ACTIONS[step],
        target=reply,
        summary=summary or reply.state_id,
        payload=payload,
        changes=changes,
    )
    return reply


@transaction.atomic
def reply_draft(
    *,
    actor: Actor,
    question: Question,
    state_code: str,
    text: str,
    language: str = "en",
    is_demo: bool = False,
) -> Reply:
    """Save a Party's draft reply (a new draft after validation sends it back to draft)."""
    state = _state(state_code)
    authorise(actor, "monitoring.draft_reply", state_code=state.code)
    _may_reply(question, state)
    values = {
        "text": _text(text, field="text", required=False),
        "language": _language(language),
    }
    reply = locked(_slot(question, state, is_demo=is_demo), related=REPLY_RELATED)
    return _take(
        reply,
        ReplyStep.DRAFT,
        ReplyEvent.Kind.DRAFTED,
        actor=actor,
        values=values,
        summary=f"{state.code} Q{question.number}",
    )


@transaction.atomic
def reply_validate(*, actor: Actor, reply: Reply, note: str = "") -> Reply:
    reply = locked(reply, related=REPLY_RELATED)
    return _take(reply, ReplyStep.VALIDATE, ReplyEvent.Kind.VALIDATED, actor=actor, note=note)


@transaction.atomic
def reply_return(*, actor: Actor, reply: Reply, note: str = "") -> Reply:
    reply = locked(reply, related=REPLY_RELATED)
    return _take(reply, ReplyStep.RETURN, ReplyEvent.Kind.RETURNED, actor=actor, note=note)


@transaction.atomic
def reply_submit(*, actor: Actor, reply: Reply, at: datetime | None = None) -> Reply:
    """Submit a validated reply to the Committee. A reply submitted after its due date is
    accepted and shown as late."""
    reply = locked(reply, related=REPLY_RELATED)
    submitted_at = at or timezone.now()
    late = bool(reply.due_on and timezone.localdate(submitted_at) > reply.due_on)
    return _take(
        reply,
        ReplyStep.SUBMIT,
        ReplyEvent.Kind.SUBMITTED,
        actor=actor,
        values={"submitted_at": submitted_at},
        note="late" if late else "",
        summary=f"{reply.state_id}{' (late)' if late else ''}",
        payload={"late": late},
    )


@transaction.atomic
def reply_publish(*, actor: Actor, reply: Reply) -> Reply:
    reply = locked(reply, related=REPLY_RELATED)
    return _take(
        reply,
        ReplyStep.PUBLISH,
        ReplyEvent.Kind.PUBLISHED,
        actor=actor,
        values={"published_at": timezone.now()},
    )


def check_attachment(upload: UploadedFile) -> str:
    """The file's content type when it is a PDF or a Word (DOCX) document within the size limit;
    the content is checked, not only the name."""
    size = upload.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(
            f"The file is {size // 1024} kB; the limit is {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB.",
            field="file",
        )
    if size == 0:
        raise InvalidInput("The file is empty.", field="file")
    name = (upload.name or "").lower()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if name.endswith(".pdf"):
        upload.seek(max(0, size - 1024))
        tail = upload.read()
        upload.seek(0)
        if head[:5] != b"%PDF-" or b"%%EOF" not in tail:
            raise InvalidInput(
                "The file is not a PDF document (its content is not one).", field="file"
            )
        return PDF
    if name.endswith(".docx"):
        if head[:4] != b"PK\x03\x04":
            raise InvalidInput("The file is not a Word (DOCX) document.", field="file")
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise InvalidInput("The file is not a Word (DOCX) document.", field="file") from None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise InvalidInput("The file is not a Word (DOCX) document.", field="file")
        return DOCX
    raise InvalidInput("Attach a PDF or a Word (DOCX) file.", field="file")


@transaction.atomic
def attachment_add(*, actor: Actor, reply: Reply, upload: UploadedFile) -> Attachment:
    reply = locked(reply, related=REPLY_RELATED)
    authorise(actor, "monitoring.draft_reply", state_code=reply.state_id)
    if reply.status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
        raise Conflict("Files are attached before the reply is submitted.", field="file")
    content_type = check_attachment(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        reply=reply,
        original_name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_at=timezone.now(),
        uploaded_by=actor.user,
        uploaded_by_label=actor.label,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_REPLY_ATTACH,
        target=attachment,
        changes=snapshot(attachment, ("reply", "original_name", "content_type", "size")),
        summary=attachment.original_name,
    )
    return attachment


@transaction.atomic
def reminders_send(
    *,
    actor: Actor,
    questionnaire: Questionnaire,
    states: Iterable[str] | None = None,
) -> list[Reminder]:
    """Remind every Party in scope that has replies not yet submitted (or only those named);
    the e-mails to its delegates and national coordinator leave after the commit."""
    authorise(actor, MANAGE)
    round_ = questionnaire.round
    if round_ is None:
        codes = {o.state.code for o in selectors.goq_obligations() if o.is_due}
    else:
        codes = set(selectors.round_scope(round_).codes)
    if states is not None:
        codes &= {s.upper() for s in states}
    total = questionnaire.questions.count()
    received: dict[str, int] = {}
    for state_id in Reply.objects.filter(
        question__questionnaire=questionnaire,
        status__in=[ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED],
    ).values_list("state_id", flat=True):
        received[state_id] = received.get(state_id, 0) + 1
    people: dict[str, list[str]] = {}
    for user in User.objects.filter(
        role__in=[Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR],
        state_id__in=codes,
        is_active=True,
    ).exclude(email=""):
        people.setdefault(str(user.state_id), []).append(user.email)
    sent = []
    now = timezone.now()
    for code in sorted(codes):
        pending = total - received.get(code, 0)
        if pending <= 0:
            continue
        recipients = sorted(set(people.get(code, [])))
        sent.append(
            Reminder.objects.create(
                questionnaire=questionnaire,
                state_id=code,
                pending=pending,
                recipients=recipients,
                sent_at=now,
                sent_by=actor.user,
                sent_by_label=actor.label,
            )
        )
        due = round_.replies_due if round_ is not None else None
        mail_after_commit(
            recipients,
            f"[Lanzarote] {questionnaire.title_en} / {questionnaire.title_fr}",
            bilingual_text(
                REMINDER_DUE if due else REMINDER,
                pending=pending,
                title=lambda: questionnaire.title,
                due=lambda day=due: format_date(day) if day else "",
                link=lambda: page_line("monitoring:questionnaire", pk=questionnaire.pk),
            ),
        )
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_REMINDERS_SEND,
        target=questionnaire,
        summary=f"{len(sent)} reminders",
        payload={"states": [r.state_id for r in sent]},
    )
    return sent
