from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def vnd(value):
    """1300000000 → "1.300.000.000 đ" (grouping of the active language)."""
    if value is None or value == "":
        return "—"
    return f"{number_format(value, decimal_pos=0, force_grouping=True)} đ"


@register.filter
def number(value, decimal_pos=None):
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal) and decimal_pos is None:
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return number_format(value, decimal_pos=decimal_pos, force_grouping=True)


@register.filter
def yes_no(value):
    from django.utils.translation import gettext

    return gettext("Có") if value else gettext("Không")
