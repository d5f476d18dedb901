"""Plain-data shapes of the monitoring records, shared by the API, the command line and the
CSV/XLSX/JSON downloads of the pages, so all of them say the same thing. Content is given in the
active language (with both languages where a record has both); dates as known carry their
precision; demonstration records say so in `is_demo`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from lanzarote.committee.schemas.common import dump, dump_all
from lanzarote.monitoring import schemas, screening
from lanzarote.monitoring import search as search_module
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    Contribution,
    FollowUp,
    Observation,
    Question,
    Questionnaire,
    Reply,
    ReplyEvent,
    Report,
    Round,
    StrengthLevel,
)
from lanzarote.monitoring.rules import Compliance
from lanzarote.monitoring.selectors import (
    AddresseeStatus,
    GoqObligation,
    Matrix,
    RecommendationView,
    ReservationFact,
    RoundDashboard,
    RoundScope,
    StateDashboard,
    Timeliness,
)
from lanzarote.registry.presenters import known_date

COMPLIANCE_LABELS = dict(ComplianceAssessment.STATUS_CHOICES)


def compliance_label(value: str) -> str:
    return str(COMPLIANCE_LABELS.get(value, value))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def scope(value: RoundScope) -> dict[str, Any]:
    return {
        "computed_on": known_date(value.launch),
        "parties": [
            {
                "state": entry.state.code,
                "name": entry.state.name,
                "basis": entry.basis,
                "added_on": _iso(entry.addition.decided_on) if entry.addition else None,
                "reason": entry.addition.reason if entry.addition else None,
            }
            for entry in value.entries
        ],
        "count": len(value.entries),
        "certain": len(value.certain),
        "uncertain": len(value.uncertain),
        "added": len(value.added),
        "stated": list(value.stated),
        "stated_count": value.round.stated_scope_count,
        "stated_note": value.round.stated_scope_note,
        "stated_not_computed": value.stated_not_computed,
        "computed_not_stated": value.computed_not_stated,
    }


def round_detail(
    round_: Round,
    *,
    round_scope: RoundScope,
    levels: list[StrengthLevel],
    questionnaires: list[Questionnaire],
    reports: list[Report],
) -> dict[str, Any]:
    return {
        **dump(schemas.RoundSummaryOut, round_),
        "note": round_.note,
        "sources": round_.sources,
        "scope": scope(round_scope),
        "vocabulary": dump_all(schemas.StrengthOut, levels),
        "vocabulary_note": round_.vocabulary_note,
        "questionnaires": dump_all(schemas.QuestionnaireSummaryOut, questionnaires),
        "reports": dump_all(schemas.ReportSummaryOut, reports),
    }


def question(item: Question) -> dict[str, Any]:
    return {
        "id": item.pk,
        "number": item.number,
        "parent": item.parent.number if item.parent_id and item.parent else None,
        "text": item.text,
        "text_en": item.text_en,
        "text_fr": item.text_fr,
        "articles": sorted(a.number for a in item.articles.all()),
    }


def questionnaire(item: Questionnaire) -> dict[str, Any]:
    questions = list(item.questions.all())
    by_id = {q.pk: q for q in questions}
    return {
        **dump(schemas.QuestionnaireSummaryOut, item),
        "questions": len(questions),
        "note": item.note,
        "items": [
            {
                **question(q),
                "parent": by_id[q.parent_id].number if q.parent_id in by_id else None,
            }
            for q in questions
        ],
    }


def reservation(fact: ReservationFact) -> dict[str, Any]:
    return dump(schemas.ReservationOut, fact)


def timeliness_data(value: Timeliness) -> dict[str, Any]:
    return {"received": value.received, "late": value.late, "missing": value.missing}


def reply(
    item: Reply, *, timing: Timeliness | None = None, show_text: bool = True
) -> dict[str, Any]:
    q = item.question
    return {
        "id": item.pk,
        "question": q.pk,
        "question_number": q.number,
        "questionnaire": q.questionnaire_id,
        "round": q.questionnaire.round.slug if q.questionnaire.round else None,
        "state": item.state_id,
        "state_name": item.state.name,
        "status": item.status,
        "status_label": item.get_status_display(),
        "text": item.text if show_text else None,
        "language": item.language,
        "due_on": _iso(item.due_on),
        "submitted_at": _iso(item.submitted_at),
        "published_at": _iso(item.published_at),
        **(timeliness_data(timing) if timing else {}),
        "is_demo": item.is_demo,
    }


def reply_event(event: ReplyEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "label": event.get_kind_display(),
        "status_after": event.status_after,
        "at": event.at.isoformat(),
        "by": event.actor_label,
        "note": event.note,
    }


def screening_found(item: Contribution) -> list[dict[str, str]]:
    """What the screen found in the text shown, by kind, each once (never the details)."""
    kinds = screening.kinds_of(item.screening_result())
    return [{"kind": kind.value, "label": gettext(screening.KIND_LABELS[kind])} for kind in kinds]


def marked_text(item: Contribution) -> list[tuple[str, str]]:
    """The text as (part, label) pairs, the label naming what the screen found in that part
    (empty for the text around it): the secretariat's page marks them."""
    parts: list[tuple[str, str]] = []
    position = 0
    for finding in sorted(item.screening_result()):
        parts.append((item.text[position : finding.start], ""))
        parts.append((finding.excerpt(item.text), gettext(screening.KIND_LABELS[finding.kind])))
        position = finding.end
    parts.append((item.text[position:], ""))
    return [part for part in parts if part[0]]


