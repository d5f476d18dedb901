"""E-mail sent once the write that caused it is committed, and never able to undo it."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger("lanzarote.mail")


def mail_after_commit(recipients: Iterable[str], subject: str, body: str) -> None:
    """Queue one message to the distinct, non-empty `recipients` after the current transaction
    commits (nothing is sent if it rolls back). A failure is logged, not raised: the step it
    reports on is already recorded."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return

    def send() -> None:
        try:
            send_mail(subject, body, None, addresses, fail_silently=False)
        except Exception:  # a failed e-mail must never undo or lose a recorded step
            logger.exception("Could not e-mail %s about %s", addresses, subject)

    transaction.on_commit(send)
