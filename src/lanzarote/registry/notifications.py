"""Depositary notifications (Art. 50 CETS 201): issuing them, reading them, e-mailing them.

Every treaty action that a person records — at the Treaty Office's registry desk or through the
accession workflow — gets a numbered notification in English and French, issued in the same
transaction as the event (`issue_notification`, called by `services.treaty_event_record`). The
reference-data loader records historical facts and issues none.

A notification is a historical document: its texts are rendered once, when it is issued, and never
again (the table is append-only). A correction or a retraction of an event is a new notification
of kind `correction`, naming the notification it corrects when there was one.

Numbers read `JJ-2026-0001`: a sequence per calendar year of issue (Europe/Paris), taken inside the
transaction. Two concurrent issues may pick the same number; the unique constraint refuses the
second, which takes the next number and tries again (PostgreSQL makes the second insert wait
until the first commits; SQLite serialises writers anyway).

E-mail goes out only after the transaction commits, to the Treaty Office and to the people of
every State the Secretary General notifies under Art. 50(1) on the day of issue (member States,
signatories, Parties, the European Union, the States invited to sign or to accede), derived by
`registry.addressees`; a failure to send is logged and never touches the record.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from lanzarote.core.errors import Conflict, NotFound
from lanzarote.core.mail import mail_built_after_commit, page_line
from lanzarote.core.roles import Role
from lanzarote.core.text import day_in_words
from lanzarote.registry import addressees, selectors
from lanzarote.registry.models import DepositaryNotification, State, Treaty, TreatyEvent
from lanzarote.registry.presenters import format_date
from lanzarote.treaty_law import (
    Instrument,
    KnownDate,
    denunciation_effective,
    get_final_clauses,
    state_entry_into_force,
)

logger = logging.getLogger("lanzarote.notifications")

PREFIX = "JJ"
LANGUAGES = ("en", "fr")
NUMBER_ATTEMPTS = 5
NUMBER_PATTERN = r"[A-Z]{1,4}-[0-9]{4}-[0-9]{4,}"

Kind = DepositaryNotification.Kind
DEPOSIT_KINDS = frozenset({"ratification", "acceptance", "approval", "accession"})


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year:04d}-{sequence:04d}"


def issues_notifications(treaty: Treaty) -> bool:
    """Only Council of Europe treaties (those with a CETS number): the Secretary General is their
    depositary. The registry mirrors the OPSC, whose depositary is the UN Secretary-General, and
    issues nothing in its name."""
    return bool(treaty.number)


def kind_of(event: TreatyEvent) -> str:
    if event.supersedes_id is not None:
        return Kind.CORRECTION
    if event.kind in DEPOSIT_KINDS:
        return Kind.DEPOSIT
    return str(event.kind)


# -- texts -------------------------------------------------------------------------------------
# English message ids, translated when the notification is rendered under `translation.override`.
# Placeholders: {when} "on 15 October 2019" / "in March 2010"; {state}, {title}, {reference}
# ("CETS No. 201") and {provisions} ("Article 20, paragraph 3") in the language being rendered.

OPENING = gettext_noop("The Secretary General of the Council of Europe notifies that {act}.")
OPENING_CORRECTION = gettext_noop(
    "The Secretary General of the Council of Europe notifies the following correction of "
    "depositary notification {number}: {act}."
)
OPENING_CORRECTION_UNNUMBERED = gettext_noop(
    "The Secretary General of the Council of Europe notifies the following correction of the "
    "record: {act}."
)
OPENING_RETRACTION = gettext_noop(
    "The Secretary General of the Council of Europe notifies that depositary notification "
    "{number} is withdrawn. The act it reported did not take place and has been removed from the "
    "record: {act}."
)
OPENING_RETRACTION_UNNUMBERED = gettext_noop(
    "The Secretary General of the Council of Europe notifies that the following act, recorded "
    "earlier, did not take place and has been removed from the record: {act}."
)

ACTS = {
    "signature": gettext_noop("{when} {state} signed the {title} ({reference})"),
    "ratification": gettext_noop(
        "{when} {state} deposited its instrument of ratification of the {title} ({reference})"
    ),
    "acceptance": gettext_noop(
        "{when} {state} deposited its instrument of acceptance of the {title} ({reference})"
    ),
    "approval": gettext_noop(
        "{when} {state} deposited its instrument of approval of the {title} ({reference})"
    ),
    "accession": gettext_noop(
        "{when} {state} deposited its instrument of accession to the {title} ({reference})"
    ),
    "reservation": gettext_noop(
        "{when} {state} made a reservation under {provisions} of the {title} ({reference})"
    ),
    "declaration": gettext_noop(
        "{when} {state} made a declaration under {provisions} of the {title} ({reference})"
    ),
    "withdrawal": gettext_noop(
        "{when} {state} withdrew its reservation or declaration under {provisions} of the "
        "{title} ({reference})"
    ),
    "territorial_application": gettext_noop(
        "{when} {state} made a declaration under {provisions} of the {title} ({reference}) "
        "specifying the territory or territories to which it applies"
    ),
    "denunciation": gettext_noop(
        "{when} {state} notified its denunciation of the {title} ({reference})"
    ),
}
# The same acts when no provision is named.
ACTS_WITHOUT_PROVISIONS = {
    "reservation": gettext_noop("{when} {state} made a reservation to the {title} ({reference})"),
    "declaration": gettext_noop(
        "{when} {state} made a declaration concerning the {title} ({reference})"
    ),
    "withdrawal": gettext_noop(
        "{when} {state} withdrew a reservation or declaration it had made to the {title} "
        "({reference})"
    ),
    "territorial_application": gettext_noop(
        "{when} {state} made a declaration concerning the territorial application of the "
        "{title} ({reference})"
    ),
}

ENTRY_INTO_FORCE_FUTURE = gettext_noop(
    "In accordance with {article}, {noun} will enter into force for {state} on {date}."
)
ENTRY_INTO_FORCE_PAST = gettext_noop(
    "In accordance with {article}, {noun} entered into force for {state} on {date}."
)
ENTRY_INTO_FORCE_LOOSE = gettext_noop(
    "In accordance with {article}, {noun} enters into force for {state} {when}."
)
ENTRY_INTO_FORCE_PENDING = gettext_noop(
    "{noun} is not yet in force; in accordance with {article}, it will enter into force for "
    "{state} on the date on which it enters into force itself."
)
DENUNCIATION_FUTURE = gettext_noop(
    "In accordance with {article}, the denunciation will take effect on {date}."
)
DENUNCIATION_PAST = gettext_noop(
    "In accordance with {article}, the denunciation took effect on {date}."
)
DENUNCIATION_LOOSE = gettext_noop(
    "In accordance with {article}, the denunciation takes effect {when}."
)

TEXT_LABELS = {
    "reservation": gettext_noop("Text of the reservation:"),
    "declaration": gettext_noop("Text of the declaration:"),
    "withdrawal": gettext_noop("Text of the withdrawal:"),
    "territorial_application": gettext_noop("Text of the declaration:"),
}
REASON = gettext_noop("Reason for the correction: {reason}")
ADDRESSED = gettext_noop("Addressed, in accordance with {article}, to {groups}.")

SUBJECT = gettext_noop("{reference} – {act} – {state}")
SUBJECT_CORRECTION = gettext_noop("{reference} – Correction: {act} – {state}")
SUBJECT_RETRACTION = gettext_noop("{reference} – Withdrawn: {act} – {state}")
REFERENCE = gettext_noop("CETS No. {number}")
ARTICLE = gettext_noop("Article {number}")
ARTICLE_PARAGRAPH = gettext_noop("Article {number}, paragraph {paragraph}")
AND = gettext_noop("{first} and {last}")
OR = gettext_noop("{first} or {last}")

_ARTICLE_CITATION = re.compile(r"Art\.\s*(\d+)(?:\((\d+)\))?")
_PROVISION = re.compile(r"^\s*(\d+)(?:\((\d+)\))?")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: Sequence[str], conjunction: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return gettext(conjunction).format(first=", ".join(items[:-1]), last=items[-1])


def _article_words(number: str, paragraph: str | None) -> str:
    if paragraph:
        return gettext(ARTICLE_PARAGRAPH).format(number=number, paragraph=paragraph)
    return gettext(ARTICLE).format(number=number)


def article_words(citation: str) -> str:
    """ "Art. 46(2)" → "Article 46, paragraph 2"; "Art. 45(3) / Art. 45(4)" → "… or …"."""
    found = [_article_words(m[1], m[2]) for m in _ARTICLE_CITATION.finditer(citation)]
    return _join(found, OR) if found else citation


def provision_words(provisions: Iterable[str]) -> str:
    """["20(3)", "24(3)"] → "Article 20, paragraph 3 and Article 24, paragraph 3"."""
    words = []
    for provision in provisions:
        match = _PROVISION.match(str(provision))
        words.append(_article_words(match[1], match[2]) if match else str(provision))
    return _join(words, AND)


def _reference(treaty: Treaty) -> str:
    return gettext(REFERENCE).format(number=treaty.number) if treaty.number else treaty.short_title


def _day(value: date) -> str:
    return format_date(value)


def _act(event: TreatyEvent) -> str:
    provisions = provision_words(event.provisions or [])
    template = ACTS[event.kind]
    if not provisions:
        template = ACTS_WITHOUT_PROVISIONS.get(event.kind, template)
    return gettext(template).format(
        when=event.known_date.describe_when(gettext, format_date),
        state=event.state.name,
        title=event.treaty.title,
        reference=_reference(event.treaty),
        provisions=provisions,
    )


@dataclass(frozen=True)
class Effect:
    """What a deposit or a denunciation brings about: entry into force for the State, or the
    day the denunciation takes effect (`on` is None while the treaty itself is not in force)."""

    kind: str  # "entry_into_force" | "denunciation"
    article: str
    on: KnownDate | None

    @property
    def exact(self) -> date | None:
        return self.on.value if self.on is not None else None


def effect_of(event: TreatyEvent) -> Effect | None:
    """Computed from the log as it stands once `event` is recorded, under the treaty's rules."""
    if event.is_retraction:
        return None
    clauses = get_final_clauses(event.treaty.slug)
    if event.kind in DEPOSIT_KINDS:
        treaty_date = selectors.treaty_entry_into_force(event.treaty).value
        if treaty_date is None:
            return Effect("entry_into_force", clauses.general_entry_into_force.article, None)
        answer = state_entry_into_force(
            clauses,
            instrument=Instrument(event.kind),
            deposited=event.known_date,
            treaty_entry_into_force=treaty_date,
        )
        return Effect("entry_into_force", answer.article, answer.value)
    if event.kind == TreatyEvent.Kind.DENUNCIATION:
        received = event.known_date
        if received.value is not None:
            effective = denunciation_effective(clauses, received=received.value)
            return Effect("denunciation", effective.article, KnownDate.exact(effective.value))
        if received.is_unknown:
            return None
        rule = clauses.denunciation
        return Effect("denunciation", rule.article, received.map_monotone(rule.apply))
    return None