def redaction_suggestion(item: Contribution) -> str:
    """Where the secretariat's redaction starts: the text with each finding replaced."""
    return screening.redaction_suggestion(
        item.text, item.screening_result(), language=item.language
    )


def contribution(item: Contribution, *, secretariat: bool = False) -> dict[str, Any]:
    """`secretariat`: the viewer may see the text as received and the secretariat's review."""
    data: dict[str, Any] = {
        "id": item.pk,
        "round": item.round.slug,
        "source": item.source,
        "source_label": item.get_source_display(),
        "from": item.from_label,
        "organisation": item.organisation.slug if item.organisation else None,
        "text": item.text,
        "language": item.language,
        "status": item.status,
        "questions": sorted(q.pk for q in item.questions.all()),
        "states": sorted(s.code for s in item.states.all()),
        "received_at": item.submitted_at.isoformat(),
        "published_at": _iso(item.published_at),
        "is_demo": item.is_demo,
    }
    if item.source == Contribution.Source.CHILDREN:
        # Safeguards only: there is no name, age or birth date to show, by construction.
        data["safeguards"] = {
            "age_band": item.age_band,
            "consent_from": item.consent_from,
            "consent_recorded_at": _iso(item.consent_recorded_at),
            "consent_recorded_by": item.consent_recorded_by_label,
            "anonymised": item.anonymised,
            "gathered_by": item.facilitator,
            "screening": item.screening,
            "screening_label": item.get_screening_display(),
            "found": screening_found(item),
        }
        if secretariat:
            data["original_text"] = item.original_text or None
            data["review"] = {
                "findings": item.screening_findings,
                "note": item.screening_note,
                "reviewed_at": _iso(item.screening_reviewed_at),
                "reviewed_by": item.screening_reviewed_by_label,
            }
    return data


def observation(item: Observation) -> dict[str, Any]:
    return {
        "id": item.pk,
        "question": item.question_id,
        "state": item.state_id,
        "text": item.text,
        "language": item.language,
        "written_at": item.written_at.isoformat(),
        "by": item.author_label,
        "supersedes": item.supersedes_id,
        "is_demo": item.is_demo,
    }


def report(item: Report, *, views: list[RecommendationView]) -> dict[str, Any]:
    return {
        **dump(schemas.ReportSummaryOut, item),
        "summary": item.summary,
        "note": item.note,
        "sources": item.sources,
        "findings": dump_all(schemas.FindingOut, item.findings.all()),
        "recommendations": [recommendation(v) for v in views],
    }


def follow_up(item: FollowUp) -> dict[str, Any]:
    return {
        "id": item.pk,
        "state": item.state_id,
        "text": item.text,
        "language": item.language,
        "submitted_at": item.submitted_at.isoformat(),
        "by": item.submitted_by_label,
        "is_demo": item.is_demo,
    }


