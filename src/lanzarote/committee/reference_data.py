"""Loading the Committee's reference data shipped in `lanzarote/data/committee/`, idempotently.

Found and run by `core.reference_data` after the registry's loader (`lanzarote
load-reference-data`). Tables are brought in line with the files by their natural keys (a meeting's
number, a document's code, a text's slug, a row's `reference_key`); observer admissions are
append-only events, so a changed one is recorded as a superseding event and a removed one is
retracted. A second run with the same files writes nothing, not even an audit record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    BureauTerm,
    CapacityEvent,
    CommitteeDocument,
    Decision,
    Meeting,
    ObserverEvent,
    Organisation,
    Participation,
    Theme,
)
from lanzarote.committee.selectors import observer_heads
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.records.mixins import EndDateFields, KnownDateFields
from lanzarote.core.reference_data import ReferenceLoader
from lanzarote.registry.lookups import CONVENTION
from lanzarote.registry.models import Article, State, Treaty
from lanzarote.treaty_law import KnownDate

FOLDER = "committee"
LOADER = "reference data"


@dataclass
class CommitteeLoadReport:
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def count(self, name: str, *, removed: bool = False) -> None:
        target = self.removed if removed else self.changed
        target[name] = target.get(name, 0) + 1

    @property
    def anything(self) -> bool:
        return bool(self.changed or self.removed)

    def as_dict(self) -> dict[str, Any]:
        return {"changed": dict(self.changed), "removed": dict(self.removed)}


def _read(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _known_values(text: str) -> dict[str, Any]:
    return KnownDateFields.known_date_values(KnownDate.parse(text))


def _end_values(text: str) -> dict[str, Any]:
    return EndDateFields.end_values(KnownDate.parse(text) if text else None)


def _sync(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: CommitteeLoadReport,
    *,
    m2m: dict[str, list[Any]] | None = None,
) -> Any:
    """Create or update one row; count it only when something changed."""
    obj = model._default_manager.filter(**lookup).first()
    changed = False
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        changed = True
    elif any(getattr(obj, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save()
        changed = True
    for name, wanted in (m2m or {}).items():
        manager = getattr(obj, name)
        if {o.pk for o in manager.all()} != {o.pk for o in wanted}:
            manager.set(wanted)
            changed = True
    if changed:
        report.count(model.__name__)
    return obj


def _prune(
    model: type[models.Model],
    queryset: Any,
    keep: set[Any],
    attribute: str,
    report: CommitteeLoadReport,
) -> None:
    """Delete shipped rows that are no longer in the files (rows people created are kept)."""
    for obj in queryset:
        if getattr(obj, attribute) not in keep:
            obj.delete()
            report.count(model.__name__, removed=True)


def _articles(numbers: list[int], articles: dict[int, Article]) -> list[Article]:
    return [articles[n] for n in numbers]


def _organisations(folder: Path, report: CommitteeLoadReport) -> dict[str, Organisation]:
    for item in _read(folder, "organisations.json"):
        _sync(
            Organisation,
            {"slug": item["slug"]},
            {
                "name_en": item["name_en"],
                "name_fr": item["name_fr"],
                "acronym": item.get("acronym", ""),
                "kind": item["kind"],
                "country_id": item.get("country") or None,
                "website": item.get("website", ""),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                "reference_key": f"organisation/{item['slug']}",
            },
            report,
        )
    return {o.slug: o for o in Organisation.objects.all()}


def _meetings(
    folder: Path, articles: dict[int, Article], report: CommitteeLoadReport
) -> tuple[dict[int, Meeting], dict[str, Decision]]:
    shipped_items: set[str] = set()
    shipped_decisions: set[str] = set()
    for item in _read(folder, "meetings.json"):
        meeting = _sync(
            Meeting,
            {"number": item["number"]},
            {
                "start_date": _day(item["start_date"]),
                "end_date": _day(item["end_date"]),
                "dates_confirmed": item.get("dates_confirmed", True),
                "mode": item["mode"],
                "place_en": item.get("place_en", ""),
                "place_fr": item.get("place_fr", ""),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                "reference_key": f"meeting/{item['number']}",
            },
            report,
        )
        for position, agenda in enumerate(item.get("agenda", []), start=1):
            key = f"agenda/{item['number']}/{position}"
            shipped_items.add(key)
            _sync(
                AgendaItem,
                {"reference_key": key},
                {
                    "meeting": meeting,
                    "position": position,
                    "number": str(position),
                    "title_en": agenda["title_en"],
                    "title_fr": agenda.get("title_fr", ""),
                    "sources": meeting.sources,
                },
                report,
                m2m={"articles": _articles(agenda.get("articles", []), articles)},
            )
        for decision in item.get("decisions", []):
            shipped_decisions.add(decision["key"])
            _sync(
                Decision,
                {"reference_key": decision["key"]},
                {
                    "meeting": meeting,
                    "decided_on": _day(decision["decided_on"]),
                    "day_confirmed": decision.get("day_confirmed", True),
                    "kind": decision["kind"],
                    "text_en": decision["text_en"],
                    "text_fr": decision.get("text_fr", ""),
                    "adopted": decision.get("adopted", True),
                    "sources": meeting.sources,
                },
                report,
            )
    _prune(
        AgendaItem,
        AgendaItem.objects.exclude(reference_key=""),
        shipped_items,
        "reference_key",
        report,
    )
    decisions = {d.reference_key: d for d in Decision.objects.exclude(reference_key="")}
    return {m.number: m for m in Meeting.objects.all()}, decisions


def _documents(folder: Path, meetings: dict[int, Meeting], report: CommitteeLoadReport) -> None:
    shipped = set()
    for item in _read(folder, "documents.json"):
        shipped.add(item["code"])
        _sync(
            CommitteeDocument,
            {"code": item["code"]},
            {
                "title_en": item["title_en"],
                "title_fr": item.get("title_fr", ""),
                "meeting": meetings[item["meeting"]] if item.get("meeting") else None,
                "url_en": item.get("url_en", ""),
                "url_fr": item.get("url_fr", ""),
                "confirmed": item.get("confirmed", False),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                "reference_key": f"document/{item['code']}",
                **_known_values(item["date"]),
            },
            report,
        )
    _prune(
        CommitteeDocument,
        CommitteeDocument.objects.exclude(reference_key=""),
        shipped,
        "code",
        report,
    )


def _participations(
    folder: Path, organisations: dict[str, Organisation], report: CommitteeLoadReport
) -> None:
    shipped = set()
    for item in _read(folder, "participants.json"):
        shipped.add(item["key"])
        _sync(
            Participation,
            {"reference_key": item["key"]},
            {
                "organisation": organisations[item["organisation"]],
                "basis": item["basis"],
                "confirmed": item.get("confirmed", False),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                **_known_values(item["start"]),
                **_end_values(item.get("end", "")),
            },
            report,
        )
    _prune(
        Participation,
        Participation.objects.exclude(reference_key=""),
        shipped,
        "reference_key",
        report,
    )


def _observers(
    folder: Path, organisations: dict[str, Organisation], actor: Actor, report: CommitteeLoadReport
) -> None:
    heads = {
        e.reference_key: e
        for items in observer_heads(
            ObserverEvent.objects.exclude(reference_key="").order_by("id")
        ).values()
        for e in items
    }
    # Retractions are not heads; remember the newest row per key to restore a retracted one.
    newest = {
        e.reference_key: e
        for e in ObserverEvent.objects.exclude(reference_key="")
        .filter(superseded_by__isnull=True)
        .order_by("id")
    }
    shipped = set()
    for item in _read(folder, "observers.json"):
        key = item["key"]
        shipped.add(key)
        known = KnownDate.parse(item["date"])
        values = {
            "confirmed": item.get("confirmed", False),
            "sources": item.get("sources", []),
            "note_en": item.get("note_en", ""),
            "note_fr": item.get("note_fr", ""),
        }
        head = heads.get(key)
        if (
            head is not None
            and head.known_date == known
            and all(getattr(head, k) == v for k, v in values.items())
        ):
            continue
        previous = head or newest.get(key)
        event = ObserverEvent(
            organisation=organisations[item["organisation"]],
            kind=ObserverEvent.Kind.ADMITTED,
            reference_key=key,
            supersedes=previous,
            correction_reason=(
                "Reference data changed." if head is not None else "Reference data restored."
            )
            if previous is not None
            else "",
            recorded_at=timezone.now(),
            recorded_by_label=actor.label,
            **values,
        )
        event.set_known_date(known)
        event.save()
        report.count(ObserverEvent.__name__)
    for key, head in heads.items():
        if key not in shipped:
            retraction = ObserverEvent(
                organisation=head.organisation,
                kind=head.kind,
                reference_key=key,
                supersedes=head,
                is_retraction=True,
                correction_reason="Removed from the reference data.",
                recorded_at=timezone.now(),
                recorded_by_label=actor.label,
            )
            retraction.set_known_date(head.known_date)
            retraction.save()
            report.count(ObserverEvent.__name__, removed=True)


def _texts(
    folder: Path,
    meetings: dict[int, Meeting],
    decisions: dict[str, Decision],
    articles: dict[int, Article],
    report: CommitteeLoadReport,
) -> None:
    shipped = set()
    for item in _read(folder, "texts.json"):
        shipped.add(item["slug"])
        _sync(
            AdoptedText,
            {"slug": item["slug"]},
            {
                "kind": item["kind"],
                "title_en": item["title_en"],
                "title_fr": item.get("title_fr", ""),
                "summary_en": item.get("summary_en", ""),
                "summary_fr": item.get("summary_fr", ""),
                "url_en": item.get("url_en", ""),
                "url_fr": item.get("url_fr", ""),
                "document_code": item.get("document_code", ""),
                "meeting": meetings[item["meeting"]] if item.get("meeting") else None,
                "decision": decisions[item["decision"]] if item.get("decision") else None,
                "confirmed": item.get("confirmed", False),
                "adoption_confirmed": item.get("adoption_confirmed", True),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                "reference_key": f"text/{item['slug']}",
                **_known_values(item["date"]),
            },
            report,
            m2m={
                "articles": _articles(item.get("articles", []), articles),
                "considered_at": [meetings[n] for n in item.get("considered_at", [])],
            },
        )
    _prune(AdoptedText, AdoptedText.objects.exclude(reference_key=""), shipped, "slug", report)


def _bureau(folder: Path, report: CommitteeLoadReport) -> None:
    shipped = set()
    for item in _read(folder, "bureau.json"):
        shipped.add(item["key"])
        _sync(
            BureauTerm,
            {"reference_key": item["key"]},
            {
                "position": item["position"],
                "person_name": item["person_name"],
                "state_id": item.get("state") or None,
                "confirmed": item.get("confirmed", False),
                "evidence_en": item.get("evidence_en", ""),
                "evidence_fr": item.get("evidence_fr", ""),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                **_known_values(item["start"]),
                **_end_values(item.get("end", "")),
            },
            report,
        )
    _prune(
        BureauTerm, BureauTerm.objects.exclude(reference_key=""), shipped, "reference_key", report
    )


def _capacity(folder: Path, meetings: dict[int, Meeting], report: CommitteeLoadReport) -> None:
    data = _read(folder, "capacity.json")
    for theme in data.get("themes", []):
        _sync(
            Theme,
            {"slug": theme["slug"]},
            {"name_en": theme["name_en"], "name_fr": theme["name_fr"]},
            report,
        )
    shipped = set()
    for item in data.get("events", []):
        shipped.add(item["slug"])
        _sync(
            CapacityEvent,
            {"slug": item["slug"]},
            {
                "kind": item["kind"],
                "title_en": item["title_en"],
                "title_fr": item.get("title_fr", ""),
                "place_en": item.get("place_en", ""),
                "place_fr": item.get("place_fr", ""),
                "online": item.get("online", False),
                "meeting": meetings[item["meeting"]] if item.get("meeting") else None,
                "participants_en": item.get("participants_en", ""),
                "participants_fr": item.get("participants_fr", ""),
                "confirmed": item.get("confirmed", False),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                "reference_key": f"event/{item['slug']}",
                **_known_values(item["date"]),
            },
            report,
            m2m={"states": list(State.objects.filter(code__in=item.get("states", [])))},
        )
    _prune(CapacityEvent, CapacityEvent.objects.exclude(reference_key=""), shipped, "slug", report)


@transaction.atomic
def committee_data_load(*, actor: Actor | None = None, data_dir: Path) -> CommitteeLoadReport:
    """Bring the Committee's tables in line with `data_dir/committee/`; returns what changed.
    A data folder without a `committee` folder (an older copy) loads nothing."""
    actor = actor or Actor.system(LOADER)
    folder = data_dir / FOLDER
    report = CommitteeLoadReport()
    if not folder.is_dir():
        return report
    articles = {a.number: a for a in Article.objects.filter(treaty__slug=CONVENTION)}
    organisations = _organisations(folder, report)
    meetings, decisions = _meetings(folder, articles, report)
    _documents(folder, meetings, report)
    _participations(folder, organisations, report)
    _observers(folder, organisations, actor, report)
    _texts(folder, meetings, decisions, articles, report)
    _bureau(folder, report)
    _capacity(folder, meetings, report)
    if report.anything:
        audit_record(
            actor=actor,
            action=AuditAction.COMMITTEE_REFERENCE_DATA_LOAD,
            target=Treaty.objects.get(slug=CONVENTION),
            summary="Committee reference data loaded",
            payload=report.as_dict(),
        )
    return report


# The Committee's records name the registry's States and articles.
REFERENCE_LOADER = ReferenceLoader(load=committee_data_load, after=("registry",))
