"""Writing audit records. Call from inside a service's transaction so both land or neither does.

Every action the product audits is a member of `AuditAction`: a closed list, so the audit log can
be read by action, and a typo is an error rather than a new kind of event. An update records what
it changed as `{field: [old, new]}` (see `records.saving.record_save`, which also skips the audit
row when nothing changed).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NamedTuple

from django.db import transaction

from lanzarote.core import versions
from lanzarote.core.errors import Unauthorised
from lanzarote.core.models import AuditRecord


class AuditAction(StrEnum):
    """Every audited action, named `<app>.<record>.<verb>`."""

    # core
    CORE_TASK_REQUEUE = "core.task.requeue"
    # accounts
    ACCOUNTS_USER_CREATE = "accounts.user.create"
    ACCOUNTS_TOKEN_CREATE = "accounts.token.create"  # noqa: S105 (an action name, not a secret)
    ACCOUNTS_TOKEN_REVOKE = "accounts.token.revoke"  # noqa: S105
    ACCOUNTS_ACCESS_REQUEST_SUBMIT = "accounts.access_request.submit"
    ACCOUNTS_ACCESS_REQUEST_APPROVE = "accounts.access_request.approve"
    ACCOUNTS_ACCESS_REQUEST_DECLINE = "accounts.access_request.decline"
    # registry
    REGISTRY_REFERENCE_DATA_LOAD = "registry.reference_data.load"
    REGISTRY_EVENT_RECORD = "registry.event.record"
    REGISTRY_EVENT_RETRACT = "registry.event.retract"
    REGISTRY_EVIDENCE_RECORD = "registry.evidence.record"
    REGISTRY_EVIDENCE_RETRACT = "registry.evidence.retract"
    REGISTRY_CHART_IMPORT = "registry.chart.import"
    REGISTRY_SCALE_DATA_GENERATE = "registry.scale_data.generate"
    # accession (a case's steps are `accession.<treaty_law.accession.Step>`)
    ACCESSION_CREATE = "accession.create"
    ACCESSION_REPLY = "accession.reply"
    ACCESSION_REMIND = "accession.remind"
    ACCESSION_FILE = "accession.file"
    ACCESSION_OPEN_CONSULTATION = "accession.open_consultation"
    ACCESSION_CLOSE_CONSULTATION = "accession.close_consultation"
    ACCESSION_RECORD_DECISION = "accession.record_decision"
    ACCESSION_ISSUE_INVITATION = "accession.issue_invitation"
    ACCESSION_RECORD_DEPOSIT = "accession.record_deposit"
    ACCESSION_ENTER_INTO_FORCE = "accession.enter_into_force"
    ACCESSION_WITHDRAW = "accession.withdraw"
    # committee
    COMMITTEE_REFERENCE_DATA_LOAD = "committee.reference_data.load"
    COMMITTEE_ORGANISATION_CREATE = "committee.organisation.create"
    COMMITTEE_ORGANISATION_UPDATE = "committee.organisation.update"
    COMMITTEE_PARTICIPATION_CREATE = "committee.participation.create"
    COMMITTEE_PARTICIPATION_UPDATE = "committee.participation.update"
    COMMITTEE_OBSERVER_APPLY = "committee.observer.apply"
    COMMITTEE_OBSERVER_SCHEDULE = "committee.observer.schedule"
    COMMITTEE_OBSERVER_ADMIT = "committee.observer.admit"
    COMMITTEE_OBSERVER_REFUSE = "committee.observer.refuse"
    COMMITTEE_OBSERVER_WITHDRAW = "committee.observer.withdraw"
    COMMITTEE_VOTE_RECORD = "committee.vote.record"
    COMMITTEE_MEETING_CREATE = "committee.meeting.create"
    COMMITTEE_MEETING_UPDATE = "committee.meeting.update"
    COMMITTEE_AGENDA_CREATE = "committee.agenda.create"
    COMMITTEE_AGENDA_UPDATE = "committee.agenda.update"
    COMMITTEE_DECISION_CREATE = "committee.decision.create"
    COMMITTEE_DECISION_UPDATE = "committee.decision.update"
    COMMITTEE_DOCUMENT_CREATE = "committee.document.create"
    COMMITTEE_DOCUMENT_UPDATE = "committee.document.update"
    COMMITTEE_ATTENDANCE_SET = "committee.attendance.set"
    COMMITTEE_TEXT_CREATE = "committee.text.create"
    COMMITTEE_TEXT_UPDATE = "committee.text.update"
    COMMITTEE_REPRESENTATIVE_CREATE = "committee.representative.create"
    COMMITTEE_REPRESENTATIVE_UPDATE = "committee.representative.update"
    COMMITTEE_BUREAU_CREATE = "committee.bureau.create"
    COMMITTEE_BUREAU_UPDATE = "committee.bureau.update"
    COMMITTEE_PROJECT_CREATE = "committee.project.create"
    COMMITTEE_PROJECT_UPDATE = "committee.project.update"
    COMMITTEE_ASSISTANCE_CREATE = "committee.assistance.create"
    COMMITTEE_ASSISTANCE_UPDATE = "committee.assistance.update"
    COMMITTEE_PRIORITY_CREATE = "committee.priority.create"
    COMMITTEE_PRIORITY_UPDATE = "committee.priority.update"
    COMMITTEE_EVENT_CREATE = "committee.event.create"
    COMMITTEE_EVENT_UPDATE = "committee.event.update"
    # monitoring
    MONITORING_REFERENCE_DATA_LOAD = "monitoring.reference_data.load"
    MONITORING_DEMO_GENERATE = "monitoring.demo.generate"
    MONITORING_ROUND_CREATE = "monitoring.round.create"
    MONITORING_ROUND_UPDATE = "monitoring.round.update"
    MONITORING_SCOPE_ADD = "monitoring.scope.add"
    MONITORING_STRENGTH_SET = "monitoring.strength.set"
    MONITORING_QUESTIONNAIRE_CREATE = "monitoring.questionnaire.create"
    MONITORING_QUESTION_ADD = "monitoring.question.add"
    MONITORING_GOQ_MATERIALISE = "monitoring.goq.materialise"
    MONITORING_REPLY_DRAFT = "monitoring.reply.draft"
    MONITORING_REPLY_ATTACH = "monitoring.reply.attach"
    MONITORING_REPLY_VALIDATE = "monitoring.reply.validate"
    MONITORING_REPLY_SUBMIT = "monitoring.reply.submit"
    MONITORING_REPLY_RETURN = "monitoring.reply.return"
    MONITORING_REPLY_PUBLISH = "monitoring.reply.publish"
    MONITORING_REMINDERS_SEND = "monitoring.reminders.send"
    MONITORING_CONTRIBUTION_SUBMIT = "monitoring.contribution.submit"
    MONITORING_CONTRIBUTION_CHILDREN = "monitoring.contribution.children"
    MONITORING_CONTRIBUTION_PUBLISH = "monitoring.contribution.publish"
    MONITORING_CONTRIBUTION_REDACT = "monitoring.contribution.redact"
    MONITORING_CONTRIBUTION_CONFIRM = "monitoring.contribution.confirm"
    MONITORING_RAPPORTEUR_ASSIGN = "monitoring.rapporteur.assign"
    MONITORING_OBSERVATION_WRITE = "monitoring.observation.write"
    MONITORING_REPORT_CREATE = "monitoring.report.create"
    MONITORING_FINDING_ADD = "monitoring.finding.add"
    MONITORING_RECOMMENDATION_ADD = "monitoring.recommendation.add"
    MONITORING_RECOMMENDATION_PROJECTS = "monitoring.recommendation.projects"
    MONITORING_FOLLOW_UP_SUBMIT = "monitoring.follow_up.submit"
    MONITORING_COMPLIANCE_ASSESS = "monitoring.compliance.assess"
    MONITORING_IMPORT_REPLIES = "monitoring.import.replies"
    MONITORING_IMPORT_RECOMMENDATIONS = "monitoring.import.recommendations"
    # readiness
    READINESS_REFERENCE_DATA_LOAD = "readiness.reference_data.load"
    READINESS_ASSESSMENT_CREATE = "readiness.assessment.create"
    READINESS_ASSESSMENT_UPDATE = "readiness.assessment.update"
    READINESS_ASSESSMENT_INVITE = "readiness.assessment.invite"
    READINESS_ASSESSMENT_IMPORT = "readiness.assessment.import"
    READINESS_ASSESSMENT_DUPLICATE = "readiness.assessment.duplicate"
    READINESS_ANSWERS_RECORD = "readiness.answers.record"


class SaveActions(NamedTuple):
    """The two actions of a changeable record: one when it is created, one when it is updated."""

    create: AuditAction
    update: AuditAction


class Actor:
    """Who performs an action: a signed-in user, or a named system process (such as the data loader)."""

    def __init__(self, *, user: Any | None = None, label: str | None = None):
        if user is None and not label:
            raise ValueError("An actor needs a user or a label.")
        if user is not None and not getattr(user, "is_authenticated", False):
            # An anonymous visitor is not a system process: without this, `Actor(user=
            # request.user)` would have no user and skip the services' permission checks.
            raise Unauthorised("Sign in to do this.")
        self.user = user if user is not None and getattr(user, "is_authenticated", False) else None
        self.label = label or (user.get_username() if user is not None else "")

    @classmethod
    def system(cls, label: str) -> Actor:
        return cls(label=label)

    @property
    def is_system(self) -> bool:
        return self.user is None

    def __repr__(self) -> str:
        return f"Actor({self.label!r})"


def audit_action(action: AuditAction | str) -> AuditAction:
    """The enum member for `action`; an unknown name is a programming error, not a new action."""
    try:
        return AuditAction(action)
    except ValueError:
        raise ValueError(
            f"{action!r} is not an audit action; add it to lanzarote.core.audit.AuditAction."
        ) from None


def audit_record(
    *,
    actor: Actor,
    action: AuditAction | str,
    target: Any,
    summary: str = "",
    payload: Mapping[str, Any] | None = None,
    changes: Mapping[str, list[Any]] | None = None,
) -> AuditRecord:
    """One audit row. `changes` ({field: [old, new]}, JSON-ready) is stored in the payload under
    "changes"; a string `action` is accepted while the apps move to `AuditAction` members, but it
    must name a member."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit records are written inside the service's transaction.")
    data = dict(payload or {})
    # Pages and renders cached under the domain's version are served afresh after the commit.
    versions.changed(versions.domain_of(audit_action(action).value))
    if changes:
        data["changes"] = dict(changes)
    return AuditRecord.objects.create(
        actor=actor.user,
        actor_label=actor.label,
        action=audit_action(action).value,
        target_type=type(target).__name__,
        target_id=str(target.pk),
        summary=summary[:500],
        payload=data,
    )
