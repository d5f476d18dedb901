"""Page URLs; mounted inside `i18n_patterns`, so every path starts with /en/ or /fr/."""

from django.urls import path, register_converter

from lanzarote.web import views

app_name = "web"


class StateCodeConverter:
    regex = "[A-Za-z]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StateCodeConverter, "state_code")

urlpatterns = [
    path("", views.home, name="home"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty"),
    path("treaties/<slug:slug>/chart/", views.chart, name="chart"),
    path("treaties/<slug:slug>/chart.csv", views.chart_csv, name="chart_csv"),
    path("treaties/<slug:slug>/chart.json", views.chart_json, name="chart_json"),
    path("states/", views.states, name="states"),
    path("states.csv", views.states_csv, name="states_csv"),
    path("states.json", views.states_json, name="states_json"),
    path("states/<state_code:code>/", views.state_profile, name="state"),
    path("states/<state_code:code>.json", views.state_json, name="state_json"),
    path("join/", views.join, name="join"),
    path("join/check/", views.join_check, name="join_check"),
]
