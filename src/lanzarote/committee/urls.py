"""Page URLs of the Committee; mounted inside `i18n_patterns` under /<lang>/committee/."""

from django.urls import path

from lanzarote.committee import views

app_name = "committee"

urlpatterns = [
    path("", views.composition, name="composition"),
    path("composition.csv", views.composition_csv, name="composition_csv"),
    path("composition.json", views.composition_json, name="composition_json"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings.csv", views.meetings_csv, name="meetings_csv"),
    path("meetings.json", views.meetings_json, name="meetings_json"),
    path("meetings/<int:number>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:number>.json", views.meeting_json, name="meeting_json"),
    path("texts/", views.texts, name="texts"),
    path("texts.csv", views.texts_csv, name="texts_csv"),
    path("texts.json", views.texts_json, name="texts_json"),
    path("texts/<slug:slug>/", views.text_detail, name="text"),
    path("capacity-building/", views.projects, name="projects"),
    path("capacity-building/projects.csv", views.projects_csv, name="projects_csv"),
    path("capacity-building/projects.json", views.projects_json, name="projects_json"),
    path("capacity-building/events.csv", views.events_csv, name="events_csv"),
    path("capacity-building/events.json", views.events_json, name="events_json"),
    path("capacity-building/projects/<slug:slug>/", views.project_detail, name="project"),
    path("priority-countries/", views.priorities, name="priorities"),
    path("priority-countries.csv", views.priorities_csv, name="priorities_csv"),
    path("priority-countries.json", views.priorities_json, name="priorities_json"),
    # The secretariat's desk
    path("desk/", views.desk, name="desk"),
    path("desk/meetings/new/", views.desk_meeting, name="desk_meeting_new"),
    path("desk/meetings/<int:number>/edit/", views.desk_meeting, name="desk_meeting_edit"),
    path("desk/meetings/<int:number>/agenda/new/", views.desk_agenda_item, name="desk_agenda_new"),
    path(
        "desk/meetings/<int:number>/decisions/new/", views.desk_decision, name="desk_decision_new"
    ),
    path(
        "desk/meetings/<int:number>/documents/new/", views.desk_document, name="desk_document_new"
    ),
    path("desk/meetings/<int:number>/attendance/", views.desk_attendance, name="desk_attendance"),
    path("desk/meetings/<int:number>/votes/new/", views.desk_vote, name="desk_vote_new"),
    path("desk/texts/new/", views.desk_text, name="desk_text_new"),
    path("desk/texts/<slug:slug>/edit/", views.desk_text, name="desk_text_edit"),
    path("desk/organisations/new/", views.desk_organisation, name="desk_organisation_new"),
    path(
        "desk/organisations/<slug:slug>/withdraw/",
        views.desk_organisation_withdraw,
        name="desk_organisation_withdraw",
    ),
    path("desk/participants/new/", views.desk_participation, name="desk_participation_new"),
    path(
        "desk/participants/<int:pk>/edit/",
        views.desk_participation,
        name="desk_participation_edit",
    ),
    path("desk/representatives/new/", views.desk_representative, name="desk_representative_new"),
    path(
        "desk/representatives/<int:pk>/edit/",
        views.desk_representative,
        name="desk_representative_edit",
    ),
    path("desk/bureau/new/", views.desk_bureau, name="desk_bureau_new"),
    path("desk/bureau/<int:pk>/edit/", views.desk_bureau, name="desk_bureau_edit"),
    path("desk/projects/new/", views.desk_project, name="desk_project_new"),
    path("desk/projects/<slug:slug>/edit/", views.desk_project, name="desk_project_edit"),
    path("desk/assistance/new/", views.desk_assistance, name="desk_assistance_new"),
    path("desk/assistance/<int:pk>/edit/", views.desk_assistance, name="desk_assistance_edit"),
    path("desk/priority-countries/new/", views.desk_priority, name="desk_priority_new"),
    path("desk/events/new/", views.desk_event, name="desk_event_new"),
    path("desk/observers/new/", views.desk_application_new, name="desk_application_new"),
    path("desk/observers/<int:pk>/", views.desk_application, name="desk_application"),
    path(
        "desk/observers/<int:pk>/schedule/",
        views.desk_application_schedule,
        name="desk_application_schedule",
    ),
    path(
        "desk/observers/<int:pk>/decide/",
        views.desk_application_decide,
        name="desk_application_decide",
    ),
    path(
        "desk/observers/<int:pk>/withdraw/",
        views.desk_application_withdraw,
        name="desk_application_withdraw",
    ),
]
