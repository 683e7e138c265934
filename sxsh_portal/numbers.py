"""Numbers written the Vietnamese way: the one parser and formatter of the portal.

Every way a figure comes in — a form, the htmx autosave, a report workbook, the facility
import — goes through `parse_number`, so that "6,5" is 6.5 whatever the browser's locale,
and a value the field cannot hold (NaN, Infinity, 1e309, more digits than the column,
a negative count) is refused with a Vietnamese message naming the field instead of being
stored and breaking every page that reads it later.

Accepted writing: "6,5" (decimal comma), "1.234,5" and "850.000.000" (dots group
thousands), "1 234" (spaces group thousands), "12,5%" for a percentage, "6.5" (a single
dot that cannot be a thousands separator). Refused as ambiguous: "1,234,567" and
"1,234.5" (English grouping), exponents ("1e23"), and anything else that is not a number.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

# Spaces a spreadsheet or a keyboard may put between groups of thousands.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_DOTS_COMMA = re.compile(r"^\d{1,3}(\.\d{3})+,\d+$")
_PLAIN = re.compile(r"^\d+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_DECIMAL_DOT = re.compile(r"^\d*\.\d+$|^\d+\.$")
_GROUPED_SPACES = re.compile(r"^\d{1,3}( \d{3})+(,\d+)?$")
# Excel keeps 15 significant digits; a float cell is read at that precision so that
# 0.1 × 100 is 10, not 10.000000000000002.
_EXCEL_DIGITS = 15


class NumberError(ValueError):
    """A value that is not a number the field can hold; str() is the Vietnamese message."""


def _named(label, message: str) -> str:
    if not label:
        return message
    return _("“%(label)s”: %(message)s") % {"label": label, "message": message}


def _from_text(text: str, *, percent: bool, label) -> Decimal:
    text = text.strip()
    if text.endswith("%"):
        if not percent:
            raise NumberError(_named(label, _("không ghi dấu % ở ô này.")))
        text = text[:-1].strip()
    negative = text.startswith(("-", "−"))
    if negative or text.startswith("+"):
        text = text[1:].strip()
    collapsed = _SPACES.sub(" ", text)
    if _GROUPED_SPACES.match(collapsed):
        text = collapsed.replace(" ", "")
    elif " " in collapsed:
        raise NumberError(_named(label, _("không phải là một số.")))
    if _PLAIN.match(text):
        digits = text
    elif _GROUPED_DOTS.match(text) and not text.startswith("0"):
        digits = text.replace(".", "")  # 850.000.000
    elif _GROUPED_DOTS_COMMA.match(text) or _DECIMAL_COMMA.match(text):
        digits = text.replace(".", "").replace(",", ".")  # 1.234,5 and 6,5
    elif _DECIMAL_DOT.match(text):
        digits = text  # 6.5: one dot that cannot be grouping
    elif re.match(r"^[\d.,]+$", text):
        raise NumberError(
            _named(
                label,
                _(
                    "cách viết số không rõ; dùng dấu chấm ngăn nghìn và dấu phẩy thập phân, "
                    "ví dụ 1.234,5."
                ),
            )
        )
    else:
        raise NumberError(_named(label, _("không phải là một số.")))
    number = Decimal(digits)
    return -number if negative else number


def _from_cell(value: Any, *, label) -> Decimal:
    if isinstance(value, bool):
        raise NumberError(_named(label, _("không phải là một số.")))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError(_named(label, _("không phải là một số.")))
        return Decimal(format(value, f".{_EXCEL_DIGITS}g"))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError(_named(label, _("không phải là một số.")))
        return value
    return Decimal(value)


def parse_number(
    value: Any,
    *,
    label=None,
    integer: bool = False,
    percent: bool = False,
    percent_cell: bool = False,
    max_digits: int | None = 18,
    decimal_places: int | None = 2,
    min_value: Decimal | int | None = 0,
    max_value: Decimal | int | None = None,
) -> Decimal | None:
    """The number `value` means, or None when blank; NumberError when it cannot be one.

    `percent`: the field holds a percentage, so "12,5%" is 12.5. `percent_cell`: the value
    comes from a spreadsheet cell formatted as a percentage, which stores 10% as 0.1.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        number = _from_text(value, percent=percent, label=label)
    else:
        number = _from_cell(value, label=label)
    if percent_cell:
        number = number * 100
    try:
        number = number.normalize() if number else Decimal(0)
    except InvalidOperation as exc:  # pragma: no cover - finite decimals normalise
        raise NumberError(_named(label, _("không phải là một số."))) from exc
    sign, digits, exponent = number.as_tuple()
    places = max(-exponent, 0)
    whole_digits = max(len(digits) + exponent, 0) if number else 0
    if integer and places:
        raise NumberError(_named(label, _("phải là số nguyên.")))
    if decimal_places is not None and places > decimal_places:
        raise NumberError(
            _named(
                label,
                _("chỉ được ghi tối đa %(places)s chữ số thập phân.") % {"places": decimal_places},
            )
        )
    if max_digits is not None and whole_digits > max_digits - (decimal_places or 0):
        raise NumberError(_named(label, _("số quá lớn.")))
    if min_value is not None and number < min_value:
        if min_value == 0:
            raise NumberError(_named(label, _("không được âm.")))
        raise NumberError(
            _named(label, _("không được nhỏ hơn %(min)s.") % {"min": format_number(min_value)})
        )
    if max_value is not None and number > max_value:
        raise NumberError(
            _named(label, _("không được lớn hơn %(max)s.") % {"max": format_number(max_value)})
        )
    return number


def format_number(value, *, places: int | None = None) -> str:
    """850000000 → "850.000.000", 6.5 → "6,5"; `places` fixes the decimals shown."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        return ""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    text = format(abs(number), "f")
    whole, _dot, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if number < 0 else ""
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal for JSON, as a plain string: a chart shows exactly the table's number."""
    return None if value is None else format(value, "f")


def field_bounds(model_field) -> dict:
    """parse_number's limits for a model field: digits, decimals, and its validators' range."""
    from django.core.validators import MaxValueValidator, MinValueValidator
    from django.db import models

    bounds: dict = {"min_value": None, "max_value": None}
    if isinstance(model_field, models.DecimalField):
        bounds.update(max_digits=model_field.max_digits, decimal_places=model_field.decimal_places)
    else:
        # IntegerField.validators already carry the database column's range.
        bounds.update(integer=True, max_digits=None, decimal_places=0)
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            limit = validator.limit_value
            if bounds["min_value"] is None or limit > bounds["min_value"]:
                bounds["min_value"] = limit
        elif isinstance(validator, MaxValueValidator):
            limit = validator.limit_value
            if bounds["max_value"] is None or limit < bounds["max_value"]:
                bounds["max_value"] = limit
    return bounds
