"""Writes of the monitoring procedure. Every function is keyword-only and one transaction: the
permission check first (for people; named system processes such as the reference-data loader or
the demonstration generator act under their own label), then the procedure's rules, then the
write, its search document and one audit record. E-mails leave after the commit and never undo a
write.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from lanzarote.accounts.models import User
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.mail import mail_after_commit
from lanzarote.core.permissions import require
from lanzarote.core.roles import Role
from lanzarote.monitoring import search, selectors
from lanzarote.monitoring.models import (
    Attachment,
    ComplianceAssessment,
    Contribution,
    Finding,
    FollowUp,
    Observation,
    Question,
    Questionnaire,
    RapporteurAssignment,
    Recommendation,
    Reminder,
    Reply,
    ReplyEvent,
    Report,
    Round,
    ScopeAddition,
    SearchDocument,
    StrengthLevel,
)
from lanzarote.monitoring.rules import (
    Compliance,
    ReplyStatus,
    ReplyStep,
    StepRefused,
    next_status,
)
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import CONVENTION, KnownDate, Status

logger = logging.getLogger("lanzarote.monitoring")

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
LANGUAGES = ("en", "fr")
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _check(actor: Actor, name: str, **objects: Any) -> None:
    if actor.user is not None:
        require(actor.user, name, **objects)


def _now() -> datetime:
    return timezone.now()


def _language(value: str) -> str:
    value = (value or "en").lower()[:2]
    if value not in LANGUAGES:
        raise InvalidInput(f"language must be en or fr; got {value!r}.", field="language")
    return value


def _text(value: str, *, field: str, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if "\x00" in cleaned:
        # PostgreSQL cannot store a NUL character in text; no real text contains one.
        raise InvalidInput(gettext("The text contains a NUL character."), field=field)
    if required and not cleaned:
        raise InvalidInput(f"{field} must not be empty.", field=field)
    return cleaned


def _articles(numbers: Iterable[int]) -> list[Article]:
    wanted = sorted({int(n) for n in numbers})
    if not wanted:
        return []
    found = {
        a.number: a for a in Article.objects.filter(treaty__slug=CONVENTION, number__in=wanted)
    }
    unknown = [n for n in wanted if n not in found]
    if unknown:
        raise InvalidInput(
            f"The Convention has no article {', '.join(map(str, unknown))} (Arts. 1–50).",
            field="articles",
        )
    return [found[n] for n in wanted]


def _state(code: str) -> State:
    return registry.state_get(code)


def _bilingual(template: str, **params: Any) -> str:
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(gettext(template).format(**params))
    return "\n\n".join(texts)


# -- rounds --------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    slug: str,
    kind: str,
    title_en: str,
    title_fr: str,
    theme_en: str,
    theme_fr: str,
    launch: KnownDate,
    number: int | None = None,
    launch_confirmed: bool = True,
    launch_meeting: Any = None,
    questionnaire_sent_on: date | None = None,
    replies_due: date | None = None,
    replies_due_confirmed: bool = True,
    status: str = Round.Status.PREPARATION,
) -> Round:
    """Launch a round. Its scope is not given: it is the Parties on `launch` (registry)."""
    _check(actor, "monitoring.manage")
    if kind not in Round.Kind.values:
        raise InvalidInput(f"Unknown kind of round {kind!r}.", field="kind")
    if status not in Round.Status.values:
        raise InvalidInput(f"Unknown status {status!r}.", field="status")
    if launch.is_unknown:
        raise InvalidInput(
            "A round needs its launch date, even if only to the month.", field="launch"
        )
    if Round.objects.filter(slug=slug).exists():
        raise Conflict(f"A round {slug!r} already exists.", field="slug")
    if number is not None and Round.objects.filter(number=number).exists():
        raise Conflict(f"A round numbered {number} already exists.", field="number")
    if replies_due and launch.earliest and replies_due < launch.earliest:
        raise InvalidInput(
            "Replies cannot be due before the round is launched.", field="replies_due"
        )
    round_ = Round(
        slug=slug,
        kind=kind,
        number=number,
        position=(Round.objects.aggregate(m=Max("position"))["m"] or 0) + 1,
        title_en=_text(title_en, field="title_en"),
        title_fr=_text(title_fr, field="title_fr"),
        theme_en=_text(theme_en, field="theme_en"),
        theme_fr=_text(theme_fr, field="theme_fr"),
        launch_confirmed=launch_confirmed,
        launch_meeting=launch_meeting,
        questionnaire_sent_on=questionnaire_sent_on,
        replies_due=replies_due,
        replies_due_confirmed=replies_due_confirmed,
        status=status,
    )
    round_.set_known_date(launch)
    round_.save()
    audit_record(actor=actor, action="monitoring.round.create", target=round_, summary=slug)
    return round_


@transaction.atomic
def scope_add(
    *,
    actor: Actor,
    round_: Round,
    state_code: str,
    decided_on: date,
    reason: str,
    meeting: Any = None,
    decision: Any = None,
) -> ScopeAddition:
    """Add a State that became a Party after the launch to a round, by a recorded decision."""
    _check(actor, "monitoring.manage")
    state = _state(state_code)
    scope = selectors.round_scope(round_)
    if state.code in scope.codes:
        raise Conflict(
            f"{state.name_en} is already in the scope of {round_.title_en}.", field="state"
        )
    position = registry.position_of(
        treaty=registry.treaty_get(CONVENTION), state=state, as_of=decided_on
    )
    if not ({Status.PARTY, Status.CONSENTED} & position.possible):
        raise InvalidInput(
            f"{state.name_en} had not consented to be bound by the Convention on {decided_on.isoformat()}; "
            "only Parties (or States about to become Parties) are added to a round.",
            field="state",
            article="Art. 41(1)",
        )
    if meeting is not None and not (meeting.start_date <= decided_on <= meeting.end_date):
        raise InvalidInput(
            "The decision's date is not a day of the meeting named.", field="decided_on"
        )
    addition = ScopeAddition.objects.create(
        round=round_,
        state=state,
        decided_on=decided_on,
        meeting=meeting,
        decision=decision,
        reason=_text(reason, field="reason"),
        recorded_at=_now(),
        recorded_by=actor.user,
        recorded_by_label=actor.label,
    )
    audit_record(
        actor=actor,
        action="monitoring.scope.add",
        target=addition,
        summary=f"{round_.slug} + {state.code}",
    )
    return addition


@transaction.atomic
def strength_level_set(
    *,
    actor: Actor,
    round_: Round,
    slug: str,
    label_en: str,
    label_fr: str,
    rank: int = 1,
    confirmed: bool = False,
    meaning_confirmed: bool = False,
    note_en: str = "",
    note_fr: str = "",
    sources: Sequence[dict[str, str]] = (),
) -> StrengthLevel:
    """Add or change one term of the round's vocabulary of recommendation strengths."""
    _check(actor, "monitoring.manage")
    level, _created = StrengthLevel.objects.update_or_create(
        round=round_,
        slug=slug,
        defaults={
            "label_en": _text(label_en, field="label_en"),
            "label_fr": _text(label_fr, field="label_fr"),
            "rank": rank,
            "confirmed": confirmed,
            "meaning_confirmed": meaning_confirmed,
            "note_en": note_en,
            "note_fr": note_fr,
            "sources": list(sources),
        },
    )
    audit_record(
        actor=actor, action="monitoring.strength.set", target=level, summary=f"{round_.slug}:{slug}"
    )
    return level