def addressee(entry: AddresseeStatus) -> dict[str, Any]:
    return {
        "state": entry.state.code,
        "name": entry.state.name,
        "compliance": entry.compliance.value,
        "compliance_label": compliance_label(entry.compliance.value),
        "history": dump_all(schemas.ComplianceAssessmentOut, entry.assessments),
        "follow_ups": [follow_up(f) for f in entry.follow_ups],
        "follow_up_due": _iso(entry.follow_up_due),
        "follow_up_overdue": entry.overdue,
        "reservations": [reservation(r) for r in entry.reservations],
    }


def recommendation_summary(view: RecommendationView) -> dict[str, Any]:
    item = view.recommendation
    return {
        "id": item.pk,
        "report": item.report.slug,
        "round": item.report.round.slug,
        "number": item.number,
        "text": item.text,
        "text_en": item.text_en,
        "text_fr": item.text_fr,
        "strength": item.strength.slug if item.strength else None,
        "strength_label": item.strength.label if item.strength else None,
        "strength_confirmed": item.strength.meaning_confirmed if item.strength else False,
        "addressed_to_all": item.addressed_to_all,
        "addressees": [a.state.code for a in view.addressees],
        "articles": sorted(a.number for a in item.articles.all()),
        "questions": sorted(q.pk for q in item.questions.all()),
        "responding_projects": sorted(p.slug for p in item.responding_projects.all()),
        "follow_up_due": _iso(item.follow_up_due or item.report.follow_up_due),
        "compliance_counts": view.counts(),
        "follow_up_overdue": view.overdue,
        "is_demo": item.is_demo,
    }


def recommendation(view: RecommendationView) -> dict[str, Any]:
    return {**recommendation_summary(view), "by_party": [addressee(a) for a in view.addressees]}


def compliance_rows(views: list[RecommendationView]) -> list[dict[str, Any]]:
    """One row per recommendation and addressee: the current compliance and its history size."""
    rows = []
    for view in views:
        item = view.recommendation
        for entry in view.addressees:
            latest = entry.latest
            rows.append(
                {
                    "round": item.report.round.slug,
                    "report": item.report.slug,
                    "recommendation": item.number,
                    "recommendation_id": item.pk,
                    "strength": item.strength.slug if item.strength else "",
                    "state": entry.state.code,
                    "name": entry.state.name,
                    "compliance": entry.compliance.value,
                    "compliance_label": compliance_label(entry.compliance.value),
                    "assessed_on": latest.assessed_on.isoformat() if latest else None,
                    "meeting": latest.meeting.number if latest and latest.meeting else None,
                    "assessments": len(entry.assessments),
                    "follow_ups": len(entry.follow_ups),
                    "follow_up_due": _iso(entry.follow_up_due),
                    "follow_up_overdue": entry.overdue,
                    "is_demo": item.is_demo,
                }
            )
    return rows


MATRIX_FIELDS = [
    "round",
    "state",
    "name",
    "scope_basis",
    "question",
    "articles",
    "status",
    "late",
    "missing",
    "excerpt",
    "observation",
    "reservations",
    "is_demo",
]


def _matrix_row(matrix: Matrix, row: Any, cell: Any) -> dict[str, Any]:
    return {
        "round": matrix.round.slug,
        "state": row.state.code,
        "name": row.state.name,
        "scope_basis": row.basis,
        "question": cell.question.number,
        "articles": " ".join(str(a.number) for a in cell.question.articles.all()),
        "status": cell.status,
        "late": cell.late,
        "missing": cell.missing,
        "excerpt": cell.excerpt,
        "observation": cell.observation.text if cell.observation else "",
        "reservations": "; ".join(f"{r.kind} {r.provision}" for r in cell.reservations),
        "is_demo": bool(matrix.is_demo or (cell.reply is not None and cell.reply.is_demo)),
    }


def matrix_rows(matrix: Matrix) -> list[dict[str, Any]]:
    return [_matrix_row(matrix, row, cell) for row in matrix.rows for cell in row.cells]


