from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessionConfig(AppConfig):
    name = "lanzarote.accession"
    label = "accession"
    verbose_name = _("Accession cases")
