"""The accession pages: the requesting State's view, the Party delegates' consultation inbox, the
Treaty Office's desk (`pages`), the case page (`case`) and each step of a case (`steps`). Each
view reads through the selectors, writes through one service, and offers only the actions
`core.permissions.allowed` grants the person."""

from lanzarote.accession.views.access import View, signed_in, with_case
from lanzarote.accession.views.case import case_detail, letter_file
from lanzarote.accession.views.notes_verbales import notes_verbales
from lanzarote.accession.views.pages import (
    desk,
    draft_letter,
    file_request,
    inbox,
    my_state,
    public_list,
)
from lanzarote.accession.views.steps import (
    case_withdraw,
    consultation_close,
    consultation_note_verbale,
    consultation_open,
    consultation_reply,
    decision_record,
    deposit_record,
    invitation_issue,
    invitation_letter,
    reminders_csv,
    reminders_send,
)

__all__ = [
    "View",
    "case_detail",
    "case_withdraw",
    "consultation_close",
    "consultation_note_verbale",
    "consultation_open",
    "consultation_reply",
    "decision_record",
    "deposit_record",
    "desk",
    "draft_letter",
    "file_request",
    "inbox",
    "invitation_issue",
    "invitation_letter",
    "letter_file",
    "my_state",
    "notes_verbales",
    "public_list",
    "reminders_csv",
    "reminders_send",
    "signed_in",
    "with_case",
]
