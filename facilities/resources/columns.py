"""The spreadsheet's columns: Vietnamese headers, cell parsers and the status defaults."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import EnvironmentalRecord, SizeClass
from .widgets import (
    ChoiceWidget,
    TaxCodeWidget,
    TextWidget,
    as_text,
    parse_date,
    parse_number,
    parse_yes_no,
)

OUT_OF_JURISDICTION = gettext_lazy("Đơn vị hành chính không thuộc phạm vi quản lý của bạn")


def parse_integer(value: Any) -> int | None:
    return parse_number(value, integer=True)


def parse_decimal(value: Any) -> Decimal | None:
    return parse_number(value, integer=False)


def parse_percent(value: Any) -> Decimal | None:
    return parse_number(value, integer=False, percent=True)


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
        ChoiceWidget(EnvironmentalRecord, required=False).clean,
    ),
    "energy_saving_percent": ("Tiết kiệm năng lượng (%)", parse_percent),
    "material_saving_percent": (
        "Tiết kiệm nguyên liệu (%)",
        parse_percent,
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
    "admin_unit": "Mã đơn vị hành chính",
    "admin_unit_name": "Tên đơn vị hành chính",
    "province_name": "Tỉnh",
    "industrial_zone": "Khu/cụm công nghiệp",
    "address": "Địa chỉ",
    "contact_person": "Người liên hệ",
    "contact_phone": "Điện thoại",
    "contact_email": "Thư điện tử",
}
REQUIRED_HEADERS = ["Mã số thuế", "Tên cơ sở", "Ngành", "Quy mô", "Mã đơn vị hành chính", "Địa chỉ"]
ALL_HEADERS = list(FACILITY_COLUMNS.values()) + [column for column, _p in STATUS_COLUMNS.values()]
STATUS_DEFAULTS = {
    "is_aware": False,
    "is_applying": False,
    "has_dedicated_unit": False,
    "trained_staff_count": 0,
    "has_iso14001": False,
    "environmental_record": EnvironmentalRecord.NONE,
    "certificate_issuer": "",
}

# ---------------------------------------------------------------------------- set-based import


def not_found_sector(value) -> str:
    return _("Không có ngành “%(value)s” trong danh mục ngành.") % {"value": as_text(value)}


_SIZE_CLASS = ChoiceWidget(SizeClass)
_REQUIRED_TEXT = TextWidget(required=True)
_TEXT = TextWidget()
_TAX = TaxCodeWidget(required=True)

# Facility attribute → (column, cell parser); sector and admin_unit are looked up in
# prefetched maps.
FACILITY_FIELDS: dict[str, tuple[str, Any]] = {
    "tax_code": ("Mã số thuế", _TAX.clean),
    "name": ("Tên cơ sở", _REQUIRED_TEXT.clean),
    "sector": ("Ngành", None),
    "size_class": ("Quy mô", _SIZE_CLASS.clean),
    "admin_unit": ("Mã đơn vị hành chính", None),
    "industrial_zone": ("Khu/cụm công nghiệp", _TEXT.clean),
    "address": ("Địa chỉ", _REQUIRED_TEXT.clean),
    "contact_person": ("Người liên hệ", _TEXT.clean),
    "contact_phone": ("Điện thoại", _TEXT.clean),
    "contact_email": ("Thư điện tử", _TEXT.clean),
}
# Text attributes whose model validators go beyond the maximum length.
VALIDATED_TEXT = {"tax_code", "contact_email"}