def _effect_sentence(event: TreatyEvent, effect: Effect, issued_on: date) -> str:
    noun = gettext(get_final_clauses(event.treaty.slug).noun)
    params: dict[str, Any] = {
        "article": article_words(effect.article),
        "noun": noun,
        "state": event.state.name,
    }
    if effect.on is None:
        return _capitalised(gettext(ENTRY_INTO_FORCE_PENDING).format(**params))
    if effect.kind == "entry_into_force":
        future, past, loose = ENTRY_INTO_FORCE_FUTURE, ENTRY_INTO_FORCE_PAST, ENTRY_INTO_FORCE_LOOSE
    else:
        future, past, loose = DENUNCIATION_FUTURE, DENUNCIATION_PAST, DENUNCIATION_LOOSE
    day = effect.exact
    if day is None:
        when = effect.on.describe_when(gettext, format_date)
        return gettext(loose).format(when=when, **params)
    return gettext(future if day > issued_on else past).format(date=_day(day), **params)


def render(
    event: TreatyEvent,
    *,
    corrected: DepositaryNotification | None,
    effect: Effect | None,
    issued_on: date,
) -> tuple[str, str]:
    """The subject and text of the notification for `event`, in the active language."""
    retracted = event.supersedes if event.is_retraction else None
    shown = retracted or event
    act = _act(shown)
    if retracted is not None:
        opening = OPENING_RETRACTION if corrected else OPENING_RETRACTION_UNNUMBERED
    elif event.supersedes_id is not None:
        opening = OPENING_CORRECTION if corrected else OPENING_CORRECTION_UNNUMBERED
    else:
        opening = OPENING
    paragraphs = [gettext(opening).format(act=act, number=corrected.number if corrected else "")]
    if effect is not None:
        paragraphs.append(_effect_sentence(event, effect, issued_on))
    # The wording of a reservation or declaration is part of what is notified; the text of other
    # events is the registry's own note and stays out of the notification.
    particulars = (shown.text_fr or shown.text_en) if _is_french() else shown.text_en
    if shown.kind in TEXT_LABELS and particulars.strip() and retracted is None:
        paragraphs.append(f"{gettext(TEXT_LABELS[shown.kind])}\n{particulars.strip()}")
    if event.supersedes_id is not None and event.correction_reason.strip():
        paragraphs.append(gettext(REASON).format(reason=event.correction_reason.strip()))
    clauses = get_final_clauses(event.treaty.slug)
    if clauses.notification_article:
        groups = [gettext(group.label) for group in clauses.notification_addressees]
        paragraphs.append(
            gettext(ADDRESSED).format(
                article=article_words(clauses.notification_article), groups=_join(groups, AND)
            )
        )

    subject_template = (
        SUBJECT_RETRACTION
        if retracted is not None
        else SUBJECT_CORRECTION
        if event.supersedes_id is not None
        else SUBJECT
    )
    subject = gettext(subject_template).format(
        reference=_reference(shown.treaty),
        act=str(TreatyEvent.Kind(shown.kind).label),
        state=shown.state.name,
    )
    return subject[:300], "\n\n".join(paragraphs)


