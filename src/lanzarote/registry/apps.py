from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "lanzarote.registry"
    label = "registry"
    verbose_name = _("Treaty registry")

    def ready(self) -> None:
        # Treaties whose final clauses are stored as data (the synthetic registry) are folded
        # by the same rules as those declared in `treaty_law.final_clauses`.
        from lanzarote.core import versions
        from lanzarote.registry.clauses import stored_final_clauses
        from lanzarote.registry.selectors import registry_version
        from lanzarote.treaty_law.final_clauses import install_clauses_lookup

        install_clauses_lookup(stored_final_clauses)
        # The pages' cache versions the registry by its log, not by the newest audit record.
        versions.register_source(versions.REGISTRY, registry_version)
