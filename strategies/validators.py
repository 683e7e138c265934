"""The one rule for target values, shared by model clean() (admin, ModelForms) and services."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PERCENT = "percent"
BOOLEAN = "boolean"
HUNDRED = Decimal(100)


def validate_target_values(
    *, measure_unit: str, value_min: Decimal | None, value_max: Decimal | None
) -> None:
    """Raise ValidationError (keyed by field) unless the value or range suits the unit of measure.

    A single value is stored as value_min == value_max; a range as value_min < value_max.
    Milestones and yes/no indicators carry no number: reaching them is the target.
    """
    if measure_unit == BOOLEAN:
        if value_min is not None or value_max is not None:
            raise ValidationError(
                {"value_min": _("Chỉ tiêu dạng mốc (có/không) không nhập giá trị số.")}
            )
        return
    if value_min is None:
        raise ValidationError({"value_min": _("Hãy nhập giá trị chỉ tiêu.")})
    if value_max is None:
        value_max = value_min
    errors = {}
    if value_min < 0 or value_max < 0:
        errors["value_min"] = _("Giá trị chỉ tiêu không được âm.")
    elif value_min > value_max:
        errors["value_max"] = _(
            "Khoảng chỉ tiêu không hợp lệ: giá trị tối thiểu phải nhỏ hơn hoặc bằng giá trị tối đa."
        )
    if measure_unit == PERCENT and (value_min > HUNDRED or value_max > HUNDRED):
        errors.setdefault(
            "value_max", _("Chỉ tiêu tỷ lệ phần trăm phải nằm trong khoảng từ 0 đến 100%.")
        )
    if errors:
        raise ValidationError(errors)
