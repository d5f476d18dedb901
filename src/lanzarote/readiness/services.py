"""Writes to assessments. Each checks the person's permission first, then the rules, then writes
and records one audit entry in the same transaction. Answers are never changed: each save that
differs from the current answer is a new `AnswerVersion`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lanzarote.accounts.models import Role, User
from lanzarote.core.audit import Actor, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.readiness import selectors
from lanzarote.readiness.answers import Answer
from lanzarote.readiness.models import AnswerVersion, Assessment, AssessmentMember, Obligation
from lanzarote.registry import selectors as registry

MAX_TITLE = 200


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Give the assessment a title."), field="title")
    if len(title) > MAX_TITLE:
        raise InvalidInput(
            _("The title is too long (at most %(limit)s characters).") % {"limit": MAX_TITLE},
            field="title",
        )
    return title


def _new_assessment(
    *, user: User, state_code: str, title: str, weprotect_member: bool
) -> Assessment:
    state = registry.state_get(state_code)
    require(user, "readiness.start_assessment", state=state)
    assessment = Assessment.objects.create(
        state=state, title=_title(title), weprotect_member=weprotect_member, created_by=user
    )
    AssessmentMember.objects.create(
        assessment=assessment, user=user, role=AssessmentMember.Role.OWNER, added_by=user
    )
    return assessment


@transaction.atomic
def assessment_create(
    *, user: User, state_code: str, title: str, weprotect_member: bool = False
) -> Assessment:
    assessment = _new_assessment(
        user=user, state_code=state_code, title=title, weprotect_member=weprotect_member
    )
    audit_record(
        actor=Actor(user=user),
        action="readiness.assessment.create",
        target=assessment,
        summary=f"Readiness assessment for {assessment.state_id}",
    )
    return assessment


@transaction.atomic
def assessment_update(
    *, user: User, assessment: Assessment, title: str, weprotect_member: bool
) -> Assessment:
    require(user, "readiness.edit_assessment", assessment=assessment)
    assessment.title = _title(title)
    assessment.weprotect_member = weprotect_member
    assessment.save(update_fields=["title", "weprotect_member", "updated_at"])
    audit_record(
        actor=Actor(user=user),
        action="readiness.assessment.update",
        target=assessment,
        summary="Title or WeProtect membership changed",
    )
    return assessment


@transaction.atomic
def assessment_invite(*, user: User, assessment: Assessment, who: str) -> AssessmentMember:
    """Add a colleague — an active official of the same State, named by user name or e-mail."""
    require(user, "readiness.invite", assessment=assessment)
    who = (who or "").strip()
    if not who:
        raise InvalidInput(_("Give a colleague's user name or e-mail address."), field="who")
    candidates = list(
        User.objects.filter(Q(username__iexact=who) | Q(email__iexact=who), is_active=True)
    )
    colleague = next(
        (
            c
            for c in candidates
            if c.role == Role.STATE_OFFICIAL and c.state_id == assessment.state_id
        ),
        None,
    )
    if colleague is None:
        # The same answer whether the person does not exist or works for someone else, so that
        # the form cannot be used to find out who has an account.
        raise InvalidInput(
            _(
                "No official of %(state)s has this user name or e-mail address. Only officials "
                "of the same State can join an assessment."
            )
            % {"state": assessment.state.name},
            field="who",
        )
    if AssessmentMember.objects.filter(assessment=assessment, user=colleague).exists():
        raise Conflict(
            _("%(name)s is already on this assessment's team.")
            % {"name": colleague.get_username()},
            field="who",
        )
    member = AssessmentMember.objects.create(
        assessment=assessment, user=colleague, role=AssessmentMember.Role.EDITOR, added_by=user
    )
    audit_record(
        actor=Actor(user=user),
        action="readiness.assessment.invite",
        target=assessment,
        summary=f"Invited {colleague.get_username()}",
    )
    return member


def _write_versions(
    *,
    user: User,
    assessment: Assessment,
    answers: Mapping[str, Answer],
    current: Mapping[str, Answer],
    source: str,
) -> list[AnswerVersion]:
    book = selectors.catalogue()
    obligations = {o.code: o for o in Obligation.objects.filter(code__in=list(answers))}
    rows = []
    for code, answer in answers.items():
        book.get(code)  # unknown codes are refused, even if the row still exists
        if answer.same_as(current.get(code)):
            continue
        rows.append(
            AnswerVersion(
                assessment=assessment,
                obligation=obligations[code],
                status=answer.status,
                provisions=[p.as_dict() for p in answer.provisions],
                evidence=answer.evidence,
                notes=answer.notes,
                followups=dict(answer.followups),
                source=source,
                recorded_by=user,
                recorded_by_label=user.get_username(),
            )
        )
    for row in rows:
        row.save()
    return rows


@transaction.atomic
def answers_record(
    *,
    user: User,
    assessment: Assessment,
    answers: Mapping[str, Answer],
    source: str = AnswerVersion.Source.WEB,
) -> list[AnswerVersion]:
    """Record the answers that differ from the current ones, each as a new version. An answer
    left blank ("not known", nothing written) where none was given before records nothing."""
    require(user, "readiness.edit_assessment", assessment=assessment)
    # Lock the assessment so that two colleagues saving at once are serialised.
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    written = _write_versions(
        user=user,
        assessment=assessment,
        answers=answers,
        current=selectors.current_answers(assessment),
        source=source,
    )
    if written:
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
        audit_record(
            actor=Actor(user=user),
            action="readiness.answers.record",
            target=assessment,
            summary=f"{len(written)} answer(s) saved ({source})",
            # Obligation codes only: the answers themselves are confidential to the team.
            payload={"obligations": [v.obligation.code for v in written], "source": source},
        )
    return written


@transaction.atomic
def assessment_duplicate(
    *, user: User, assessment: Assessment, title: str | None = None
) -> Assessment:
    """A copy of the current answers, to be updated later and compared with the original."""
    require(user, "readiness.edit_assessment", assessment=assessment)
    require(user, "readiness.start_assessment", state=assessment.state)
    today = timezone.localdate().isoformat()
    default = _("%(title)s — copy of %(date)s") % {"title": assessment.title, "date": today}
    copy = Assessment.objects.create(
        state=assessment.state,
        title=_title((title or default)[:MAX_TITLE]),
        weprotect_member=assessment.weprotect_member,
        created_by=user,
        duplicated_from=assessment,
    )
    AssessmentMember.objects.create(
        assessment=copy, user=user, role=AssessmentMember.Role.OWNER, added_by=user
    )
    for member in assessment.members.exclude(user=user):
        AssessmentMember.objects.create(
            assessment=copy, user=member.user, role=AssessmentMember.Role.EDITOR, added_by=user
        )
    _first_answers(
        user=user,
        assessment=copy,
        answers=selectors.current_answers(assessment),
        source=AnswerVersion.Source.DUPLICATE,
        action="readiness.assessment.duplicate",
        summary=lambda count: f"Copy of assessment #{assessment.pk} ({count} answers)",
        payload={"from": assessment.pk},
    )
    return copy


@transaction.atomic
def assessment_import(
    *,
    user: User,
    state_code: str,
    title: str,
    weprotect_member: bool,
    answers: Mapping[str, Answer],
) -> Assessment:
    """A new assessment holding answers read from an exported file (already checked, row by
    row, by `exchange.parse_export`: nothing reaches here from a file with errors)."""
    assessment = _new_assessment(
        user=user, state_code=state_code, title=title, weprotect_member=weprotect_member
    )
    _first_answers(
        user=user,
        assessment=assessment,
        answers=answers,
        source=AnswerVersion.Source.IMPORT,
        action="readiness.assessment.import",
        summary=lambda count: f"{count} answers imported",
    )
    return assessment


def _first_answers(
    *,
    user: User,
    assessment: Assessment,
    answers: Mapping[str, Answer],
    source: str,
    action: str,
    summary: Callable[[int], str],
    payload: Mapping[str, Any] | None = None,
) -> None:
    """Write the answers a new assessment starts with, and audit its creation as `action` with
    `summary` of how many were written."""
    written = _write_versions(
        user=user, assessment=assessment, answers=answers, current={}, source=source
    )
    audit_record(
        actor=Actor(user=user),
        action=action,
        target=assessment,
        summary=summary(len(written)),
        payload=payload,
    )
