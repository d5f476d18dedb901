"""Each person's home after signing in: the work waiting for them in their role, and its count in
the header of every page they see.

The lists come from the selectors of the apps that own the records (accession, monitoring,
committee, accounts); this module only puts them into words and links. The header's count is
kept per person for a short while (`COUNT_SECONDS`): a page shows the kept count at the cost of
one cache read and never runs a query for it; when none is kept, the header asks for it after
the page has loaded (`work_count`, htmx), and the person's home page counts it afresh. Anonymous
pages never show it, and signed-in pages are never stored in the public page cache
(`core.http.caching.is_personal`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lanzarote.accession import selectors as accession
from lanzarote.accounts import selectors as accounts
from lanzarote.committee import selectors as committee
from lanzarote.core import task_desk
from lanzarote.core.roles import Role
from lanzarote.monitoring.selectors import work as monitoring

COUNT_SECONDS = 60


@dataclass(frozen=True)
class WorkItem:
    label: str
    url: str
    due: date | None = None
    note: str = ""
    demo: bool = False

    def overdue_on(self, today: date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class WorkList:
    key: str
    title: str
    empty: str
    items: list[WorkItem] = field(default_factory=list)
    link: tuple[str, str] | None = None  # (url, text) of the page where all of it is done


def _delegate(user: Any, today: date) -> list[WorkList]:
    cases = accession.consultations_awaiting_reply(user=user)
    return [
        WorkList(
            key="consultations",
            title=_("Consultations awaiting your Party’s reply"),
            empty=_("No consultation is waiting for your Party’s reply."),
            items=[
                WorkItem(
                    label=_("The request of %(state)s to accede (%(reference)s)")
                    % {"state": case.state.name, "reference": case.reference},
                    url=reverse("accession:case", kwargs={"reference": case.reference}),
                    due=case.consultation_deadline,
                )
                for case in cases
            ],
            link=(reverse("accession:inbox"), _("All consultations")),
        )
    ]


def _treaty_office(user: Any, today: date) -> list[WorkList]:
    actions = accession.cases_needing_action(today=today)
    overdue = accession.overdue_consultations(today=today)
    requests = accounts.pending_access_requests()
    return [
        WorkList(
            key="cases",
            title=_("Accession cases needing your action"),
            empty=_("No accession case waits for a step of the Treaty Office."),
            items=[
                WorkItem(
                    label=f"{case.reference} — {case.state.name}",
                    url=reverse("accession:case", kwargs={"reference": case.reference}),
                    note=case.status_label,
                )
                for case in actions
            ],
            link=(reverse("accession:desk"), _("The accession desk")),
        ),
        WorkList(
            key="overdue",
            title=_("Consultations with overdue replies"),
            empty=_("No consultation has passed its deadline without every reply."),
            items=[
                WorkItem(
                    label=f"{case.reference} — {case.state.name}",
                    url=reverse("accession:case", kwargs={"reference": case.reference}),
                    due=case.consultation_deadline,
                    note=_("%(missing)s of %(consulted)s Parties have not replied")
                    % {
                        "missing": getattr(case, "consulted_count", 0)
                        - getattr(case, "replied_count", 0),
                        "consulted": getattr(case, "consulted_count", 0),
                    },
                )
                for case in overdue
            ],
        ),
        WorkList(
            key="access",
            title=_("Requests for an account"),
            empty=_("No request for an account is waiting."),
            items=[
                WorkItem(
                    label=f"{item.name} — {item.state.name}",
                    url=reverse("accounts:access_desk") + f"#request-{item.pk}",
                    note=item.ministry,
                )
                for item in requests
            ],
            link=(reverse("accounts:access_desk"), _("All requests for an account")),
        ),
        _failed_tasks(user),
    ]


def _failed_tasks(user: Any) -> WorkList:
    failed = [row for row in task_desk.tasks_needing_attention(user=user) if row.failed_for_good]
    return WorkList(
        key="tasks",
        title=_("Background tasks that failed"),
        empty=_("Every e-mail and document was delivered."),
        items=[
            WorkItem(
                label=row.name,
                url=reverse("task_desk:tasks"),
                note=row.error,
            )
            for row in failed
        ],
        link=(reverse("task_desk:tasks"), _("The tasks desk")),
    )


def _replies_due(user: Any, today: date) -> list[WorkList]:
    due = monitoring.replies_due(user.state_id or "")
    return [
        WorkList(
            key="replies",
            title=_("Replies your Party still owes"),
            empty=_("Your Party owes no reply to an open questionnaire."),
            items=[
                WorkItem(
                    label=_("%(round)s — question %(number)s")
                    % {"round": item.round.title, "number": item.question.number},
                    url=reverse("monitoring:question", args=[item.question.pk]),
                    due=item.due_on,
                    note=item.reply.get_status_display() if item.reply else _("Not started"),
                    demo=item.demo,
                )
                for item in due
            ],
        )
    ]


def _rapporteur(user: Any, today: date) -> list[WorkList]:
    assignments = monitoring.observations_to_write(user)
    return [
        WorkList(
            key="observations",
            title=_("Observations to write"),
            empty=_("You have written an observation on every question you are appointed to."),
            items=[
                WorkItem(
                    label=_("%(round)s — question %(number)s")
                    % {
                        "round": _questionnaire_name(a.question.questionnaire),
                        "number": a.question.number,
                    },
                    url=reverse("monitoring:observe", args=[a.question.pk]),
                    demo=a.question.questionnaire.is_demo,
                )
                for a in assignments
            ],
        )
    ]


def _questionnaire_name(questionnaire: Any) -> str:
    # The General Overview Questionnaire belongs to no round.
    return str(questionnaire.round.title if questionnaire.round else questionnaire)


def _secretariat(user: Any, today: date) -> list[WorkList]:
    contributions = monitoring.contributions_to_screen()
    applications = committee.applications_to_decide()
    return [
        WorkList(
            key="contributions",
            title=_("Contributions to screen"),
            empty=_("Every contribution received has been screened and published."),
            items=[
                WorkItem(
                    label=_("%(source)s contribution to %(round)s")
                    % {"source": c.get_source_display(), "round": c.round.title},
                    url=reverse("monitoring:contribution", args=[c.pk]),
                    note=c.get_screening_display(),
                    demo=c.is_demo,
                )
                for c in contributions
            ],
            link=(reverse("monitoring:contributions"), _("All contributions")),
        ),
        WorkList(
            key="applications",
            title=_("Observer applications to decide"),
            empty=_("No observer application waits for a decision."),
            items=[
                WorkItem(
                    label=str(application.organisation.name),
                    url=reverse("committee:desk_application", args=[application.pk]),
                    note=application.get_status_display(),
                )
                for application in applications
            ],
            link=(reverse("committee:desk"), _("The Committee desk")),
        ),
        _failed_tasks(user),
    ]


WORK: dict[str, Callable[[Any, date], list[WorkList]]] = {
    Role.PARTY_DELEGATE: _delegate,
    Role.TREATY_OFFICE: _treaty_office,
    Role.NATIONAL_COORDINATOR: _replies_due,
    Role.RAPPORTEUR: _rapporteur,
    Role.SECRETARIAT: _secretariat,
}


def work_for(user: Any, *, today: date | None = None) -> list[WorkList]:
    build = WORK.get(user.role)
    return build(user, today or timezone.localdate()) if build else []


def _count_key(user: Any) -> str:
    return f"work-count:{user.pk}"


def counted(user: Any) -> int | None:
    """The count kept for the person, or None when it must be counted: what a page's header
    shows at the cost of one cache read and no query."""
    if (
        not getattr(user, "is_authenticated", False)
        or getattr(user, "pk", None) is None
        or user.role not in WORK
    ):
        return 0
    count = cache.get(_count_key(user))
    return None if count is None else int(count)


def pending_count(user: Any) -> int:
    """How many items wait for the person, counted if it is not kept (kept `COUNT_SECONDS`)."""
    count = counted(user)
    if count is None:
        count = sum(len(lst.items) for lst in work_for(user))
        cache.set(_count_key(user), count, COUNT_SECONDS)
    return count


@require_GET
def work_count(request: HttpRequest) -> HttpResponse:
    """The header's count, asked for by the page once loaded when no count was kept."""
    pending = pending_count(request.user) if request.user.is_authenticated else 0
    return render(request, "web/_work_count.html", {"pending": pending})


@require_GET
@login_required
def my_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    lists = work_for(user, today=today)
    cache.set(_count_key(user), sum(len(lst.items) for lst in lists), COUNT_SECONDS)
    return render(
        request,
        "web/my_home.html",
        {"lists": lists, "today": today, "nav_section": "my_home"},
    )