# -- questionnaires ---------------------------------------------------------------------------


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
    _check(actor, "monitoring.manage")
    if kind not in Questionnaire.Kind.values:
        raise InvalidInput(f"Unknown kind of questionnaire {kind!r}.", field="kind")
    if kind == Questionnaire.Kind.THEMATIC and round_ is None:
        raise InvalidInput("A thematic questionnaire belongs to a round.", field="round")
    if kind == Questionnaire.Kind.GENERAL_OVERVIEW and round_ is not None:
        raise InvalidInput("The General Overview Questionnaire belongs to no round.", field="round")
    latest = Questionnaire.objects.filter(kind=kind, round=round_).aggregate(v=Max("version"))["v"]
    questionnaire = Questionnaire.objects.create(
        kind=kind,
        round=round_,
        version=(latest or 0) + 1,
        title_en=_text(title_en, field="title_en"),
        title_fr=_text(title_fr, field="title_fr"),
        adopted_on=adopted_on,
        is_demo=is_demo,
        note_en=note_en,
        note_fr=note_fr,
        reference_key=reference_key,
    )
    audit_record(
        actor=actor,
        action="monitoring.questionnaire.create",
        target=questionnaire,
        summary=f"{questionnaire.title_en} v{questionnaire.version}",
    )
    return questionnaire


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
    _check(actor, "monitoring.manage")
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
    question = Question.objects.create(
        questionnaire=questionnaire,
        parent=parent,
        number=number,
        position=position,
        text_en=_text(text_en, field="text_en"),
        text_fr=_text(text_fr, field="text_fr"),
    )
    question.articles.set(_articles(articles))
    index_question(question)
    audit_record(
        actor=actor, action="monitoring.question.add", target=question, summary=f"Q{number}"
    )
    return question


