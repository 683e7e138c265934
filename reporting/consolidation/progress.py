"""THE status vocabulary of a figure against its target, computed here and nowhere else: the
consolidated page, its PDF and .xlsx, the dashboards and their exports all call
`progress_status` (or read a row it judged).

No baseline is assumed. A trajectory ("on track" / "at risk" before the target year) exists
only where the plan gives a baseline (value and year); without one the figure is shown
against the target and, before the target year, judged only as "not yet met".
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


class Progress:
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    # Below the target before its year, where the plan gives no baseline to draw a
    # trajectory from: a fact, not a verdict.
    NOT_YET_MET = "not_yet_met"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    LABELS = {
        MET: _("Đã đạt"),
        ON_TRACK: _("Đúng lộ trình"),
        AT_RISK: _("Có nguy cơ không đạt"),
        MISSED: _("Không đạt"),
        NOT_YET_MET: _("Chưa đạt (chưa đến năm mục tiêu)"),
        NO_TARGET: _("Chưa có mục tiêu"),
        NO_DATA: _("Chưa có số liệu"),
    }
    # The order of the PDF's summary sentence and the legends.
    ORDER = (MET, ON_TRACK, AT_RISK, NOT_YET_MET, MISSED, NO_TARGET, NO_DATA)


def year_is_closed(year: int, *, sent: bool = False, today: datetime.date | None = None) -> bool:
    """A reporting year is closed once the DOIT sent its consolidated report, or once the
    calendar year is over: its figures can no longer change the verdict of that year."""
    today = today or timezone.localdate()
    return sent or today.year > year


def has_baseline(baseline: Decimal | None, baseline_year: int | None, target_year: int) -> bool:
    return baseline is not None and baseline_year is not None and baseline_year < target_year


def expected_value(
    *,
    target: Decimal | None,
    target_year: int | None,
    baseline: Decimal | None,
    baseline_year: int | None,
    year: int,
) -> Decimal | None:
    """Where a linear trajectory from the plan's baseline to the target stands in `year`;
    None without a target or without a baseline given by the plan."""
    if target is None or target_year is None:
        return None
    if not has_baseline(baseline, baseline_year, target_year):
        return None
    if year >= target_year:
        return target
    if year <= baseline_year:
        return baseline
    share = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return (baseline + (target - baseline) * share).quantize(TWO_PLACES)


def progress_status(
    *,
    actual: Decimal | None,
    target: Decimal | None,
    target_year: int | None,
    year: int,
    closed: bool,
    baseline: Decimal | None = None,
    baseline_year: int | None = None,
) -> str:
    """No data without a figure; no target for a figure the plan sets none for; met once
    the figure reaches the target (the lower end of a range); missed after the target year,
    or in it once the year is closed; in the target year still open, at risk; before it,
    on track or at risk against the trajectory from the plan's baseline, or "not yet met"
    where the plan gives none."""
    if actual is None:
        return Progress.NO_DATA
    if target is None or target_year is None:
        return Progress.NO_TARGET
    if actual >= target:
        return Progress.MET
    if year > target_year or (year == target_year and closed):
        return Progress.MISSED
    if year == target_year:
        return Progress.AT_RISK
    expected = expected_value(
        target=target,
        target_year=target_year,
        baseline=baseline,
        baseline_year=baseline_year,
        year=year,
    )
    if expected is None:
        return Progress.NOT_YET_MET
    return Progress.ON_TRACK if actual >= expected else Progress.AT_RISK


def status_counts(statuses) -> dict[str, int]:
    """How many rows have each status, every status present (zero included)."""
    counts = dict.fromkeys(Progress.ORDER, 0)
    for status in statuses:
        counts[status] += 1
    return counts
