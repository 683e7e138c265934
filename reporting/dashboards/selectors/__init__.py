"""The dashboards' reads: one selector per figure (`province_indicator_rows`,
`indicator_trend_rows`, `reporting_health`, `unit_indicator_rows`), built on the
consolidation's `consolidations_get` (many years' consolidations at once), and one builder per
dashboard (`national_dashboard`, `province_dashboard`, `unit_dashboard`, `public_dashboard`)
whose object the page, the charts' JSON, the .xlsx and the PDF all read.

indicators.py: an indicator by province and over the years; health.py: how complete and
timely the reports are; units.py: an indicator unit by unit; pages.py: the dashboards.
"""

from .health import reporting_health
from .indicators import indicator_trend_rows, province_indicator_rows
from .pages import (
    NationalDashboard,
    ProvinceDashboard,
    PublicDashboard,
    UnitDashboard,
    indicator_options,
    national_dashboard,
    province_dashboard,
    public_dashboard,
    unit_dashboard,
)
from .units import unit_indicator_rows

__all__ = [
    "NationalDashboard",
    "ProvinceDashboard",
    "PublicDashboard",
    "UnitDashboard",
    "indicator_options",
    "indicator_trend_rows",
    "national_dashboard",
    "province_dashboard",
    "province_indicator_rows",
    "public_dashboard",
    "reporting_health",
    "unit_dashboard",
    "unit_indicator_rows",
]
