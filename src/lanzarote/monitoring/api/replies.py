"""Monitoring endpoints: replies and their steps (validate, return, submit, publish) and attachments."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Router, Status
from ninja.files import UploadedFile

from lanzarote.core.errors import NotFound
from lanzarote.core.permissions import allowed
from lanzarote.monitoring import presenters, selectors, services
from lanzarote.monitoring.api.common import (
    actor,
    endpoints,
    round_of,
    user_of,
)
from lanzarote.monitoring.schemas import (
    ReplyDetailOut,
    ReplyIn,
    ReplyOut,
    StepIn,
)

router = Router(tags=["monitoring"])
api = endpoints(router)


@api.read(
    "/replies",
    list[ReplyOut],
    "Replies the caller may read",
    who="optional",
    description="Published replies for everyone; a Party's own drafts for its delegates and "
    "coordinator; submitted replies for rapporteurs; everything for the secretariat.",
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
        user=user_of(request),
        round_=round_of(round) if round else None,
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
        user_of(request), "monitoring.view_reply", reply=reply
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


@api.read(
    "/replies/{pk}",
    ReplyDetailOut,
    "A reply with its steps, attachments and the Party's reservations on the articles",
    who="optional",
)
def reply_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _reply_detail(_reply_for(request, pk))


@api.create(
    "/replies",
    ReplyDetailOut,
    "Save a Party's draft reply to a question (delegate or national coordinator)",
)
def reply_draft(request: HttpRequest, payload: ReplyIn) -> Status:
    question = selectors.question_get(payload.question)
    reply = services.reply_draft(
        actor=actor(request),
        question=question,
        state_code=payload.state,
        text=payload.text,
        language=payload.language,
    )
    return Status(201, _reply_detail(selectors.reply_get(reply.pk)))


def _step(request: HttpRequest, pk: int, service: Any, **extra: Any) -> dict[str, Any]:
    reply = selectors.reply_get(pk)
    service(actor=actor(request), reply=reply, **extra)
    return _reply_detail(selectors.reply_get(pk))


@api.step("/replies/{pk}/validate", ReplyDetailOut, "Validate a draft reply (national coordinator)")
def reply_validate(request: HttpRequest, pk: int, payload: StepIn) -> dict[str, Any]:
    return _step(request, pk, services.reply_validate, note=payload.note)


@api.step(
    "/replies/{pk}/return",
    ReplyDetailOut,
    "Send a validated reply back to draft (national coordinator)",
)
def reply_return(request: HttpRequest, pk: int, payload: StepIn) -> dict[str, Any]:
    return _step(request, pk, services.reply_return, note=payload.note)


@api.step(
    "/replies/{pk}/submit",
    ReplyDetailOut,
    "Submit a validated reply to the Committee (national coordinator)",
    description="A reply submitted after its due date is accepted and flagged `late`.",
)
def reply_submit(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _step(request, pk, services.reply_submit)


@api.step("/replies/{pk}/publish", ReplyDetailOut, "Publish a submitted reply (secretariat)")
def reply_publish(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _step(request, pk, services.reply_publish)


@api.create(
    "/replies/{pk}/attachments",
    ReplyDetailOut,
    "Attach a PDF or DOCX file to a reply before it is submitted",
    description="At most 10 MB; the content is checked (a PDF must be one, a DOCX must be a "
    "Word document), not only the name.",
)
def attachment_add(request: HttpRequest, pk: int, file: UploadedFile = File(...)) -> Status:  # noqa: B008
    reply = selectors.reply_get(pk)
    services.attachment_add(actor=actor(request), reply=reply, upload=file)
    return Status(201, _reply_detail(selectors.reply_get(pk)))
