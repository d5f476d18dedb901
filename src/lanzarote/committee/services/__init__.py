"""Writes of the Committee, by sub-domain. Each function checks the person's permission first,
then the rules (`treaty_law.committee` for who votes, how a vote is counted and the observer
steps, declared in `committee.workflows`), then writes, with one audit record saying what
changed, in one transaction. Members are never written: they are the Parties, derived from the
registry."""

from lanzarote.committee.services.capacity import (
    assistance_request_save,
    capacity_event_save,
    priority_flag_save,
    project_save,
)
from lanzarote.committee.services.meetings import (
    agenda_item_save,
    attendance_set,
    decision_save,
    document_save,
    meeting_save,
    vote_record,
)
from lanzarote.committee.services.observers import (
    observer_application_decide,
    observer_application_record,
    observer_application_schedule,
    observer_status_withdraw,
)
from lanzarote.committee.services.organisations import (
    bureau_term_save,
    organisation_save,
    participation_save,
    representative_save,
)
from lanzarote.committee.services.texts import text_save

__all__ = [
    "agenda_item_save",
    "assistance_request_save",
    "attendance_set",
    "bureau_term_save",
    "capacity_event_save",
    "decision_save",
    "document_save",
    "meeting_save",
    "observer_application_decide",
    "observer_application_record",
    "observer_application_schedule",
    "observer_status_withdraw",
    "organisation_save",
    "participation_save",
    "priority_flag_save",
    "project_save",
    "representative_save",
    "text_save",
    "vote_record",
]
