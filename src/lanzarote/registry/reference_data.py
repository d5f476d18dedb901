"""Loading the reference data shipped in `lanzarote/data/`, idempotently.

States, memberships, treaties and articles are reference tables and are brought in line with the
files. Treaty actions go through `treaty_event_record` like any other write: a shipped fact that
is new is recorded, a changed one is recorded as an event superseding the old one, one that was
removed from the files is retracted, and one that is unchanged is left alone. A second run with
the same files therefore writes nothing at all.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction

from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.reference_data import DATA_DIR, ReferenceLoader, sync_row
from lanzarote.registry import evidence as dated
from lanzarote.registry.models import (
    Article,
    DateEvidence,
    ElaborationParticipation,
    MembershipPeriod,
    SourceNote,
    State,
    StateNote,
    Treaty,
    TreatyEvent,
)
from lanzarote.registry.selectors import effective_evidence
from lanzarote.registry.services import (
    changed_values,
    evidence_record,
    evidence_retract,
    treaty_event_record,
    treaty_event_retract,
)
from lanzarote.registry.source_display import FRENCH_NOTES_KEY
from lanzarote.registry.sources import clean_sources, parse_sources
from lanzarote.treaty_law import CONVENTION, OPTIONAL_PROTOCOL, KnownDate
from lanzarote.treaty_law.narrowing import ContradictoryBounds, DatedAct

__all__ = ["DATA_DIR", "REFERENCE_LOADER", "LoadReport", "parse_sources", "registry_data_load"]

LOADER = "reference data"
# Signatures before consents before reservations, so each guard sees the acts it depends on.
KIND_ORDER = {"signature": 0, "ratification": 1, "acceptance": 1, "approval": 1, "accession": 1}


@dataclass
class LoadReport:
    states: int = 0
    memberships: int = 0
    treaties: int = 0
    articles: int = 0
    recorded: int = 0
    superseded: int = 0
    retracted: int = 0
    unchanged: int = 0
    evidence_recorded: int = 0
    evidence_retracted: int = 0
    source_notes: int = 0
    changed_keys: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _rows(name: str, data_dir: Path) -> Iterator[dict[str, str]]:
    with (data_dir / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: (value or "").strip() for key, value in row.items()}


def _sources(text: str) -> list[dict[str, str]]:
    """Sources of a reference fact, held to the same rules as any write (graded, no mirror)."""
    return clean_sources(parse_sources(text))


def _optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _yes(text: str) -> bool:
    return text.lower() in {"yes", "true", "1"}


def _load_states(data_dir: Path, report: LoadReport) -> None:
    existing = {s.code: s for s in State.objects.all()}
    new, changed = [], []
    for row in _rows("states.csv", data_dir):
        values = {
            "alpha3": row["alpha3"],
            "numeric": row["numeric"],
            "name_en": row["name_en"],
            "name_fr": row["name_fr"],
            "kind": row["kind"],
        }
        state = existing.get(row["alpha2"])
        if state is None:
            new.append(State(code=row["alpha2"], **values))
        elif any(getattr(state, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(state, key, value)
            changed.append(state)
    State.objects.bulk_create(new)
    State.objects.bulk_update(changed, ["alpha3", "numeric", "name_en", "name_fr", "kind"])
    report.states = len(new) + len(changed)


def _load_memberships(data_dir: Path, report: LoadReport) -> None:
    wanted = []
    for row in _rows("coe_membership.csv", data_dir):
        start = KnownDate.parse(row["start"])
        end = KnownDate.parse(row["end"]) if row["end"] else None
        wanted.append(
            {
                "state_id": row["state"],
                "date_earliest": start.earliest,
                "date_latest": start.latest,
                "date_precision": start.precision.value,
                "end_earliest": end.earliest if end else None,
                "end_latest": end.latest if end else None,
                "end_precision": end.precision.value if end else "",
                "confirmed": _yes(row["confirmed"]),
                "sources": _sources(row["source"]),
                "note_en": row["note_en"],
                "note_fr": row["note_fr"],
            }
        )
    current = (
        [
            {key: getattr(period, key) for key in wanted[0]}
            for period in MembershipPeriod.objects.all()
        ]
        if wanted
        else []
    )
    key = lambda item: (item["state_id"], str(item["date_earliest"]))  # noqa: E731
    if sorted(current, key=key) != sorted(wanted, key=key):
        # Membership periods are reference facts, not registry events: replace them as a set.
        MembershipPeriod.objects.all().delete()
        MembershipPeriod.objects.bulk_create(MembershipPeriod(**values) for values in wanted)
        report.memberships = len(wanted)


def _load_treaties(data_dir: Path, report: LoadReport) -> dict[str, Treaty]:
    items = json.loads((data_dir / "treaties.json").read_text(encoding="utf-8"))
    for item in items:
        values = {
            key: item.get(key, "")
            for key in (
                "number",
                "title_en",
                "title_fr",
                "short_title_en",
                "short_title_fr",
                "opened_at_en",
                "opened_at_fr",
                "depositary_en",
                "depositary_fr",
                "notes_en",
                "notes_fr",
            )
        }
        values["opened_for_signature"] = _optional_date(item.get("opened_for_signature", ""))
        values["stated_entry_into_force"] = _optional_date(item.get("stated_entry_into_force", ""))
        values["sources"] = clean_sources(item.get("sources", []))
        _treaty, written = sync_row(Treaty, {"slug": item["slug"]}, values)
        report.treaties += written
    return {t.slug: t for t in Treaty.objects.all()}


def _load_articles(data_dir: Path, treaty: Treaty, report: LoadReport) -> None:
    for row in _rows("cets201_articles.csv", data_dir):
        values = {
            "chapter": row["chapter"],
            "chapter_title_en": row["chapter_title_en"],
            "chapter_title_fr": row["chapter_title_fr"],
            "title_en": row["title_en"],
            "title_fr": row["title_fr"],
            "title_fr_checked": _yes(row.get("title_fr_checked", "")),
            "provisions": [p for p in row["provisions"].split(";") if p],
        }
        lookup = {"treaty": treaty, "number": int(row["number"])}
        _article, written = sync_row(Article, lookup, values)
        report.articles += written


def _load_flags(data_dir: Path, treaties: dict[str, Treaty]) -> None:
    for row in _rows("elaboration.csv", data_dir):
        sync_row(
            ElaborationParticipation,
            {"treaty": treaties[row["treaty"]], "state_id": row["state"]},
            {
                "took_part": _yes(row["took_part"]),
                "confirmed": _yes(row["confirmed"]),
                "sources": _sources(row["source"]),
                "note_en": row["note_en"],
                "note_fr": row["note_fr"],
            },
        )
    wanted = {
        (row["treaty"], row["state"], row["note_en"]): row
        for row in _rows("state_notes.csv", data_dir)
    }
    for note in StateNote.objects.select_related("treaty"):
        if (note.treaty.slug, note.state_id, note.note_en) not in wanted:
            note.delete()
    for (slug, code, note_en), row in wanted.items():
        sync_row(
            StateNote,
            {"treaty": treaties[slug], "state_id": code, "note_en": note_en},
            {"note_fr": row["note_fr"], "sources": _sources(row["sources"])},
        )


def _event_values(row: dict[str, str]) -> dict[str, Any]:
    return {
        "kind": row["kind"],
        "legal_date": KnownDate.parse(row["date"]),
        "instrument": row["instrument"],
        "provisions": [p for p in row["provisions"].split(";") if p],
        "stated_entry_into_force": _optional_date(row["stated_entry_into_force"]),
        "text_en": row["text_en"],
        "text_fr": row["text_fr"],
        "sources": _sources(row["sources"]),
        "confirmed": _yes(row["confirmed"]),
        "basis": row["basis"] or TreatyEvent.Basis.SOURCE,
    }


# -- dated evidence --------------------------------------------------------------------------

BOUND_NOTATION = {
    "exact": "{value}",
    "month": "{value}",
    "on_or_after": "{value}..",
    "on_or_before": "..{value}",
}


def _evidence_rows(file_name: str, treaty: Treaty, data_dir: Path) -> dict[str, dict[str, Any]]:
    wanted = {}
    for line, row in enumerate(_rows(file_name, data_dir), start=2):
        if row["bound"] not in BOUND_NOTATION:
            raise ValueError(f"{file_name}, line {line}: unknown bound {row['bound']!r}")
        known = KnownDate.parse(BOUND_NOTATION[row["bound"]].format(value=row["value"]))
        source = {
            "url": row["source_url"],
            "title": row["source_title"],
            "note": row["note_en"],
            "grade": row["grade"],
            "extracted_on": row["extracted_on"],
        }
        key = dated.evidence_key(treaty, row["state"], row["act"], known, source)
        wanted[key] = {"state": row["state"], "act": row["act"], "known": known, "source": source}
    return wanted


def _load_evidence(
    file_name: str, treaty: Treaty, actor: Actor, data_dir: Path, report: LoadReport
) -> None:
    """Shipped bounds are recorded once; one removed from the file is retracted. A bound that
    someone else set aside (a decision on an imported chart) stays set aside."""
    if not (data_dir / file_name).exists():
        return
    wanted = _evidence_rows(file_name, treaty, data_dir)
    latest: dict[str, DateEvidence] = {}
    for item in DateEvidence.objects.filter(treaty=treaty).exclude(reference_key="").order_by("id"):
        latest[item.reference_key] = item
    states = State.objects.in_bulk({values["state"] for values in wanted.values()})
    for key, values in wanted.items():
        last = latest.get(key)
        if last is not None and not (last.is_retraction and last.recorded_by_label == LOADER):
            continue
        evidence_record(
            actor=actor,
            treaty=treaty,
            state=states[values["state"]],
            act=values["act"],
            known=values["known"],
            source=values["source"],
            reference_key=key,
            supersedes=last,
            reason="Reference data restored." if last is not None else "",
        )
        report.evidence_recorded += 1
    for key, last in latest.items():
        if key not in wanted and not last.is_retraction:
            evidence_retract(actor=actor, evidence=last, reason="Removed from the reference data.")
            report.evidence_retracted += 1


def _dated_by_evidence(rows: list[dict[str, str]], treaty: Treaty) -> dict[str, dict[str, Any]]:
    """The narrowed values of the signature and consent rows whose date is left to the
    evidence (an empty `date`), by key."""
    if not any(not row["date"] and dated.dated_act_of(row["kind"]) for row in rows):
        return {}
    found: dict[str, list[DateEvidence]] = {}
    for item in effective_evidence(treaty):
        found.setdefault(item.state_id, []).append(item)
    by_state: dict[str, dict[DatedAct, dict[str, str]]] = {}
    for row in rows:
        dated_act = dated.dated_act_of(row["kind"])
        if dated_act is not None:
            by_state.setdefault(row["state"], {})[dated_act] = row
    values: dict[str, dict[str, Any]] = {}
    for code, acts in by_state.items():
        consent = acts.get(DatedAct.CONSENT)
        signature = acts.get(DatedAct.SIGNATURE)
        evidence = found.get(code, [])
        try:
            dates = dated.narrowed(
                treaty,
                instrument=consent["kind"] if consent else None,
                signed=signature is not None,
                evidence=evidence,
            )
        except ContradictoryBounds as violation:
            raise ValueError(f"The evidence on {code} contradicts itself: {violation}") from None
        for act, row in acts.items():
            answer = dates.of(act)
            if not row["date"] and answer is not None:
                values[row["key"]] = dated.act_values(
                    answer, evidence, consent=act is DatedAct.CONSENT
                )
    return values


def _order(values: dict[str, Any]) -> tuple[int, str]:
    known: KnownDate = values["legal_date"]
    anchor = known.latest or known.earliest or date.max
    return (KIND_ORDER.get(values["kind"], 2), anchor.isoformat())


def _load_events(
    file_name: str, treaty: Treaty, actor: Actor, data_dir: Path, report: LoadReport
) -> None:
    latest = {
        e.reference_key: e
        for e in TreatyEvent.objects.filter(treaty=treaty)
        .exclude(reference_key="")
        .filter(superseded_by__isnull=True)
        .select_related("state", "treaty")
    }
    rows = list(_rows(file_name, data_dir))
    narrowed = _dated_by_evidence(rows, treaty)
    wanted = []
    for row in rows:
        values = _event_values(row)
        values.update(narrowed.get(row["key"], {}))
        wanted.append((row, values))
    wanted.sort(key=lambda item: _order(item[1]))
    shipped = set()
    for row, values in wanted:
        key = row["key"]
        shipped.add(key)
        head = latest.get(key)
        if head is not None and not head.is_retraction:
            changed = changed_values(head, values)
            if not changed:
                report.unchanged += 1
                continue
            treaty_event_record(
                actor=actor,
                treaty=treaty,
                state=head.state,
                reference_key=key,
                supersedes=head,
                correction_reason=f"Reference data changed: {', '.join(changed)}.",
                notify=False,
                **values,
            )
            report.superseded += 1
            report.changed_keys.append(key)
            continue
        treaty_event_record(
            actor=actor,
            treaty=treaty,
            state=State.objects.get(code=row["state"]),
            reference_key=key,
            supersedes=head,
            correction_reason="Reference data restored." if head is not None else "",
            notify=False,
            **values,
        )
        report.recorded += 1
    for key, head in latest.items():
        if key not in shipped and not head.is_retraction:
            treaty_event_retract(
                actor=actor, event=head, reason="Removed from the reference data.", notify=False
            )
            report.retracted += 1


SOURCE_NOTES = "source_notes_fr.csv"


def _load_source_notes(data_dir: Path, report: LoadReport) -> None:
    """The French of the sources' notes (`source_notes_fr.csv`: note_en, note_fr), kept apart
    from the sources so that the log is not rewritten to carry it (see `SourceNote`)."""
    if not (data_dir / SOURCE_NOTES).exists():
        return
    wanted = {row["note_en"]: row["note_fr"] for row in _rows(SOURCE_NOTES, data_dir)}
    current = dict(SourceNote.objects.values_list("note_en", "note_fr"))
    changed = [
        SourceNote(note_en=english, note_fr=french)
        for english, french in wanted.items()
        if current.get(english) != french
    ]
    gone = set(current) - set(wanted)
    if not changed and not gone:
        return
    SourceNote.objects.filter(note_en__in=gone | {note.note_en for note in changed}).delete()
    SourceNote.objects.bulk_create(changed)
    report.source_notes += len(changed) + len(gone)
    transaction.on_commit(lambda: cache.delete(FRENCH_NOTES_KEY))
    cache.delete(FRENCH_NOTES_KEY)


@transaction.atomic
def registry_data_load(*, actor: Actor | None = None, data_dir: Path | None = None) -> LoadReport:
    """Bring the registry's tables in line with the shipped reference data; returns what changed.
    The other apps' loaders run after this one (`core.reference_data`)."""
    actor = actor or Actor.system(LOADER)
    data_dir = data_dir or DATA_DIR
    report = LoadReport()
    _load_states(data_dir, report)
    _load_memberships(data_dir, report)
    treaties = _load_treaties(data_dir, report)
    _load_articles(data_dir, treaties[CONVENTION], report)
    _load_flags(data_dir, treaties)
    _load_evidence("research/cets201_bounds.csv", treaties[CONVENTION], actor, data_dir, report)
    _load_events("cets201_events.csv", treaties[CONVENTION], actor, data_dir, report)
    _load_events("opsc_events.csv", treaties[OPTIONAL_PROTOCOL], actor, data_dir, report)
    _load_source_notes(data_dir, report)
    if any(
        (
            report.states,
            report.memberships,
            report.treaties,
            report.articles,
            report.recorded,
            report.superseded,
            report.retracted,
            report.evidence_recorded,
            report.evidence_retracted,
            report.source_notes,
        )
    ):
        audit_record(
            actor=actor,
            action="registry.reference_data.load",
            target=treaties[CONVENTION],
            summary="Reference data loaded",
            payload=report.as_dict(),
        )
    return report


REFERENCE_LOADER = ReferenceLoader(load=registry_data_load)
