"""The secretariat's desk: the rounds and the form to launch one, a round's page with its forms,
one URL and one view per action of that page, and the import of replies and contributions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from lanzarote.accounts import selectors as accounts
from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.http.pages import or_404
from lanzarote.monitoring import forms, imports, selectors, services
from lanzarote.monitoring.models import Questionnaire, Round
from lanzarote.monitoring.selectors import desk as desk_reads
from lanzarote.monitoring.views.common import (
    actor,
    desk,
    monitoring_page,
    refused,
    service_form_page,
    service_values,
)

# An action gets the round, its current questionnaire and the form's data, and answers the
# message to show once it is done.
Act = Callable[[HttpRequest, Round, Questionnaire | None, dict[str, Any]], str]


@desk.action("", name="desk")
def overview(request: HttpRequest) -> HttpResponse:
    """The rounds, and the form that launches one."""

    def launch(data: dict[str, Any]) -> Round:
        # The form's fields are the service's arguments.
        return services.round_create(actor=actor(request), status=Round.Status.REPLIES, **data)

    return service_form_page(
        request,
        form=forms.RoundForm(request.POST or None),
        act=launch,
        done=_("Round launched."),
        success=lambda round_: redirect("monitoring:desk_round", slug=round_.slug),
        template="monitoring/desk.html",
        section="desk",
        page=lambda: {"rounds": selectors.round_list(), "import_form": forms.ImportForm()},
    )


def _round_forms(
    round_: Round, sent: str | None = None, data: Any = None
) -> dict[str, django_forms.Form]:
    """The forms of a round's desk page, the one `sent` bound to what was posted."""

    def bound(name: str) -> Any:
        return data if name == sent else None

    return {
        "scope": forms.ScopeAdditionForm(bound("scope")),
        "strength": forms.StrengthForm(bound("strength")),
        "questionnaire": forms.QuestionnaireForm(bound("questionnaire")),
        "question": forms.QuestionForm(bound("question")),
        "rapporteur": forms.RapporteurForm(
            bound("rapporteur"), initial={"assigned_on": timezone.localdate()}
        ),
        "report": forms.ReportForm(bound("report")),
        "recommendation": forms.RecommendationForm(
            bound("recommendation"), strengths=selectors.strength_levels(round_)
        ),
    }


