"""Questionnaires and their questions, with the reservations on the articles they concern, and
the rapporteurs' observations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lanzarote.core import versions
from lanzarote.core.errors import DomainError
from lanzarote.core.http.caching import public_cache
from lanzarote.core.http.pages import or_404
from lanzarote.core.permissions import allowed
from lanzarote.monitoring import forms, presenters, selectors, services
from lanzarote.monitoring.views.common import (
    actor,
    download,
    download_format,
    include_demo,
    monitoring_page,
    refused,
)


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = or_404(lambda: selectors.questionnaire_get(pk))
    questions = list(questionnaire.questions.all())
    numbers = sorted({a.number for q in questions for a in q.articles.all()})
    reservations = selectors.reservations_on_articles(numbers)
    if download_format(request):
        data = presenters.questionnaire(questionnaire)
        rows = [
            {**q, "articles": " ".join(map(str, q["articles"])), "is_demo": questionnaire.is_demo}
            for q in data["items"]
        ]
        return download(
            request,
            rows=rows,
            fields=["number", "parent", "text_en", "text_fr", "articles", "is_demo"],
            filename=f"questionnaire-{questionnaire.pk}",
            json_data=data
            if (include_demo(request) or not questionnaire.is_demo)
            else {**data, "items": []},
        )
    by_question = []
    for question in questions:
        wanted = {a.number for a in question.articles.all()}
        facts = [
            (code, [f for f in fs if f.article in wanted]) for code, fs in reservations.items()
        ]
        by_question.append((question, [(c, fs) for c, fs in facts if fs]))
    return monitoring_page(
        request,
        "monitoring/questionnaire.html",
        "rounds",
        questionnaire=questionnaire,
        by_question=by_question,
        states=selectors.state_names(),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = or_404(lambda: selectors.question_get(pk))
    articles = selectors.article_numbers(question)
    replies = [
        r
        for r in selectors.reply_list(user=request.user, questionnaire=question.questionnaire)
        if r.question_id == question.pk
    ]
    user = request.user
    return monitoring_page(
        request,
        "monitoring/question.html",
        "rounds",
        question=question,
        replies=replies,
        reservations=selectors.reservations_on_articles(articles),
        states=selectors.state_names(),
        observations=selectors.observations_of(question),
        contributions=selectors.contribution_list(user=user, question=question.pk),
        may_observe=allowed(
            user, "monitoring.observe", rapporteur_ids=selectors.rapporteur_ids(question)
        ),
        may_reply=_may_reply_here(user, question),
        observation_form=forms.ObservationForm(),
    )


def _may_reply_here(user: Any, question: Any) -> bool:
    code = getattr(user, "state_id", None)
    return bool(code) and allowed(user, "monitoring.draft_reply", state_code=code)


@login_required
@require_POST
def observation_write(request: HttpRequest, pk: int) -> HttpResponse:
    question = or_404(lambda: selectors.question_get(pk))
    form = forms.ObservationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The observation is empty."))
        return redirect("monitoring:question", pk=pk)
    try:
        services.observation_write(
            actor=actor(request),
            question=question,
            text=form.cleaned_data["text"],
            state_code=form.cleaned_data["state"] or None,
            language=form.cleaned_data["language"],
        )
    except DomainError as error:
        return refused(request, error)
    messages.success(request, _("Observation recorded."))
    return redirect("monitoring:question", pk=pk)
