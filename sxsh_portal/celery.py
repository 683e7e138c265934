import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sxsh_portal.settings")

app = Celery("sxsh_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
