import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh_portal.settings")

application = get_wsgi_application()

from sxsh_portal.runtime import garbage_collector_tune  # noqa: E402 (needs settings loaded)

garbage_collector_tune()
