"""The managed list of sectors, loaded from its fixture."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command

from ..models import Sector

SECTORS_FIXTURE = settings.BASE_DIR / "fixtures" / "facilities" / "sectors.json"


def sectors_load() -> int:
    """Load (or refresh) the managed list of sectors from its fixture; natural keys make
    this safe to repeat."""
    call_command("loaddata", str(SECTORS_FIXTURE), verbosity=0)
    return Sector.objects.count()
