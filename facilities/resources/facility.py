"""The facility resource: one row = one facility and, optionally, one year's SXSH status.

It exports the registry; its import is django-import-export's plain per-row path. The
DOIT's import goes through facilities.imports (facilities_import)."""

from __future__ import annotations

import datetime

from import_export import resources
from import_export.fields import Field

from sxsh_portal.accounts.access import Scope

from ..models import Facility, FacilityYearStatus, SizeClass
from .columns import (
    ALL_HEADERS,
    FACILITY_COLUMNS,
    OUT_OF_JURISDICTION,
    REQUIRED_HEADERS,
    STATUS_COLUMNS,
)
from .widgets import (
    ChoiceWidget,
    SectorWidget,
    TaxCodeWidget,
    TextWidget,
    UnitWidget,
    render_yes_no,
)

__all__ = [
    "ALL_HEADERS",
    "FACILITY_COLUMNS",
    "OUT_OF_JURISDICTION",
    "REQUIRED_HEADERS",
    "STATUS_COLUMNS",
    "FacilityResource",
]


class FacilityResource(resources.ModelResource):
    tax_code = Field(
        attribute="tax_code", column_name="Mã số thuế", widget=TaxCodeWidget(required=True)
    )
    name = Field(attribute="name", column_name="Tên cơ sở", widget=TextWidget(required=True))
    sector = Field(attribute="sector", column_name="Ngành", widget=SectorWidget())
    size_class = Field(attribute="size_class", column_name="Quy mô", widget=ChoiceWidget(SizeClass))
    admin_unit = Field(
        attribute="admin_unit", column_name="Mã đơn vị hành chính", widget=UnitWidget()
    )
    admin_unit_name = Field(column_name="Tên đơn vị hành chính", readonly=True)
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
        allow_verified: bool = False,
    ):
        super().__init__()
        self.allow_verified = allow_verified
        self.actor = actor
        self.scope = scope
        self.export_statuses = export_statuses or {}
        for field_name, (column, _parser) in STATUS_COLUMNS.items():
            self.fields[f"status_{field_name}"] = Field(column_name=column, readonly=True)

    # ------------------------------------------------------------------ export

    def dehydrate_admin_unit_name(self, facility):
        return facility.admin_unit.name if facility.admin_unit_id else ""

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