def _is_french() -> bool:
    return (translation.get_language() or "en")[:2] == "fr"


# -- issuing -----------------------------------------------------------------------------------


def _next_sequence(year: int) -> int:
    last = DepositaryNotification.objects.filter(year=year).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


def _corrected_notification(event: TreatyEvent) -> DepositaryNotification | None:
    """The notification of the nearest earlier version of the event that had one."""
    earlier = event.supersedes
    while earlier is not None:
        found = DepositaryNotification.objects.filter(event=earlier).first()
        if found is not None:
            return found
        earlier = earlier.supersedes
    return None


def issue_notification(*, event: TreatyEvent) -> DepositaryNotification | None:
    """Issue the notification of `event` inside the caller's transaction and queue its e-mail
    for after the commit. Returns None for a treaty whose depositary is not the Secretary
    General of the Council of Europe."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Notifications are issued inside the service's transaction.")
    if not issues_notifications(event.treaty):
        return None
    issued_at = event.recorded_at
    issued_on = timezone.localdate(issued_at)
    corrected = _corrected_notification(event) if event.supersedes_id else None
    effect = effect_of(event)
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = render(event, corrected=corrected, effect=effect, issued_on=issued_on)
    fields: dict[str, Any] = {
        "event": event,
        "treaty": event.treaty,
        "state": event.state,
        "kind": kind_of(event),
        "corrects": corrected,
        "issued_at": issued_at,
        "subject_en": texts["en"][0],
        "subject_fr": texts["fr"][0],
        "text_en": texts["en"][1],
        "text_fr": texts["fr"][1],
        "entry_into_force": effect.exact if effect is not None else None,
    }
    year = issued_on.year
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        sequence = _next_sequence(year)
        notification = DepositaryNotification(
            number=format_number(year, sequence), year=year, sequence=sequence, **fields
        )
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            # Another transaction took this number first (or the event already has one).
            if attempt == NUMBER_ATTEMPTS:
                raise Conflict(
                    "No depositary notification number could be allotted; try again."
                ) from None
            continue
        mail_after_commit(
            partial(email_messages, notification),
            what=f"depositary notification {notification.number}",
        )
        return notification
    raise AssertionError("unreachable")  # pragma: no cover


# -- reading -----------------------------------------------------------------------------------


def notification_list(
    *, treaty: Treaty | None = None, state: State | None = None
) -> QuerySet[DepositaryNotification]:
    """Newest first, with the treaty, the State and the corrected notification's number."""
    notifications = DepositaryNotification.objects.select_related("treaty", "state", "corrects")
    if treaty is not None:
        notifications = notifications.filter(treaty=treaty)
    if state is not None:
        notifications = notifications.filter(state=state)
    return notifications.order_by("-issued_at", "-id")


