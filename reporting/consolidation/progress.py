"""The on-track rule: where a linear trajectory from the baseline to the target stands in a
year, and whether an actual has met the target, is on track or at risk."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


class Progress:
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NO_DATA = "no_data"
    LABELS = {
        MET: _("Đã đạt"),
        ON_TRACK: _("Đúng lộ trình"),
        AT_RISK: _("Có nguy cơ không đạt"),
        NO_DATA: _("Chưa có số liệu"),
    }


def expected_value(
    *, target: Decimal, target_year: int, baseline: Decimal, baseline_year: int, year: int
) -> Decimal:
    """Where a linear trajectory from the baseline to the target stands in `year`."""
    if target_year <= baseline_year or year >= target_year:
        return target
    if year <= baseline_year:
        return baseline
    share = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return baseline + (target - baseline) * share


def progress_status(
    *,
    actual: Decimal | None,
    target: Decimal | None,
    target_year: int | None,
    year: int,
    baseline: Decimal = Decimal(0),
    baseline_year: int | None = None,
) -> str:
    """Met if the actual reaches the target (the lower end of a range), on track if it
    reaches the linear trajectory from the baseline to the target year, at risk otherwise;
    no data without an actual or a target."""
    if actual is None or target is None or target_year is None:
        return Progress.NO_DATA
    if actual >= target:
        return Progress.MET
    expected = expected_value(
        target=target,
        target_year=target_year,
        baseline=baseline,
        baseline_year=baseline_year if baseline_year is not None else year,
        year=year,
    )
    return Progress.ON_TRACK if actual >= expected else Progress.AT_RISK
