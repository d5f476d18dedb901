"""Loading the monitoring reference data shipped in `lanzarote/data/monitoring/`, idempotently.

Found and run by `core.reference_data` after the Committee's loader (reports and launches point
at its meetings). Rounds, their vocabularies of recommendation strengths and their
reports are brought in line with `rounds.json` by their natural keys; the demonstration
questionnaires of `questionnaires.json` (flagged `is_demo`: the real wording is not in the
sources) by their key and question numbers; the public record (questionnaire adoptions,
recommendations and compliance findings as published) from the research files, by
`public_record_data`. Scopes are never loaded: they are derived from the
registry. A second run with the same files writes nothing, not even an audit record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from lanzarote.committee.models import Meeting
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.reference_data import (
    ReferenceLoader,
    day,
    known_values,
    read_json,
    sync,
    sync_values,
)
from lanzarote.monitoring.models import (
    Question,
    Questionnaire,
    Report,
    Round,
    SearchDocument,
    StrengthLevel,
)
from lanzarote.monitoring.public_record_data import public_record_load
from lanzarote.monitoring.services import index_public_record, index_question
from lanzarote.registry.models import Article, Treaty
from lanzarote.treaty_law import CONVENTION

FOLDER = "monitoring"
LOADER = "reference data"


@dataclass
class MonitoringLoadReport:
    changed: dict[str, int] = field(default_factory=dict)

    def count(self, name: str) -> None:
        self.changed[name] = self.changed.get(name, 0) + 1

    @property
    def anything(self) -> bool:
        return bool(self.changed)

    def as_dict(self) -> dict[str, Any]:
        return {"changed": dict(self.changed)}


def _meetings() -> dict[int, Any]:
    return {m.number: m for m in Meeting.objects.all()}


def _rounds(folder: Path, report: MonitoringLoadReport) -> dict[str, Round]:
    meetings = _meetings()
    rounds = {}
    for entry in read_json(folder, "rounds.json"):
        round_ = sync(
            Round,
            {"slug": entry["slug"]},
            {
                "kind": entry["kind"],
                "number": entry["number"],
                "position": entry["position"],
                "title_en": entry["title_en"],
                "title_fr": entry["title_fr"],
                "theme_en": entry["theme_en"],
                "theme_fr": entry["theme_fr"],
                **known_values(entry["launch"]),
                "launch_confirmed": entry["launch_confirmed"],
                "launch_meeting": meetings.get(entry["launch_meeting"])
                if entry["launch_meeting"]
                else None,
                "questionnaire_sent_on": day(entry["questionnaire_sent_on"]),
                "replies_due": day(entry["replies_due"]),
                "replies_due_confirmed": entry["replies_due_confirmed"],
                "status": entry["status"],
                "stated_scope": entry["stated_scope"],
                "stated_scope_count": entry["stated_scope_count"],
                "stated_scope_note_en": entry["stated_scope_note_en"],
                "stated_scope_note_fr": entry["stated_scope_note_fr"],
                "vocabulary_note_en": entry.get("vocabulary_note_en", ""),
                "vocabulary_note_fr": entry.get("vocabulary_note_fr", ""),
                "sources": entry["sources"],
                "note_en": entry["note_en"],
                "note_fr": entry["note_fr"],
                "reference_key": f"round:{entry['slug']}",
            },
            report,
            name="rounds",
        )
        rounds[round_.slug] = round_
        for level in entry["strengths"]:
            sync(
                StrengthLevel,
                {"round": round_, "slug": level["slug"]},
                {
                    "label_en": level["label_en"],
                    "label_fr": level["label_fr"],
                    "rank": level["rank"],
                    "confirmed": level["confirmed"],
                    "meaning_confirmed": level["meaning_confirmed"],
                    "note_en": level["note_en"],
                    "note_fr": level["note_fr"],
                    "sources": level["sources"],
                    "reference_key": f"strength:{round_.slug}:{level['slug']}",
                },
                report,
                name="strengths",
            )
        for item in entry["reports"]:
            sync(
                Report,
                {"slug": item["slug"]},
                {
                    "round": round_,
                    "kind": item["kind"],
                    "title_en": item["title_en"],
                    "title_fr": item["title_fr"],
                    "document_code": item["document_code"],
                    **known_values(item["date"]),
                    "date_confirmed": item["date_confirmed"],
                    "date_is_publication": item["date_is_publication"],
                    "meeting": meetings.get(item["meeting"]) if item["meeting"] else None,
                    "url": item["url"],
                    "summary_en": item.get("summary_en", ""),
                    "summary_fr": item.get("summary_fr", ""),
                    "note_en": item["note_en"],
                    "note_fr": item["note_fr"],
                    "sources": item["sources"],
                    "reference_key": f"report:{item['slug']}",
                },
                report,
                name="reports",
            )
    return rounds


def _questionnaires(folder: Path, rounds: dict[str, Round], report: MonitoringLoadReport) -> None:
    data = read_json(folder, "questionnaires.json")
    articles = {a.number: a for a in Article.objects.filter(treaty__slug=CONVENTION)}
    for entry in data["questionnaires"]:
        round_ = rounds[entry["round"]] if entry["round"] else None
        questionnaire = Questionnaire.objects.filter(reference_key=entry["key"]).first()
        values = {
            "kind": entry["kind"],
            "round": round_,
            "title_en": entry["title_en"],
            "title_fr": entry["title_fr"],
            "is_demo": True,
            "note_en": data["demonstration_note_en"],
            "note_fr": data["demonstration_note_fr"],
        }
        if questionnaire is None:
            taken = Questionnaire.objects.filter(kind=entry["kind"], round=round_).count()
            questionnaire = Questionnaire.objects.create(
                reference_key=entry["key"], version=taken + 1, **values
            )
            report.count("questionnaires")
        elif sync_values(questionnaire, values):
            report.count("questionnaires")
        by_number: dict[str, Question] = {}
        for position, item in enumerate(entry["questions"], start=1):
            parent = by_number.get(item["parent"]) if item.get("parent") else None
            before = sum(report.changed.values())
            question = sync(
                Question,
                {"questionnaire": questionnaire, "number": item["number"]},
                {
                    "parent": parent,
                    "position": position,
                    "text_en": item["text_en"],
                    "text_fr": item["text_fr"],
                },
                report,
                name="questions",
            )
            wanted = {articles[n].pk for n in item["articles"]}
            current = set(question.articles.values_list("pk", flat=True))
            if wanted != current:
                question.articles.set(wanted)
                report.count("question_articles")
            if sum(report.changed.values()) != before or not _indexed(question):
                index_question(question)
            by_number[item["number"]] = question


def _indexed(question: Question) -> bool:
    return SearchDocument.objects.filter(kind="question", object_id=question.pk).exists()


@transaction.atomic
def monitoring_data_load(*, actor: Actor | None = None, data_dir: Path) -> MonitoringLoadReport:
    """Bring the monitoring tables in line with `data_dir/monitoring/`; returns what changed.
    A data folder without a `monitoring` folder (an older copy) loads nothing."""
    actor = actor or Actor.system(LOADER)
    folder = data_dir / FOLDER
    report = MonitoringLoadReport()
    if not folder.is_dir():
        return report
    rounds = _rounds(folder, report)
    _questionnaires(folder, rounds, report)
    public_record_load(data_dir=data_dir, report=report)
    # Any change may be in what a document of the public record shows (a report's title, say).
    index_public_record(only_missing=not report.anything)
    if report.anything:
        audit_record(
            actor=actor,
            action=AuditAction.MONITORING_REFERENCE_DATA_LOAD,
            target=Treaty.objects.get(slug=CONVENTION),
            summary="Monitoring reference data loaded",
            payload={"changed": report.changed},
        )
    return report


# Rounds and reports cite the Committee's meetings.
REFERENCE_LOADER = ReferenceLoader(load=monitoring_data_load, after=("committee",))
