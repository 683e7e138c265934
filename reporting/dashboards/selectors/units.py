"""An indicator unit by unit: each reporting unit's own value, computed with the
consolidation's formulas on that unit's figures alone, judged against the province's
target for the year. The province row is the consolidation; the unit rows add up to it
(tests/reporting/dashboards/test_dashboards.py checks that Σ numerators and Σ denominators agree).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.templatetags.l10n import unlocalize
from django.utils import timezone

from reporting.consolidation import (
    IndicatorRow,
    Progress,
    Timeliness,
    activity_value,
    indicator_figures,
    progress_status,
    state_labels_now,
    unit_reports_loaded,
    unit_row,
    year_is_closed,
)
from reporting.figures import FORMULAS
from reporting.models import UnitReport
from sxsh_portal.numbers import decimal_text

from .links import DateTexts, iso_day, link_maker


@dataclass
class UnitIndicatorRow:
    report_id: int
    agency_id: int
    agency: str
    year: int
    state: str
    state_label: str
    due_date: datetime.date
    submitted_on: datetime.date | None
    days_late: int
    timeliness: str
    is_received: bool
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    actual: Decimal | None = None
    target_label: str = ""
    expected: Decimal | None = None
    status: str = Progress.NO_DATA
    # Printed as they are by the table (templates/dashboards/_unit_table.html): prepared
    # once for all rows (selectors/links.py), not a reverse() and four date filters a row.
    report_href: str = ""
    unit_href: str = ""
    due_text: str = ""
    due_iso: str = ""
    submitted_text: str = ""
    submitted_iso: str = ""
    status_label: str = ""  # Progress.LABELS[status], translated once per table
    # The value and the province's path as the table prints them (|floatformat:"-2g") and
    # sorts them (|unlocalize): the template's own filters, called here.
    actual_text: str = ""
    actual_sort: str = ""
    expected_text: str = ""
    expected_sort: str = ""

    @property
    def timeliness_label(self) -> str:
        return str(Timeliness.LABELS[self.timeliness])

    def as_json(self) -> dict:
        return {
            "agency": self.agency,
            "year": self.year,
            "actual": decimal_text(self.actual),
            "expected": decimal_text(self.expected),
            "status": self.status,
            "state": self.state,
            "days_late": self.days_late,
        }


def _number_texts(value: Decimal | None) -> tuple[str, str]:
    if value is None:
        return "", ""
    return floatformat(value, "-2g"), unlocalize(value)


def unit_indicator_rows(
    *,
    reporting_year_ids: list[int],
    indicator_code: str,
    province_rows: dict[int, IndicatorRow | None],
    agency_id: int | None = None,
    today: datetime.date | None = None,
    reports: list[UnitReport] | None = None,
) -> list[UnitIndicatorRow]:
    """One row per unit report of the years (three queries); a unit's value only once its
    report is received, as in the consolidation, judged against the province's row of the
    indicator for the year (`province_rows`, by reporting year id). `reports`: the years'
    reports from `unit_reports_loaded`, where the caller has them already."""
    today = today or timezone.localdate()
    if reports is None:
        reports = unit_reports_loaded(reporting_year_ids, agency_id=agency_id)
    formula = FORMULAS.get(indicator_code)
    state_labels = state_labels_now()
    status_labels = {status: str(label) for status, label in Progress.LABELS.items()}
    report_href, unit_href, date_text = (
        link_maker("reporting:report_detail"),
        link_maker("dashboards:unit"),
        DateTexts(),
    )
    rows = []
    for report in reports:
        unit = unit_row(report, today, state_labels)
        row = UnitIndicatorRow(
            report_id=report.pk,
            agency_id=report.agency_id,
            agency=unit.agency,
            year=report.reporting_year.year,
            state=unit.state,
            state_label=unit.state_label,
            due_date=unit.due_date,
            submitted_on=unit.submitted_on,
            days_late=unit.days_late,
            timeliness=unit.timeliness,
            is_received=unit.is_received,
            report_href=report_href(report.pk),
            unit_href=unit_href(report.agency_id),
            due_text=date_text(unit.due_date),
            due_iso=iso_day(unit.due_date),
            submitted_text=date_text(unit.submitted_on),
            submitted_iso=iso_day(unit.submitted_on),
        )
        province = province_rows.get(report.reporting_year_id)
        if province is not None:
            row.target_label, row.expected = province.target_label, province.shown_expected
        if report.is_received and formula is not None:
            if formula.kind == "activities":
                row.actual = activity_value(formula, report.loaded_activities)
            else:
                figures = [{v.figure: v.value for v in report.loaded_values}]
                row.numerator, row.denominator, row.actual = indicator_figures(formula, figures)
        if province is not None:
            row.status = progress_status(
                actual=row.actual,
                target=province.target_value,
                target_year=province.target_year,
                year=row.year,
                closed=year_is_closed(row.year, today=today),
                baseline=province.shown_baseline,
                baseline_year=province.baseline_year,
            )
        row.status_label = status_labels[row.status]
        row.actual_text, row.actual_sort = _number_texts(row.actual)
        row.expected_text, row.expected_sort = _number_texts(row.expected)
        rows.append(row)
    return rows
