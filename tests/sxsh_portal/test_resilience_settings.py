"""The Celery settings that keep a request from waiting on a broker that is down, and the
broker's visibility timeout against the tasks' own limits."""

from django.conf import settings

from sxsh_portal.celery import app


def _portal_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_no_task_runs_or_waits_for_its_retry_longer_than_the_visibility_timeout():
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for name, task in _portal_tasks().items():
        hard_limit = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        assert hard_limit < timeout, name
        if getattr(task, "autoretry_for", None):
            backoff = getattr(task, "retry_backoff", 0)
            longest_countdown = getattr(task, "retry_backoff_max", 600) if backoff else 180
            assert longest_countdown + hard_limit <= timeout, name
    # A killed worker's message comes back within minutes, not an hour.
    assert timeout <= settings.CELERY_TASK_TIME_LIMIT + 120


def test_queueing_tries_the_broker_once_for_about_a_second():
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 1
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] <= 1
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] <= 1
    # No result store is consulted when queueing (it retried ~19 s with Redis down).
    assert settings.CELERY_TASK_IGNORE_RESULT is True


def test_beat_sweeps_the_outbox_and_stale_documents_and_cleans_abandoned_imports():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "outbox.sweep",
        "documents.stale_documents_sweep",
        "facilities.tasks.facility_import_files_cleanup",
    } <= scheduled
    assert scheduled <= set(_portal_tasks())
