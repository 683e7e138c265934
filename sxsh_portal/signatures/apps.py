from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "sxsh_portal.signatures"
    label = "signatures"
    verbose_name = _("Chữ ký số")

    def ready(self):
        # The portal's seal, where installed, goes on every generated PDF before it is stored.
        from sxsh_portal.documents.registry import finisher_register

        from .seal import sealed_if_configured

        finisher_register(sealed_if_configured)
