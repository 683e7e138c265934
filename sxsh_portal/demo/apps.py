from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sxsh_portal.demo"
    label = "demo"
