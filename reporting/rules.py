"""The rules of the reporting cycle, in one place: what figures a unit report may carry and
which years of a plan may be opened.

The services call them on every write, whatever the way in (page, autosave, workbook, API),
so each is refused with the same Vietnamese message. Forms only parse; they show the
service's ValidationError on the right field. The workbook's dry run calls figure_errors to
point at the cells before anything is written.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strategies.models import ActionPlan

from .figures import REPORT_VALUE_LIMIT, WHOLE_FIGURES, Figure

# ---------------------------------------------------------------------------- figures

# (part, whole): a part can never exceed its whole.
PART_OF = (
    (Figure.AWARE, Figure.FACILITIES),
    (Figure.APPLYING, Figure.FACILITIES),
    (Figure.MEDIUM_LARGE, Figure.FACILITIES),
    (Figure.WITH_TRAINED_STAFF, Figure.FACILITIES),
    (Figure.WITH_UNIT, Figure.MEDIUM_LARGE),
    (Figure.APPLIERS_WITH_SAVING, Figure.APPLYING),
    (Figure.OFFICERS_TRAINED, Figure.OFFICERS),
)


def figure_errors(values: dict) -> dict[str, str]:
    """Vietnamese messages, by figure, for values a unit cannot mean (None = not given)."""
    errors: dict[str, str] = {}
    values = {
        figure: value if value is None or isinstance(value, Decimal) else Decimal(str(value))
        for figure, value in values.items()
    }
    for figure, value in values.items():
        if value is None:
            continue
        if not value.is_finite() or value > REPORT_VALUE_LIMIT:
            errors[figure] = str(_("Số quá lớn."))
        elif value != value.quantize(Decimal("0.01"), rounding=ROUND_DOWN):
            errors[figure] = str(_("Chỉ được ghi tối đa 2 chữ số thập phân."))
        elif value < 0:
            errors[figure] = str(_("Giá trị không được âm."))
        elif figure in WHOLE_FIGURES and value != value.to_integral_value():
            errors[figure] = str(_("Phải là số nguyên."))
        elif figure == Figure.SAVING_PERCENT and value > 100:
            errors[figure] = str(_("Tỷ lệ phải từ 0 đến 100%."))
    for part, whole in PART_OF:
        small, large = values.get(part), values.get(whole)
        if part in errors or small is None or large is None:
            continue
        if small > large:
            errors[part] = str(
                _("Không được lớn hơn “%(whole)s” (%(value)s).")
                % {"whole": Figure(whole).label, "value": format(large.normalize(), "f")}
            )
    return errors


def reported_values_check(values: dict[str, Decimal | None]) -> None:
    """Refuse figures a unit cannot mean: a ValidationError keyed by figure code."""
    errors = figure_errors(values)
    if errors:
        raise ValidationError({figure: [message] for figure, message in errors.items()})


def activity_year_message(year: int) -> str:
    """Activities count in their report's year only: the one message for every way in."""
    return _("Ngày hoạt động phải thuộc năm báo cáo %(year)s (01/01–31/12/%(year)s).") % {
        "year": year
    }


def activity_year_check(*, date: datetime.date, year: int) -> None:
    # An activity of another year would count in this year's workshop and training indicators.
    if date.year != year:
        raise ValidationError({"date": activity_year_message(year)})


# ---------------------------------------------------------------------------- years


def plan_opens_years(plan: ActionPlan) -> bool:
    # A draft plan has no reporting units yet in force: years open once it is issued.
    return plan.status != ActionPlan.Status.DRAFT


def year_in_plan(*, plan: ActionPlan, year: int) -> bool:
    """Within the plan's period, where it is known."""
    if plan.period_start is not None and year < plan.period_start:
        return False
    return plan.period_end is None or year <= plan.period_end


def plan_years_to_open(plan: ActionPlan) -> list[int]:
    """The years the DOIT is offered: the plan's years not opened yet, up to the current one
    (a year is opened once it has begun; the demo opens one at a simulated date, so the
    service does not refuse a later one)."""
    opened = set(plan.reporting_years.values_list("year", flat=True))
    start = plan.period_start or plan.period_end or 2020
    end = min(plan.period_end or start, timezone.localdate().year)
    return [
        year
        for year in range(start, end + 1)
        if year not in opened and year_in_plan(plan=plan, year=year)
    ]


def reporting_year_open_check(*, plan: ActionPlan, year: int) -> None:
    """Refuse opening a year the plan does not report on. Opening an opened year again is
    allowed: it adds the reports of units recorded since."""
    if getattr(plan, "reporting_rule", None) is None:
        raise ValidationError(_("Kế hoạch chưa có quy định báo cáo, không thể mở năm báo cáo."))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Năm báo cáo phải từ 2000 đến 2100."))
    if not plan_opens_years(plan):
        raise ValidationError(
            _("Kế hoạch đang là dự thảo: chỉ mở được năm báo cáo khi đã ban hành.")
        )
    opened = plan.reporting_years.filter(year=year).exists()
    if not opened and not year_in_plan(plan=plan, year=year):
        raise ValidationError(
            _("Năm báo cáo phải trong giai đoạn %(period)s của kế hoạch.")
            % {"period": f"{plan.period_start or '…'}–{plan.period_end or '…'}"}
        )
