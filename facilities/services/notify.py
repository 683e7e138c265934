"""What the registry tells the facility's representatives, inside the caller's transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from sxsh_portal.notifications.messages import Kind
from sxsh_portal.notifications.services import notification_send

from ..models import Facility, FacilityRepresentative, Measure


def _representatives(facility: Facility):
    ids = FacilityRepresentative.objects.filter(facility=facility).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk")


def facility_reviewed(*, facility: Facility, actor, verified: bool) -> None:
    notification_send(
        recipients=_representatives(facility),
        kind=Kind.REGISTRATION_VERIFIED if verified else Kind.REGISTRATION_REJECTED,
        params={"facility": facility.name, "reason": facility.rejection_reason},
        url=facility.get_absolute_url(),
        actor=actor,
    )


def measure_published(*, measure: Measure, actor) -> None:
    notification_send(
        recipients=_representatives(measure.facility),
        kind=Kind.MEASURE_PUBLISHED,
        params={"facility": measure.facility.name, "measure": measure.title},
        url=measure.facility.get_absolute_url(),
        actor=actor,
    )
