from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Báo cáo hằng năm")

    def ready(self):
        # The reporting kinds of document, for the pipeline to render and hand out.
        from . import documents

        documents.register()
