"""Data quality at a glance (`/<lang>/treaties/<slug>/data-quality/`): how precisely the record
knows each date and on what sources, as `lanzarote data-quality` prints it.

The page is public: every figure is a count of what the chart and the profiles already show
(dates as known, sources with their grades), and saying how well the record knows its dates is
part of what makes it trustworthy. The figures come from `registry.quality`, nothing is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from lanzarote.core.http.downloads import json_download
from lanzarote.registry.quality import NO_SOURCE, PRECISIONS, UNGRADED, treaty_quality
from lanzarote.registry.sources import GRADE_LABELS, Grade
from lanzarote.web.forms import AsOfForm
from lanzarote.web.views import _treaty_or_404, query_download, registry_page

ACT_LABELS = {
    "signature": _("Signature"),
    "consent": _("Deposit of the instrument"),
    "entry_into_force": _("Entry into force for the State"),
    "other": _("Other acts (reservations, declarations, withdrawals…)"),
}
PRECISION_LABELS = {
    "exact": _("Exact day"),
    "month_only": _("Month only"),
    "bounded": _("Within bounds"),
    "unknown": _("Unknown"),
}
GRADES = [*Grade.values, UNGRADED]
EXTRA_GRADE_LABELS = {UNGRADED: _("ungraded"), NO_SOURCE: _("no source")}


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Row:
    act: str
    label: str
    cells: list[int]
    total: int


def _label(grade: str) -> str:
    if grade in Grade.values:
        return str(GRADE_LABELS[Grade(grade)])
    return str(EXTRA_GRADE_LABELS[grade])


def _rows(acts: list[dict[str, Any]], part: str, keys: list[str]) -> list[Row]:
    return [
        Row(
            act=act["act"],
            label=str(ACT_LABELS[act["act"]]),
            cells=[act[part][key] for key in keys],
            total=sum(act[part][key] for key in keys),
        )
        for act in acts
    ]


def _quality(request: HttpRequest, slug: str) -> tuple[AsOfForm, dict[str, Any]]:
    """The treaty's figures on the date asked, for the page and its download."""
    treaty = _treaty_or_404(slug)
    form = AsOfForm(request.GET)
    context: dict[str, Any] = {"treaty": treaty, "form": form}
    if form.is_valid():
        as_of: date = form.cleaned_data["as_of"]
        context["as_of"] = as_of
        context["figures"] = treaty_quality(treaty, as_of=as_of).as_dict()
    return form, context


@require_GET
@registry_page
def data_quality(request: HttpRequest, slug: str) -> HttpResponse:
    form, context = _quality(request, slug)
    if not form.is_valid():
        return render(request, "web/data_quality.html", context, status=400)
    acts = context.pop("figures")["acts"]
    strongest = [*GRADES, NO_SOURCE]
    context.update(
        {
            "precisions": [Column(key, str(PRECISION_LABELS[key])) for key in PRECISIONS],
            "precision_rows": _rows(acts, "dates", list(PRECISIONS)),
            "strongest_grades": [Column(key, _label(key)) for key in strongest],
            "strongest_rows": _rows(acts, "dates_by_strongest_grade", strongest),
            "grades": [Column(key, _label(key)) for key in GRADES],
            # A computed entry into force cites nothing of its own: it rests on the deposit's
            # sources.
            "source_rows": [
                r for r in _rows(acts, "sources_by_grade", GRADES) if r.act != "entry_into_force"
            ],
        }
    )
    return render(request, "web/data_quality.html", context)


@query_download(_quality)
def data_quality_json(context: dict[str, Any]) -> HttpResponse:
    name = f"{context['treaty'].slug}-data-quality-{context['as_of'].isoformat()}"
    return json_download(context["figures"], name)