def _round_page(
    request: HttpRequest,
    round_: Round,
    *,
    page_forms: dict[str, django_forms.Form] | None = None,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    desk_view = desk_reads.round_desk(round_)
    return monitoring_page(
        request,
        "monitoring/desk_round.html",
        "desk",
        round=round_,
        questionnaire=desk_view.questionnaire,
        reports=desk_view.reports,
        levels=desk_view.levels,
        forms=page_forms or _round_forms(round_),
        error=error,
        scope=desk_view.scope,
        assignments=desk_view.assignments,
        reminders=desk_view.reminders,
        pending=desk_view.pending_replies,
        pending_contributions=desk_view.pending_contributions,
        status=status,
    )


@desk.page("rounds/<slug:slug>/", name="desk_round")
def round_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _round_page(request, or_404(lambda: selectors.round_get(slug)))


def _round_action(request: HttpRequest, slug: str, name: str | None, act: Act) -> HttpResponse:
    """One action of a round's desk page: its form (`name`; None for a bare button) validated,
    the service called; on success back to the page with a message, otherwise the page again
    with the form's errors (400) or the refusal (422)."""
    round_ = or_404(lambda: selectors.round_get(slug))
    page_forms = _round_forms(round_, name, request.POST)
    data: dict[str, Any] = {}
    if name is not None:
        form = page_forms[name]
        if not form.is_valid():
            return _round_page(request, round_, page_forms=page_forms, status=400)
        data = form.cleaned_data
    try:
        done = act(request, round_, selectors.current_questionnaire(round_), data)
    except DomainError as refusal:
        return _round_page(request, round_, page_forms=page_forms, error=refusal, status=422)
    messages.success(request, done)
    return redirect("monitoring:desk_round", slug=slug)


def _round_action_view(route: str, name: str | None, act: Act) -> None:
    @desk.action(f"rounds/<slug:slug>/{route}/", name=f"desk_round_{route}", post_only=True)
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        return _round_action(request, slug, name, act)


def _send_reminders(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    if questionnaire is None:
        raise DomainError(_("The round has no questionnaire yet."))
    sent = services.reminders_send(actor=actor(request), questionnaire=questionnaire)
    return _("%(count)s reminders sent.") % {"count": len(sent)}


def _add_to_scope(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    services.scope_add(actor=actor(request), round_=round_, **service_values(data))
    return _("Party added to the round's scope.")


def _set_strength(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    services.strength_level_set(actor=actor(request), round_=round_, **data)
    return _("Vocabulary updated.")


def _create_questionnaire(
    request: HttpRequest, round_: Round, questionnaire: Any, data: Any
) -> str:
    services.questionnaire_create(actor=actor(request), kind="thematic", round_=round_, **data)
    return _("Questionnaire created.")


def _add_question(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    if questionnaire is None:
        raise DomainError(_("Create the questionnaire first."))
    services.question_add(
        actor=actor(request),
        questionnaire=questionnaire,
        number=data["number"],
        text_en=data["text_en"],
        text_fr=data["text_fr"],
        articles=data["articles"],
        parent_number=data["parent"] or None,
    )
    return _("Question added.")


def _appoint_rapporteur(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    try:
        rapporteur = accounts.user_get(data["username"])
    except NotFound:
        raise NotFound(_("No user named %(name)s.") % {"name": data["username"]}) from None
    services.rapporteur_assign(
        actor=actor(request),
        question=selectors.question_get(data["question"]),
        rapporteur=rapporteur,
        assigned_on=data["assigned_on"],
    )
    return _("Rapporteur appointed.")


def _record_report(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    services.report_create(actor=actor(request), round_=round_, **service_values(data))
    return _("Report recorded.")


def _add_recommendation(request: HttpRequest, round_: Round, questionnaire: Any, data: Any) -> str:
    report = selectors.report_get(request.POST.get("report", ""))
    if report.round_id != round_.pk:
        raise NotFound(_("That report belongs to another round."))
    services.recommendation_add(
        actor=actor(request),
        report=report,
        number=data["number"],
        text_en=data["text_en"],
        text_fr=data["text_fr"],
        strength=data["strength"] or None,
        addressees=data["addressees"],
        articles=data["articles"],
    )
    return _("Recommendation added.")


_round_action_view("reminders", None, _send_reminders)
_round_action_view("scope", "scope", _add_to_scope)
_round_action_view("strength", "strength", _set_strength)
_round_action_view("questionnaire", "questionnaire", _create_questionnaire)
_round_action_view("question", "question", _add_question)
_round_action_view("rapporteur", "rapporteur", _appoint_rapporteur)
_round_action_view("report", "report", _record_report)
_round_action_view("recommendation", "recommendation", _add_recommendation)


@desk.action("import/", name="desk_import")
def desk_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (every bad row with its line and reason; nothing written) → confirm."""
    if request.method == "POST" and request.POST.get("token"):
        try:
            count = imports.import_confirm(user=request.user, token=request.POST["token"])
        except DomainError as refusal:
            return refused(request, refusal)
        messages.success(request, _("%(count)s rows imported.") % {"count": count})
        return redirect("monitoring:desk")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    preview: imports.Preview | None = None
    draft: Any = None
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imports.check_size(upload.size)
            preview, draft = imports.import_preview(
                user=request.user,
                kind=form.cleaned_data["kind"],
                filename=upload.name or "",
                content=upload.read(),
            )
        except DomainError as refusal:
            error = refusal
    return monitoring_page(
        request,
        "monitoring/desk_import.html",
        "desk",
        form=form,
        preview=preview,
        draft=draft,
        error=error,
        status=error.status if error else 422 if preview is not None and not preview.clean else 200,
    )
