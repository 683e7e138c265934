from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CollationConfig(AppConfig):
    name = "sxsh_portal.collation"
    label = "collation"
    verbose_name = "Vietnamese collation"

    def ready(self):
        from . import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="vietnamese-collation")
