"""Page URLs; mounted inside `i18n_patterns`, so every path starts with /en/ or /fr/."""

from django.urls import path, register_converter

from lanzarote.core.http.routes import page_with_downloads
from lanzarote.web import explore, notifications, quality, views, way_in, work

app_name = "web"


class StateCodeConverter:
    """A State's two-letter code, in any case: the view redirects to the upper-case address."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StateCodeConverter, "state_code")


class NotificationNumberConverter(StateCodeConverter):
    """A depositary notification's number ("JJ-2024-0001"), read in upper case."""

    regex = "[A-Za-z]{1,4}-[0-9]{4}-[0-9]{4,}"

    def to_python(self, value: str) -> str:
        return value.upper()


register_converter(NotificationNumberConverter, "notification_number")

urlpatterns = [
    path("", views.home, name="home"),
    path("home/", work.my_home, name="my_home"),
    path("home/count/", work.work_count, name="work_count"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty"),
    *page_with_downloads(
        "treaties/<slug:slug>/chart/",
        views.chart,
        name="chart",
        csv=views.chart_csv,
        json=views.chart_json,
    ),
    *page_with_downloads(
        "treaties/<slug:slug>/data-quality/",
        quality.data_quality,
        name="data_quality",
        json=quality.data_quality_json,
    ),
    *page_with_downloads(
        "states/", views.states, name="states", csv=views.states_csv, json=views.states_json
    ),
    *page_with_downloads(
        "states/<state_code:code>/", views.state_profile, name="state", json=views.state_json
    ),
    path("join/", views.join, name="join"),
    path("join/check/", views.join_check, name="join_check"),
    path("join/request-letter/", way_in.request_letter_choice, name="request_letter_choice"),
    path(
        "states/<state_code:code>/request-letter/<str:language>.<str:fmt>",
        way_in.request_letter,
        name="request_letter",
    ),
    path("contacts/", views.contacts, name="contacts"),
    *page_with_downloads(
        "notifications/",
        notifications.notification_list,
        name="notifications",
        csv=notifications.notification_list_csv,
        json=notifications.notification_list_json,
    ),
    path("notifications/feed.atom", notifications.notification_feed, name="notifications_feed"),
    *page_with_downloads(
        "notifications/<notification_number:number>/",
        notifications.notification_detail,
        name="notification",
        pdf=notifications.notification_pdf,
    ),
    # The map, the Convention over time and open data (lanzarote.web.explore)
    *page_with_downloads(
        "map/",
        explore.map_page,
        name="map",
        svg=explore.map_svg,
        csv=explore.map_csv,
        json=explore.map_json,
        pdf=explore.map_pdf,
    ),
    path("map/table/", explore.map_table, name="map_table"),
    path("timeline/", explore.timeline, name="timeline"),
    path("open-data/", explore.open_data, name="open_data"),
    path(
        "open-data/<slug:dataset>.<str:fmt>",
        explore.open_data_download,
        name="open_data_download",
    ),
]
