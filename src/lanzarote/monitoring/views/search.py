"""Full-text search of the monitoring records, with facets, and each person's own screen."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.core.permissions import allowed
from lanzarote.core.roles import Role
from lanzarote.monitoring import forms, presenters, selectors, services
from lanzarote.monitoring.models import Round
from lanzarote.monitoring.search import SearchFacets, search
from lanzarote.monitoring.views.common import (
    MANAGE,
    PAGE_SIZE,
    context,
    download,
    download_format,
    query,
)
from lanzarote.registry import selectors as registry

SEARCH_FIELDS = ["kind", "id", "round", "states", "title", "score", "language", "is_demo"]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    rounds = selectors.round_list()
    form = forms.SearchForm(request.GET or None, rounds=rounds)
    result = None
    by_id = {r.pk: r for r in rounds}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        page = data.get("page") or 1
        by_slug = {r.slug: r.pk for r in rounds}
        facets = SearchFacets(
            round=by_slug.get(data["round"]) if data["round"] else None,
            kind=data["kind"] or None,
            state=data["state"] or None,
            article=data["article"],
            strength=data["strength"] or None,
            compliance=data["compliance"] or None,
            public_only=not allowed(request.user, MANAGE),
            demo=data["demo"],
        )
        result = search(data["q"], facets=facets, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        if download_format(request):
            payload = presenters.search_result(result, rounds=by_id)
            return download(
                request,
                rows=payload["hits"],
                fields=SEARCH_FIELDS,
                filename="monitoring-search",
                json_data=payload,
                demo=data["demo"],
            )
    page_context = context(request, "search", form=form, result=result, rounds=by_id)
    if result is not None:
        page = form.cleaned_data.get("page") or 1
        page_context.update(
            {
                "page": page,
                "previous_query": query(request, page=page - 1) if page > 1 else "",
                "next_query": query(request, page=page + 1)
                if page * PAGE_SIZE < result.total
                else "",
                "facet_links": _facet_links(
                    request,
                    result,
                    by_id,
                    selectors.state_names() if result.counts.get("state") else {},
                ),
            }
        )
    return render(
        request,
        "monitoring/search.html",
        page_context,
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _facet_links(
    request: HttpRequest, result: Any, rounds: dict[int, Round], names: dict[str, str]
) -> list[tuple[str, list[tuple[str, int, str]]]]:
    labels = {
        "round": lambda v: rounds[int(v)].title if int(v) in rounds else v,
        "kind": lambda v: {
            "round": _("Rounds"),
            "question": _("Questions"),
            "reply": _("Replies"),
            "contribution": _("Contributions"),
            "recommendation": _("Recommendations"),
        }.get(v, v),
        "state": lambda v: names.get(v, v),
        "article": lambda v: _("Art. %(number)s") % {"number": v},
        "strength": lambda v: v,
        "compliance": presenters.compliance_label,
    }
    titles = {
        "round": _("Round"),
        "kind": _("Kind"),
        "state": _("Party"),
        "article": _("Article"),
        "strength": _("Strength"),
        "compliance": _("Compliance"),
    }
    groups = []
    for name, counts in result.counts.items():
        if not counts:
            continue
        entries = []
        for value, count in list(counts.items())[:12]:
            param = rounds[int(value)].slug if name == "round" and int(value) in rounds else value
            entries.append(
                (
                    str(labels[name](value)),
                    count,
                    "?" + query(request, **{name: param, "page": None}),
                )
            )
        groups.append((titles[name], entries))
    return groups


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """What the person has to do: a Party's questionnaires and replies, a rapporteur's
    questions, an observer's contributions."""
    user = request.user
    role = getattr(user, "role", "")
    page = context(request, "mine")
    if role in (Role.PARTY_DELEGATE, Role.NATIONAL_COORDINATOR) and user.state_id:  # type: ignore[union-attr]
        code = user.state_id  # type: ignore[union-attr]
        todo: list[tuple[Any, Any, Any, Any]] = []
        obligation = selectors.goq_obligation_of(code)
        goq = selectors.general_questionnaire()
        if obligation is not None and goq is not None:
            services.goq_slots_materialise(state_code=code)  # the slots appear when first needed
            todo.append((None, goq, selectors.replies_for_state(code, goq), obligation))
        for round_ in selectors.round_list():
            questionnaire = selectors.current_questionnaire(round_)
            if questionnaire is None or code not in selectors.round_scope(round_).codes:
                continue
            todo.append(
                (round_, questionnaire, selectors.replies_for_state(code, questionnaire), None)
            )
        page.update({"party_todo": todo, "state": registry.state_get(code)})
    if role == Role.RAPPORTEUR:
        page["assignments"] = selectors.assignments_of(user)
    if role == Role.OBSERVER:
        page["organisation"] = selectors.organisation_for(user)
        page["own_contributions"] = [
            c
            for c in selectors.contribution_list(user=user)
            if c.organisation_id
            and page["organisation"]
            and c.organisation_id == page["organisation"].pk
        ]
        page["rounds"] = selectors.round_list()
    return render(request, "monitoring/mine.html", page)
