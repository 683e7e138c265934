from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "sxsh_portal.territory"
    label = "territory"
    verbose_name = _("Đơn vị hành chính và cơ quan")
