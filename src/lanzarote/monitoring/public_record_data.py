"""Loading the Committee's public monitoring record from the research files
(`lanzarote/data/research/committee/`): the questionnaire adoptions of `rounds.json`, the
recommendations of `recommendations.json` and the compliance findings of `compliance.json`.

Rows are found again by their research key and written in bulk: new rows in one insert, changed
rows in one update, and the many-to-many links only where they differ, so a second load with the
same files writes nothing. What the research marks unconfirmed or bounded is stored so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from django.db import models

from lanzarote.committee.models import Meeting
from lanzarote.core.reference_data import known_values, read_json
from lanzarote.monitoring.models import (
    PublishedComplianceFinding,
    PublishedRecommendation,
    Report,
    Round,
)
from lanzarote.registry.lookups import CONVENTION
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import KnownDate

RESEARCH = Path("research") / "committee"


class Counts(Protocol):
    """The caller's load report: counts each kind of row changed, for its one audit record."""

    def count(self, name: str) -> None: ...


# The research names reports by its own text keys; the monitoring reports by their slugs. The
# compliance reports on the refugee crisis are not a monitoring report of their own: their
# findings are tied to the special report they follow up.
REPORT_FOR_TEXT = {
    "text/implementation-report-1-framework": "round-1-the-framework",
    "text/implementation-report-1-strategies": "round-1-the-strategies",
    "text/special-report-refugee-crisis": "urgent-special-report-2017",
    "text/special-report-transit-zones": "urgent-transit-zones-2018",
    "text/implementation-report-2": "round-2-implementation-report",
    "text/implementation-report-3": "round-3-circle-of-trust-2025",
}


