"""The public request for an account and the Treaty Office's desk of requests."""

from django.urls import path

from lanzarote.accounts import views

app_name = "accounts"

urlpatterns = [
    path("request/", views.access_request, name="access_request"),
    path("request/sent/", views.access_request_sent, name="access_request_sent"),
    path("desk/", views.desk, name="access_desk"),
    path("desk/<int:pk>/approve/", views.approve, name="access_approve"),
    path("desk/<int:pk>/decline/", views.decline, name="access_decline"),
]
