"""The readiness catalogue for everybody: the obligations of Arts. 4–38 with their mappings, each
article, and the follow-up questions an answer opens (cached per readiness version)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.core import versions
from lanzarote.core.errors import NotFound
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.downloads import csv_download, json_download
from lanzarote.readiness import presenters, reports, selectors
from lanzarote.readiness.answers import AnswerSheet
from lanzarote.readiness.forms import ChapterForm
from lanzarote.readiness.models import Instrument, Kind, Relation, Status
from lanzarote.readiness.views.interview import _not_found
from lanzarote.treaty_law import CONVENTION


@require_GET
@public_cache(versions.READINESS)
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    route = None
    if getattr(user, "is_authenticated", False) and user.state_id:
        route = reports.route_to_join(user.state_id, today=timezone.localdate())
    book = selectors.catalogue()
    return render(
        request,
        "readiness/index.html",
        {
            "book": book,
            "benefits": [(str(t), str(x)) for t, x in reports.BENEFITS],
            "route": route,
            "obligation_count": len(book.obligations),
            "mapping_count": len(book.mappings()),
        },
    )


def _kind_filter(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in Kind.values else ""


@require_GET
@public_cache(versions.READINESS)
def obligations(request: HttpRequest) -> HttpResponse:
    book = selectors.catalogue()
    kind = _kind_filter(request)
    return render(
        request,
        "readiness/obligations.html",
        {
            "book": book,
            "kind": kind,
            "kinds": Kind.choices,
            "count": sum(1 for e in book.obligations if not kind or e.obligation.kind == kind),
        },
    )


def _obligations(request: HttpRequest) -> list[Any]:
    """The catalogue's obligations of the kind the query asks for (all without one)."""
    kind = _kind_filter(request)
    return [e for e in selectors.catalogue().obligations if not kind or e.obligation.kind == kind]


@require_GET
@public_cache(versions.READINESS)
def obligations_csv(request: HttpRequest) -> HttpResponse:
    rows = [presenters.obligation_csv_row(e) for e in _obligations(request)]
    return csv_download(rows, list(rows[0]) if rows else ["id"], f"{CONVENTION}-obligations")


@require_GET
@public_cache(versions.READINESS)
def obligations_json(request: HttpRequest) -> HttpResponse:
    data = [presenters.obligation(e) for e in _obligations(request)]
    return json_download({"obligations": data}, f"{CONVENTION}-obligations")


@require_GET
@public_cache(versions.READINESS)
def article(request: HttpRequest, number: int) -> HttpResponse:
    book = selectors.catalogue()
    entry = book.articles.get(number)
    if entry is None:
        raise Http404(
            _("Article %(number)s has no obligations in the catalogue; it covers Articles 4 to 38.")
            % {"number": number}
        )
    numbers = sorted(book.articles)
    position = numbers.index(number)
    return render(
        request,
        "readiness/article.html",
        {
            "book": book,
            "entry": entry,
            "previous": numbers[position - 1] if position else None,
            "next": numbers[position + 1] if position + 1 < len(numbers) else None,
        },
    )


@require_GET
@public_cache(versions.READINESS)
def mappings(request: HttpRequest) -> HttpResponse:
    book = selectors.catalogue()
    instrument = request.GET.get("instrument", "")
    if instrument and instrument not in Instrument.values:
        instrument = ""
    groups = []
    for value, label in Instrument.choices:
        if instrument and value != instrument:
            continue
        targets = [
            (t, [m for m in book.mappings(value) if m.target_id == t.pk])
            for t in book.targets_of(value)
        ]
        groups.append({"instrument": value, "label": label, "targets": targets})
    return render(
        request,
        "readiness/mappings.html",
        {
            "book": book,
            "groups": groups,
            "instrument": instrument,
            "instruments": Instrument.choices,
            "relations": Relation.choices,
        },
    )


@require_GET
def followups(request: HttpRequest, code: str) -> HttpResponse:
    """The follow-up questions an answer opens (htmx swaps them in when the answer changes)."""
    book = selectors.catalogue()
    try:
        entry = book.get(code)
    except NotFound as error:
        raise _not_found(error) from None
    name = f"o{entry.slug}-status"
    status = request.GET.get(name, Status.NOT_KNOWN.value)
    if status not in Status.values:
        status = Status.NOT_KNOWN.value
    form = ChapterForm(
        [entry],
        AnswerSheet(state=None, title="", weprotect_member=False, answers={}),
        statuses={code: status},
    )
    return render(request, "readiness/_followups.html", {"block": form.blocks()[0]})
