"""The monitoring pages: public (rounds, matrix, dashboards, reports, recommendations, compliance,
published replies and contributions, search), the screens of each role (a Party's delegates and
national coordinator, rapporteurs, observers) and the secretariat's desk. Views parse, ask a
selector or call one service, and render; every list offers CSV, XLSX and JSON of what it shows
(`?format=`), real records only unless `include_demo=1`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lanzarote.accounts.models import User
from lanzarote.committee.models import Meeting
from lanzarote.core import versions
from lanzarote.core.audit import Actor
from lanzarote.core.errors import DomainError, NotFound
from lanzarote.core.http.caching import public_cache
from lanzarote.core.permissions import REGISTRY, allowed
from lanzarote.core.roles import Role
from lanzarote.monitoring import (
    charts,
    children,
    exports,
    forms,
    imports,
    presenters,
    record_selectors,
    selectors,
    services,
)
from lanzarote.monitoring.models import Contribution, Questionnaire, Reply, Round
from lanzarote.monitoring.rules import ReplyStatus
from lanzarote.monitoring.search import SearchFacets, search
from lanzarote.registry import selectors as registry

View = Callable[..., HttpResponse]
MANAGE = "monitoring.manage"
CSRF_FIELD = "csrfmiddlewaretoken"
PAGE_SIZE = 20


# -- shared ------------------------------------------------------------------------------------


def _or_404(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except NotFound as error:
        raise Http404(error.message) from None


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=request.user)


def _include_demo(request: HttpRequest) -> bool:
    return request.GET.get("include_demo", "").lower() in ("1", "true", "yes", "on")


def _format(request: HttpRequest) -> str | None:
    value = request.GET.get("format", "")
    return value if value in exports.FORMATS else None


def _query(request: HttpRequest, **changes: Any) -> str:
    data = {k: v for k, v in request.GET.items() if k not in ("format", *changes)}
    data.update({k: v for k, v in changes.items() if v not in (None, "")})
    return urlencode(data)


def _context(request: HttpRequest, section: str, **extra: Any) -> dict[str, Any]:
    return {
        "nav_section": "monitoring",
        "monitoring_section": section,
        "may_manage": allowed(request.user, MANAGE),
        "include_demo": _include_demo(request),
        "download_query": _query(request),
        **extra,
    }


def _download(
    request: HttpRequest,
    *,
    rows: list[dict[str, Any]],
    fields: list[str],
    filename: str,
    json_data: Any = None,
) -> HttpResponse:
    include_demo = _include_demo(request)
    if not include_demo:
        rows = [r for r in rows if not r.get("is_demo")]
        if isinstance(json_data, list):
            json_data = [r for r in json_data if not r.get("is_demo")]
    return exports.response(
        rows=rows,
        fields=fields,
        file_format=_format(request) or "json",
        filename=filename,
        json_data=json_data,
        include_demo=include_demo,
    )


def _refused(request: HttpRequest, error: DomainError, status: int | None = None) -> HttpResponse:
    return render(
        request,
        "monitoring/refused.html",
        _context(request, "", error=error),
        status=status or error.status,
    )


def secretariat_only(view: View) -> View:
    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not allowed(request.user, MANAGE):
            return render(
                request,
                "monitoring/refused.html",
                _context(request, "", refusal=REGISTRY[MANAGE].refusal),
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or fallback
    if not target.startswith("/") or target.startswith("//"):
        target = fallback
    return redirect(target)


def _meeting(number: int | None) -> Meeting | None:
    if not number:
        return None
    meeting = Meeting.objects.filter(number=number).first()
    if meeting is None:
        raise NotFound(_("No meeting number %(number)s is recorded.") % {"number": number})
    return meeting


# -- public pages ------------------------------------------------------------------------------

ROUND_FIELDS = ["slug", "kind", "number", "title", "theme", "launch", "replies_due", "status"]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def index(request: HttpRequest) -> HttpResponse:
    rounds = selectors.round_list(with_counts=True)
    if _format(request):
        rows = [{**presenters.round_summary(r), "launch": r.known_date.as_text()} for r in rounds]
        return _download(request, rows=rows, fields=ROUND_FIELDS, filename="monitoring-rounds")
    return render(
        request,
        "monitoring/index.html",
        _context(request, "rounds", rounds=rounds, goq_months=selectors.goq_period_months()),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _or_404(lambda: selectors.round_get(slug))
    scope = selectors.round_scope(round_)
    codes = set(scope.stated)
    stated_states = registry.State.objects.in_bulk(codes) if codes else {}
    return render(
        request,
        "monitoring/round.html",
        _context(
            request,
            "rounds",
            round=round_,
            scope=scope,
            stated_not_computed=[
                stated_states[c] for c in scope.stated_not_computed if c in stated_states
            ],
            levels=selectors.strength_levels(round_),
            questionnaires=selectors.questionnaire_list(round_),
            reports=selectors.report_list(round_=round_),
            published_recommendations=record_selectors.published_recommendations(round_=round_),
            compliance_findings=record_selectors.compliance_findings(round_=round_),
        ),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _or_404(lambda: selectors.round_get(slug))
    form = forms.MatrixFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data if form.is_valid() else {}
    chosen = None
    if data.get("questionnaire"):
        chosen = _or_404(lambda: selectors.questionnaire_get(data["questionnaire"]))
        if chosen.round_id != round_.pk:
            raise Http404("That questionnaire belongs to another round.")
    value = selectors.round_matrix(
        round_,
        user=request.user,
        questionnaire=chosen,
        status=data.get("status") or None,
        state=data.get("state") or None,
        article=data.get("article"),
    )
    if _format(request):
        data = presenters.matrix(value)
        if value.is_demo and not _include_demo(request):
            data["rows"] = []  # a demonstration questionnaire's matrix is demonstration data
        return _download(
            request,
            rows=presenters.matrix_rows(value),
            fields=presenters.MATRIX_FIELDS,
            filename=f"monitoring-matrix-{round_.slug}",
            json_data=data,
        )
    return render(
        request,
        "monitoring/matrix.html",
        _context(
            request,
            "rounds",
            round=round_,
            matrix=value,
            form=form,
            questionnaires=selectors.questionnaire_list(round_),
            articles=sorted({a.number for q in value.questions for a in q.articles.all()}),
        ),
        status=200 if form.is_valid() else 400,
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _or_404(lambda: selectors.round_get(slug))
    value = selectors.round_dashboard(round_, user=request.user)
    if _format(request):
        data = presenters.round_dashboard(value)
        rows = [{"round": round_.slug, **row} for row in data["by_state"]]
        return _download(
            request,
            rows=rows,
            fields=["round", "state", "received", "late", "missing"],
            filename=f"monitoring-dashboard-{round_.slug}",
            json_data=data,
        )
    replies_chart = charts.bar_chart(
        _("Replies to the questionnaire"),
        _(
            "Replies received on time, received late, missing, and not yet due. The same numbers are in the table."
        ),
        [
            (_("Received on time"), value.received - value.late, "received"),
            (_("Received late"), value.late, "late"),
            (_("Missing (due date passed)"), value.missing, "missing"),
            (_("Not yet submitted, not yet due"), value.not_yet_due, "pending"),
        ],
    )
    strength_chart = charts.bar_chart(
        _("Recommendations by strength"),
        _("Number of recommendations for each term of the round's vocabulary."),
        [
            (label or _("not recorded"), count, "strength")
            for _slug, label, count in value.strengths
        ],
    )
    compliance_chart = charts.bar_chart(
        _("Compliance, per recommendation and Party"),
        _("Current compliance of each Party with each recommendation addressed to it."),
        [(presenters.compliance_label(k), v, k) for k, v in value.compliance.items()],
    )
    return render(
        request,
        "monitoring/dashboard.html",
        _context(
            request,
            "rounds",
            round=round_,
            dashboard=value,
            charts=[
                ("replies", replies_chart),
                ("strengths", strength_chart),
                ("compliance", compliance_chart),
            ],
        ),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _or_404(lambda: selectors.questionnaire_get(pk))
    questions = list(questionnaire.questions.all())
    numbers = sorted({a.number for q in questions for a in q.articles.all()})
    reservations = selectors.reservations_on_articles(numbers)
    if _format(request):
        data = presenters.questionnaire(questionnaire)
        rows = [
            {**q, "articles": " ".join(map(str, q["articles"])), "is_demo": questionnaire.is_demo}
            for q in data["items"]
        ]
        return _download(
            request,
            rows=rows,
            fields=["number", "parent", "text_en", "text_fr", "articles", "is_demo"],
            filename=f"questionnaire-{questionnaire.pk}",
            json_data=data
            if (_include_demo(request) or not questionnaire.is_demo)
            else {**data, "items": []},
        )
    by_question = []
    for question in questions:
        wanted = {a.number for a in question.articles.all()}
        facts = [
            (code, [f for f in fs if f.article in wanted]) for code, fs in reservations.items()
        ]
        by_question.append((question, [(c, fs) for c, fs in facts if fs]))
    return render(
        request,
        "monitoring/questionnaire.html",
        _context(
            request,
            "rounds",
            questionnaire=questionnaire,
            by_question=by_question,
            states=_state_names(),
        ),
    )


def _state_names() -> dict[str, str]:
    return selectors.state_names()


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = _or_404(lambda: selectors.question_get(pk))
    articles = selectors.article_numbers(question)
    replies = [
        r
        for r in selectors.reply_list(user=request.user, questionnaire=question.questionnaire)
        if r.question_id == question.pk
    ]
    user = request.user
    return render(
        request,
        "monitoring/question.html",
        _context(
            request,
            "rounds",
            question=question,
            replies=replies,
            reservations=selectors.reservations_on_articles(articles),
            states=_state_names(),
            observations=selectors.observations_of(question),
            contributions=selectors.contribution_list(user=user, question=question.pk),
            may_observe=allowed(
                user, "monitoring.observe", rapporteur_ids=selectors.rapporteur_ids(question)
            ),
            may_reply=_may_reply_here(user, question),
            observation_form=forms.ObservationForm(),
        ),
    )


def _may_reply_here(user: Any, question: Any) -> bool:
    code = getattr(user, "state_id", None)
    return bool(code) and allowed(user, "monitoring.draft_reply", state_code=code)


def _reply_visible(request: HttpRequest, pk: int) -> Reply:
    reply = _or_404(lambda: selectors.reply_get(pk))
    if reply.status != ReplyStatus.PUBLISHED and not allowed(
        request.user, "monitoring.view_reply", reply=reply
    ):
        raise Http404("Unknown reply.")
    return reply


@require_GET
def reply_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reply = _reply_visible(request, pk)
    user = request.user
    articles = selectors.article_numbers(reply.question)
    may_draft = allowed(user, "monitoring.draft_reply", state_code=reply.state_id)
    may_submit = allowed(user, "monitoring.submit_reply", state_code=reply.state_id)
    return render(
        request,
        "monitoring/reply.html",
        _context(
            request,
            "mine",
            reply=reply,
            timing=selectors.reply_timeliness(reply),
            events=selectors.reply_events(reply),
            attachments=selectors.attachments(reply),
            reservations=selectors.reservations_for(reply.state_id, articles),
            may_draft=may_draft
            and reply.status in (ReplyStatus.NONE, ReplyStatus.DRAFT, ReplyStatus.VALIDATED),
            may_validate=may_submit and reply.status == ReplyStatus.DRAFT,
            may_submit=may_submit and reply.status == ReplyStatus.VALIDATED,
            may_publish=allowed(user, MANAGE) and reply.status == ReplyStatus.SUBMITTED,
            attachment_form=forms.AttachmentForm(),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft (or redraft) the reply of the person's Party to a question."""
    question = _or_404(lambda: selectors.question_get(pk))
    code = (request.GET.get("state") or getattr(request.user, "state_id", "") or "").upper()
    if not allowed(request.user, "monitoring.draft_reply", state_code=code):
        return render(
            request,
            "monitoring/refused.html",
            _context(request, "", refusal=REGISTRY["monitoring.draft_reply"].refusal),
            status=403,
        )
    existing = Reply.objects.filter(question=question, state_id=code).first()
    form = forms.ReplyForm(
        request.POST or None,
        initial={
            "text": existing.text if existing else "",
            "language": existing.language if existing else "en",
        },
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.reply_draft(
                actor=_actor(request),
                question=question,
                state_code=code,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
            )
        except DomainError as refusal:
            error = refusal
        else:
            messages.success(request, _("Draft saved."))
            return redirect("monitoring:reply", pk=reply.pk)
    return render(
        request,
        "monitoring/reply_edit.html",
        _context(
            request,
            "mine",
            question=question,
            state=registry.state_get(code),
            reply=existing,
            form=form,
            error=error,
            reservations=selectors.reservations_for(code, selectors.article_numbers(question)),
        ),
        status=422 if error else (400 if request.method == "POST" and not form.is_valid() else 200),
    )


STEPS: dict[str, Callable[..., Any]] = {
    "validate": services.reply_validate,
    "return": services.reply_return,
    "submit": services.reply_submit,
    "publish": services.reply_publish,
}
STEP_MESSAGES = {
    "validate": gettext_noop("Reply validated."),
    "return": gettext_noop("Reply sent back to draft."),
    "submit": gettext_noop("Reply submitted to the Committee."),
    "publish": gettext_noop("Reply published."),
}


@login_required
@require_POST
def reply_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404("Unknown step.")
    reply = _or_404(lambda: selectors.reply_get(pk))
    form = forms.StepForm(request.POST)
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    try:
        extra = {"note": note} if step in ("validate", "return") else {}
        STEPS[step](actor=_actor(request), reply=reply, **extra)
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _(STEP_MESSAGES[step]))
    return redirect("monitoring:reply", pk=pk)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    reply = _or_404(lambda: selectors.reply_get(pk))
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("monitoring:reply", pk=pk)
    try:
        services.attachment_add(
            actor=_actor(request), reply=reply, upload=form.cleaned_data["file"]
        )
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("File attached."))
    return redirect("monitoring:reply", pk=pk)


