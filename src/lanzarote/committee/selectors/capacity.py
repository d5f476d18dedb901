"""Capacity building: projects, requests for assistance, events and priority countries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from lanzarote.accession.models import AccessionCase
from lanzarote.committee.models import (
    AssistanceRequest,
    CapacityEvent,
    PriorityFlag,
    Project,
    Theme,
)
from lanzarote.committee.selectors.composition import convention_treaty
from lanzarote.committee.selectors.texts import newest_first
from lanzarote.core.permissions import allowed
from lanzarote.core.records.reading import one
from lanzarote.core.text import sorted_by_name
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import Instrument, KnownDate
from lanzarote.treaty_law.accession import CaseStatus

# -- capacity building -----------------------------------------------------------------------


def _projects() -> QuerySet[Project]:
    return Project.objects.prefetch_related(
        Prefetch("beneficiaries", queryset=State.objects.order_by("name_en")),
        Prefetch("themes", queryset=Theme.objects.order_by("name_en")),
        Prefetch("articles", queryset=Article.objects.order_by("number")),
    )


def project_list(*, status: str = "", state: str = "", theme: str = "") -> list[Project]:
    projects = _projects()
    if status:
        projects = projects.filter(status=status)
    if state:
        projects = projects.filter(beneficiaries__code=state.upper())
    if theme:
        projects = projects.filter(themes__slug=theme)
    # Projects with no known start last, on every engine (PostgreSQL puts NULL first when
    # descending, SQLite last).
    return list(projects.order_by(F("start_date").desc(nulls_last=True), "title_en").distinct())


def project_get(slug: str) -> Project:
    return one(_projects(), missing=f"No project {slug!r}.", slug=slug)


def theme_list() -> list[Theme]:
    """The themes in the order of their names in the reader's language."""
    return sorted_by_name(Theme.objects.all(), lambda t: t.name)


def assistance_request_list(*, user: Any) -> list[AssistanceRequest]:
    """The requests the person may see: all for the secretariat, their own State's otherwise."""
    requests = AssistanceRequest.objects.select_related("state", "project").prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    )
    if not allowed(user, "committee.view_assistance_request"):
        code = getattr(user, "state_id", None)
        if not code or not allowed(user, "committee.view_assistance_request", state_code=code):
            return []
        requests = requests.filter(state_id=code)
    return list(requests.order_by("-received_on", "-id"))


def assistance_request_get(pk: int | str) -> AssistanceRequest:
    return one(
        AssistanceRequest.objects.select_related("state", "project"),
        missing=f"No request for assistance {pk!r}.",
        pk=pk,
    )


def capacity_event_list() -> list[CapacityEvent]:
    return list(
        newest_first(
            CapacityEvent.objects.select_related("meeting").prefetch_related(
                Prefetch("states", queryset=State.objects.order_by("name_en"))
            )
        )
    )


# -- priority countries ----------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityReason:
    kind: str  # "acceded", "accession_request" or "decision"
    since: KnownDate | None
    confidential: bool = False
    reference: str = ""
    flag: PriorityFlag | None = None


@dataclass(frozen=True)
class PriorityCountry:
    state: State
    reasons: list[PriorityReason]

    @property
    def kinds(self) -> list[str]:
        return [r.kind for r in self.reasons]


_REQUESTED = [s.value for s in CaseStatus if s not in (CaseStatus.DRAFT, CaseStatus.WITHDRAWN)]


def priority_countries(*, as_of: date, user: Any = None) -> list[PriorityCountry]:
    """States flagged as priority countries on `as_of`: automatically those that acceded (an
    accession in the registry) or asked to accede (an accession case filed), and those flagged
    by a decision. A request is confidential until the invitation: it shows only to people who
    may see it (permission "committee.view_confidential_priorities")."""
    reasons: dict[str, list[PriorityReason]] = defaultdict(list)
    view = registry.chart_view(convention_treaty(), as_of=as_of)
    states: dict[str, State] = dict(view.states)
    for position in view.chart.rows:
        if (
            position.consent_instrument is Instrument.ACCESSION
            and position.consent is not None
            and position.consent.possibly_on_or_before(as_of)
        ):
            reasons[position.state].append(PriorityReason("acceded", position.consent))
    cases = AccessionCase.objects.filter(
        status__in=_REQUESTED, received_on__lte=as_of
    ).select_related("state")
    for case in cases.order_by("received_on", "id"):
        confidential = not case.is_public
        if confidential and not allowed(
            user, "committee.view_confidential_priorities", state_code=case.state_id
        ):
            continue
        states.setdefault(case.state_id, case.state)
        received = KnownDate.exact(case.received_on) if case.received_on else None
        reasons[case.state_id].append(
            PriorityReason("accession_request", received, confidential, case.reference)
        )
    flags = PriorityFlag.objects.filter(flagged_on__lte=as_of).filter(
        Q(lifted_on__isnull=True) | Q(lifted_on__gt=as_of)
    )
    for flag in flags.select_related("state", "decision__meeting").order_by("flagged_on", "id"):
        states.setdefault(flag.state_id, flag.state)
        reasons[flag.state_id].append(
            PriorityReason("decision", KnownDate.exact(flag.flagged_on), flag=flag)
        )
    return sorted_by_name(
        (PriorityCountry(states[code], items) for code, items in reasons.items()),
        lambda p: p.state.name,
    )


def priority_flag_list() -> list[PriorityFlag]:
    """The flags by State in the reader's order of names, each State's newest first."""
    flags = PriorityFlag.objects.select_related("state", "decision__meeting").order_by(
        "-flagged_on", "-id"
    )
    # sorted() is stable: each State's flags keep the newest-first order of the query.
    return sorted_by_name(flags, lambda f: f.state.name)
