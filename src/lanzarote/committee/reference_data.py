"""Loading the Committee's reference data, idempotently.

Found and run by `core.reference_data` after the registry's loader (`lanzarote
load-reference-data`). The Committee's history (meetings, texts, Bureau, observers, projects and
events) comes from the research files in `lanzarote/data/research/committee/`
(`committee.history_data`); organisations, participants, documents and themes from
`lanzarote/data/committee/`. Tables are brought in line with the files by their natural keys (a
meeting's number, a document's code, a text's slug, a row's `reference_key`); observer
admissions are append-only events, so a changed one is recorded as a superseding event and a
removed one is retracted. A second run with the same files writes nothing, not even an audit
record.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from lanzarote.committee.history_data import history_load
from lanzarote.committee.loading import (
    CommitteeLoadReport,
    end_values,
    prune,
)
from lanzarote.committee.models import (
    CommitteeDocument,
    Meeting,
    Organisation,
    Participation,
    Theme,
)
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.reference_data import ReferenceLoader, known_values, read_json, sync
from lanzarote.registry.lookups import CONVENTION
from lanzarote.registry.models import Article, Treaty

FOLDER = "committee"
LOADER = "reference data"


def _organisations(folder: Path, report: CommitteeLoadReport) -> dict[str, Organisation]:
    for item in read_json(folder, "organisations.json"):
        sync(
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


def _documents(folder: Path, meetings: dict[int, Meeting], report: CommitteeLoadReport) -> None:
    shipped = set()
    for item in read_json(folder, "documents.json"):
        shipped.add(item["code"])
        sync(
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
                **known_values(item["date"]),
            },
            report,
        )
    prune(
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
    for item in read_json(folder, "participants.json"):
        shipped.add(item["key"])
        sync(
            Participation,
            {"reference_key": item["key"]},
            {
                "organisation": organisations[item["organisation"]],
                "basis": item["basis"],
                "confirmed": item.get("confirmed", False),
                "sources": item.get("sources", []),
                "note_en": item.get("note_en", ""),
                "note_fr": item.get("note_fr", ""),
                **known_values(item["start"]),
                **end_values(item.get("end", "")),
            },
            report,
        )
    prune(
        Participation,
        Participation.objects.exclude(reference_key=""),
        shipped,
        "reference_key",
        report,
    )


def _themes(folder: Path, report: CommitteeLoadReport) -> None:
    for theme in read_json(folder, "capacity.json").get("themes", []):
        sync(
            Theme,
            {"slug": theme["slug"]},
            {"name_en": theme["name_en"], "name_fr": theme["name_fr"]},
            report,
        )


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
    meetings = history_load(
        data_dir=data_dir,
        organisations=organisations,
        articles=articles,
        actor=actor,
        report=report,
    )
    _documents(folder, meetings, report)
    _participations(folder, organisations, report)
    _themes(folder, report)
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