def _read(data_dir: Path, name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = read_json(data_dir / RESEARCH, name)
    return data


def _bulk_sync(
    model: type[models.Model],
    wanted: dict[str, dict[str, Any]],
    report: Counts,
    name: str,
) -> dict[str, Any]:
    """Bring the rows keyed by `reference_key` in line with `wanted`; every row by its key."""
    existing = {
        row.reference_key: row  # type: ignore[attr-defined]
        for row in model._default_manager.filter(reference_key__in=wanted)
    }
    created, changed = [], []
    fields: set[str] = set()
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            created.append(model(reference_key=key, **values))
            continue
        differing = {f for f, v in values.items() if getattr(row, f) != v}
        if differing:
            for field_name in differing:
                setattr(row, field_name, values[field_name])
            fields |= differing
            changed.append(row)
    if created:
        model._default_manager.bulk_create(created)
    if changed:
        model._default_manager.bulk_update(changed, sorted(fields))
    for _row in created + changed:
        report.count(name)
    rows = {
        row.reference_key: row  # type: ignore[attr-defined]
        for row in model._default_manager.filter(reference_key__in=wanted)
    }
    return rows


def _links(
    rows: dict[str, Any], relation: str, wanted: dict[str, set[Any]], report: Counts, name: str
) -> None:
    """Set one many-to-many relation where it differs from `wanted` (read in one query)."""
    if not rows:
        return
    field = next(iter(rows.values()))._meta.get_field(relation)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    current: dict[int, set[Any]] = {}
    ids = [row.pk for row in rows.values()]
    for left, right in through.objects.filter(**{f"{source}_id__in": ids}).values_list(
        f"{source}_id", f"{target}_id"
    ):
        current.setdefault(left, set()).add(right)
    for key, row in rows.items():
        if current.get(row.pk, set()) != wanted.get(key, set()):
            getattr(row, relation).set(wanted.get(key, set()))
            report.count(name)


ADOPTION_FIELDS = [
    "questionnaire_adopted_earliest",
    "questionnaire_adopted_latest",
    "questionnaire_adopted_precision",
    "questionnaire_adopted_meeting",
]


def _questionnaire_adoptions(data_dir: Path, meetings: dict[int, Meeting], report: Counts) -> None:
    rounds = {r.slug: r for r in Round.objects.all()}
    changed = []
    for entry in _read(data_dir, "rounds.json"):
        round_ = rounds.get(entry["slug"])
        if round_ is None:  # the General Overview Questionnaire is not a round here
            continue
        adopted = KnownDate.parse(entry["questionnaire"]["adopted"])
        meeting_number = entry["questionnaire"]["adopted_at_meeting"]
        values = {
            "questionnaire_adopted_earliest": adopted.earliest,
            "questionnaire_adopted_latest": adopted.latest,
            "questionnaire_adopted_precision": adopted.precision.value,
            "questionnaire_adopted_meeting": meetings.get(meeting_number)
            if meeting_number
            else None,
        }
        if any(getattr(round_, f) != v for f, v in values.items()):
            for field_name, value in values.items():
                setattr(round_, field_name, value)
            changed.append(round_)
            report.count("questionnaire_adoptions")
    if changed:
        Round.objects.bulk_update(changed, ADOPTION_FIELDS)


def _recommendations(
    data_dir: Path, reports: dict[str, Report], report: Counts
) -> dict[str, PublishedRecommendation]:
    wanted, addressees, articles = {}, {}, {}
    states = dict(State.objects.values_list("code", "pk"))
    numbers = dict(Article.objects.filter(treaty__slug=CONVENTION).values_list("number", "pk"))
    for position, item in enumerate(_read(data_dir, "recommendations.json"), start=1):
        parties = item["parties_addressed"]
        wanted[item["key"]] = {
            "report": reports[REPORT_FOR_TEXT[item["report"]]],
            "number": item["number"] or "",
            "position": position,
            "subject_en": item["subject_en"],
            "subject_fr": item["subject_fr"],
            "summary_en": item["summary_en"],
            "summary_fr": item["summary_fr"],
            "strength": item["strength"] or "",
            "strength_word": item["strength_word"] or "",
            "strength_confirmed": item["strength_confirmed"],
            "addressed_scope": parties["scope"],
            "addressed_count": parties["count"],
            "confirmed": item["confirmed"],
            "sources": item["sources"],
            "note_en": item["note_en"],
            "note_fr": item["note_fr"],
            **known_values(item["report_adopted"]),
        }
        addressees[item["key"]] = {states[code] for code in parties["states"]}
        articles[item["key"]] = {numbers[n] for n in item["articles"]}
    rows = _bulk_sync(PublishedRecommendation, wanted, report, "published_recommendations")
    _links(rows, "addressees", addressees, report, "recommendation_addressees")
    _links(rows, "articles", articles, report, "recommendation_articles")
    return rows


def _compliance(
    data_dir: Path,
    reports: dict[str, Report],
    meetings: dict[int, Meeting],
    recommendations: dict[str, PublishedRecommendation],
    report: Counts,
) -> None:
    wanted, parties, concerned = {}, {}, {}
    states = dict(State.objects.values_list("code", "pk"))
    for item in _read(data_dir, "compliance.json"):
        scope = item["parties"]
        wanted[item["key"]] = {
            "report": reports[REPORT_FOR_TEXT[item["report"]]],
            "finding_en": item["finding_en"],
            "finding_fr": item["finding_fr"],
            "parties_scope": scope["scope"],
            "parties_count": scope["count"],
            "meeting": meetings[item["meeting"]] if item["meeting"] else None,
            "documents": item["documents"],
            "confirmed": item["confirmed"],
            "sources": item["sources"],
            "note_en": item["note_en"],
            "note_fr": item["note_fr"],
            **known_values(item["date"]),
        }
        parties[item["key"]] = {states[code] for code in scope["states"]}
        concerned[item["key"]] = {recommendations[key].pk for key in item["recommendations"]}
    rows = _bulk_sync(PublishedComplianceFinding, wanted, report, "compliance_findings")
    _links(rows, "parties", parties, report, "compliance_parties")
    _links(rows, "recommendations", concerned, report, "compliance_recommendations")


def public_record_load(*, data_dir: Path, report: Counts) -> None:
    """Bring the public record in line with the research files (none shipped: nothing to do)."""
    if not (data_dir / RESEARCH / "recommendations.json").is_file():
        return
    meetings = {m.number: m for m in Meeting.objects.all()}
    reports = {r.slug: r for r in Report.objects.filter(slug__in=REPORT_FOR_TEXT.values())}
    _questionnaire_adoptions(data_dir, meetings, report)
    recommendations = _recommendations(data_dir, reports, report)
    _compliance(data_dir, reports, meetings, recommendations, report)
