"""The rules of a yearly SXSH status row, beyond each field's own validators: ONE set,
used by FacilityYearStatus.clean() (and through it the year form and the services), and
by the import's checker column by column. The database constraints of the same names stay
as the last guard.

This module imports nothing of the app, so that the models can import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Only medium and large enterprises are expected to keep a dedicated SXSH unit (QĐ 1419).
# SizeClass values (SizeClass.MEDIUM, SizeClass.LARGE).
SIZES_WITH_DEDICATED_UNIT = ("medium", "large")

DEDICATED_UNIT_MESSAGE = _("Chỉ doanh nghiệp vừa và lớn mới khai báo bộ phận chuyên trách về SXSH.")
CERTIFICATE_EXPIRY_MESSAGE = _("Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp.")


def _dedicated_unit_broken(has_dedicated_unit, size_class) -> bool:
    return bool(has_dedicated_unit) and (size_class or "") not in SIZES_WITH_DEDICATED_UNIT


def _certificate_expiry_broken(certificate_expires, certificate_date) -> bool:
    return bool(certificate_expires) and (
        certificate_date is None or certificate_expires < certificate_date
    )


@dataclass(frozen=True)
class RowRule:
    """A rule over some fields of a row; `field` is the one its message is shown on, and
    the rule only applies where that field is filled (so a column check skips the rest)."""

    field: str
    uses: tuple[str, ...]  # the other fields it reads
    broken: Callable[..., bool]
    message: object  # a lazy Vietnamese string
    constraint: str  # the database constraint that guards the same rule


STATUS_RULES: tuple[RowRule, ...] = (
    RowRule(
        field="has_dedicated_unit",
        uses=("size_class",),
        broken=_dedicated_unit_broken,
        message=DEDICATED_UNIT_MESSAGE,
        constraint="facilities_status_dedicated_unit_medium_large",
    ),
    RowRule(
        field="certificate_expires",
        uses=("certificate_date",),
        broken=_certificate_expiry_broken,
        message=CERTIFICATE_EXPIRY_MESSAGE,
        constraint="facilities_status_certificate_expiry_after_date",
    ),
)
CHECKED_CONSTRAINTS = frozenset(rule.constraint for rule in STATUS_RULES)


def status_row_errors(values: Mapping) -> dict[str, str]:
    """{field: message} of the rules one status row breaks (`values`: field → value)."""
    return {
        rule.field: str(rule.message)
        for rule in STATUS_RULES
        if values.get(rule.field)
        and rule.broken(values[rule.field], *(values.get(name) for name in rule.uses))
    }


def status_column_errors(columns: Mapping[str, Sequence]) -> list[tuple[str, str, list[int]]]:
    """(field, message, positions of the rows breaking its rule) over whole columns (field
    → values, one per row; a missing column is blank): the same rules as
    status_row_errors, looked at only where the rule's field is filled."""
    found = []
    for rule in STATUS_RULES:
        own = columns.get(rule.field)
        if not own or not any(own):
            continue
        count = len(own)
        others = [columns.get(name) or [None] * count for name in rule.uses]
        broken = rule.broken
        failing = [
            i
            for i, value in enumerate(own)
            if value and broken(value, *(other[i] for other in others))
        ]
        if failing:
            found.append((rule.field, str(rule.message), failing))
    return found
