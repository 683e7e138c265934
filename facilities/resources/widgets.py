"""Cell parsers for the import: Vietnamese labels, Vietnamese number and date writing,
Vietnamese messages."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from import_export import widgets

from sxsh_portal import numbers
from sxsh_portal.territory.models import AdministrativeUnit

from ..models import (
    Sector,
)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split())).casefold()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Spreadsheets turn digit strings into numbers.
        return str(int(value))
    return unicodedata.normalize("NFC", str(value).strip())


class TextWidget(widgets.Widget):
    def __init__(self, *, required: bool = False, **kwargs):
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = as_text(value)
        if self.required and not text:
            raise ValueError(_("Không được để trống."))
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TaxCodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).replace(" ", "")


class ChoiceWidget(widgets.Widget):
    """Accepts a choice's Vietnamese label (any case) or its code."""

    def __init__(self, choices, *, required: bool = True, **kwargs):
        self.choices = choices
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("Không được để trống."))
            return None
        wanted = normalise(value)
        for code, label in self.choices.choices:
            if wanted in (normalise(code), normalise(label)):
                return code
        allowed = ", ".join(f"“{label}”" for _code, label in self.choices.choices)
        raise ValueError(
            _("Giá trị “%(value)s” không hợp lệ; chọn một trong: %(allowed)s.")
            % {"value": as_text(value), "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices.choices).get(value, value or ""))


class SectorWidget(widgets.Widget):
    """A sector by its name or code, as listed on the template's "Danh mục" sheet."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Không được để trống."))
        wanted = normalise(value)
        for sector in Sector.objects.all():
            if wanted in (normalise(sector.name), normalise(sector.code)):
                return sector
        raise ValueError(
            _("Không có ngành “%(value)s” trong danh mục ngành.") % {"value": as_text(value)}
        )

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class UnitWidget(widgets.Widget):
    """A district or commune by its GSO code; the unit valid today wins over older ones."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Không được để trống."))
        code = as_text(value)
        candidates = list(
            AdministrativeUnit.objects.filter(code=code)
            .exclude(level=AdministrativeUnit.Level.PROVINCE)
            .order_by("-valid_from")
        )
        if not candidates:
            raise ValueError(
                _("Không tìm thấy đơn vị hành chính có mã “%(code)s”.") % {"code": code}
            )
        current = [unit for unit in candidates if unit.valid_to is None]
        return (current or candidates)[0]

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


def parse_yes_no(value: Any) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = normalise(value)
    if text in {"có", "co", "x", "1", "yes", "true"}:
        return True
    if text in {"không", "khong", "0", "no", "false"}:
        return False
    raise ValueError(_("Ghi “Có” hoặc “Không”."))


def parse_number(value: Any, *, integer: bool, percent: bool = False) -> Decimal | int | None:
    """A number cell by the portal's one parser (sxsh_portal.numbers): "1.234,5", "12,5%",
    "850.000.000", "1 234"; the model's validators then check the range."""
    try:
        number = numbers.parse_number(
            value,
            integer=integer,
            percent=percent,
            max_digits=None,
            decimal_places=None,
            min_value=None,
        )
    except numbers.NumberError as exc:
        raise ValueError(str(exc)[:1].upper() + str(exc)[1:]) from exc
    if number is None:
        return None
    return int(number) if integer else number


def parse_date(value: Any) -> datetime.date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = as_text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("Ngày phải ghi theo dạng ngày/tháng/năm, ví dụ 15/12/2018."))


def render_yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "Có" if value else "Không"
