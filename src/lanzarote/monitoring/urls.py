"""Page URLs of monitoring; mounted inside `i18n_patterns` under /<lang>/monitoring/."""

from django.urls import path

from lanzarote.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/<slug:slug>/", views.round_detail, name="round"),
    path("rounds/<slug:slug>/matrix/", views.matrix, name="matrix"),
    path("rounds/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("rounds/<slug:slug>/contribute/", views.contribute, name="contribute"),
    path(
        "rounds/<slug:slug>/contribute/children/",
        views.contribute_children,
        name="contribute_children",
    ),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    path("questions/<int:pk>/", views.question_detail, name="question"),
    path("questions/<int:pk>/reply/", views.reply_edit, name="reply_edit"),
    path("questions/<int:pk>/observe/", views.observation_write, name="observe"),
    path("replies/<int:pk>/", views.reply_detail, name="reply"),
    path("replies/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("replies/<int:pk>/<slug:step>/", views.reply_step, name="reply_step"),
    path("contributions/", views.contributions, name="contributions"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("contributions/<int:pk>/redact/", views.contribution_redact, name="contribution_redact"),
    path(
        "contributions/<int:pk>/confirm/",
        views.contribution_confirm,
        name="contribution_confirm",
    ),
    path("reports/<slug:slug>/", views.report_detail, name="report"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("compliance/", views.compliance, name="compliance"),
    path("general-overview/", views.general_overview, name="general_overview"),
    path("states/<str:code>/", views.state_dashboard, name="state"),
    path("search/", views.search_page, name="search"),
    path("mine/", views.mine, name="mine"),
    path("desk/", views.desk, name="desk"),
    path("desk/rounds/<slug:slug>/", views.desk_round, name="desk_round"),
    path("desk/import/", views.desk_import, name="desk_import"),
]
