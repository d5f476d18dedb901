from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "lanzarote.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring of the implementation")

    def ready(self) -> None:
        # Imported once the app registry is ready, as Django requires of modules that use models.
        from lanzarote.committee.panels import project_panels
        from lanzarote.monitoring.templatetags.monitoring import project_recommendations_panel

        # The Committee's project page lists the recommendations a project responds to; this
        # app sits above the committee app, so it plugs the list in rather than being imported.
        project_panels.register(project_recommendations_panel)