# -- replies --------------------------------------------------------------------------------


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
            action="monitoring.goq.materialise",
            target=questionnaire,
            summary=f"{obligation.state.code}: {len(created)} slots due {due}",
            payload={"state": obligation.state.code, "due": due.isoformat() if due else None},
        )
    return list(
        Reply.objects.filter(
            question__questionnaire=questionnaire, state=obligation.state
        ).order_by("question__position")
    )


def _locked(reply: Reply) -> Reply:
    return (
        Reply.objects.select_for_update(of=("self",))
        .select_related("question__questionnaire__round", "state")
        .get(pk=reply.pk)
    )


def _step(reply: Reply, step: ReplyStep, *, has_text: bool = True) -> ReplyStatus:
    try:
        return next_status(step, ReplyStatus(reply.status), has_text=has_text)
    except StepRefused as refusal:
        raise Conflict(gettext(refusal.message).format(**refusal.params), field="status") from None


def _record(
    reply: Reply, kind: str, *, actor: Actor, note: str = "", at: datetime | None = None
) -> ReplyEvent:
    return ReplyEvent.objects.create(
        reply=reply,
        kind=kind,
        status_after=reply.status,
        text=reply.text,
        note=note,
        at=at or _now(),
        actor=actor.user,
        actor_label=actor.label,
    )


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
    _check(actor, "monitoring.draft_reply", state_code=state.code)
    _may_reply(question, state)
    reply = _locked(_slot(question, state, is_demo=is_demo))
    reply.status = _step(reply, ReplyStep.DRAFT).value
    reply.text = _text(text, field="text", required=False)
    reply.language = _language(language)
    reply.save()
    _record(reply, ReplyEvent.Kind.DRAFTED, actor=actor)
    index_reply(reply)
    audit_record(
        actor=actor,
        action="monitoring.reply.draft",
        target=reply,
        summary=f"{state.code} Q{question.number}",
    )
    return reply


@transaction.atomic
def reply_validate(*, actor: Actor, reply: Reply, note: str = "") -> Reply:
    reply = _locked(reply)
    _check(actor, "monitoring.submit_reply", state_code=reply.state_id)
    reply.status = _step(reply, ReplyStep.VALIDATE, has_text=bool(reply.text.strip())).value
    reply.save()
    _record(reply, ReplyEvent.Kind.VALIDATED, actor=actor, note=note)
    index_reply(reply)
    audit_record(
        actor=actor, action="monitoring.reply.validate", target=reply, summary=reply.state_id
    )
    return reply


@transaction.atomic
def reply_return(*, actor: Actor, reply: Reply, note: str = "") -> Reply:
    reply = _locked(reply)
    _check(actor, "monitoring.submit_reply", state_code=reply.state_id)
    reply.status = _step(reply, ReplyStep.RETURN).value
    reply.save()
    _record(reply, ReplyEvent.Kind.RETURNED, actor=actor, note=note)
    index_reply(reply)
    audit_record(
        actor=actor, action="monitoring.reply.return", target=reply, summary=reply.state_id
    )
    return reply


