"""Writes to the registry: self-registration, verification, profile and yearly status."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.audit import record_actor
from sxsh_portal.concurrency import check_version
from sxsh_portal.territory.models import AdministrativeUnit
from sxsh_portal.territory.selectors import province_of

from ..models import (
    SIZES_WITH_DEDICATED_UNIT,
    Facility,
    FacilityRepresentative,
    FacilityYearStatus,
    Sector,
)
from . import notify


def _save(instance, actor) -> None:
    """Validate like a form would, then save with the actor in the history record."""
    instance.full_clean()
    record_actor(instance, actor)
    instance.save()


def facility_touch(*, facility: Facility) -> None:
    """Mark the facility as changed since its last verification.

    A queryset update on purpose: it must not add a history record of its own.
    """
    Facility.objects.filter(pk=facility.pk).update(last_changed_at=timezone.now())


def duplicate_tax_code_message(tax_code: str) -> str:
    return _(
        "Mã số thuế %(tax_code)s đã được đăng ký trên Cổng. Nếu đây là cơ sở của bạn, hãy liên "
        "hệ Sở Công Thương để được cấp quyền đại diện."
    ) % {"tax_code": tax_code}


def _check_province(*, admin_unit: AdministrativeUnit, province: AdministrativeUnit) -> None:
    if province_of(admin_unit).pk != province.pk:
        raise ValidationError(
            {
                "admin_unit": _("Đơn vị hành chính không thuộc tỉnh %(province)s.")
                % {"province": province}
            }
        )


@transaction.atomic
def facility_register(
    *,
    name: str,
    tax_code: str,
    sector: Sector,
    size_class: str,
    province: AdministrativeUnit,
    admin_unit: AdministrativeUnit,
    address: str,
    industrial_zone: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    username: str,
    password: str,
    full_name: str,
    email: str,
) -> Facility:
    """A facility registers itself: facility and representative account, both pending.

    The account is active so the representative can log in and follow the registration,
    but nothing can be changed until the DOIT verifies the facility (see selectors).
    """
    tax_code = tax_code.strip()
    if Facility.objects.filter(tax_code=tax_code).exists():
        raise ValidationError({"tax_code": duplicate_tax_code_message(tax_code)})
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    _check_province(admin_unit=admin_unit, province=province)

    user = User(username=username, full_name=full_name, email=email, is_active=True)
    user.set_password(password)
    user.save()
    RoleAssignment.objects.create(user=user, role=RoleAssignment.Role.FACILITY, agency=None)
    facility = Facility(
        name=name,
        tax_code=tax_code,
        sector=sector,
        size_class=size_class,
        admin_unit=admin_unit,
        province=province,
        address=address,
        industrial_zone=industrial_zone,
        contact_person=contact_person or full_name,
        contact_phone=contact_phone,
        contact_email=contact_email or email,
        status=Facility.Status.PENDING,
    )
    try:
        with transaction.atomic():
            _save(facility, user)
    except IntegrityError as exc:
        # Two registrations of the same tax code at the same moment.
        raise ValidationError({"tax_code": duplicate_tax_code_message(tax_code)}) from exc
    FacilityRepresentative.objects.create(user=user, facility=facility)
    return facility


@transaction.atomic
def representative_link(*, facility: Facility, user, actor=None) -> FacilityRepresentative:
    """Make a user a representative of a facility (and give them the facility role)."""
    RoleAssignment.objects.get_or_create(user=user, role=RoleAssignment.Role.FACILITY, agency=None)
    link, _created = FacilityRepresentative.objects.get_or_create(user=user, facility=facility)
    return link


@transaction.atomic
def facility_verify(*, facility: Facility, actor) -> Facility:
    """The DOIT confirms the registration, or that it has seen the latest changes."""
    was_pending = facility.status == Facility.Status.PENDING
    facility.status = Facility.Status.VERIFIED
    facility.rejection_reason = ""
    facility.verified_at = timezone.now()
    facility.verified_by = actor
    _save(facility, actor)
    latest = facility.history.order_by("-history_id").first()
    facility.verified_history_id = latest.history_id
    Facility.objects.filter(pk=facility.pk).update(verified_history_id=latest.history_id)
    if was_pending:
        notify.facility_reviewed(facility=facility, actor=actor, verified=True)
    return facility


@transaction.atomic
def facility_reject(*, facility: Facility, actor, reason: str) -> Facility:
    if facility.status != Facility.Status.PENDING:
        raise ValidationError(_("Chỉ từ chối được hồ sơ đăng ký đang chờ xác minh."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do từ chối.")})
    facility.status = Facility.Status.REJECTED
    facility.rejection_reason = reason
    _save(facility, actor)
    notify.facility_reviewed(facility=facility, actor=actor, verified=False)
    return facility


@transaction.atomic
def facility_update(
    *,
    facility: Facility,
    actor,
    name: str,
    sector: Sector,
    size_class: str,
    admin_unit: AdministrativeUnit,
    address: str,
    industrial_zone: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    expected_version: int | None = None,
) -> Facility:
    """Change the profile. The province follows the administrative unit, and may only move to
    the unit's successor province (the 2025 reform), never to another jurisdiction. The DOIT and the
    representative both edit it: a form rendered before the other's save is refused
    (StaleObjectError) rather than dropping that change."""
    # The stored row, locked: a bound ModelForm has already changed the instance it was given.
    facility = Facility.objects.select_for_update().get(pk=facility.pk)
    check_version(facility, expected_version)
    province = province_of(admin_unit)
    allowed = {facility.province_id} | set(
        facility.province.successors.values_list("pk", flat=True)
    )
    if province.pk not in allowed:
        raise ValidationError(
            {
                "admin_unit": _("Đơn vị hành chính phải thuộc tỉnh %(province)s.")
                % {"province": facility.province}
            }
        )
    facility.name = name
    facility.sector = sector
    facility.size_class = size_class
    facility.admin_unit = admin_unit
    facility.province = province
    facility.address = address
    facility.industrial_zone = industrial_zone
    facility.contact_person = contact_person
    facility.contact_phone = contact_phone
    facility.contact_email = contact_email
    _save(facility, actor)
    facility_touch(facility=facility)
    return facility


@transaction.atomic
def facility_status_set(
    *,
    facility: Facility,
    actor,
    year: int,
    is_aware: bool,
    is_applying: bool,
    has_dedicated_unit: bool,
    trained_staff_count: int,
    has_iso14001: bool,
    environmental_record: str,
    energy_saving_percent: Decimal | None = None,
    material_saving_percent: Decimal | None = None,
    yearly_saving_vnd: int | None = None,
    certificate_issuer: str = "",
    certificate_date: datetime.date | None = None,
    certificate_expires: datetime.date | None = None,
    expected_version: int | None = None,
    adding: bool = False,
) -> FacilityYearStatus:
    """Create or replace the facility's status for one year (refused when the year changed,
    or was added, since the form was rendered). `adding`: the page adds a year, so a year
    already reported is refused rather than replaced."""
    # The facility's row is the lock: the year's row may not exist yet.
    facility = Facility.objects.select_for_update().get(pk=facility.pk)
    status = FacilityYearStatus.objects.filter(facility=facility, year=year).first()
    if adding and status is not None:
        raise ValidationError(
            {"year": _("Cơ sở đã có số liệu năm %(year)s; hãy sửa số liệu đó.") % {"year": year}}
        )
    check_version(status, expected_version)
    if status is None:
        # The size class of the year is the facility's when the year is first reported;
        # editing that year later keeps it, so the year's rules (a dedicated unit only in
        # a medium or large enterprise) are checked against the year's own size.
        status = FacilityYearStatus(facility=facility, year=year, size_class=facility.size_class)
    status.is_aware = is_aware
    status.is_applying = is_applying
    status.has_dedicated_unit = has_dedicated_unit
    status.trained_staff_count = trained_staff_count
    status.has_iso14001 = has_iso14001
    status.environmental_record = environmental_record
    status.energy_saving_percent = energy_saving_percent
    status.material_saving_percent = material_saving_percent
    status.yearly_saving_vnd = yearly_saving_vnd
    status.certificate_issuer = certificate_issuer
    status.certificate_date = certificate_date
    status.certificate_expires = certificate_expires
    _year_status_check(status)
    _save(status, actor)
    facility_touch(facility=facility)
    return status


def _year_status_check(status: FacilityYearStatus) -> None:
    """The year's rules, each on its field (the database's constraints say the same, without
    naming the field)."""
    errors = {}
    if status.has_dedicated_unit and status.size_class not in SIZES_WITH_DEDICATED_UNIT:
        errors["has_dedicated_unit"] = _(
            "Chỉ doanh nghiệp vừa và lớn mới khai báo bộ phận chuyên trách về SXSH."
        )
    issued, expires = status.certificate_date, status.certificate_expires
    if expires and (not issued or expires < issued):
        errors["certificate_expires"] = _(
            "Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def facility_create(
    *,
    actor,
    manageable_units,
    name: str,
    tax_code: str,
    sector: Sector,
    size_class: str,
    admin_unit: AdministrativeUnit,
    address: str,
    industrial_zone: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> Facility:
    """The DOIT records a facility of its province (as a row of its import would): verified
    at once, since the DOIT is the verifier; the administrative unit must be one the DOIT
    manages."""
    if not manageable_units.filter(pk=admin_unit.pk).exists():
        raise ValidationError({"admin_unit": _("Đơn vị hành chính không thuộc tỉnh bạn quản lý.")})
    tax_code = tax_code.strip()
    if Facility.objects.filter(tax_code=tax_code).exists():
        raise ValidationError({"tax_code": _("Đã có cơ sở đăng ký với mã số thuế này.")})
    now = timezone.now()
    facility = Facility(
        name=name,
        tax_code=tax_code,
        sector=sector,
        size_class=size_class,
        admin_unit=admin_unit,
        province=province_of(admin_unit),
        address=address,
        industrial_zone=industrial_zone,
        contact_person=contact_person,
        contact_phone=contact_phone,
        contact_email=contact_email,
        status=Facility.Status.VERIFIED,
        verified_at=now,
        verified_by=actor,
    )
    try:
        with transaction.atomic():
            _save(facility, actor)
    except IntegrityError as exc:  # the same tax code at the same moment
        raise ValidationError({"tax_code": _("Đã có cơ sở đăng ký với mã số thuế này.")}) from exc
    latest = facility.history.order_by("-history_id").first()
    Facility.objects.filter(pk=facility.pk).update(verified_history_id=latest.history_id)
    return facility