def notification_get(number: str) -> DepositaryNotification:
    try:
        return DepositaryNotification.objects.select_related(
            "treaty", "state", "event", "corrects"
        ).get(number=number.upper())
    except DepositaryNotification.DoesNotExist:
        raise NotFound(
            f"No depositary notification is numbered {number!r}; numbers read like "
            f"{format_number(2026, 1)}."
        ) from None


def notification_data(item: DepositaryNotification) -> dict[str, Any]:
    """The plain-data shape shared by the API and the JSON download."""
    return {
        "number": item.number,
        "kind": item.kind,
        "treaty": item.treaty.slug,
        "state": item.state_id,
        "state_name": item.state.name,
        "issued_at": item.issued_at.isoformat(),
        "issued_on": timezone.localdate(item.issued_at).isoformat(),
        "subject": item.subject,
        "subject_en": item.subject_en,
        "subject_fr": item.subject_fr,
        "text": item.text,
        "text_en": item.text_en,
        "text_fr": item.text_fr,
        "entry_into_force": item.entry_into_force.isoformat() if item.entry_into_force else None,
        "event": item.event_id,
        "corrects": item.corrects.number if item.corrects_id and item.corrects else None,
    }


CSV_FIELDS = [
    "number",
    "issued_on",
    "kind",
    "treaty",
    "state",
    "state_name",
    "subject",
    "entry_into_force",
    "corrects",
    "event",
]


