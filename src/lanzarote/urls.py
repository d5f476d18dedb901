"""Root URL configuration: the API is language-neutral, pages carry the language in the URL."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from lanzarote.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    *i18n_patterns(
        path("accounts/", include("allauth.urls")),
        path("access/", include("lanzarote.accounts.urls")),
        path("accession/", include("lanzarote.accession.urls")),
        path("desk/registry/", include("lanzarote.web.desk")),
        path("desk/tasks/", include("lanzarote.web.task_desk")),
        path("committee/", include("lanzarote.committee.urls")),
        path("readiness/", include("lanzarote.readiness.urls")),
        path("monitoring/", include("lanzarote.monitoring.urls")),
        path("", include("lanzarote.web.urls")),
        prefix_default_language=True,
    ),
]

# Errors that escape the views: the site's page in the request's language, JSON under /api/.
handler400 = "lanzarote.core.http.errors.bad_request"
handler403 = "lanzarote.core.http.errors.permission_denied"
handler404 = "lanzarote.core.http.errors.page_not_found"
handler500 = "lanzarote.core.http.errors.server_error"
