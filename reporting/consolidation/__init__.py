"""The provincial consolidation of a reporting year: `consolidation_build` (one year) and
`consolidations_build` (many years, same queries whatever their number) return plain
dataclasses that the page, the .xlsx export, the PDF (issue 6) and the dashboards (issue 7)
all use; `progress_status` is the on-track rule.

Shares are recomputed from the sums of the units' counts (Σ numerators / Σ denominators),
never averaged; the saving per unit product is weighted by the number of facilities it
covers. Only received reports (submitted or accepted) count.

progress.py holds the on-track rule, rows.py the dataclasses, arithmetic.py the computation
on loaded objects and build.py the queries around it.
"""

from .arithmetic import (
    activity_value,
    indicator_figures,
    state_labels_now,
    target_for_year,
    unit_row,
)
from .build import (
    consolidation_build,
    consolidation_get,
    consolidations_build,
    consolidations_get,
    indicators_get,
    reporting_years_loaded,
    sent_indicators_of,
    sent_report,
    unit_report_counts,
    unit_reports_loaded,
)
from .progress import (
    HUNDRED,
    TWO_PLACES,
    Progress,
    expected_value,
    progress_status,
    status_counts,
    year_is_closed,
)
from .rows import (
    Consolidation,
    Discrepancy,
    FigureTotal,
    IndicatorRow,
    ReportCounts,
    Timeliness,
    UnitRow,
    report_counts,
    report_standing,
)

__all__ = [
    "HUNDRED",
    "TWO_PLACES",
    "Consolidation",
    "Discrepancy",
    "FigureTotal",
    "IndicatorRow",
    "Progress",
    "ReportCounts",
    "Timeliness",
    "UnitRow",
    "consolidation_build",
    "consolidation_get",
    "consolidations_build",
    "consolidations_get",
    "expected_value",
    "indicators_get",
    "progress_status",
    "report_counts",
    "report_standing",
    "status_counts",
    "year_is_closed",
    "activity_value",
    "indicator_figures",
    "state_labels_now",
    "target_for_year",
    "unit_row",
    "reporting_years_loaded",
    "sent_indicators_of",
    "sent_report",
    "unit_report_counts",
    "unit_reports_loaded",
]
