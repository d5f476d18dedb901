from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lanzarote.core"
    label = "core"
