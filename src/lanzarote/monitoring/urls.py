"""Page URLs of monitoring; mounted inside `i18n_patterns` under /<lang>/monitoring/. The
secretariat's desk registers its own, one per action (`views.common.desk`)."""

from django.urls import path

from lanzarote.monitoring.views import (
    contributions,
    questionnaires,
    replies,
    reports,
    rounds,
    search,
)
from lanzarote.monitoring.views import desk as desk_views  # noqa: F401 (registers the desk's URLs)
from lanzarote.monitoring.views.common import desk

app_name = "monitoring"

urlpatterns = [
    path("", rounds.index, name="index"),
    path("rounds/<slug:slug>/", rounds.round_detail, name="round"),
    path("rounds/<slug:slug>/matrix/", rounds.matrix, name="matrix"),
    path("rounds/<slug:slug>/dashboard/", rounds.dashboard, name="dashboard"),
    path("rounds/<slug:slug>/contribute/", contributions.contribute, name="contribute"),
    path(
        "rounds/<slug:slug>/contribute/children/",
        contributions.contribute_children,
        name="contribute_children",
    ),
    path("questionnaires/<int:pk>/", questionnaires.questionnaire_detail, name="questionnaire"),
    path("questions/<int:pk>/", questionnaires.question_detail, name="question"),
    path("questions/<int:pk>/reply/", replies.reply_edit, name="reply_edit"),
    path("questions/<int:pk>/observe/", questionnaires.observation_write, name="observe"),
    path("replies/<int:pk>/", replies.reply_detail, name="reply"),
    path("replies/<int:pk>/attachments/", replies.attachment_add, name="attachment_add"),
    path("replies/<int:pk>/<slug:step>/", replies.reply_step, name="reply_step"),
    path("contributions/", contributions.contributions, name="contributions"),
    path("contributions/<int:pk>/", contributions.contribution_detail, name="contribution"),
    path(
        "contributions/<int:pk>/redact/",
        contributions.contribution_redact,
        name="contribution_redact",
    ),
    path(
        "contributions/<int:pk>/confirm/",
        contributions.contribution_confirm,
        name="contribution_confirm",
    ),
    path("reports/<slug:slug>/", reports.report_detail, name="report"),
    path("recommendations/", reports.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", reports.recommendation_detail, name="recommendation"),
    path(
        "recommendations/<int:pk>/follow-up/",
        reports.follow_up_submit,
        name="recommendation_follow_up",
    ),
    path(
        "recommendations/<int:pk>/assess/",
        reports.compliance_assess,
        name="recommendation_assess",
    ),
    path("compliance/", reports.compliance, name="compliance"),
    path("general-overview/", rounds.general_overview, name="general_overview"),
    path("states/<str:code>/", rounds.state_dashboard, name="state"),
    path("search/", search.search_page, name="search"),
    path("mine/", search.mine, name="mine"),
    *desk.urls,
]
