"""Contributions from observers and other sources, and children's contributions with their
safeguards: the list, one contribution, the forms to send them, and the secretariat's review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.committee.models import Organisation
from lanzarote.core.errors import DomainError
from lanzarote.core.http.access import permission_required
from lanzarote.core.http.pages import or_404
from lanzarote.core.permissions import allowed
from lanzarote.core.roles import Role
from lanzarote.monitoring import children, forms, presenters, selectors, services
from lanzarote.monitoring.models import Contribution, Question, Round
from lanzarote.monitoring.views.common import (
    MANAGE,
    RoundAndState,
    actor,
    list_page,
    monitoring_page,
    refusal_context,
    refused_by_rule,
    service_form_page,
)

CSRF_FIELD = "csrfmiddlewaretoken"
CONTRIBUTION_FIELDS = [
    "id",
    "round",
    "source",
    "from",
    "states",
    "questions",
    "status",
    "received_at",
    "text",
    "is_demo",
]


@require_GET
def contributions(request: HttpRequest) -> HttpResponse:
    chosen = RoundAndState.chosen(request)
    source = request.GET.get("source") or None
    items = selectors.contribution_list(
        user=request.user, round_=chosen.round, source=source, state=chosen.state
    )
    return list_page(
        request,
        "monitoring/contributions.html",
        "contributions",
        table=lambda: [presenters.contribution(c) for c in items],
        fields=CONTRIBUTION_FIELDS,
        filename="monitoring-contributions",
        items=items,
        chosen_source=source or "",
        sources=Contribution.Source.choices,
        **chosen.page_context(),
    )


def _contribution_page(
    request: HttpRequest,
    item: Contribution,
    *,
    error: DomainError | None = None,
    sent: forms.RedactionForm | forms.ScreeningConfirmForm | None = None,
) -> HttpResponse:
    """A contribution; for the secretariat, a children's contribution also shows what the screen
    found, marked in the text, the text as received, and the forms to redact or confirm it
    (`sent`: the one just sent back with its errors)."""
    redaction = sent if isinstance(sent, forms.RedactionForm) else None
    confirmation = sent if isinstance(sent, forms.ScreeningConfirmForm) else None
    page: dict[str, Any] = {"item": item, "error": error, "found": []}
    if item.source == Contribution.Source.CHILDREN:
        page["found"] = presenters.screening_found(item)
        if allowed(request.user, MANAGE):
            page["marked"] = presenters.marked_text(item)
            if item.status == Contribution.Status.RECEIVED:
                page["redaction"] = redaction or forms.RedactionForm(
                    initial={"text": presenters.redaction_suggestion(item)}
                )
                if item.screening == Contribution.Screening.FLAGGED:
                    page["confirmation"] = confirmation or forms.ScreeningConfirmForm()
    return monitoring_page(
        request,
        "monitoring/contribution.html",
        "contributions",
        **page,
        status=error.status if error else 422 if sent else 200,
    )


@require_http_methods(["GET", "POST"])
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = or_404(lambda: selectors.contribution_get(pk, user=request.user))
    if request.method == "POST":
        try:
            services.contribution_publish(actor=actor(request), contribution=item)
        except DomainError as error:
            return _contribution_page(request, item, error=error)
        messages.success(request, _("Contribution published."))
        return redirect("monitoring:contribution", pk=pk)
    return _contribution_page(request, item)


def _contribution_review(
    request: HttpRequest,
    pk: int,
    form: forms.RedactionForm | forms.ScreeningConfirmForm,
    step: Callable[[Contribution, dict[str, Any]], tuple[int, str]],
) -> HttpResponse:
    """The secretariat's redaction or confirmation of a children's contribution: the form, the
    service (`step` returns the message to show), then back to the contribution."""
    item = or_404(lambda: selectors.contribution_get(pk, user=request.user))
    if not form.is_valid():
        return _contribution_page(request, item, sent=form)
    try:
        level, message = step(item, form.cleaned_data)
    except DomainError as error:
        return _contribution_page(request, item, error=error, sent=form)
    messages.add_message(request, level, message)
    return redirect("monitoring:contribution", pk=pk)


@require_POST
@permission_required(MANAGE, context=refusal_context)
def contribution_redact(request: HttpRequest, pk: int) -> HttpResponse:
    def redact(item: Contribution, data: dict[str, Any]) -> tuple[int, str]:
        item = children.children_contribution_redact(
            actor=actor(request), contribution=item, text=data["text"]
        )
        if item.held_by_screening:
            return messages.WARNING, _(
                "Redacted, but the screen still finds details that could identify a child."
            )
        return messages.SUCCESS, _("The redacted text is the one shown from now on.")

    return _contribution_review(request, pk, forms.RedactionForm(request.POST), redact)


@require_POST
@permission_required(MANAGE, context=refusal_context)
def contribution_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    def confirm(item: Contribution, data: dict[str, Any]) -> tuple[int, str]:
        children.children_contribution_confirm(
            actor=actor(request), contribution=item, note=data["note"]
        )
        return messages.SUCCESS, _("Confirmed: the contribution may be published.")

    return _contribution_review(request, pk, forms.ScreeningConfirmForm(request.POST), confirm)


def _round_and_questions(slug: str) -> tuple[Round, list[Question]]:
    """The round contributed to (404 if unknown) and the questions of its current questionnaire."""
    round_ = or_404(lambda: selectors.round_get(slug))
    questionnaire = selectors.current_questionnaire(round_)
    return round_, list(questionnaire.questions.all()) if questionnaire else []


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request: HttpRequest, slug: str) -> HttpResponse:
    round_, questions = _round_and_questions(slug)
    observer = request.user.role == Role.OBSERVER  # type: ignore[union-attr]
    organisation = selectors.organisation_for(request.user) if observer else None
    if not (allowed(request.user, MANAGE) or (observer and organisation is not None)):
        return refused_by_rule(request, "monitoring.contribute")
    form = forms.ContributionForm(request.POST or None, questions=questions, observer=observer)

    def record(data: dict[str, Any]) -> Contribution:
        return services.contribution_submit(
            actor=actor(request),
            round_=round_,
            source=data["source"],
            text=data["text"],
            language=data["language"],
            questions=[int(q) for q in data["questions"]],
            states=data["states"],
            organisation=organisation,
            contributor=data.get("contributor", ""),
        )

    return _contribute_page(
        request, round_, form, organisation, record, _("Contribution received.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribute_children(request: HttpRequest, slug: str) -> HttpResponse:
    round_, questions = _round_and_questions(slug)
    organisation = selectors.organisation_for(request.user)
    if not allowed(
        request.user, "monitoring.contribute", source="children", organisation=organisation
    ):
        return refused_by_rule(request, "monitoring.contribute")
    form = forms.ChildrenContributionForm(request.POST or None, questions=questions)

    def record(data: dict[str, Any]) -> Contribution:
        # A field posted beyond the form's own (a child's name, `is_demo`…) is refused by name
        # rather than ignored.
        children.refuse_unknown_fields(
            key for key in request.POST if key not in form.fields and key != CSRF_FIELD
        )
        return children.children_contribution_record(
            actor=actor(request),
            round_=round_,
            text=data["text"],
            age_band=data["age_band"],
            consent_from=data["consent_from"],
            anonymised=data["anonymised"],
            facilitator=data["facilitator"],
            language=data["language"],
            questions=[int(q) for q in data["questions"]],
        )

    done = _("Children's contribution recorded with its safeguards.")
    return _contribute_page(request, round_, form, organisation, record, done, children=True)


def _contribute_page(
    request: HttpRequest,
    round_: Round,
    form: Form,
    organisation: Organisation | None,
    record: Callable[[dict[str, Any]], Contribution],
    done: str,
    *,
    children: bool = False,
) -> HttpResponse:
    """A contribution form (observers, or children's with its safeguards); once recorded, the
    contribution's page."""
    return service_form_page(
        request,
        form=form,
        act=record,
        done=done,
        success=lambda item: redirect("monitoring:contribution", pk=item.pk),
        template="monitoring/contribute.html",
        section="contributions",
        page=lambda: {"round": round_, "organisation": organisation, "children": children},
    )
