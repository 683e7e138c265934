from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Cơ sở sản xuất công nghiệp")

    def ready(self):
        # The facility summary PDF, for the document pipeline to render and hand out.
        from . import documents

        documents.register()
