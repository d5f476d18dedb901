"""Writes of the monitoring procedure. Every function is keyword-only and one transaction: the
permission check first (for people; named system processes such as the reference-data loader or
the demonstration generator act under their own label), then the procedure's rules, then the
write, its search document and one audit record. E-mails leave after the commit and never undo a
write.
"""

from lanzarote.monitoring.services._common import (
    DOCX,
    LANGUAGES,
    MAX_ATTACHMENT_BYTES,
    PDF,
)
from lanzarote.monitoring.services.compliance import (
    compliance_assess,
    follow_up_submit,
)
from lanzarote.monitoring.services.contributions import (
    contribution_publish,
    contribution_submit,
)
from lanzarote.monitoring.services.questionnaires import (
    question_add,
    questionnaire_create,
)
from lanzarote.monitoring.services.replies import (
    attachment_add,
    check_attachment,
    goq_slots_materialise,
    reminders_send,
    reply_draft,
    reply_event_record,
    reply_publish,
    reply_return,
    reply_submit,
    reply_validate,
)
from lanzarote.monitoring.services.reports import (
    finding_add,
    observation_write,
    rapporteur_assign,
    recommendation_add,
    recommendation_link_projects,
    report_create,
)
from lanzarote.monitoring.services.rounds import (
    round_create,
    scope_add,
    strength_level_set,
)
from lanzarote.monitoring.services.search_index import (
    index_compliance_finding,
    index_contribution,
    index_public_record,
    index_published_recommendation,
    index_question,
    index_recommendation,
    index_reply,
    index_round,
    reindex,
)

__all__ = [
    "DOCX",
    "LANGUAGES",
    "MAX_ATTACHMENT_BYTES",
    "PDF",
    "attachment_add",
    "check_attachment",
    "compliance_assess",
    "contribution_publish",
    "contribution_submit",
    "finding_add",
    "follow_up_submit",
    "goq_slots_materialise",
    "index_compliance_finding",
    "index_contribution",
    "index_public_record",
    "index_published_recommendation",
    "index_question",
    "index_recommendation",
    "index_reply",
    "index_round",
    "observation_write",
    "question_add",
    "questionnaire_create",
    "rapporteur_assign",
    "recommendation_add",
    "recommendation_link_projects",
    "reindex",
    "reminders_send",
    "reply_draft",
    "reply_event_record",
    "reply_publish",
    "reply_return",
    "reply_submit",
    "reply_validate",
    "report_create",
    "round_create",
    "scope_add",
    "strength_level_set",
]
