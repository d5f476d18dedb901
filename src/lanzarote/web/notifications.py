"""Depositary notifications on the public site: the list, one notification, the list as CSV and
JSON, an Atom feed and each notification as PDF. The texts were written once, when each
notification was issued; the pages only show them in the language of the URL."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.core import versions
from lanzarote.core.errors import NotFound
from lanzarote.core.http.downloads import csv_download, file_or_preparing, json_download
from lanzarote.core.renders import Rendered, rendered_or_queued
from lanzarote.documents.letters import depositary_notification_document
from lanzarote.registry import notifications
from lanzarote.registry.models import DepositaryNotification
from lanzarote.web.views import _download_name, registry_page

PER_PAGE = 50
FEED_ENTRIES = 50


def _language() -> str:
    return (get_language() or "en")[:2]


def _notification_or_404(number: str) -> DepositaryNotification:
    try:
        return notifications.notification_get(number)
    except NotFound:
        raise Http404(
            _(
                "There is no depositary notification numbered “%(number)s”. Numbers read like "
                "JJ-2026-0001; the list of notifications gives them all."
            )
            % {"number": number}
        ) from None


@require_GET
@registry_page
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications.notification_list(), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/notifications.html",
        {"page": page, "rows": list(page.object_list)},
    )


@require_GET
@registry_page
def notification_detail(request: HttpRequest, number: str) -> HttpResponse:
    notification = _notification_or_404(number)
    language = _language()
    other = "fr" if language == "en" else "en"
    return render(
        request,
        "web/notification.html",
        {
            "notification": notification,
            "issued_on": timezone.localdate(notification.issued_at),
            "other_language": other,
            "other_subject": getattr(notification, f"subject_{other}"),
            "other_text": getattr(notification, f"text_{other}"),
            "corrected_by": list(notification.corrections.order_by("issued_at", "id")),
        },
    )


def _all_rows() -> list[DepositaryNotification]:
    return list(notifications.notification_list())


@require_GET
@registry_page
def notification_list_csv(request: HttpRequest) -> HttpResponse:
    rows = [notifications.notification_csv_row(n) for n in _all_rows()]
    return csv_download(
        rows, notifications.CSV_FIELDS, _download_name("depositary-notifications", _language())
    )


@require_GET
@registry_page
def notification_list_json(request: HttpRequest) -> HttpResponse:
    data: dict[str, Any] = {
        "language": _language(),
        "notifications": [notifications.notification_data(n) for n in _all_rows()],
    }
    return json_download(data, _download_name("depositary-notifications", _language()))


def notification_pdf_file(*, number: str) -> Rendered:
    """One notification as a PDF in the active language (run by `core.renders`)."""
    notification = notifications.notification_get(number)
    language = _language()
    document = depositary_notification_document(
        number=notification.number,
        issued_on=timezone.localdate(notification.issued_at),
        text=getattr(notification, f"text_{language}"),
        language="fr" if language == "fr" else "en",
        file_format="pdf",
    )
    return Rendered(document.content, document.content_type, document.filename)


@require_GET
@registry_page
def notification_pdf(request: HttpRequest, number: str) -> HttpResponse:
    notification = _notification_or_404(number)
    rendered = rendered_or_queued(
        renderer=f"{__name__}.notification_pdf_file",
        params={"number": notification.number},
        language=_language(),
        version=versions.current(versions.REGISTRY),
    )
    return file_or_preparing(request, rendered)


class NotificationFeed(Feed):
    """The newest notifications as Atom, in the language of the URL. Entry ids are built from
    the notification number, so they never change."""

    feed_type = Atom1Feed
    title = gettext_lazy("Depositary notifications — Lanzarote Convention (CETS No. 201)")
    subtitle = gettext_lazy(
        "Signatures, deposits of instruments, reservations, declarations and denunciations "
        "notified by the Secretary General of the Council of Europe."
    )
    author_name = gettext_lazy("Treaty Office of the Council of Europe")

    def link(self) -> str:
        return reverse("web:notifications")

    def feed_url(self) -> str:
        return reverse("web:notifications_feed")

    def feed_guid(self) -> str:
        return "urn:lanzarote:depositary-notifications"

    def items(self) -> list[DepositaryNotification]:
        return list(notifications.notification_list()[:FEED_ENTRIES])

    def item_title(self, item: DepositaryNotification) -> str:
        return f"{item.number} — {item.subject}"

    def item_description(self, item: DepositaryNotification) -> str:
        return linebreaks(escape(item.text))

    def item_link(self, item: DepositaryNotification) -> str:
        return reverse("web:notification", kwargs={"number": item.number})

    def item_guid(self, item: DepositaryNotification) -> str:
        return f"urn:lanzarote:depositary-notification:{item.number}"

    def item_guid_is_permalink(self, item: DepositaryNotification) -> bool:
        return False

    def item_pubdate(self, item: DepositaryNotification) -> Any:
        return item.issued_at

    def item_updateddate(self, item: DepositaryNotification) -> Any:
        return item.issued_at

    def item_categories(self, item: DepositaryNotification) -> list[str]:
        return [item.kind, item.state_id]


notification_feed = require_GET(registry_page(NotificationFeed()))
