"""What the schemas cannot say: the flat rows of the CSV downloads (one row per member,
participant and observer; a date as known spread over its text and bounds). Every other answer,
in the API, the JSON downloads and the command line, is a schema of `committee.schemas`."""

from __future__ import annotations

from typing import Any

from lanzarote.committee.schemas.capacity import CommitteeProjectOut
from lanzarote.committee.schemas.common import dump
from lanzarote.committee.schemas.texts import CommitteeTextSummaryOut
from lanzarote.committee.selectors import Composition, PriorityCountry
from lanzarote.registry.presenters import known_date
from lanzarote.treaty_law import KnownDate

COMPOSITION_CSV_FIELDS = [
    "group",
    "code",
    "name",
    "basis",
    "since",
    "votes",
    "certain",
    "confirmed",
]
MEETING_CSV_FIELDS = [
    "number",
    "number_confirmed",
    "status",
    "start_date",
    "end_date",
    "period_precision",
    "mode",
    "place",
    "place_confirmed",
    "dates_confirmed",
    "texts_adopted_count",
    "documents_count",
    "agenda_items_count",
]
TEXT_CSV_FIELDS = [
    "slug",
    "kind",
    "title",
    "date",
    "date_earliest",
    "date_latest",
    "confirmed",
    "adoption_confirmed",
    "meeting",
    "articles",
    "document_code",
    "url",
]
PROJECT_CSV_FIELDS = [
    "slug",
    "title",
    "status",
    "beneficiaries",
    "themes",
    "articles",
    "partners",
    "donors",
    "start_date",
    "end_date",
]
EVENT_CSV_FIELDS = [
    "slug",
    "kind",
    "title",
    "date",
    "confirmed",
    "place",
    "online",
    "meeting",
    "states",
]
PRIORITY_CSV_FIELDS = ["state", "name", "reasons", "since"]


def known_text(value: KnownDate | None) -> str:
    data = known_date(value)
    return data["text"] if data else ""


def _seat(
    group: str, code: str, name: str, basis: str, since: Any, certain: bool, confirmed: bool
) -> dict[str, Any]:
    return {
        "group": group,
        "code": code,
        "name": name,
        "basis": basis,
        "since": known_text(since),
        "votes": group == "member",
        "certain": certain,
        "confirmed": confirmed,
    }


def composition_csv_rows(item: Composition) -> list[dict[str, Any]]:
    """One row per member, participant and observer on the date."""
    members = [
        _seat("member", m.state.code, m.state.name, "party", m.since, m.certain, True)
        for m in item.members
    ]
    participants = [
        _seat(
            "participant",
            p.key.split(":", 1)[1],
            p.name,
            p.basis.value,
            p.since,
            p.certain,
            p.confirmed,
        )
        for p in item.participants
    ]
    observers = [
        _seat(
            "observer",
            o.organisation.slug,
            o.organisation.name,
            "observer",
            o.since,
            o.certain,
            o.admission.confirmed,
        )
        for o in item.observers
    ]
    return members + participants + observers


def dated_row(data: dict[str, Any]) -> dict[str, Any]:
    """A dumped answer with its `date` (as known) spread over text and bounds."""
    when = data.get("date") or {}
    return {
        **data,
        "date": when.get("text", ""),
        "date_earliest": when.get("earliest") or "",
        "date_latest": when.get("latest") or "",
    }


def text_csv_row(item: Any) -> dict[str, Any]:
    return dated_row(dump(CommitteeTextSummaryOut, item))


def project_csv_row(item: Any) -> dict[str, Any]:
    return dump(CommitteeProjectOut, item)


def priority_csv_row(item: PriorityCountry) -> dict[str, Any]:
    return {
        "state": item.state.code,
        "name": item.state.name,
        "reasons": ";".join(r.kind for r in item.reasons),
        "since": ";".join(known_text(r.since) for r in item.reasons),
    }
