"""Page URLs; mounted inside `i18n_patterns`, so every path starts with /en/ or /fr/."""

from django.urls import path, register_converter

from lanzarote.web import explore, notifications, quality, views, way_in, work

app_name = "web"


class StateCodeConverter:
    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StateCodeConverter, "state_code")


class NotificationNumberConverter:
    regex = "[A-Za-z]{1,4}-[0-9]{4}-[0-9]{4,}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(NotificationNumberConverter, "notification_number")

urlpatterns = [
    path("", views.home, name="home"),
    path("home/", work.my_home, name="my_home"),
    path("home/count/", work.work_count, name="work_count"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty"),
    path("treaties/<slug:slug>/chart/", views.chart, name="chart"),
    path("treaties/<slug:slug>/chart.csv", views.chart_csv, name="chart_csv"),
    path("treaties/<slug:slug>/chart.json", views.chart_json, name="chart_json"),
    path("treaties/<slug:slug>/data-quality/", quality.data_quality, name="data_quality"),
    path(
        "treaties/<slug:slug>/data-quality.json",
        quality.data_quality_json,
        name="data_quality_json",
    ),
    path("states/", views.states, name="states"),
    path("states.csv", views.states_csv, name="states_csv"),
    path("states.json", views.states_json, name="states_json"),
    path("states/<state_code:code>/", views.state_profile, name="state"),
    path("states/<state_code:code>.json", views.state_json, name="state_json"),
    path("join/", views.join, name="join"),
    path("join/check/", views.join_check, name="join_check"),
    path("join/request-letter/", way_in.request_letter_choice, name="request_letter_choice"),
    path(
        "states/<state_code:code>/request-letter/<str:language>.<str:fmt>",
        way_in.request_letter,
        name="request_letter",
    ),
    path("contacts/", views.contacts, name="contacts"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications.csv", notifications.notification_list_csv, name="notifications_csv"),
    path("notifications.json", notifications.notification_list_json, name="notifications_json"),
    path("notifications/feed.atom", notifications.notification_feed, name="notifications_feed"),
    path(
        "notifications/<notification_number:number>/",
        notifications.notification_detail,
        name="notification",
    ),
    path(
        "notifications/<notification_number:number>.pdf",
        notifications.notification_pdf,
        name="notification_pdf",
    ),
    # The map, the Convention over time and open data (lanzarote.web.explore)
    path("map/", explore.map_page, name="map"),
    path("map/table/", explore.map_table, name="map_table"),
    path("map.svg", explore.map_svg, name="map_svg"),
    path("map.csv", explore.map_csv, name="map_csv"),
    path("map.json", explore.map_json, name="map_json"),
    path("map.pdf", explore.map_pdf, name="map_pdf"),
    path("timeline/", explore.timeline, name="timeline"),
    path("open-data/", explore.open_data, name="open_data"),
    path(
        "open-data/<slug:dataset>.<str:fmt>",
        explore.open_data_download,
        name="open_data_download",
    ),
]
