"""The facility resource: one row = one facility and, optionally, one year's SXSH status."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources
from import_export.fields import Field

from sxsh_portal.accounts.access import Scope

from ..models import (
    SIZES_WITH_DEDICATED_UNIT,
    EnvironmentalRecord,
    Facility,
    FacilityYearStatus,
    SizeClass,
)
from ..selectors import province_of
from .widgets import (
    ChoiceWidget,
    SectorWidget,
    TaxCodeWidget,
    TextWidget,
    UnitWidget,
    as_text,
    is_blank,
    parse_date,
    parse_number,
    parse_yes_no,
    render_yes_no,
)

OUT_OF_JURISDICTION = gettext_lazy("Đơn vị hành chính không thuộc phạm vi quản lý của bạn")


def parse_integer(value: Any) -> int | None:
    return parse_number(value, integer=True)


def parse_decimal(value: Any) -> Decimal | None:
    return parse_number(value, integer=False)


# Status columns: model field → (column header, parser).
STATUS_COLUMNS: dict[str, tuple[str, Any]] = {
    "year": ("Năm", parse_integer),
    "is_aware": ("Nhận thức lợi ích SXSH", parse_yes_no),
    "is_applying": ("Áp dụng SXSH", parse_yes_no),
    "has_dedicated_unit": ("Bộ phận chuyên trách SXSH", parse_yes_no),
    "trained_staff_count": (
        "Số cán bộ kỹ thuật được đào tạo SXSH",
        parse_integer,
    ),
    "has_iso14001": ("ISO 14001", parse_yes_no),
    "environmental_record": (
        "Hồ sơ môi trường",
        lambda v: ChoiceWidget(EnvironmentalRecord, required=False).clean(v),
    ),
    "energy_saving_percent": ("Tiết kiệm năng lượng (%)", parse_decimal),
    "material_saving_percent": (
        "Tiết kiệm nguyên liệu (%)",
        parse_decimal,
    ),
    "yearly_saving_vnd": (
        "Giá trị tiết kiệm trong năm (đồng)",
        parse_integer,
    ),
    "certificate_issuer": ("Cơ quan cấp chứng nhận SXSH", as_text),
    "certificate_date": ("Ngày cấp chứng nhận", parse_date),
    "certificate_expires": ("Ngày hết hạn chứng nhận", parse_date),
}

FACILITY_COLUMNS = {
    "tax_code": "Mã số thuế",
    "name": "Tên cơ sở",
    "sector": "Ngành",
    "size_class": "Quy mô",
    "unit": "Mã đơn vị hành chính",
    "unit_name": "Tên đơn vị hành chính",
    "province_name": "Tỉnh",
    "industrial_zone": "Khu/cụm công nghiệp",
    "address": "Địa chỉ",
    "contact_person": "Người liên hệ",
    "contact_phone": "Điện thoại",
    "contact_email": "Thư điện tử",
}
REQUIRED_HEADERS = ["Mã số thuế", "Tên cơ sở", "Ngành", "Quy mô", "Mã đơn vị hành chính", "Địa chỉ"]
ALL_HEADERS = list(FACILITY_COLUMNS.values()) + [column for column, _p in STATUS_COLUMNS.values()]
_STATUS_DEFAULTS = {
    "is_aware": False,
    "is_applying": False,
    "has_dedicated_unit": False,
    "trained_staff_count": 0,
    "has_iso14001": False,
    "environmental_record": EnvironmentalRecord.NONE,
    "certificate_issuer": "",
}


class FacilityResource(resources.ModelResource):
    tax_code = Field(
        attribute="tax_code", column_name="Mã số thuế", widget=TaxCodeWidget(required=True)
    )
    name = Field(attribute="name", column_name="Tên cơ sở", widget=TextWidget(required=True))
    sector = Field(attribute="sector", column_name="Ngành", widget=SectorWidget())
    size_class = Field(attribute="size_class", column_name="Quy mô", widget=ChoiceWidget(SizeClass))
    unit = Field(attribute="unit", column_name="Mã đơn vị hành chính", widget=UnitWidget())
    unit_name = Field(column_name="Tên đơn vị hành chính", readonly=True)
    province_name = Field(column_name="Tỉnh", readonly=True)
    industrial_zone = Field(
        attribute="industrial_zone", column_name="Khu/cụm công nghiệp", widget=TextWidget()
    )
    address = Field(attribute="address", column_name="Địa chỉ", widget=TextWidget(required=True))
    contact_person = Field(
        attribute="contact_person", column_name="Người liên hệ", widget=TextWidget()
    )
    contact_phone = Field(attribute="contact_phone", column_name="Điện thoại", widget=TextWidget())
    contact_email = Field(attribute="contact_email", column_name="Thư điện tử", widget=TextWidget())

    class Meta:
        model = Facility
        import_id_fields = ["tax_code"]
        fields = list(FACILITY_COLUMNS)
        export_order = list(FACILITY_COLUMNS)
        clean_model_instances = True
        skip_diff = True
        use_transactions = True

    def __init__(
        self,
        *,
        actor=None,
        scope: Scope | None = None,
        export_statuses: dict[int, FacilityYearStatus] | None = None,
    ):
        super().__init__()
        self.actor = actor
        self.scope = scope
        self.export_statuses = export_statuses or {}
        for field_name, (column, _parser) in STATUS_COLUMNS.items():
            self.fields[f"status_{field_name}"] = Field(column_name=column, readonly=True)

    # ------------------------------------------------------------------ export

    def dehydrate_unit_name(self, facility):
        return facility.unit.name if facility.unit_id else ""

    def dehydrate_province_name(self, facility):
        return facility.province.name if facility.province_id else ""

    def export_field(self, field, instance, **kwargs):
        name = self.get_field_name(field)
        if name.startswith("status_"):
            status = self.export_statuses.get(instance.pk)
            if status is None:
                return ""
            attribute = name.removeprefix("status_")
            value = getattr(status, attribute)
            if isinstance(value, bool):
                return render_yes_no(value)
            if attribute == "environmental_record":
                return status.get_environmental_record_display()
            if isinstance(value, datetime.date):
                return value.strftime("%d/%m/%Y")
            return "" if value is None else value
        return super().export_field(field, instance, **kwargs)

    def get_export_order(self):
        return list(FACILITY_COLUMNS) + [f"status_{name}" for name in STATUS_COLUMNS]

    # ------------------------------------------------------------------ import

    def after_init_instance(self, instance, new, row=None, **kwargs):
        instance._import_original_province_id = None if new else instance.province_id

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)

        original_province = getattr(instance, "_import_original_province_id", None)
        if original_province is not None and not self.scope.manages_province(original_province):
            errors["tax_code"] = [
                _("Mã số thuế này thuộc một cơ sở ngoài phạm vi quản lý của bạn.")
            ]
        if "unit" not in errors and instance.unit_id:
            province = province_of(instance.unit)
            if not self.scope.manages_province(province.pk):
                errors["unit"] = [str(OUT_OF_JURISDICTION)]
            else:
                instance.province = province

        instance._import_status, status_errors = self._status_from_row(row)
        errors.update(status_errors)
        if errors:
            raise ValidationError(errors)

    def _status_from_row(self, row) -> tuple[dict | None, dict]:
        year_column = STATUS_COLUMNS["year"][0]
        if is_blank(row.get(year_column)):
            filled = [
                column
                for field, (column, _p) in STATUS_COLUMNS.items()
                if field != "year" and not is_blank(row.get(column))
            ]
            if filled:
                return None, {year_column: [_("Ghi năm cho các cột tình hình SXSH.")]}
            return None, {}
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        for field, (column, parser) in STATUS_COLUMNS.items():
            if column not in row:
                continue
            try:
                value = parser(row[column])
            except ValueError as exc:
                errors[column] = [str(exc)]
                continue
            if value is None or value == "":
                value = _STATUS_DEFAULTS.get(field, value if value == "" else None)
            values[field] = value
        return values, errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        exclude = set(errors)
        if "unit" in errors:
            exclude.add("province")
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)

        values = getattr(instance, "_import_status", None)
        if values is not None:
            errors.update(self._status_errors(instance, values, set(errors)))
        if errors:
            raise ValidationError(errors)

    def _status_errors(self, instance, values: dict, already: set[str]) -> dict:
        column_of = {field: column for field, (column, _p) in STATUS_COLUMNS.items()}
        status = FacilityYearStatus(**values, size_class=instance.size_class or "")
        errors: dict[str, list[str]] = {}
        exclude = {"facility"} | {f for f, c in column_of.items() if c in already}
        if values.get("has_dedicated_unit") and status.size_class not in SIZES_WITH_DEDICATED_UNIT:
            errors[column_of["has_dedicated_unit"]] = [
                _("Chỉ doanh nghiệp vừa và lớn mới khai báo bộ phận chuyên trách về SXSH.")
            ]
            exclude.add("has_dedicated_unit")
        expires, issued = values.get("certificate_expires"), values.get("certificate_date")
        if expires and (issued is None or expires < issued):
            errors[column_of["certificate_expires"]] = [
                _("Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp.")
            ]
            exclude.add("certificate_expires")
        try:
            status.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field == NON_FIELD_ERRORS:
                    errors.setdefault(NON_FIELD_ERRORS, []).extend(messages)
                elif field in column_of:
                    errors[column_of[field]] = messages
        return errors

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.actor
        instance._import_created = instance.pk is None
        if instance.pk is None:
            # The DOIT's own list needs no verification.
            instance.status = Facility.Status.VERIFIED
            instance.verified_at = timezone.now()
            instance.verified_by = self.actor

    def after_save_instance(self, instance, row, **kwargs):
        if instance.verified_history_id is None and instance.is_verified:
            latest = instance.history.order_by("-history_id").first()
            if latest is not None:
                Facility.objects.filter(pk=instance.pk).update(
                    verified_history_id=latest.history_id
                )
                instance.verified_history_id = latest.history_id
        values = getattr(instance, "_import_status", None)
        if values is None:
            return
        status = FacilityYearStatus.objects.filter(
            facility=instance, year=values["year"]
        ).first() or FacilityYearStatus(facility=instance, year=values["year"])
        for field, value in values.items():
            setattr(status, field, value)
        status.size_class = instance.size_class
        status._history_user = self.actor
        status.save()
        if getattr(instance, "_import_created", False):
            # A facility the DOIT imports is verified together with its yearly status.
            Facility.objects.filter(pk=instance.pk).update(verified_at=timezone.now())