@transaction.atomic
def reply_submit(*, actor: Actor, reply: Reply, at: datetime | None = None) -> Reply:
    """Submit a validated reply to the Committee. A reply submitted after its due date is
    accepted and shown as late."""
    reply = _locked(reply)
    _check(actor, "monitoring.submit_reply", state_code=reply.state_id)
    reply.status = _step(reply, ReplyStep.SUBMIT, has_text=bool(reply.text.strip())).value
    reply.submitted_at = at or _now()
    reply.save()
    late = bool(reply.due_on and timezone.localdate(reply.submitted_at) > reply.due_on)
    _record(
        reply,
        ReplyEvent.Kind.SUBMITTED,
        actor=actor,
        note="late" if late else "",
        at=reply.submitted_at,
    )
    index_reply(reply)
    audit_record(
        actor=actor,
        action="monitoring.reply.submit",
        target=reply,
        summary=f"{reply.state_id}{' (late)' if late else ''}",
        payload={"late": late},
    )
    return reply


@transaction.atomic
def reply_publish(*, actor: Actor, reply: Reply) -> Reply:
    reply = _locked(reply)
    _check(actor, "monitoring.manage")
    reply.status = _step(reply, ReplyStep.PUBLISH).value
    reply.published_at = _now()
    reply.save()
    _record(reply, ReplyEvent.Kind.PUBLISHED, actor=actor)
    index_reply(reply)
    audit_record(
        actor=actor, action="monitoring.reply.publish", target=reply, summary=reply.state_id
    )
    return reply


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
    reply = _locked(reply)
    _check(actor, "monitoring.draft_reply", state_code=reply.state_id)
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
        uploaded_at=_now(),
        uploaded_by=actor.user,
        uploaded_by_label=actor.label,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    audit_record(
        actor=actor,
        action="monitoring.reply.attach",
        target=attachment,
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
    _check(actor, "monitoring.manage")
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
    now = _now()
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
            f"[Lanzarote] {questionnaire.title_en}",
            _bilingual(
                "Reminder: {pending} replies of your Party to “{title}” have not been submitted yet{due}.",
                pending=pending,
                title=questionnaire.title_en,
                due=f" (due {due.isoformat()})" if due else "",
            ),
        )
    audit_record(
        actor=actor,
        action="monitoring.reminders.send",
        target=questionnaire,
        summary=f"{len(sent)} reminders",
        payload={"states": [r.state_id for r in sent]},
    )
    return sent


# -- contributions ------------------------------------------------------------------------------


def _questions_of_round(round_: Round, ids: Iterable[int]) -> list[Question]:
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return []
    found = {q.pk: q for q in Question.objects.filter(pk__in=wanted, questionnaire__round=round_)}
    unknown = [i for i in wanted if i not in found]
    if unknown:
        raise InvalidInput(
            f"Questions {', '.join(map(str, unknown))} are not questions of {round_.title_en}.",
            field="questions",
        )
    return [found[i] for i in wanted]


def _states_in_scope(round_: Round, codes: Iterable[str]) -> list[State]:
    wanted = sorted({c.upper() for c in codes})
    if not wanted:
        return []
    scope = selectors.round_scope(round_).codes
    outside = [c for c in wanted if c not in scope]
    if outside:
        raise InvalidInput(
            f"Not in the scope of {round_.title_en}: {', '.join(outside)}.", field="states"
        )
    return list(State.objects.filter(code__in=wanted))


