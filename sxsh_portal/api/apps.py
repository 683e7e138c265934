from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sxsh_portal.api"
    label = "api"
    verbose_name = _("Giao diện lập trình (API)")

    def ready(self):
        from . import schema  # noqa: F401  (registers the schema extension)
