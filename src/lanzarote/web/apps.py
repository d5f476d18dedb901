from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lanzarote.web"
    label = "web"
