from celery import shared_task

from . import services


@shared_task(name="outbox.sweep", acks_late=True, soft_time_limit=120, time_limit=150)
def outbox_sweep() -> int:
    """Send the tasks that could not be queued while the broker was down (beat, every minute).
    Idempotent: a message is marked sent once it is; the tasks it carries are idempotent."""
    return services.outbox_sweep()
