"""Organisations, observer applications and their chain, participations, representatives and the
Bureau."""

from __future__ import annotations

from lanzarote.committee.models import (
    BureauTerm,
    ObserverApplication,
    ObserverEvent,
    Organisation,
    Participation,
    Representative,
)
from lanzarote.committee.selectors.composition import observer_heads
from lanzarote.core.records.reading import one
from lanzarote.treaty_law.committee import ApplicationStatus

# -- organisations and observer applications -------------------------------------------------


def organisation_list() -> list[Organisation]:
    return list(Organisation.objects.select_related("country").order_by("name_en"))


def organisation_get(slug: str) -> Organisation:
    return one(
        Organisation.objects.select_related("country"),
        missing=f"No organisation {slug!r}.",
        slug=slug,
    )


def application_list(*, status: str = "") -> list[ObserverApplication]:
    applications = ObserverApplication.objects.select_related("organisation", "meeting")
    if status:
        applications = applications.filter(status=status)
    return list(applications.order_by("-received_on", "-id"))


def application_get(pk: int | str) -> ObserverApplication:
    return one(
        ObserverApplication.objects.select_related("organisation", "meeting"),
        missing=f"No observer application {pk!r}.",
        pk=pk,
    )


def application_events(application: ObserverApplication) -> list[ObserverEvent]:
    return list(
        ObserverEvent.objects.filter(organisation=application.organisation)
        .select_related("meeting", "decision", "vote")
        .order_by("recorded_at", "id")
    )


def organisation_observer_events(organisation: Organisation) -> list[ObserverEvent]:
    return observer_heads(
        ObserverEvent.objects.filter(organisation=organisation)
        .select_related("organisation", "meeting", "decision")
        .order_by("id")
    ).get(organisation.pk, [])


def participation_list() -> list[Participation]:
    return list(
        Participation.objects.select_related("organisation", "decision__meeting").order_by(
            "organisation__name_en", "date_earliest"
        )
    )


def participation_get(pk: int | str) -> Participation:
    return one(
        Participation.objects.select_related("organisation"),
        missing=f"No participation {pk!r}.",
        pk=pk,
    )


def representative_list() -> list[Representative]:
    return list(
        Representative.objects.select_related("state", "organisation").order_by(
            "state__name_en", "organisation__name_en", "role", "name"
        )
    )


def representative_get(pk: int | str) -> Representative:
    return one(
        Representative.objects.select_related("state", "organisation"),
        missing=f"No representative {pk!r}.",
        pk=pk,
    )


def bureau_list() -> list[BureauTerm]:
    return list(BureauTerm.objects.select_related("state", "decision").order_by("-date_latest"))


def bureau_get(pk: int | str) -> BureauTerm:
    return one(BureauTerm.objects.select_related("state"), missing=f"No Bureau term {pk!r}.", pk=pk)


def applications_to_decide() -> list[ObserverApplication]:
    """Observer applications the Committee has not yet decided (received, or put to a meeting),
    oldest first."""
    open_statuses = (ApplicationStatus.RECEIVED.value, ApplicationStatus.SCHEDULED.value)
    return list(
        ObserverApplication.objects.filter(status__in=open_statuses)
        .select_related("organisation", "meeting")
        .order_by("received_on", "id")
    )
