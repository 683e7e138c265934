"""The nightly clean-up of import uploads whose dry run was never confirmed (scheduled in
CELERY_BEAT_SCHEDULE): an abandoned file goes, one still being reviewed stays."""

import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from facilities.services import IMPORT_TEMP_DIR
from facilities.tasks import facility_import_files_cleanup


def test_abandoned_import_uploads_are_deleted_and_recent_ones_kept():
    old = default_storage.save(f"{IMPORT_TEMP_DIR}/old.xlsx", ContentFile(b"x"))
    recent = default_storage.save(f"{IMPORT_TEMP_DIR}/recent.xlsx", ContentFile(b"x"))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))

    removed = facility_import_files_cleanup()

    assert removed == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(recent)


def test_nothing_to_clean_when_no_import_was_uploaded():
    assert facility_import_files_cleanup() == 0
