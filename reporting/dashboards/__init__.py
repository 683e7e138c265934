"""The dashboards' selectors: national (Ministry), province (DOIT), unit and public.

One selector per figure (`province_indicator_rows`, `indicator_trend_rows`,
`reporting_health`, `savings_by_sector_and_year`, …), built on `consolidations_get`
(reporting/consolidation/), many years' consolidations at once; the page, the charts' JSON,
the .xlsx and the PDF of a dashboard all read the same `*_dashboard` object.
"""

from ..consolidation import consolidations_build, consolidations_get, reporting_years_loaded
from .indicators import indicator_trend_rows, province_indicator_rows
from .pages import national_dashboard, province_dashboard, public_dashboard, unit_dashboard

__all__ = [
    "consolidations_build",
    "consolidations_get",
    "indicator_trend_rows",
    "national_dashboard",
    "province_dashboard",
    "province_indicator_rows",
    "public_dashboard",
    "reporting_years_loaded",
    "unit_dashboard",
]
