"""The accession procedure, step by step: the request (`requests`), the consultation of the
Parties (`consultation`), and the decision to the end of the case (`decisions`). Each function
checks the person's permission, asks `treaty_law.accession` whether the step is allowed now,
changes the case and writes its `CaseEvent` and audit record in one transaction
(`transitions`); e-mails leave only after the commit."""

from lanzarote.accession.services.consultation import (
    Reminded,
    consultation_close,
    consultation_open,
    consultation_remind,
    consultation_reply,
    current_replies,
)
from lanzarote.accession.services.decisions import (
    case_enter_into_force_if_due,
    case_withdraw,
    contracting_states_entitled_to_sit,
    decision_record,
    deposit_record,
    invitation_issue,
)
from lanzarote.accession.services.notes_verbales import consultation_replies_record
from lanzarote.accession.services.requests import accession_request_file

__all__ = [
    "Reminded",
    "accession_request_file",
    "case_enter_into_force_if_due",
    "case_withdraw",
    "consultation_close",
    "consultation_open",
    "consultation_remind",
    "consultation_replies_record",
    "consultation_reply",
    "contracting_states_entitled_to_sit",
    "current_replies",
    "decision_record",
    "deposit_record",
    "invitation_issue",
]
