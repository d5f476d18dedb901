"""Accession pages; mounted inside `i18n_patterns` under `accession/`."""

from django.urls import path

from lanzarote.accession import views

app_name = "accession"

case = "cases/<str:reference>/"

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("my-state/", views.my_state, name="my_state"),
    path("my-state/draft-letter/", views.draft_letter, name="draft_letter"),
    path("my-state/file/", views.file_request, name="file_request"),
    path("consultations/", views.inbox, name="inbox"),
    path("desk/", views.desk, name="desk"),
    path(case, views.case_detail, name="case"),
    path(f"{case}letter.pdf", views.letter_file, name="letter_file"),
    path(f"{case}consultation/open/", views.consultation_open, name="consultation_open"),
    path(f"{case}consultation/reply/", views.consultation_reply, name="consultation_reply"),
    path(
        f"{case}consultation/note-verbale/",
        views.consultation_note_verbale,
        name="consultation_note_verbale",
    ),
    path(
        f"{case}consultation/notes-verbales/",
        views.notes_verbales,
        name="notes_verbales",
    ),
    path(f"{case}consultation/close/", views.consultation_close, name="consultation_close"),
    path(f"{case}consultation/reminders/", views.reminders_send, name="reminders_send"),
    path(f"{case}consultation/reminders.csv", views.reminders_csv, name="reminders_csv"),
    path(f"{case}decision/", views.decision_record, name="decision"),
    path(f"{case}invitation/", views.invitation_issue, name="invitation"),
    path(f"{case}invitation-letter/", views.invitation_letter, name="invitation_letter"),
    path(f"{case}deposit/", views.deposit_record, name="deposit"),
    path(f"{case}withdraw/", views.case_withdraw, name="withdraw"),
]
