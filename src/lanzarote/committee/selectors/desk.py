"""What the secretariat's desk shows first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lanzarote.committee.models import (
    AdoptedText,
    AssistanceRequest,
    BureauTerm,
    CapacityEvent,
    Meeting,
    ObserverApplication,
    Participation,
    PriorityFlag,
    Project,
    Representative,
)
from lanzarote.committee.selectors.organisations import application_list

# -- the desk --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskOverview:
    applications: list[ObserverApplication]
    upcoming: list[Meeting]
    recent: list[Meeting]
    counts: dict[str, int]


def desk_overview(*, today: date) -> DeskOverview:
    open_statuses = ["received", "scheduled"]
    return DeskOverview(
        applications=[a for a in application_list() if a.status in open_statuses],
        upcoming=list(Meeting.objects.filter(end_date__gte=today).order_by("start_date")[:5]),
        recent=list(Meeting.objects.filter(end_date__lt=today).order_by("-start_date")[:5]),
        counts={
            "meetings": Meeting.objects.count(),
            "texts": AdoptedText.objects.count(),
            "participations": Participation.objects.count(),
            "representatives": Representative.objects.count(),
            "bureau": BureauTerm.objects.count(),
            "projects": Project.objects.count(),
            "assistance": AssistanceRequest.objects.count(),
            "events": CapacityEvent.objects.count(),
            "flags": PriorityFlag.objects.count(),
        },
    )
