"""Adopted texts: the list by kind and article, one text (public), and the desk's text form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.committee import forms, presenters, selectors, services
from lanzarote.committee.models import AdoptedText, Decision, Meeting
from lanzarote.committee.schemas.common import dump_all
from lanzarote.committee.schemas.texts import CommitteeTextSummaryOut
from lanzarote.committee.views.common import context, desk, desk_form, download_query
from lanzarote.core import versions
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.downloads import csv_download, json_download
from lanzarote.core.http.pages import bad_query, or_404


def _texts(request: HttpRequest) -> tuple[forms.TextFilterForm, dict[str, Any]]:
    articles = selectors.convention_articles()
    form = forms.TextFilterForm(request.GET, articles=articles)
    page = context(request, "texts", form=form)
    if not form.is_valid():
        return form, page
    kind = form.cleaned_data.get("kind") or ""
    article = form.cleaned_data.get("article")
    page.update(
        {
            "texts": selectors.text_list(kind=kind, article=article),
            "kind": kind,
            "article": next((a for a in articles if a.number == article), None),
            "download_query": download_query(form, "kind", "article"),
        }
    )
    return form, page


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def texts(request: HttpRequest) -> HttpResponse:
    form, page = _texts(request)
    status = 200 if form.is_valid() else 400
    return render(request, "committee/texts.html", page, status=status)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def texts_csv(request: HttpRequest) -> HttpResponse:
    form, page = _texts(request)
    if not form.is_valid():
        return bad_query(form)
    rows = [presenters.text_csv_row(t) for t in page["texts"]]
    return csv_download(rows, presenters.TEXT_CSV_FIELDS, "committee-texts")


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def texts_json(request: HttpRequest) -> HttpResponse:
    form, page = _texts(request)
    if not form.is_valid():
        return bad_query(form)
    data = {
        "filters": {"kind": page["kind"] or None, "article": form.cleaned_data.get("article")},
        "texts": dump_all(CommitteeTextSummaryOut, page["texts"]),
    }
    return json_download(data, "committee-texts")


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE)
def text_detail(request: HttpRequest, slug: str) -> HttpResponse:
    item = or_404(lambda: selectors.text_get(slug))
    return render(request, "committee/text.html", context(request, "texts", text=item))


def _kept_decision(text: AdoptedText | None, meeting: Meeting | None) -> Decision | None:
    """An edited text keeps its adopting decision while it stays with the same meeting."""
    if text is None or text.decision is None:
        return None
    return text.decision if text.meeting_id == getattr(meeting, "pk", None) else None


@desk.action(
    "texts/new/", name="desk_text_new", also=(("texts/<slug:slug>/edit/", "desk_text_edit"),)
)
def desk_text(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    text = or_404(lambda: selectors.text_get(slug)) if slug else None

    def save(data: dict[str, Any]) -> AdoptedText:
        return services.text_save(
            user=request.user,
            text=text,
            adopted_on=data.pop("adopted_on") or "unknown",
            considered_at=list(text.considered_at.all()) if text else [],
            decision=_kept_decision(text, data.get("meeting")),
            **data,
        )

    return desk_form(
        request,
        form_class=forms.TextForm,
        initial=forms.TextForm.initial_from(text) if text else None,
        title=_("Edit “%(title)s”") % {"title": text.title} if text else _("New adopted text"),
        save=save,
        success=lambda item: reverse("committee:text", args=[item.slug]),
    )
