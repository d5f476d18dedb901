"""The e-mails of the accession procedure: who is told what at each step, in English and French.

Each message goes to one address (no recipient sees the others, who may be officials of other
States) once the step's transaction has committed, through the registry's mailer, which logs a
failure instead of undoing the step. The texts are marked with `gettext_noop` so that the
catalogue carries their French, and are rendered in both languages, one after the other."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from lanzarote.accession.models import CONSULTATION_OUTCOME, AccessionCase
from lanzarote.accounts.models import Role, User
from lanzarote.core.mail import page_address, page_line
from lanzarote.registry.notifications import mail_after_commit

FILED = gettext_noop("{state} asks to be invited to accede to the Convention (case {reference}).")
CONSULTED = gettext_noop(
    "The Parties are consulted on the request of {state} to be invited to accede to the "
    "Convention (case {reference}). Please reply by {deadline}."
)
CLOSED = gettext_noop(
    "The consultation of the Parties on the request of {state} (case {reference}) is closed. "
    "{outcome}"
)
INVITED = gettext_noop(
    "The Committee of Ministers invites {state} to accede to the Convention (case {reference})."
)
# What the State can do once the Parties did not all consent (never who objected).
AFTER_OBJECTION = gettext_noop(
    "The State may file a new request later; the Treaty Office can explain the procedure: "
    "{contacts}"
)
REMINDED = gettext_noop(
    "Reminder: your Party has not yet replied to the consultation on the request of {state} to "
    "accede (case {reference}); the deadline is {deadline}."
)


def bilingual(template: str, *, link: Callable[[], str] | None = None, **params: Any) -> str:
    """The text in English then French; a callable parameter is evaluated in each language, and
    `link` (the line pointing to the page) follows each half in its language."""
    texts = []
    for language in ("en", "fr"):
        with translation.override(language):
            values = {k: v() if callable(v) else v for k, v in params.items()}
            text = gettext(template).format(**values)
            texts.append(f"{text}\n{link()}" if link else text)
    return "\n\n".join(texts)


def _active_emails(**criteria: Any) -> list[str]:
    return sorted(
        set(
            User.objects.filter(is_active=True, **criteria)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def delegates(codes: Iterable[str]) -> list[str]:
    return _active_emails(role=Role.PARTY_DELEGATE, state_id__in=list(codes))


def delegates_by_party(codes: Iterable[str]) -> dict[str, list[str]]:
    """Each Party's active delegate addresses; a Party without one is absent from the result."""
    rows = (
        User.objects.filter(is_active=True, role=Role.PARTY_DELEGATE, state_id__in=list(codes))
        .exclude(email="")
        .values_list("state_id", "email")
    )
    found: dict[str, set[str]] = {}
    for code, email in rows:
        found.setdefault(code, set()).add(email)
    return {code: sorted(emails) for code, emails in found.items()}


def officials(code: str) -> list[str]:
    return _active_emails(role=Role.STATE_OFFICIAL, state_id=code)


def treaty_office() -> list[str]:
    return _active_emails(role=Role.TREATY_OFFICE)


def tell(
    recipients: list[str],
    case: AccessionCase,
    template: str,
    *,
    subject_suffix: str = "",
    **params: Any,
) -> None:
    """E-mail each recipient, after the commit, about `case`."""
    if not recipients:
        return
    subject = f"[Lanzarote] {case.reference}{subject_suffix}"
    body = bilingual(
        template,
        link=lambda: page_line("accession:case", reference=case.reference),
        state=lambda: case.state.name,
        reference=case.reference,
        **params,
    )
    # The product's own sender, never the public contact address (settings.LANZAROTE_CONTACTS).
    sender = settings.DEFAULT_FROM_EMAIL

    def build() -> list[EmailMessage]:
        return [
            EmailMessage(subject=subject, body=body, from_email=sender, to=[address])
            for address in recipients
        ]

    mail_after_commit(build, what=subject)


def outcome_sentence(unanimous: bool) -> Callable[[], str]:
    """The outcome in the active language, followed after an objection by the next step."""

    def sentence() -> str:
        outcome = str(CONSULTATION_OUTCOME[unanimous])
        if unanimous:
            return outcome
        next_step = gettext(AFTER_OBJECTION).format(contacts=page_address("web:contacts"))
        return f"{outcome} {next_step}"

    return sentence
