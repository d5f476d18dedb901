"""Assessments, each only for the team of officials preparing it, and the counts and
comparisons of their answers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext as _

from lanzarote.core.errors import NotFound, Unauthorised
from lanzarote.core.permissions import allowed
from lanzarote.readiness.answers import Answer, AnswerSheet, Provision
from lanzarote.readiness.models import AnswerVersion, Assessment, AssessmentMember, Status
from lanzarote.readiness.selectors.obligations import Catalogue, ObligationEntry
from lanzarote.registry.models import LocalizedField

# -- assessments --------------------------------------------------------------------------------

CONFIDENTIAL = _(
    "No readiness assessment with this number is open to you. Assessments are confidential to the "
    "officials of the State who prepare them."
)


def _assessments() -> QuerySet[Assessment]:
    return Assessment.objects.select_related("state", "created_by").prefetch_related(
        Prefetch("members", queryset=AssessmentMember.objects.select_related("user"))
    )


def assessment_get(pk: int | str, *, user: Any) -> Assessment:
    """An assessment the person may see. Anyone else — another State's officials, Party
    delegates, the Treaty Office, the secretariat — gets the same "not found" as for a number
    that does not exist, so that not even an assessment's existence is disclosed."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorised(_("Sign in to see your State's readiness assessments."))
    try:
        assessment = _assessments().get(pk=int(pk))
    except (Assessment.DoesNotExist, ValueError):
        raise NotFound(str(CONFIDENTIAL)) from None
    if not allowed(user, "readiness.view_assessment", assessment=assessment):
        raise NotFound(str(CONFIDENTIAL))
    return assessment


def assessment_for_render(pk: int) -> Assessment:
    """An assessment by number for a render that the view which queued it has already allowed
    (the worker that makes it has no person to ask): never from a request's own input."""
    return _assessments().get(pk=pk)


def assessment_version(assessment: Assessment) -> str:
    """A token that changes whenever what the assessment's report shows of it changes: its
    newest answer version (answers are append-only, each change a new row) and its own fields."""
    newest = AnswerVersion.objects.filter(assessment=assessment).aggregate(newest=Max("id"))
    return json.dumps(
        [newest["newest"] or 0, assessment.title, assessment.weprotect_member, assessment.state_id]
    )


def assessments_of(user: Any) -> list[Assessment]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    found = _assessments().filter(members__user=user).distinct().order_by("-created_at", "-id")
    return [a for a in found if allowed(user, "readiness.view_assessment", assessment=a)]


def _answer(version: AnswerVersion) -> Answer:
    return Answer(
        status=version.status,
        provisions=tuple(
            Provision(p.get("reference", ""), p.get("url", "")) for p in version.provisions
        ),
        evidence=version.evidence,
        notes=version.notes,
        followups=dict(version.followups),
        recorded_at=version.recorded_at,
        recorded_by=version.recorded_by_label,
        version=version.pk,
    )


def current_answers(assessment: Assessment) -> dict[str, Answer]:
    """The newest version of each answer (one query, whatever the length of the history)."""
    newest = (
        AnswerVersion.objects.filter(assessment=assessment)
        .values("obligation_id")
        .annotate(newest=Max("id"))
        .values("newest")
    )
    versions = AnswerVersion.objects.filter(id__in=newest).select_related("obligation")
    return {v.obligation.code: _answer(v) for v in versions}


def answer_history(assessment: Assessment, *, obligation: str | None = None) -> list[AnswerVersion]:
    versions = AnswerVersion.objects.filter(assessment=assessment).select_related(
        "obligation", "obligation__article"
    )
    if obligation:
        versions = versions.filter(obligation__code=obligation)
    return list(versions.order_by("-id"))


def sheet_of(assessment: Assessment) -> AnswerSheet:
    return AnswerSheet(
        state=assessment.state,
        title=assessment.title,
        weprotect_member=assessment.weprotect_member,
        answers=current_answers(assessment),
        assessment_id=assessment.pk,
    )


def comparable_with(assessment: Assessment, *, user: Any) -> list[Assessment]:
    return [
        a
        for a in assessments_of(user)
        if a.pk != assessment.pk and a.state_id == assessment.state_id
    ]


# -- counts and comparisons ---------------------------------------------------------------------

STATUS_ORDER = (Status.IN_PLACE, Status.PARTLY, Status.NOT_IN_PLACE, Status.NOT_KNOWN)


@dataclass(frozen=True)
class ChapterCount:
    """A chapter's answers counted; its title in both languages, read in the active one when
    printed, so that a report built in one language prints in the other."""

    number: str
    title_en: str
    title_fr: str
    counts: dict[str, int]

    title = LocalizedField("title")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, status: str) -> int:
        # Templates try `chapter["number"]` before `chapter.number`: only statuses are keys.
        return self.counts[status]

    @property
    def answered(self) -> int:
        return self.total - self.counts.get(Status.NOT_KNOWN.value, 0)


def chapter_counts(sheet: AnswerSheet, book: Catalogue) -> list[ChapterCount]:
    result = []
    for chapter in book.chapters:
        counts = {s.value: 0 for s in STATUS_ORDER}
        for entry in chapter.obligations:
            counts[sheet.answer(entry.code).status] += 1
        result.append(ChapterCount(chapter.number, chapter.title_en, chapter.title_fr, counts))
    return result


@dataclass(frozen=True)
class Difference:
    entry: ObligationEntry
    left: Answer
    right: Answer
    fields: tuple[str, ...]


def differences(left: AnswerSheet, right: AnswerSheet, book: Catalogue) -> list[Difference]:
    found = []
    for entry in book.obligations:
        a, b = left.answer(entry.code), right.answer(entry.code)
        changed = tuple(
            name
            for name, x, y in (
                ("status", a.status, b.status),
                ("provisions", a.provisions, b.provisions),
                ("evidence", a.evidence, b.evidence),
                ("notes", a.notes, b.notes),
                ("followups", dict(a.followups), dict(b.followups)),
            )
            if x != y
        )
        if changed:
            found.append(Difference(entry, a, b, changed))
    return found


def newest_change(sheet: AnswerSheet) -> datetime | None:
    times = [a.recorded_at for a in sheet.answers.values() if a.recorded_at]
    return max(times) if times else None


def codes(entries: Iterable[ObligationEntry]) -> list[str]:
    return [e.code for e in entries]
