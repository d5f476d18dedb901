"""Plain-data shapes of the catalogue, mappings and assessments, shared by the API and the
CSV/JSON downloads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from lanzarote.readiness.answers import Answer
from lanzarote.readiness.models import Assessment, Mapping, MappingTarget
from lanzarote.readiness.selectors import (
    ChapterCount,
    Hint,
    InterpretingText,
    ObligationEntry,
)
from lanzarote.registry.presenters import known_date
from lanzarote.treaty_law import PermittedProvision


def interpreting_text(text: InterpretingText) -> dict[str, Any]:
    return {
        "key": text.key,
        "kind": text.kind,
        "status": text.status,
        "title": text.title,
        "adopted": known_date(text.adopted),
        "note": text.note,
        "confirmed": text.confirmed,
        "url": text.url,
        "articles": list(text.articles),
        "link_basis": text.link_basis,
    }


def provision(item: PermittedProvision) -> dict[str, Any]:
    return {
        "code": item.code,
        "kind": item.kind.value,
        "article": item.article,
        "summary": gettext(item.summary),
        "when": gettext(item.when) if item.when else None,
    }


def target(item: MappingTarget) -> dict[str, Any]:
    return {
        "instrument": item.instrument,
        "code": item.code,
        "label": item.label,
        "confirmed": item.confirmed,
        "sources": item.sources,
    }


def mapping(item: Mapping, *, with_obligation: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "instrument": item.target.instrument,
        "target": item.target.code,
        "target_label": item.target.label,
        "relation": item.relation,
        "rationale": item.rationale,
    }
    if with_obligation:
        data = {"obligation": item.obligation.code, **data}
    return data


def obligation(entry: ObligationEntry) -> dict[str, Any]:
    o = entry.obligation
    return {
        "id": o.code,
        "citation": o.citation,
        "article": o.article.number,
        "article_title": o.article.title,
        "paragraph": o.paragraph,
        "item": o.item or None,
        "chapter": o.article.chapter,
        "chapter_title": o.article.chapter_title,
        "kind": o.kind,
        "description": o.description,
        "description_en": o.description_en,
        "description_fr": o.description_fr,
        # Our own summaries, not the treaty's words; none has yet been checked by a lawyer.
        "description_checked": o.description_checked,
        "reservations": [provision(p) for p in entry.reservations],
        "interpreting_texts": [interpreting_text(t) for t in entry.texts],
        "mappings": [mapping(m, with_obligation=False) for m in entry.mappings],
    }


def obligation_csv_row(entry: ObligationEntry) -> dict[str, Any]:
    o = entry.obligation
    return {
        "id": o.code,
        "citation": o.citation,
        "article": o.article.number,
        "chapter": o.article.chapter,
        "kind": o.kind,
        "description": o.description,
        "description_checked": o.description_checked,
        "reservations": "; ".join(p.article for p in entry.reservations),
        "interpreting_texts": "; ".join(t.key for t in entry.texts),
        "opsc": "; ".join(f"{m.target.code}:{m.relation}" for m in entry.mappings_of("opsc")),
        "mnr": "; ".join(f"{m.target.code}:{m.relation}" for m in entry.mappings_of("mnr")),
        "sdg": "; ".join(f"{m.target.code}:{m.relation}" for m in entry.mappings_of("sdg")),
    }


def answer(code: str, item: Answer) -> dict[str, Any]:
    return {
        "obligation": code,
        **item.as_dict(),
        "recorded_at": item.recorded_at.isoformat() if item.recorded_at else None,
        "recorded_by": item.recorded_by or None,
        "version": item.version,
    }


def hint(item: Hint) -> dict[str, Any]:
    return {
        "instrument": item.instrument,
        "targets": [m.target.code for m in item.mappings],
        "rationale": [m.rationale for m in item.mappings],
    }


def chapter_count(item: ChapterCount) -> dict[str, Any]:
    return {"chapter": item.number, "title": item.title, **item.counts, "total": item.total}


def assessment_summary(item: Assessment) -> dict[str, Any]:
    return {
        "id": item.pk,
        "state": item.state_id,
        "title": item.title,
        "weprotect_member": item.weprotect_member,
        "created_at": item.created_at.isoformat(),
        "created_by": item.created_by.get_username(),
        "updated_at": item.updated_at.isoformat(),
        "duplicated_from": item.duplicated_from_id,
    }


def assessment(
    item: Assessment,
    *,
    answers: dict[str, Answer],
    hints: dict[str, list[Hint]],
    chapters: list[ChapterCount],
) -> dict[str, Any]:
    return {
        **assessment_summary(item),
        "team": [{"username": m.user.get_username(), "role": m.role} for m in item.members.all()],
        "chapters": [chapter_count(c) for c in chapters],
        "answers": [answer(code, a) for code, a in answers.items()],
        "hints": {code: [hint(h) for h in found] for code, found in hints.items()},
    }