def matrix(value: Matrix) -> dict[str, Any]:
    return {
        "round": value.round.slug,
        "questionnaire": dump(schemas.QuestionnaireSummaryOut, value.questionnaire)
        if value.questionnaire
        else None,
        "is_demo": value.is_demo,
        "today": value.today.isoformat(),
        "filters": value.filters,
        "questions": [question(q) for q in value.questions],
        "rows": [
            {
                "state": row.state.code,
                "name": row.state.name,
                "scope_basis": row.basis,
                "received": row.received,
                "late": row.late,
                "missing": row.missing,
                "cells": [
                    {
                        "question": cell.question.number,
                        "reply": cell.reply.pk if cell.reply is not None and cell.excerpt else None,
                        "status": cell.status,
                        "late": cell.late,
                        "missing": cell.missing,
                        "excerpt": cell.excerpt,
                        "observation": cell.observation.text if cell.observation else None,
                        "reservations": [reservation(r) for r in cell.reservations],
                    }
                    for cell in row.cells
                ],
            }
            for row in value.rows
        ],
    }


def goq_obligation(item: GoqObligation) -> dict[str, Any]:
    return {
        "state": item.state.code,
        "name": item.state.name,
        "entry_into_force": known_date(item.entry_into_force),
        "due": known_date(item.due),
        "uncertain": item.uncertain,
        "is_due": item.is_due,
        "questions": item.questions,
        "received": item.received,
        "slots": item.slots,
        "complete": item.complete,
        "overdue": item.overdue,
    }


def round_dashboard(value: RoundDashboard) -> dict[str, Any]:
    return {
        "round": value.round.slug,
        "is_demo": value.is_demo,
        "scope": len(value.scope.entries),
        "replies": {
            "expected": value.expected,
            "received": value.received,
            "late": value.late,
            "missing": value.missing,
            "not_yet_due": value.not_yet_due,
        },
        "by_state": [
            {"state": state.code, "received": received, "late": late, "missing": missing}
            for state, received, late, missing in value.by_state
        ],
        "recommendations": value.recommendations,
        "by_strength": [
            {"strength": slug or None, "label": label or gettext("not recorded"), "count": count}
            for slug, label, count in value.strengths
        ],
        "compliance": value.compliance,
        "follow_up_overdue": value.overdue_follow_up,
        "contributions": value.contributions,
    }


def state_dashboard(value: StateDashboard) -> dict[str, Any]:
    return {
        "state": value.state.code,
        "name": value.state.name,
        "general_overview": goq_obligation(value.goq) if value.goq else None,
        "rounds": [
            {
                "round": r.round.slug,
                "in_scope": r.in_scope,
                "scope_basis": r.basis or None,
                "questions": r.questions,
                "received": r.received,
                "late": r.late,
                "missing": r.missing,
                "is_demo": r.is_demo,
            }
            for r in value.rounds
        ],
        "recommendations": [
            {
                **recommendation_summary(view),
                "compliance": view.addressees[0].compliance.value
                if view.addressees
                else Compliance.NOT_ASSESSED.value,
            }
            for view in value.recommendations
        ],
        "compliance": value.compliance,
        "follow_up_overdue": value.overdue_follow_up,
        "reservations": [
            reservation(fact) for facts in value.reservations.values() for fact in facts
        ],
    }


def search_result(
    result: search_module.SearchResult, *, rounds: dict[int, Round]
) -> dict[str, Any]:
    return {
        "query": result.query,
        "backend": result.backend,
        "total": result.total,
        "limit": result.limit,
        "offset": result.offset,
        "facets": {
            **result.facets.as_dict(),
            "round": rounds[result.facets.round].slug if result.facets.round in rounds else None,
        },
        "hits": [
            {
                "kind": hit.kind,
                "id": hit.object_id,
                "round": rounds[hit.round_id].slug if hit.round_id in rounds else None,
                "states": list(hit.states),
                "title": hit.title,
                "snippet": str(hit.snippet),
                "score": round(hit.rank, 4),
                "language": hit.language,
                "is_public": hit.is_public,
                "is_demo": hit.is_demo,
            }
            for hit in result.hits
        ],
        "counts": {
            **result.counts,
            "round": {
                (rounds[int(k)].slug if int(k) in rounds else k): v
                for k, v in result.counts.get("round", {}).items()
            },
        },
    }
