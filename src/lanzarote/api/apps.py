from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lanzarote.api"
    label = "api"
