"""E-mail sent by a task once the write that caused it is committed, and never able to undo it.

Each message is its own task (`deliver_email`), so that a retry after a refused recipient sends
that message again, not the ones already delivered. With the `database` task backend the
messages are queued in the write's own transaction and the worker sends them; with `immediate`
they are sent in-process after the commit. A failure is logged and raised, so the worker tries
again later; the recorded step stands either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from lanzarote.core.tasks import enqueue_after_commit, queued_in_database

logger = logging.getLogger("lanzarote.mail")


@task(queue_name="mail")
def deliver_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    reply_to: list[str] | None = None,
    what: str = "",
) -> int:
    message = EmailMessage(
        subject=subject, body=body, from_email=from_email, to=to, reply_to=reply_to or []
    )
    try:
        sent = mailers.default.send_messages([message]) or 0
    except Exception:
        logger.exception("Could not e-mail %s to %s.", what or subject, ", ".join(to))
        raise
    logger.info("E-mailed %s to %s.", what or subject, ", ".join(to))
    return sent


def message_fields(message: EmailMessage, *, what: str) -> dict[str, Any]:
    """The task's arguments for `message` (JSON: the queue stores them)."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "to": [str(address) for address in message.to],
        "from_email": message.from_email,
        "reply_to": [str(address) for address in message.reply_to],
        "what": what,
    }


def queue_messages(messages: Sequence[EmailMessage], *, what: str) -> None:
    """One task per message, run after the current transaction commits."""
    for message in messages:
        enqueue_after_commit(deliver_email, **message_fields(message, what=what))


def mail_built_after_commit(build: Callable[[], Sequence[EmailMessage]], *, what: str) -> None:
    """Build the messages and queue them for after the commit. A builder that fails is logged:
    the committed record is never affected."""

    def built() -> Sequence[EmailMessage]:
        try:
            return build()
        except Exception:
            logger.exception("Could not prepare the e-mail for %s.", what)
            return []

    if queued_in_database(deliver_email) and transaction.get_connection().in_atomic_block:
        # Into the queue within the write's transaction: the record and its e-mails together.
        queue_messages(built(), what=what)
    else:
        # Committed already when this runs: each message is handed to its task at once.
        transaction.on_commit(
            lambda: [
                deliver_email.enqueue(**message_fields(message, what=what)) for message in built()
            ],
            robust=True,
        )


def mail_after_commit(recipients: Iterable[str], subject: str, body: str) -> None:
    """One message to each of the distinct, non-empty `recipients`, after the commit."""
    addresses = sorted({address for address in recipients if address})
    # The product's own sender, never the public contact address (settings.LANZAROTE_CONTACTS).
    sender = settings.DEFAULT_FROM_EMAIL
    queue_messages(
        [
            EmailMessage(subject=subject, body=body, from_email=sender, to=[address])
            for address in addresses
        ],
        what=subject,
    )


SEE_THE_PAGE = gettext_noop("See the page: {url}")


def page_address(view: str, *args: object, **kwargs: object) -> str:
    """The absolute address of a page in the active language, for a message read outside the
    site: `LANZAROTE_SITE_URL` and the view's path ("/fr/…" when French is active)."""
    root = str(settings.LANZAROTE_SITE_URL).rstrip("/")
    return root + reverse(view, args=args or None, kwargs=kwargs or None)


def page_line(view: str, *args: object, **kwargs: object) -> str:
    """ "See the page: https://…" in the active language, the last line of an e-mail."""
    return gettext(SEE_THE_PAGE).format(url=page_address(view, *args, **kwargs))
