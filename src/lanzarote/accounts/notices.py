"""The e-mails about a request for an account, in both languages: the language of the form
first, then the other (the person may forward the message to a colleague who reads the other).

Each message is a task queued with the decision's transaction (`core.mail`), so a refused
recipient never undoes the decision. Nothing is sent to the address typed on the public form
until the Treaty Office has looked at the request: the form cannot be used to make the site
write to anyone."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lanzarote.accounts.models import AccessRequest, Role, User
from lanzarote.core.mail import mail_after_commit, page_address
from lanzarote.core.records.bilingual import both_languages

SEPARATOR = "\n\n— — —\n\n"

APPROVED_SUBJECT = gettext_noop("Your account on the Lanzarote Convention registry")
DECLINED_SUBJECT = gettext_noop("Your request for an account on the Lanzarote Convention registry")
RECEIVED_SUBJECT = gettext_noop("A request for an account is waiting on the Treaty Office desk")


def _in_both(first: str, render: Callable[[], str]) -> str:
    english, french = both_languages(render)
    return SEPARATOR.join([french, english] if first == "fr" else [english, french])


def _subject(first: str, message_id: str) -> str:
    english, french = both_languages(lambda: _(message_id))
    return f"{french} / {english}" if first == "fr" else f"{english} / {french}"


def approved(access_request: AccessRequest, *, user: User, set_password_url: str) -> None:
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)

    def render() -> str:
        return _(
            "Dear {name},\n\n"
            "The Treaty Office of the Council of Europe has approved your request: you now have "
            "an account on the Lanzarote Convention registry as {role} for {state}.\n\n"
            "Your user name: {username}\n"
            "Choose your password within {days} days at this address:\n{url}\n\n"
            "After that, the sign-in page's “Forgot your password?” sends a new link.\n\n"
            "The Treaty Office"
        ).format(
            name=access_request.name,
            role=user.role_label,
            state=access_request.state.name,
            username=user.get_username(),
            days=days,
            url=set_password_url,
        )

    first = access_request.language
    mail_after_commit(
        [access_request.email], _subject(first, APPROVED_SUBJECT), _in_both(first, render)
    )


def declined(access_request: AccessRequest) -> None:
    contact = settings.LANZAROTE_CONTACTS.get("treaty_office", "")

    def render() -> str:
        text = _(
            "Dear {name},\n\n"
            "Thank you for your request for an account on the Lanzarote Convention registry for "
            "{state}. The Treaty Office of the Council of Europe is not able to grant it."
        ).format(name=access_request.name, state=access_request.state.name)
        if access_request.decision_note:
            text += "\n\n" + _("The reason given: {reason}").format(
                reason=access_request.decision_note
            )
        if contact:
            text += "\n\n" + _(
                "If you think this is a mistake, or if your situation changes, please write to "
                "the Treaty Office at {address}."
            ).format(address=contact)
        return text + "\n\n" + _("With our kind regards,\nThe Treaty Office")

    first = access_request.language
    mail_after_commit(
        [access_request.email], _subject(first, DECLINED_SUBJECT), _in_both(first, render)
    )


def received(access_request: AccessRequest) -> None:
    """Tell the Treaty Office's people that a request waits on their desk."""
    addresses = User.objects.filter(role=Role.TREATY_OFFICE, is_active=True).exclude(email="")
    recipients = list(addresses.values_list("email", flat=True))

    def render() -> str:
        return _(
            "{name} ({ministry}, {state}) asks for an account on the registry. "
            "The request waits on the desk: {path}"
        ).format(
            name=access_request.name,
            ministry=access_request.ministry,
            state=access_request.state.name,
            path=page_address("accounts:access_desk"),
        )

    mail_after_commit(recipients, _subject("en", RECEIVED_SUBJECT), _in_both("en", render))