@transaction.atomic
def contribution_submit(
    *,
    actor: Actor,
    round_: Round,
    source: str,
    text: str,
    language: str = "en",
    questions: Iterable[int] = (),
    states: Iterable[str] = (),
    organisation: Any = None,
    contributor: str = "",
    is_demo: bool = False,
) -> Contribution:
    """A contribution from an observer organisation (sent by one of its observers, in its own
    name only), a national human-rights institution or another stakeholder (recorded by the
    secretariat). Children's contributions go through `children_contribution_record`."""
    if source == Contribution.Source.CHILDREN:
        raise InvalidInput(
            "Children's contributions are recorded with their safeguards "
            "(age band, consent, anonymisation).",
            field="source",
        )
    if source not in Contribution.Source.values:
        raise InvalidInput(f"Unknown source {source!r}.", field="source")
    if actor.user is not None and actor.user.role == Role.OBSERVER:
        own = selectors.organisation_for(actor.user)
        if organisation is None:
            organisation = own
    _check(actor, "monitoring.contribute", source=source, organisation=organisation)
    if source == Contribution.Source.OBSERVER and organisation is None:
        raise InvalidInput(
            "An observer's contribution names its organisation.", field="organisation"
        )
    if source != Contribution.Source.OBSERVER and not contributor.strip():
        raise InvalidInput(
            "Name the institution or organisation that sent the contribution.", field="contributor"
        )
    contribution = Contribution.objects.create(
        round=round_,
        source=source,
        organisation=organisation if source == Contribution.Source.OBSERVER else None,
        contributor=contributor.strip() if source != Contribution.Source.OBSERVER else "",
        text=_text(text, field="text"),
        language=_language(language),
        submitted_at=_now(),
        submitted_by=actor.user,
        submitted_by_label=actor.label,
        is_demo=is_demo,
    )
    contribution.questions.set(_questions_of_round(round_, questions))
    contribution.states.set(_states_in_scope(round_, states))
    index_contribution(contribution)
    audit_record(
        actor=actor,
        action="monitoring.contribution.submit",
        target=contribution,
        summary=f"{round_.slug} {source}",
    )
    return contribution


@transaction.atomic
def contribution_publish(*, actor: Actor, contribution: Contribution) -> Contribution:
    _check(actor, "monitoring.manage")
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status == Contribution.Status.PUBLISHED:
        raise Conflict("The contribution is already published.")
    if contribution.held_by_screening:
        raise Conflict(
            gettext(
                "This children's contribution is held: the screen found details that could "
                "identify a child. Redact the text, or confirm that nothing in it identifies a "
                "child, before publishing it."
            )
        )
    contribution.status = Contribution.Status.PUBLISHED
    contribution.published_at = _now()
    contribution.save()
    index_contribution(contribution)
    audit_record(actor=actor, action="monitoring.contribution.publish", target=contribution)
    return contribution


# -- rapporteurs and observations -------------------------------------------------------------


