from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "lanzarote.committee"
    label = "committee"
    verbose_name = _("The Lanzarote Committee")
