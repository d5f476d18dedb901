from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessionConfig(AppConfig):
    name = "lanzarote.accession"
    label = "accession"
    verbose_name = _("Accession cases")

    def ready(self) -> None:
        # The registry addresses depositary notifications to the States invited to accede
        # (Art. 50(1)); the invitations live in the case files, so this app tells it where.
        from lanzarote.accession.selectors import states_invited_to_accede
        from lanzarote.registry.addressees import register_invitation_source

        register_invitation_source(states_invited_to_accede)