@transaction.atomic
def rapporteur_assign(
    *,
    actor: Actor,
    question: Question,
    rapporteur: Any,
    assigned_on: date,
    meeting: Any = None,
) -> RapporteurAssignment:
    _check(actor, "monitoring.manage")
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
        action="monitoring.rapporteur.assign",
        target=assignment,
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
    _check(actor, "monitoring.observe", rapporteur_ids=selectors.rapporteur_ids(question))
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
        written_at=_now(),
        author=actor.user,
        author_label=actor.label,
        is_demo=is_demo or question.questionnaire.is_demo,
    )
    audit_record(
        actor=actor,
        action="monitoring.observation.write",
        target=observation,
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
    _check(actor, "monitoring.manage")
    if kind not in Report.Kind.values:
        raise InvalidInput(f"Unknown kind of report {kind!r}.", field="kind")
    if Report.objects.filter(slug=slug).exists():
        raise Conflict(f"A report {slug!r} already exists.", field="slug")
    if meeting is not None and adopted.value and not meeting.covers(adopted.value):
        raise InvalidInput(
            f"{adopted.value.isoformat()} is not a day of the {meeting.number}th meeting.",
            field="meeting",
        )
    report = Report(
        round=round_,
        slug=slug,
        kind=kind,
        title_en=_text(title_en, field="title_en"),
        title_fr=_text(title_fr, field="title_fr"),
        document_code=document_code,
        meeting=meeting,
        date_confirmed=date_confirmed,
        date_is_publication=date_is_publication,
        url=url,
        summary_en=summary_en,
        summary_fr=summary_fr,
        follow_up_due=follow_up_due,
        is_demo=is_demo,
        sources=list(sources),
        note_en=note_en,
        note_fr=note_fr,
        reference_key=reference_key,
    )
    report.set_known_date(adopted)
    report.save()
    audit_record(actor=actor, action="monitoring.report.create", target=report, summary=slug)
    return report


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
    _check(actor, "monitoring.manage")
    if Finding.objects.filter(report=report, number=number).exists():
        raise Conflict(f"Finding {number} already exists in this report.", field="number")
    finding = Finding.objects.create(
        report=report,
        number=_text(number, field="number"),
        position=Finding.objects.filter(report=report).count() + 1,
        text_en=_text(text_en, field="text_en"),
        text_fr=text_fr,
    )
    finding.articles.set(_articles(articles))
    audit_record(actor=actor, action="monitoring.finding.add", target=finding, summary=number)
    return finding


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
    _check(actor, "monitoring.manage")
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
    recommendation = Recommendation.objects.create(
        report=report,
        number=number,
        position=Recommendation.objects.filter(report=report).count() + 1,
        text_en=_text(text_en, field="text_en"),
        text_fr=text_fr.strip(),
        strength=_strength(round_, strength),
        addressed_to_all=addressees is None,
        follow_up_due=follow_up_due,
        is_demo=is_demo or report.is_demo,
    )
    recommendation.addressees.set(named)
    recommendation.articles.set(_articles(articles))
    recommendation.questions.set(question_rows)
    index_recommendation(recommendation)
    audit_record(
        actor=actor,
        action="monitoring.recommendation.add",
        target=recommendation,
        summary=f"{report.slug} {number}",
    )
    return recommendation


@transaction.atomic
def recommendation_link_projects(
    *, actor: Actor, recommendation: Recommendation, projects: Iterable[Any]
) -> Recommendation:
    """Name the co-operation projects (committee) that respond to the recommendation."""
    _check(actor, "monitoring.manage")
    recommendation.responding_projects.set(list(projects))
    audit_record(
        actor=actor,
        action="monitoring.recommendation.projects",
        target=recommendation,
        summary=", ".join(sorted(p.slug for p in recommendation.responding_projects.all())),
    )
    return recommendation


def _addressed(recommendation: Recommendation, state_code: str) -> bool:
    return state_code.upper() in selectors.addressee_codes(recommendation)


@transaction.atomic
def follow_up_submit(
    *,
    actor: Actor,
    recommendation: Recommendation,
    state_code: str,
    text: str,
    language: str = "en",
    is_demo: bool = False,
) -> FollowUp:
    state = _state(state_code)
    addressed = _addressed(recommendation, state.code)
    _check(actor, "monitoring.submit_follow_up", state_code=state.code, addressed=addressed)
    if not addressed:
        raise InvalidInput(
            f"Recommendation {recommendation.number} is not addressed to {state.name_en}.",
            field="state",
        )
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        state=state,
        text=_text(text, field="text"),
        language=_language(language),
        submitted_at=_now(),
        submitted_by=actor.user,
        submitted_by_label=actor.label,
        is_demo=is_demo or recommendation.is_demo,
    )
    audit_record(
        actor=actor,
        action="monitoring.follow_up.submit",
        target=follow_up,
        summary=f"{recommendation.number} {state.code}",
    )
    return follow_up


@transaction.atomic
def compliance_assess(
    *,
    actor: Actor,
    recommendation: Recommendation,
    state_code: str,
    status: str,
    assessed_on: date | None = None,
    meeting: Any = None,
    note_en: str = "",
    note_fr: str = "",
    supersedes: ComplianceAssessment | None = None,
    is_demo: bool = False,
) -> ComplianceAssessment:
    """Record the Committee's assessment of a Party's compliance with a recommendation at a
    meeting. Earlier assessments are kept: the history is the record."""
    _check(actor, "monitoring.manage")
    state = _state(state_code)
    if status not in Compliance._value2member_map_:
        raise InvalidInput(
            f"Unknown compliance status {status!r}; use {', '.join(c.value for c in Compliance)}.",
            field="status",
        )
    if not _addressed(recommendation, state.code):
        raise InvalidInput(
            f"Recommendation {recommendation.number} is not addressed to {state.name_en}.",
            field="state",
        )
    if assessed_on is None:
        if meeting is None:
            raise InvalidInput(
                "Give the meeting or the date of the assessment.", field="assessed_on"
            )
        assessed_on = meeting.end_date
    if meeting is not None and not meeting.covers(assessed_on):
        raise InvalidInput(
            f"{assessed_on.isoformat()} is not a day of the {meeting.number}th meeting.",
            field="assessed_on",
        )
    if supersedes is not None and (
        supersedes.recommendation_id != recommendation.pk or supersedes.state_id != state.code
    ):
        raise InvalidInput(
            "A correction supersedes an assessment of the same recommendation and Party."
        )
    assessment = ComplianceAssessment.objects.create(
        recommendation=recommendation,
        state=state,
        status=status,
        assessed_on=assessed_on,
        meeting=meeting,
        note_en=note_en,
        note_fr=note_fr,
        supersedes=supersedes,
        recorded_at=_now(),
        recorded_by=actor.user,
        recorded_by_label=actor.label,
        is_demo=is_demo or recommendation.is_demo,
    )
    index_recommendation(recommendation)
    audit_record(
        actor=actor,
        action="monitoring.compliance.assess",
        target=assessment,
        summary=f"{recommendation.number} {state.code}: {status}",
    )
    return assessment