@login_required
@require_POST
def observation_write(request: HttpRequest, pk: int) -> HttpResponse:
    question = _or_404(lambda: selectors.question_get(pk))
    form = forms.ObservationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The observation is empty."))
        return redirect("monitoring:question", pk=pk)
    try:
        services.observation_write(
            actor=_actor(request),
            question=question,
            text=form.cleaned_data["text"],
            state_code=form.cleaned_data["state"] or None,
            language=form.cleaned_data["language"],
        )
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("Observation recorded."))
    return redirect("monitoring:question", pk=pk)


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
    round_slug = request.GET.get("round") or ""
    round_ = _or_404(lambda: selectors.round_get(round_slug)) if round_slug else None
    source = request.GET.get("source") or None
    state = (request.GET.get("state") or "").upper() or None
    items = selectors.contribution_list(
        user=request.user, round_=round_, source=source, state=state
    )
    if _format(request):
        rows = [presenters.contribution(c) for c in items]
        return _download(
            request,
            rows=rows,
            fields=CONTRIBUTION_FIELDS,
            filename="monitoring-contributions",
            json_data=rows,
        )
    return render(
        request,
        "monitoring/contributions.html",
        _context(
            request,
            "contributions",
            items=items,
            rounds=selectors.round_list(),
            chosen_round=round_slug,
            chosen_source=source or "",
            chosen_state=state or "",
            sources=Contribution.Source.choices,
        ),
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
    context: dict[str, Any] = {"item": item, "error": error, "found": []}
    if item.source == Contribution.Source.CHILDREN:
        context["found"] = presenters.screening_found(item)
        if allowed(request.user, MANAGE):
            context["marked"] = presenters.marked_text(item)
            if item.status == Contribution.Status.RECEIVED:
                context["redaction"] = redaction or forms.RedactionForm(
                    initial={"text": presenters.redaction_suggestion(item)}
                )
                if item.screening == Contribution.Screening.FLAGGED:
                    context["confirmation"] = confirmation or forms.ScreeningConfirmForm()
    return render(
        request,
        "monitoring/contribution.html",
        _context(request, "contributions", **context),
        status=error.status if error else 422 if sent else 200,
    )


@require_http_methods(["GET", "POST"])
def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _or_404(lambda: selectors.contribution_get(pk, user=request.user))
    if request.method == "POST":
        try:
            services.contribution_publish(actor=_actor(request), contribution=item)
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
    item = _or_404(lambda: selectors.contribution_get(pk, user=request.user))
    if not form.is_valid():
        return _contribution_page(request, item, sent=form)
    try:
        level, message = step(item, form.cleaned_data)
    except DomainError as error:
        return _contribution_page(request, item, error=error, sent=form)
    messages.add_message(request, level, message)
    return redirect("monitoring:contribution", pk=pk)


@secretariat_only
@require_POST
def contribution_redact(request: HttpRequest, pk: int) -> HttpResponse:
    def redact(item: Contribution, data: dict[str, Any]) -> tuple[int, str]:
        item = children.children_contribution_redact(
            actor=_actor(request), contribution=item, text=data["text"]
        )
        if item.held_by_screening:
            return messages.WARNING, _(
                "Redacted, but the screen still finds details that could identify a child."
            )
        return messages.SUCCESS, _("The redacted text is the one shown from now on.")

    return _contribution_review(request, pk, forms.RedactionForm(request.POST), redact)


@secretariat_only
@require_POST
def contribution_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    def confirm(item: Contribution, data: dict[str, Any]) -> tuple[int, str]:
        children.children_contribution_confirm(
            actor=_actor(request), contribution=item, note=data["note"]
        )
        return messages.SUCCESS, _("Confirmed: the contribution may be published.")

    return _contribution_review(request, pk, forms.ScreeningConfirmForm(request.POST), confirm)


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _or_404(lambda: selectors.round_get(slug))
    questionnaire = selectors.current_questionnaire(round_)
    questions = list(questionnaire.questions.all()) if questionnaire else []
    observer = request.user.role == Role.OBSERVER  # type: ignore[union-attr]
    organisation = selectors.organisation_for(request.user) if observer else None
    if not (allowed(request.user, MANAGE) or (observer and organisation is not None)):
        return render(
            request,
            "monitoring/refused.html",
            _context(request, "", refusal=REGISTRY["monitoring.contribute"].refusal),
            status=403,
        )
    form = forms.ContributionForm(request.POST or None, questions=questions, observer=observer)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.contribution_submit(
                actor=_actor(request),
                round_=round_,
                source=data["source"],
                text=data["text"],
                language=data["language"],
                questions=[int(q) for q in data["questions"]],
                states=data["states"],
                organisation=organisation,
                contributor=data.get("contributor", ""),
            )
        except DomainError as refusal:
            error = refusal
        else:
            messages.success(request, _("Contribution received."))
            return redirect("monitoring:contribution", pk=item.pk)
    return render(
        request,
        "monitoring/contribute.html",
        _context(
            request,
            "contributions",
            round=round_,
            form=form,
            error=error,
            organisation=organisation,
            children=False,
        ),
        status=422 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribute_children(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _or_404(lambda: selectors.round_get(slug))
    questionnaire = selectors.current_questionnaire(round_)
    questions = list(questionnaire.questions.all()) if questionnaire else []
    organisation = selectors.organisation_for(request.user)
    if not allowed(
        request.user, "monitoring.contribute", source="children", organisation=organisation
    ):
        return render(
            request,
            "monitoring/refused.html",
            _context(request, "", refusal=REGISTRY["monitoring.contribute"].refusal),
            status=403,
        )
    form = forms.ChildrenContributionForm(request.POST or None, questions=questions)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # A field posted beyond the form's own (a child's name, `is_demo`…) is refused by
            # name rather than ignored.
            children.refuse_unknown_fields(
                key for key in request.POST if key not in form.fields and key != CSRF_FIELD
            )
            item = children.children_contribution_record(
                actor=_actor(request),
                round_=round_,
                text=data["text"],
                age_band=data["age_band"],
                consent_from=data["consent_from"],
                anonymised=data["anonymised"],
                facilitator=data["facilitator"],
                language=data["language"],
                questions=[int(q) for q in data["questions"]],
            )
        except DomainError as refusal:
            error = refusal
        else:
            messages.success(request, _("Children's contribution recorded with its safeguards."))
            return redirect("monitoring:contribution", pk=item.pk)
    return render(
        request,
        "monitoring/contribute.html",
        _context(
            request,
            "contributions",
            round=round_,
            form=form,
            error=error,
            organisation=organisation,
            children=True,
        ),
        status=422 if error else 200,
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = _or_404(lambda: selectors.report_get(slug))
    views = selectors.recommendation_views(selectors.recommendation_list(report=report))
    return render(
        request, "monitoring/report.html", _context(request, "reports", report=report, views=views)
    )


RECOMMENDATION_FIELDS = [
    "id",
    "round",
    "report",
    "number",
    "strength",
    "addressed_to_all",
    "addressees",
    "articles",
    "text",
    "follow_up_due",
    "follow_up_overdue",
    "is_demo",
]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def recommendations(request: HttpRequest) -> HttpResponse:
    round_slug = request.GET.get("round") or ""
    round_ = _or_404(lambda: selectors.round_get(round_slug)) if round_slug else None
    state = (request.GET.get("state") or "").upper() or None
    strength = request.GET.get("strength") or None
    article_text = request.GET.get("article") or ""
    article = int(article_text) if article_text.isdigit() else None
    found = selectors.recommendation_list(
        round_=round_, state=state, strength=strength, article=article
    )
    views = selectors.recommendation_views(found, state=state)
    if _format(request):
        rows = [presenters.recommendation_summary(v) for v in views]
        return _download(
            request,
            rows=rows,
            fields=RECOMMENDATION_FIELDS,
            filename="monitoring-recommendations",
            json_data=rows,
        )
    return render(
        request,
        "monitoring/recommendations.html",
        _context(
            request,
            "recommendations",
            views=views,
            rounds=selectors.round_list(),
            chosen_round=round_slug,
            chosen_state=state or "",
            chosen_strength=strength or "",
            chosen_article=article_text,
            levels=selectors.strength_levels(round_) if round_ else [],
            published_recommendations=record_selectors.published_recommendations(round_=round_),
            compliance_findings=record_selectors.compliance_findings(round_=round_),
        ),
    )


@require_http_methods(["GET", "POST"])
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _or_404(lambda: selectors.recommendation_get(pk))
    user = request.user
    follow_form = forms.FollowUpForm(
        request.POST if request.POST.get("action") == "follow_up" else None,
        initial={"state": getattr(user, "state_id", "") or ""},
    )
    assess_form = forms.AssessmentForm(
        request.POST if request.POST.get("action") == "assess" else None
    )
    error = None
    if request.method == "POST":
        if not getattr(user, "is_authenticated", False):
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            if request.POST.get("action") == "follow_up" and follow_form.is_valid():
                services.follow_up_submit(
                    actor=_actor(request),
                    recommendation=recommendation,
                    state_code=follow_form.cleaned_data["state"],
                    text=follow_form.cleaned_data["text"],
                    language=follow_form.cleaned_data["language"],
                )
                messages.success(request, _("Follow-up information submitted."))
                return redirect("monitoring:recommendation", pk=pk)
            if request.POST.get("action") == "assess" and assess_form.is_valid():
                data = assess_form.cleaned_data
                services.compliance_assess(
                    actor=_actor(request),
                    recommendation=recommendation,
                    state_code=data["state"],
                    status=data["status"],
                    assessed_on=data["assessed_on"],
                    meeting=_meeting(data["meeting"]),
                    note_en=data["note_en"],
                    note_fr=data["note_fr"],
                )
                messages.success(request, _("Compliance assessment recorded."))
                return redirect("monitoring:recommendation", pk=pk)
        except DomainError as refusal:
            error = refusal
    view = selectors.recommendation_views([recommendation])[0]
    own = getattr(user, "state_id", None)
    return render(
        request,
        "monitoring/recommendation.html",
        _context(
            request,
            "recommendations",
            view=view,
            recommendation=recommendation,
            follow_form=follow_form,
            assess_form=assess_form,
            error=error,
            may_follow_up=bool(own)
            and allowed(
                user,
                "monitoring.submit_follow_up",
                state_code=own,
                addressed=own in {a.state.code for a in view.addressees},
            ),
            may_assess=allowed(user, MANAGE),
        ),
        status=422 if error else (400 if request.method == "POST" else 200),
    )


COMPLIANCE_FIELDS = [
    "round",
    "report",
    "recommendation",
    "strength",
    "state",
    "name",
    "compliance",
    "assessed_on",
    "meeting",
    "assessments",
    "follow_ups",
    "follow_up_due",
    "follow_up_overdue",
    "is_demo",
]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def compliance(request: HttpRequest) -> HttpResponse:
    round_slug = request.GET.get("round") or ""
    round_ = _or_404(lambda: selectors.round_get(round_slug)) if round_slug else None
    state = (request.GET.get("state") or "").upper() or None
    status = request.GET.get("status") or None
    found = selectors.recommendation_list(round_=round_, state=state)
    rows = presenters.compliance_rows(selectors.recommendation_views(found, state=state))
    if status:
        rows = [r for r in rows if r["compliance"] == status]
    if _format(request):
        return _download(
            request,
            rows=rows,
            fields=COMPLIANCE_FIELDS,
            filename="monitoring-compliance",
            json_data=rows,
        )
    return render(
        request,
        "monitoring/compliance.html",
        _context(
            request,
            "compliance",
            rows=rows,
            rounds=selectors.round_list(),
            chosen_round=round_slug,
            chosen_state=state or "",
            chosen_status=status or "",
            statuses=forms.COMPLIANCE_CHOICES,
        ),
    )


GOQ_FIELDS = [
    "state",
    "name",
    "entry_into_force",
    "due",
    "uncertain",
    "is_due",
    "questions",
    "received",
    "complete",
    "overdue",
]


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def general_overview(request: HttpRequest) -> HttpResponse:
    obligations = selectors.goq_obligations()
    if _format(request):
        data = [presenters.goq_obligation(o) for o in obligations]
        rows = [
            {**row, "entry_into_force": o.entry_into_force.as_text(), "due": o.due.as_text()}
            for row, o in zip(data, obligations, strict=True)
        ]
        return _download(
            request,
            rows=rows,
            fields=GOQ_FIELDS,
            filename="general-overview-obligations",
            json_data=data,
        )
    return render(
        request,
        "monitoring/general_overview.html",
        _context(
            request,
            "goq",
            obligations=obligations,
            questionnaire=selectors.general_questionnaire(),
            months=selectors.goq_period_months(),
        ),
    )


@require_GET
@public_cache(versions.REGISTRY, versions.COMMITTEE, versions.MONITORING)
def state_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    state = _or_404(lambda: registry.state_get(code))
    value = selectors.state_dashboard(state, user=request.user)
    if _format(request):
        data = presenters.state_dashboard(value)
        return _download(
            request,
            rows=data["rounds"],
            fields=[
                "round",
                "in_scope",
                "scope_basis",
                "questions",
                "received",
                "late",
                "missing",
                "is_demo",
            ],
            filename=f"monitoring-{state.code}",
            json_data=data,
        )
    received = sum(r.received for r in value.rounds)
    late = sum(r.late for r in value.rounds)
    missing = sum(r.missing for r in value.rounds)
    replies_chart = charts.bar_chart(
        _("Replies of this Party, all rounds"),
        _("Replies received on time, late, and missing. The same numbers are in the table."),
        [
            (_("Received on time"), received - late, "received"),
            (_("Received late"), late, "late"),
            (_("Missing (due date passed)"), missing, "missing"),
        ],
    )
    compliance_chart = charts.bar_chart(
        _("Compliance with the recommendations addressed to it"),
        _("Current compliance with each recommendation addressed to this Party."),
        [(presenters.compliance_label(k), v, k) for k, v in value.compliance.items()],
    )
    return render(
        request,
        "monitoring/state.html",
        _context(
            request,
            "states",
            dashboard=value,
            state=state,
            charts=[("replies", replies_chart), ("compliance", compliance_chart)],
        ),
    )


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
        if _format(request):
            payload = presenters.search_result(result, rounds=by_id)
            return exports.response(
                rows=payload["hits"],
                fields=SEARCH_FIELDS,
                file_format=_format(request) or "json",
                filename="monitoring-search",
                json_data=payload,
                include_demo=data["demo"],
            )
    context = _context(request, "search", form=form, result=result, rounds=by_id)
    if result is not None:
        page = form.cleaned_data.get("page") or 1
        context.update(
            {
                "page": page,
                "previous_query": _query(request, page=page - 1) if page > 1 else "",
                "next_query": _query(request, page=page + 1)
                if page * PAGE_SIZE < result.total
                else "",
                "facet_links": _facet_links(
                    request, result, by_id, _state_names() if result.counts.get("state") else {}
                ),
            }
        )
    return render(
        request,
        "monitoring/search.html",
        context,
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _facet_links(
    request: HttpRequest, result: Any, rounds: dict[int, Round], names: dict[str, str]
) -> list[tuple[str, list[tuple[str, int, str]]]]:
    labels = {
        "round": lambda v: rounds[int(v)].title if int(v) in rounds else v,
        "kind": lambda v: {
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
                    "?" + _query(request, **{name: param, "page": None}),
                )
            )
        groups.append((titles[name], entries))
    return groups


# -- the screens of each role -------------------------------------------------------------------


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """What the person has to do: a Party's questionnaires and replies, a rapporteur's
    questions, an observer's contributions."""
    user = request.user
    role = getattr(user, "role", "")
    context = _context(request, "mine")
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
        context.update({"party_todo": todo, "state": registry.state_get(code)})
    if role == Role.RAPPORTEUR:
        context["assignments"] = selectors.assignments_of(user)
    if role == Role.OBSERVER:
        context["organisation"] = selectors.organisation_for(user)
        context["own_contributions"] = [
            c
            for c in selectors.contribution_list(user=user)
            if c.organisation_id
            and context["organisation"]
            and c.organisation_id == context["organisation"].pk
        ]
        context["rounds"] = selectors.round_list()
    return render(request, "monitoring/mine.html", context)


# -- the secretariat's desk --------------------------------------------------------------------


@secretariat_only
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    form = forms.RoundForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_create(
                actor=_actor(request),
                slug=data["slug"],
                kind=data["kind"],
                number=data["number"],
                title_en=data["title_en"],
                title_fr=data["title_fr"],
                theme_en=data["theme_en"],
                theme_fr=data["theme_fr"],
                launch=data["launch"],
                replies_due=data["replies_due"],
                status=Round.Status.REPLIES,
            )
        except DomainError as refusal:
            error = refusal
        else:
            messages.success(request, _("Round launched."))
            return redirect("monitoring:desk_round", slug=round_.slug)
    return render(
        request,
        "monitoring/desk.html",
        _context(
            request,
            "desk",
            form=form,
            error=error,
            rounds=selectors.round_list(),
            import_form=forms.ImportForm(),
        ),
        status=422 if error else 200,
    )


DESK_ACTIONS = (
    "scope",
    "strength",
    "questionnaire",
    "question",
    "rapporteur",
    "reminders",
    "report",
    "recommendation",
)


@secretariat_only
@require_http_methods(["GET", "POST"])
def desk_round(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _or_404(lambda: selectors.round_get(slug))
    questionnaire = selectors.current_questionnaire(round_)
    reports = selectors.report_list(round_=round_)
    levels = selectors.strength_levels(round_)
    action = request.POST.get("action") if request.method == "POST" else None
    bound = {name: (request.POST if action == name else None) for name in DESK_ACTIONS}
    form_set = {
        "scope": forms.ScopeAdditionForm(bound["scope"]),
        "strength": forms.StrengthForm(bound["strength"]),
        "questionnaire": forms.QuestionnaireForm(bound["questionnaire"]),
        "question": forms.QuestionForm(bound["question"]),
        "rapporteur": forms.RapporteurForm(
            bound["rapporteur"], initial={"assigned_on": timezone.localdate()}
        ),
        "report": forms.ReportForm(bound["report"]),
        "recommendation": forms.RecommendationForm(bound["recommendation"], strengths=levels),
    }
    error = None
    if action in DESK_ACTIONS:
        try:
            done = _desk_action(request, action, round_, questionnaire, form_set)
        except DomainError as refusal:
            error = refusal
        else:
            if done:
                messages.success(request, done)
                return redirect("monitoring:desk_round", slug=slug)
    return render(
        request,
        "monitoring/desk_round.html",
        _context(
            request,
            "desk",
            round=round_,
            questionnaire=questionnaire,
            reports=reports,
            levels=levels,
            forms=form_set,
            error=error,
            action=action,
            scope=selectors.round_scope(round_),
            assignments=selectors.assignments(round_),
            reminders=selectors.reminders(round_)[:20],
            pending=Reply.objects.filter(
                question__questionnaire__round=round_, status=ReplyStatus.SUBMITTED
            )
            .select_related("state", "question")
            .order_by("state__name_en", "question__position"),
            pending_contributions=Contribution.objects.filter(
                round=round_, status=Contribution.Status.RECEIVED
            ).select_related("organisation"),
        ),
        status=422 if error else (400 if action else 200),
    )


def _desk_action(
    request: HttpRequest,
    action: str,
    round_: Round,
    questionnaire: Questionnaire | None,
    form_set: dict[str, Any],
) -> str | None:
    actor = _actor(request)
    if action == "reminders":
        if questionnaire is None:
            raise DomainError(_("The round has no questionnaire yet."))
        sent = services.reminders_send(actor=actor, questionnaire=questionnaire)
        return _("%(count)s reminders sent.") % {"count": len(sent)}
    form = form_set[action]
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if action == "scope":
        services.scope_add(
            actor=actor,
            round_=round_,
            state_code=data["state"],
            decided_on=data["decided_on"],
            reason=data["reason"],
            meeting=_meeting(data["meeting"]),
        )
        return _("Party added to the round's scope.")
    if action == "strength":
        services.strength_level_set(actor=actor, round_=round_, **data)
        return _("Vocabulary updated.")
    if action == "questionnaire":
        services.questionnaire_create(actor=actor, kind="thematic", round_=round_, **data)
        return _("Questionnaire created.")
    if action == "question":
        if questionnaire is None:
            raise DomainError(_("Create the questionnaire first."))
        services.question_add(
            actor=actor,
            questionnaire=questionnaire,
            number=data["number"],
            text_en=data["text_en"],
            text_fr=data["text_fr"],
            articles=data["articles"],
            parent_number=data["parent"] or None,
        )
        return _("Question added.")
    if action == "rapporteur":
        rapporteur = User.objects.filter(username=data["username"]).first()
        if rapporteur is None:
            raise NotFound(_("No user named %(name)s.") % {"name": data["username"]})
        services.rapporteur_assign(
            actor=actor,
            question=selectors.question_get(data["question"]),
            rapporteur=rapporteur,
            assigned_on=data["assigned_on"],
        )
        return _("Rapporteur appointed.")
    if action == "report":
        services.report_create(
            actor=actor,
            round_=round_,
            slug=data["slug"],
            kind=data["kind"],
            title_en=data["title_en"],
            title_fr=data["title_fr"],
            adopted=data["adopted"],
            meeting=_meeting(data["meeting"]),
            document_code=data["document_code"],
            follow_up_due=data["follow_up_due"],
        )
        return _("Report recorded.")
    if action == "recommendation":
        report_slug = request.POST.get("report", "")
        report = selectors.report_get(report_slug)
        if report.round_id != round_.pk:
            raise NotFound(_("That report belongs to another round."))
        services.recommendation_add(
            actor=actor,
            report=report,
            number=data["number"],
            text_en=data["text_en"],
            text_fr=data["text_fr"],
            strength=data["strength"] or None,
            addressees=data["addressees"],
            articles=data["articles"],
        )
        return _("Recommendation added.")
    return None


@secretariat_only
@require_http_methods(["GET", "POST"])
def desk_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (every bad row with its line and reason; nothing written) → confirm."""
    if request.method == "POST" and request.POST.get("token"):
        try:
            count = imports.import_confirm(user=request.user, token=request.POST["token"])
        except DomainError as refused:
            return _refused(request, refused)
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
    return render(
        request,
        "monitoring/desk_import.html",
        _context(request, "desk", form=form, preview=preview, draft=draft, error=error),
        status=error.status if error else 422 if preview is not None and not preview.clean else 200,
    )
