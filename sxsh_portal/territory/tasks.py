from celery import shared_task

from .models import AdministrativeUnit


@shared_task(name="territory.administrative_unit_count", time_limit=30, soft_time_limit=25)
def administrative_unit_count() -> int:
    """How many administrative units are stored; cheap enough to prove a worker is alive."""
    return AdministrativeUnit.objects.count()
