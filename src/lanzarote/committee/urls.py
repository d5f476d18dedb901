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
from lanzarote.core.http.routes import page_with_downloads

app_name = "committee"

urlpatterns = [
    path("", composition.composition, name="composition"),
    path("composition.csv", composition.composition_csv, name="composition_csv"),
    path("composition.json", composition.composition_json, name="composition_json"),
    path("organisations/<slug:slug>/", composition.organisation, name="organisation"),
    *page_with_downloads(
        "meetings/",
        meetings.meetings,
        name="meetings",
        csv=meetings.meetings_csv,
        json=meetings.meetings_json,
    ),
    *page_with_downloads(
        "meetings/<int:number>/",
        meetings.meeting_detail,
        name="meeting",
        json=meetings.meeting_json,
    ),
    *page_with_downloads(
        "texts/", texts.texts, name="texts", csv=texts.texts_csv, json=texts.texts_json
    ),
    path("texts/<slug:slug>/", texts.text_detail, name="text"),
    path("capacity-building/", capacity.projects, name="projects"),
    path("capacity-building/projects.csv", capacity.projects_csv, name="projects_csv"),
    path("capacity-building/projects.json", capacity.projects_json, name="projects_json"),
    path("capacity-building/events.csv", capacity.events_csv, name="events_csv"),
    path("capacity-building/events.json", capacity.events_json, name="events_json"),
    path("capacity-building/projects/<slug:slug>/", capacity.project_detail, name="project"),
    *page_with_downloads(
        "priority-countries/",
        capacity.priorities,
        name="priorities",
        csv=capacity.priorities_csv,
        json=capacity.priorities_json,
    ),
    *desk.urls,
]
