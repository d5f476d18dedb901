from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "lanzarote.core"
    label = "core"

    def ready(self) -> None:
        # Imported here, once every app's models are loaded, as Django requires of this module.
        from lanzarote.core.append_only import truncate_guards_after_migrate

        # Once per `migrate` (post_migrate is sent for each app; this one is core's), after
        # every app's migrations, so every append-only table exists by then.
        post_migrate.connect(
            truncate_guards_after_migrate, sender=self, dispatch_uid="lanzarote_truncate_guards"
        )
        # Every app's permission rules register themselves when its `permissions` module is
        # imported (`core.permissions`).
        autodiscover_modules("permissions")
