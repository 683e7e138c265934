from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "sxsh_portal.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        # The accent-insensitive search function of SQLite, registered on every connection.
        from sxsh_portal import search  # noqa: F401
