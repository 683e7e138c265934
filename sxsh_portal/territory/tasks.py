from celery import shared_task

from .models import AdministrativeUnit


# The worker test reads its result: the one task that keeps one.
@shared_task(
    name="territory.administrative_unit_count",
    time_limit=30,
    soft_time_limit=25,
    ignore_result=False,
)
def administrative_unit_count() -> int:
    """How many administrative units are stored; cheap enough to prove a worker is alive."""
    return AdministrativeUnit.objects.count()
