"""Monitoring of the implementation (Art. 41(1) CETS 201): thematic rounds, questionnaires,
replies, contributions, rapporteurs' observations, implementation reports, recommendations and
the compliance follow-up.

What is derived is never stored: the Parties in a round's scope come from the registry on the
launch date (plus any State added by a recorded decision), the General Overview Questionnaire
falls due from each Party's entry into force, late and missing replies follow from the dates,
and a recommendation's current compliance is the latest assessment. Steps of a reply, follow-up
information, compliance assessments, observations, scope decisions and reminders are append-only
rows. `Reply.status` is the projection of the reply's events, kept by the services in the same
transaction so the matrix can filter on it.
"""

from lanzarote.monitoring.models.compliance import (
    ComplianceAssessment,
    FollowUp,
)
from lanzarote.monitoring.models.contributions import (
    Contribution,
)
from lanzarote.monitoring.models.public_record import (
    AddressedScope,
    PublishedComplianceFinding,
    PublishedRecommendation,
)
from lanzarote.monitoring.models.questionnaires import (
    Question,
    Questionnaire,
)
from lanzarote.monitoring.models.replies import (
    REPLY_STATUS_CHOICES,
    Attachment,
    Reminder,
    Reply,
    ReplyEvent,
)
from lanzarote.monitoring.models.reports import (
    Finding,
    Observation,
    RapporteurAssignment,
    Recommendation,
    Report,
)
from lanzarote.monitoring.models.rounds import (
    Round,
    ScopeAddition,
    StrengthLevel,
)
from lanzarote.monitoring.models.search import (
    ImportDraft,
    SearchDocument,
)

__all__ = [
    "REPLY_STATUS_CHOICES",
    "AddressedScope",
    "Attachment",
    "ComplianceAssessment",
    "Contribution",
    "Finding",
    "FollowUp",
    "ImportDraft",
    "Observation",
    "PublishedComplianceFinding",
    "PublishedRecommendation",
    "Question",
    "Questionnaire",
    "RapporteurAssignment",
    "Recommendation",
    "Reminder",
    "Reply",
    "ReplyEvent",
    "Report",
    "Round",
    "ScopeAddition",
    "SearchDocument",
    "StrengthLevel",
]
