"""Page URLs of the Committee; mounted inside `i18n_patterns` under /<lang>/committee/. The
secretariat's desk registers its own, one per action (`views.common.desk`)."""

from django.urls import path

from lanzarote.committee.views import (
    capacity,
    composition,
    meetings,
    observers,  # noqa: F401 (registers the desk's URLs)
    texts,
)
from lanzarote.committee.views import desk as desk_views  # noqa: F401 (registers the desk's URLs)
from lanzarote.committee.views.common import desk

app_name = "committee"

urlpatterns = [
    path("", composition.composition, name="composition"),
    path("composition.csv", composition.composition_csv, name="composition_csv"),
    path("composition.json", composition.composition_json, name="composition_json"),
    path("organisations/<slug:slug>/", composition.organisation, name="organisation"),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings.csv", meetings.meetings_csv, name="meetings_csv"),
    path("meetings.json", meetings.meetings_json, name="meetings_json"),
    path("meetings/<int:number>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:number>.json", meetings.meeting_json, name="meeting_json"),
    path("texts/", texts.texts, name="texts"),
    path("texts.csv", texts.texts_csv, name="texts_csv"),
    path("texts.json", texts.texts_json, name="texts_json"),
    path("texts/<slug:slug>/", texts.text_detail, name="text"),
    path("capacity-building/", capacity.projects, name="projects"),
    path("capacity-building/projects.csv", capacity.projects_csv, name="projects_csv"),
    path("capacity-building/projects.json", capacity.projects_json, name="projects_json"),
    path("capacity-building/events.csv", capacity.events_csv, name="events_csv"),
    path("capacity-building/events.json", capacity.events_json, name="events_json"),
    path("capacity-building/projects/<slug:slug>/", capacity.project_detail, name="project"),
    path("priority-countries/", capacity.priorities, name="priorities"),
    path("priority-countries.csv", capacity.priorities_csv, name="priorities_csv"),
    path("priority-countries.json", capacity.priorities_json, name="priorities_json"),
    *desk.urls,
]