def notification_csv_row(item: DepositaryNotification) -> dict[str, Any]:
    data = notification_data(item)
    return {key: data[key] for key in CSV_FIELDS}


# -- e-mail ------------------------------------------------------------------------------------


def recipients(notification: DepositaryNotification) -> list[str]:
    """The Treaty Office and the delegates and officials of every State notified under
    Art. 50(1) on the day of issue: active people with an address, each address once."""
    notified = addressees.addressed_states(
        notification.treaty, on=timezone.localdate(notification.issued_at)
    )
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(role=Role.TREATY_OFFICE)
            | Q(role__in=[Role.PARTY_DELEGATE, Role.STATE_OFFICIAL], state_id__in=notified)
        )
        .order_by("email")
    )
    addresses: dict[str, str] = {}
    for email in people.values_list("email", flat=True):
        addresses.setdefault(email.lower(), email)
    return list(addresses.values())


def _issued_on_words(notification: DepositaryNotification, language: str) -> str:
    with translation.override(language):
        return day_in_words(timezone.localdate(notification.issued_at))


def email_body(notification: DepositaryNotification) -> str:
    """English, then French: the user model records no language preference."""
    parts = []
    for language, heading, subject, text in (
        ("en", "Depositary notification", notification.subject_en, notification.text_en),
        ("fr", "Notification dépositaire", notification.subject_fr, notification.text_fr),
    ):
        issued = _issued_on_words(notification, language)
        with translation.override(language):
            # The page is the web layer's; its URL name is all the registry knows of it.
            link = page_line("web:notification", number=notification.number)
        parts.append(f"{heading} {notification.number} — {issued}\n{subject}\n\n{text}\n\n{link}")
    return "\n\n\n".join(parts) + "\n"


def email_messages(notification: DepositaryNotification) -> list[EmailMessage]:
    """One message per address, so no recipient sees the others."""
    # The product's own sender, never the public contact address (settings.LANZAROTE_CONTACTS).
    sender = settings.DEFAULT_FROM_EMAIL
    subject = f"{notification.number} – {notification.subject_en} / {notification.subject_fr}"
    body = email_body(notification)
    return [
        EmailMessage(
            subject=subject.replace("\n", " "),
            body=body,
            from_email=sender,
            to=[address],
        )
        for address in recipients(notification)
    ]


def mail_after_commit(build: Callable[[], Sequence[EmailMessage]], *, what: str) -> None:
    """Build the messages and have them sent by a task once the current transaction commits
    (for reminders too): `lanzarote.core.mail`."""
    mail_built_after_commit(build, what=what)
