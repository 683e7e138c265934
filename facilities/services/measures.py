"""Writes to SXSH measures and their publication as case studies."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sxsh_portal.concurrency import check_version

from ..models import Facility, Measure
from . import notify
from .registry import _save, facility_touch

# What a measure says; a change to any of these needs the DOIT's approval again.
CONTENT_FIELDS = (
    "year",
    "category",
    "title",
    "description",
    "investment_vnd",
    "yearly_saving_vnd",
    "energy_saving_percent",
    "energy_saving_amount",
    "energy_saving_unit",
    "material_saving_percent",
    "material_saving_amount",
    "material_saving_unit",
    "water_saving_percent",
    "water_saving_amount",
    "water_saving_unit",
)


def _apply(
    measure: Measure,
    *,
    year: int,
    category: str,
    title: str,
    description: str,
    investment_vnd: int,
    yearly_saving_vnd: int,
    energy_saving_percent: Decimal | None,
    energy_saving_amount: Decimal | None,
    energy_saving_unit: str,
    material_saving_percent: Decimal | None,
    material_saving_amount: Decimal | None,
    material_saving_unit: str,
    water_saving_percent: Decimal | None,
    water_saving_amount: Decimal | None,
    water_saving_unit: str,
) -> bool:
    """Set the content fields; True when something changed."""
    values = {
        "year": year,
        "category": category,
        "title": title,
        "description": description,
        "investment_vnd": investment_vnd,
        "yearly_saving_vnd": yearly_saving_vnd,
        "energy_saving_percent": energy_saving_percent,
        "energy_saving_amount": energy_saving_amount,
        "energy_saving_unit": energy_saving_unit,
        "material_saving_percent": material_saving_percent,
        "material_saving_amount": material_saving_amount,
        "material_saving_unit": material_saving_unit,
        "water_saving_percent": water_saving_percent,
        "water_saving_amount": water_saving_amount,
        "water_saving_unit": water_saving_unit,
    }
    changed = False
    for field, value in values.items():
        if getattr(measure, field) != value:
            setattr(measure, field, value)
            changed = True
    return changed


@transaction.atomic
def measure_create(
    *,
    facility: Facility,
    actor,
    year: int,
    category: str,
    title: str,
    description: str,
    investment_vnd: int = 0,
    yearly_saving_vnd: int = 0,
    energy_saving_percent: Decimal | None = None,
    energy_saving_amount: Decimal | None = None,
    energy_saving_unit: str = "",
    material_saving_percent: Decimal | None = None,
    material_saving_amount: Decimal | None = None,
    material_saving_unit: str = "",
    water_saving_percent: Decimal | None = None,
    water_saving_amount: Decimal | None = None,
    water_saving_unit: str = "",
    publication_agreed: bool = False,
) -> Measure:
    measure = Measure(facility=facility, publication_agreed=publication_agreed)
    _apply(
        measure,
        year=year,
        category=category,
        title=title,
        description=description,
        investment_vnd=investment_vnd,
        yearly_saving_vnd=yearly_saving_vnd,
        energy_saving_percent=energy_saving_percent,
        energy_saving_amount=energy_saving_amount,
        energy_saving_unit=energy_saving_unit,
        material_saving_percent=material_saving_percent,
        material_saving_amount=material_saving_amount,
        material_saving_unit=material_saving_unit,
        water_saving_percent=water_saving_percent,
        water_saving_amount=water_saving_amount,
        water_saving_unit=water_saving_unit,
    )
    _save(measure, actor)
    facility_touch(facility=facility)
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    actor,
    year: int,
    category: str,
    title: str,
    description: str,
    investment_vnd: int = 0,
    yearly_saving_vnd: int = 0,
    energy_saving_percent: Decimal | None = None,
    energy_saving_amount: Decimal | None = None,
    energy_saving_unit: str = "",
    material_saving_percent: Decimal | None = None,
    material_saving_amount: Decimal | None = None,
    material_saving_unit: str = "",
    water_saving_percent: Decimal | None = None,
    water_saving_amount: Decimal | None = None,
    water_saving_unit: str = "",
    expected_version: int | None = None,
) -> Measure:
    """Change a measure. A published one leaves the library until the DOIT approves the
    new text: the public must only read what the DOIT has seen. A form rendered before
    another save of the measure is refused (StaleObjectError)."""
    # Compare with the stored row: a bound ModelForm has already changed the instance.
    stored = Measure.objects.select_for_update().get(pk=measure.pk)
    check_version(stored, expected_version)
    changed = _apply(
        stored,
        year=year,
        category=category,
        title=title,
        description=description,
        investment_vnd=investment_vnd,
        yearly_saving_vnd=yearly_saving_vnd,
        energy_saving_percent=energy_saving_percent,
        energy_saving_amount=energy_saving_amount,
        energy_saving_unit=energy_saving_unit,
        material_saving_percent=material_saving_percent,
        material_saving_amount=material_saving_amount,
        material_saving_unit=material_saving_unit,
        water_saving_percent=water_saving_percent,
        water_saving_amount=water_saving_amount,
        water_saving_unit=water_saving_unit,
    )
    if not changed:
        return stored
    if stored.publication_approved:
        stored.publication_approved = False
        stored.approved_at = None
        stored.approved_by = None
    _save(stored, actor)
    facility_touch(facility=stored.facility)
    return stored


@transaction.atomic
def measure_publish_request(*, measure: Measure, actor, agreed: bool) -> Measure:
    """The representative agrees (or no longer agrees) to publish the measure."""
    measure.publication_agreed = agreed
    if not agreed:
        measure.publication_approved = False
        measure.approved_at = None
        measure.approved_by = None
    _save(measure, actor)
    facility_touch(facility=measure.facility)
    return measure


@transaction.atomic
def measure_publish_approve(*, measure: Measure, actor, approved: bool = True) -> Measure:
    """The DOIT approves (or withdraws) the publication of a measure the facility agreed to."""
    if approved and not measure.publication_agreed:
        raise ValidationError(_("Cơ sở chưa đồng ý công bố giải pháp này."))
    newly_published = approved and not measure.publication_approved
    measure.publication_approved = approved
    measure.approved_at = timezone.now() if approved else None
    measure.approved_by = actor if approved else None
    _save(measure, actor)
    if newly_published:
        notify.measure_published(measure=measure, actor=actor)
    return measure
