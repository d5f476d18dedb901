"""Each person's home after signing in: the work waiting for them in their role, and its count in
the header of every page they see.

The lists come from the selectors of the apps that own the records (accession, monitoring,
committee, accounts); this module only puts them into words and links. The header's count is
kept per person for a short while (`COUNT_SECONDS`), with the data versions it was counted under
(`core.versions`), so that anyone's change to the work's records makes it stale at once: a page
shows the kept count at the cost of two cache reads and never runs a query for it; when none is
kept, or it is stale, the header asks for it after
the page has loaded (`work_count`, htmx), and the person's home page counts it afresh. Anonymous
pages never show it, and signed-in pages are never stored in the public page cache
(`core.http.caching.is_personal`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lanzarote.accession import selectors as accession
from lanzarote.accounts import selectors as accounts
from lanzarote.committee import selectors as committee
from lanzarote.core import task_desk, versions
from lanzarote.core.roles import Role
from lanzarote.monitoring.selectors import work as monitoring

COUNT_SECONDS = 60

StrOrPromise = str | Promise


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


@dataclass(frozen=True)
class WorkListSpec:
    """One list of the homes: where its rows come from and how each becomes an item."""

    key: str
    title: StrOrPromise
    empty: StrOrPromise
    rows: Callable[[Any, date], Iterable[Any]]
    item: Callable[[Any], WorkItem]
    link: tuple[str, StrOrPromise] | None = None  # (URL name, text) of the page where it is done

    def build(self, user: Any, today: date) -> WorkList:
        return WorkList(
            key=self.key,
            title=str(self.title),
            empty=str(self.empty),
            items=[self.item(row) for row in self.rows(user, today)],
            link=(reverse(self.link[0]), str(self.link[1])) if self.link else None,
        )


def _case_url(case: Any) -> str:
    return reverse("accession:case", kwargs={"reference": case.reference})


def _consultation(case: Any) -> WorkItem:
    return WorkItem(
        label=_("The request of %(state)s to accede (%(reference)s)")
        % {"state": case.state.name, "reference": case.reference},
        url=_case_url(case),
        due=case.consultation_deadline,
    )


def _case_needing_action(case: Any) -> WorkItem:
    return WorkItem(
        label=f"{case.reference} — {case.state.name}", url=_case_url(case), note=case.status_label
    )


def _overdue_consultation(case: Any) -> WorkItem:
    consulted = getattr(case, "consulted_count", 0)
    return WorkItem(
        label=f"{case.reference} — {case.state.name}",
        url=_case_url(case),
        due=case.consultation_deadline,
        note=_("%(missing)s of %(consulted)s Parties have not replied")
        % {"missing": consulted - getattr(case, "replied_count", 0), "consulted": consulted},
    )


def _access_request(item: Any) -> WorkItem:
    return WorkItem(
        label=f"{item.name} — {item.state.name}",
        url=reverse("accounts:access_desk") + f"#request-{item.pk}",
        note=item.ministry,
    )


def _failed_tasks(user: Any, today: date) -> list[Any]:
    return [row for row in task_desk.tasks_needing_attention(user=user) if row.failed_for_good]


def _failed_task(row: Any) -> WorkItem:
    return WorkItem(label=row.name, url=reverse("task_desk:tasks"), note=row.error)


def _reply_due(item: Any) -> WorkItem:
    return WorkItem(
        label=_("%(round)s — question %(number)s")
        % {"round": item.round.title, "number": item.question.number},
        url=reverse("monitoring:question", args=[item.question.pk]),
        due=item.due_on,
        note=item.reply.get_status_display() if item.reply else _("Not started"),
        demo=item.demo,
    )


def _observation(assignment: Any) -> WorkItem:
    question = assignment.question
    return WorkItem(
        label=_("%(round)s — question %(number)s")
        % {"round": _questionnaire_name(question.questionnaire), "number": question.number},
        # The question's page at its form: the form's own address takes only POST.
        url=reverse("monitoring:question", args=[question.pk]) + "#observe",
        demo=question.questionnaire.is_demo,
    )


def _questionnaire_name(questionnaire: Any) -> str:
    # The General Overview Questionnaire belongs to no round.
    return str(questionnaire.round.title if questionnaire.round else questionnaire)


def _contribution(contribution: Any) -> WorkItem:
    return WorkItem(
        label=_("%(source)s contribution to %(round)s")
        % {"source": contribution.get_source_display(), "round": contribution.round.title},
        url=reverse("monitoring:contribution", args=[contribution.pk]),
        note=contribution.get_screening_display(),
        demo=contribution.is_demo,
    )


def _application(application: Any) -> WorkItem:
    return WorkItem(
        label=str(application.organisation.name),
        url=reverse("committee:desk_application", args=[application.pk]),
        note=application.get_status_display(),
    )


CONSULTATIONS = WorkListSpec(
    "consultations",
    gettext_lazy("Consultations awaiting your Party’s reply"),
    gettext_lazy("No consultation is waiting for your Party’s reply."),
    rows=lambda user, today: accession.consultations_awaiting_reply(user=user),
    item=_consultation,
    link=("accession:inbox", gettext_lazy("All consultations")),
)
CASES = WorkListSpec(
    "cases",
    gettext_lazy("Accession cases needing your action"),
    gettext_lazy("No accession case waits for a step of the Treaty Office."),
    rows=lambda user, today: accession.cases_needing_action(today=today),
    item=_case_needing_action,
    link=("accession:desk", gettext_lazy("The accession desk")),
)
OVERDUE = WorkListSpec(
    "overdue",
    gettext_lazy("Consultations with overdue replies"),
    gettext_lazy("No consultation has passed its deadline without every reply."),
    rows=lambda user, today: accession.overdue_consultations(today=today),
    item=_overdue_consultation,
)
ACCESS = WorkListSpec(
    "access",
    gettext_lazy("Requests for an account"),
    gettext_lazy("No request for an account is waiting."),
    rows=lambda user, today: accounts.pending_access_requests(),
    item=_access_request,
    link=("accounts:access_desk", gettext_lazy("All requests for an account")),
)
TASKS = WorkListSpec(
    "tasks",
    gettext_lazy("Background tasks that failed"),
    gettext_lazy("Every e-mail and document was delivered."),
    rows=_failed_tasks,
    item=_failed_task,
    link=("task_desk:tasks", gettext_lazy("The tasks desk")),
)
REPLIES = WorkListSpec(
    "replies",
    gettext_lazy("Replies your Party still owes"),
    gettext_lazy("Your Party owes no reply to an open questionnaire."),
    rows=lambda user, today: monitoring.replies_due(user.state_id or ""),
    item=_reply_due,
)
OBSERVATIONS = WorkListSpec(
    "observations",
    gettext_lazy("Observations to write"),
    gettext_lazy("You have written an observation on every question you are appointed to."),
    rows=lambda user, today: monitoring.observations_to_write(user),
    item=_observation,
)
CONTRIBUTIONS = WorkListSpec(
    "contributions",
    gettext_lazy("Contributions to screen"),
    gettext_lazy("Every contribution received has been screened and published."),
    rows=lambda user, today: monitoring.contributions_to_screen(),
    item=_contribution,
    link=("monitoring:contributions", gettext_lazy("All contributions")),
)
APPLICATIONS = WorkListSpec(
    "applications",
    gettext_lazy("Observer applications to decide"),
    gettext_lazy("No observer application waits for a decision."),
    rows=lambda user, today: committee.applications_to_decide(),
    item=_application,
    link=("committee:desk", gettext_lazy("The Committee desk")),
)

# The lists each role's home shows, in order.
WORK: dict[str, tuple[WorkListSpec, ...]] = {
    Role.PARTY_DELEGATE: (CONSULTATIONS,),
    Role.TREATY_OFFICE: (CASES, OVERDUE, ACCESS, TASKS),
    Role.NATIONAL_COORDINATOR: (REPLIES,),
    Role.RAPPORTEUR: (OBSERVATIONS,),
    Role.SECRETARIAT: (CONTRIBUTIONS, APPLICATIONS, TASKS),
}


def work_for(user: Any, *, today: date | None = None) -> list[WorkList]:
    today = today or timezone.localdate()
    return [spec.build(user, today) for spec in WORK.get(user.role, ())]


def _count_key(user: Any) -> str:
    return f"work-count:{user.pk}"


# The domains whose records make up the work lists: a change to any of them (a reply, a
# decision, a request) may add or finish an item of anyone's work, not only the writer's.
WORK_DOMAINS = (versions.ACCESSION, versions.ACCOUNTS, versions.COMMITTEE, versions.MONITORING)


def _keep(user: Any, count: int, *, under: str) -> None:
    cache.set(_count_key(user), (under, count), COUNT_SECONDS)


def counted(user: Any) -> int | None:
    """The count kept for the person, or None when it must be counted: what a page's header
    shows at the cost of two cache reads and no query. A count is kept with the data versions it
    was counted under, so any change to the work's domains, by anyone, makes it stale at once."""
    if (
        not getattr(user, "is_authenticated", False)
        or getattr(user, "pk", None) is None
        or user.role not in WORK
    ):
        return 0
    kept = cache.get(_count_key(user))
    if kept is None:
        return None
    under, count = kept
    return int(count) if under == versions.kept_tokens(*WORK_DOMAINS) else None


def pending_count(user: Any) -> int:
    """How many items wait for the person, counted if no current count is kept."""
    count = counted(user)
    if count is None:
        # The versions are read before counting: a change that lands meanwhile leaves the kept
        # count stale rather than passing for counted under the new data.
        under = versions.tokens(*WORK_DOMAINS)
        count = sum(len(lst.items) for lst in work_for(user))
        _keep(user, count, under=under)
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
    under = versions.tokens(*WORK_DOMAINS)
    lists = work_for(user, today=today)
    _keep(user, sum(len(lst.items) for lst in lists), under=under)
    return render(
        request,
        "web/my_home.html",
        {"lists": lists, "today": today, "nav_section": "my_home"},
    )
