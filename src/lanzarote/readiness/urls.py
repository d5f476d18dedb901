"""Readiness pages; mounted inside `i18n_patterns` under /<lang>/readiness/."""

from django.urls import path

from lanzarote.core.http.routes import page_with_downloads
from lanzarote.readiness import anonymous_views, views

app_name = "readiness"

urlpatterns = [
    path("", views.index, name="index"),
    *page_with_downloads(
        "obligations/",
        views.obligations,
        name="obligations",
        csv=views.obligations_csv,
        json=views.obligations_json,
    ),
    path("obligations/<int:number>/", views.article, name="article"),
    path("mappings/", views.mappings, name="mappings"),
    path("followups/<str:code>/", views.followups, name="followups"),
    # A State's team (signed in; confidential)
    path("assessments/", views.assessments, name="assessments"),
    path("assessments/import/", views.import_assessment, name="import"),
    path("assessments/<int:pk>/", views.overview, name="overview"),
    path("assessments/<int:pk>/settings/", views.assessment_settings, name="settings"),
    path("assessments/<int:pk>/invite/", views.invite, name="invite"),
    path("assessments/<int:pk>/chapters/<str:chapter>/", views.chapter, name="chapter"),
    path("assessments/<int:pk>/history/", views.history, name="history"),
    path("assessments/<int:pk>/duplicate/", views.duplicate, name="duplicate"),
    path("assessments/<int:pk>/compare/", views.compare, name="compare"),
    path("assessments/<int:pk>/export.json", views.export, name="export"),
    *page_with_downloads(
        "assessments/<int:pk>/report/",
        views.report,
        name="report",
        pdf=views.report_pdf,
        docx=views.report_docx,
    ),
    # Anonymous mode: the answers stay in the visitor's browser, nothing is stored
    path("anonymous/", anonymous_views.anonymous_overview, name="anonymous_overview"),
    path(
        "anonymous/chapters/<str:chapter>/",
        anonymous_views.anonymous_chapter,
        name="anonymous_chapter",
    ),
    *page_with_downloads(
        "anonymous/report/",
        anonymous_views.anonymous_report,
        name="anonymous_report",
        pdf=anonymous_views.anonymous_report_pdf,
        docx=anonymous_views.anonymous_report_docx,
    ),
    path("anonymous/export.json", anonymous_views.anonymous_export, name="anonymous_export"),
    path("anonymous/import/", anonymous_views.anonymous_import, name="anonymous_import"),
    path("anonymous/clear/", anonymous_views.anonymous_clear, name="anonymous_clear"),
]