# -- search documents ----------------------------------------------------------------------


def _article_list(obj: Any) -> list[int]:
    return [a.number for a in obj.articles.all()]


def index_question(question: Question) -> SearchDocument:
    questionnaire = question.questionnaire
    return search.index(
        kind=SearchDocument.Kind.QUESTION,
        object_id=question.pk,
        round_id=questionnaire.round_id,
        title=f"{questionnaire.title_en} — Q{question.number}",
        body=f"{question.text_en}\n{question.text_fr}",
        articles=_article_list(question),
        is_public=True,
        is_demo=questionnaire.is_demo,
    )


def index_reply(reply: Reply) -> SearchDocument:
    question = reply.question
    return search.index(
        kind=SearchDocument.Kind.REPLY,
        object_id=reply.pk,
        round_id=question.questionnaire.round_id,
        title=f"{reply.state.name_en} — Q{question.number}",
        body=reply.text,
        language=reply.language,
        states=[reply.state_id],
        articles=_article_list(question),
        is_public=reply.status == ReplyStatus.PUBLISHED,
        is_demo=reply.is_demo,
    )


def index_contribution(contribution: Contribution) -> SearchDocument:
    articles = {a.number for q in contribution.questions.all() for a in q.articles.all()}
    return search.index(
        kind=SearchDocument.Kind.CONTRIBUTION,
        object_id=contribution.pk,
        round_id=contribution.round_id,
        title=f"{contribution.get_source_display()} — {contribution.from_label}",
        # A text held by the children's screen is searchable by nobody until it is cleared.
        body="" if contribution.held_by_screening else contribution.text,
        language=contribution.language,
        states=[s.code for s in contribution.states.all()],
        articles=sorted(articles),
        is_public=contribution.status == Contribution.Status.PUBLISHED,
        is_demo=contribution.is_demo,
    )


def index_recommendation(recommendation: Recommendation) -> SearchDocument:
    views = selectors.recommendation_views([recommendation])
    compliance = {entry.state.code: entry.compliance.value for entry in views[0].addressees}
    return search.index(
        kind=SearchDocument.Kind.RECOMMENDATION,
        object_id=recommendation.pk,
        round_id=recommendation.report.round_id,
        title=f"{recommendation.report.title_en} — {recommendation.number}",
        body=f"{recommendation.text_en}\n{recommendation.text_fr}",
        states=compliance.keys(),
        articles=_article_list(recommendation),
        strength=recommendation.strength.slug if recommendation.strength else "",
        compliance=compliance,
        is_public=True,
        is_demo=recommendation.is_demo,
    )


@transaction.atomic
def reindex(*, actor: Actor | None = None) -> int:
    """Rebuild every search document from the records (after a bulk load, say)."""
    count = 0
    for question in Question.objects.select_related("questionnaire").prefetch_related("articles"):
        index_question(question)
        count += 1
    for reply in (
        Reply.objects.exclude(status=ReplyStatus.NONE)
        .select_related("question__questionnaire", "state")
        .prefetch_related("question__articles")
    ):
        index_reply(reply)
        count += 1
    for contribution in Contribution.objects.select_related("organisation").prefetch_related(
        "questions__articles", "states"
    ):
        index_contribution(contribution)
        count += 1
    for recommendation in Recommendation.objects.select_related(
        "report__round", "strength"
    ).prefetch_related("articles", "addressees"):
        index_recommendation(recommendation)
        count += 1
    return count
