"""Background work for the facility registry."""

import datetime

from celery import shared_task
from django.core.files.storage import default_storage
from django.utils import timezone

from .services import IMPORT_TEMP_DIR as TEMP_DIR


@shared_task
def facility_import_files_cleanup(max_age_hours: int = 24) -> int:
    """Delete uploaded import files whose dry run was never confirmed."""
    if not default_storage.exists(TEMP_DIR):
        return 0
    cutoff = timezone.now() - datetime.timedelta(hours=max_age_hours)
    removed = 0
    _dirs, files = default_storage.listdir(TEMP_DIR)
    for name in files:
        path = f"{TEMP_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
