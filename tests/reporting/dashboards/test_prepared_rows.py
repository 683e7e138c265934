"""The provincial dashboard's unit table prints rows prepared once per page (issue 18): a
link from one reverse() with each row's key put in, each distinct date formatted once, and
the reports' standings counted by group in SQL. The same links, dates and counts as a
reverse(), a |date filter and a count per report would give."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from reporting import services
from reporting.consolidation import unit_report_counts, unit_reports_loaded
from reporting.dashboards.selectors.units import unit_indicator_rows
from reporting.models import ReportingYear
from tests.reporting.conftest import at
from tests.reporting.dashboards.test_dashboards import report_figures


def test_unit_rows_carry_the_links_and_dates_the_table_printed(
    year_2019, hoang_hoa_committee, province_user, clock
):
    services.reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)
    reports = {r.agency.name: r for r in year_2019.unit_reports.select_related("agency")}
    clock.move_to(at(16, 12, 2019, hour=0).replace(minute=30))
    report_figures(reports["UBND huyện Đông Sơn"], facilities=60, aware=45, applying=30)

    with translation.override("vi"):
        rows = unit_indicator_rows(
            reporting_year_ids=[year_2019.pk],
            indicator_code="facilities-applying",
            province_rows={},
            reports=unit_reports_loaded([year_2019.pk]),
        )

    assert len(rows) == 2
    for row in rows:
        assert row.report_href == reverse("reporting:report_detail", args=[row.report_id])
        assert row.unit_href == reverse("dashboards:unit", args=[row.agency_id])
        assert row.due_iso == row.due_date.isoformat()
        with translation.override("vi"):
            assert row.due_text == date_format(row.due_date, "SHORT_DATE_FORMAT")
    sent = next(row for row in rows if row.submitted_on is not None)
    assert sent.submitted_text == "16/12/2019"  # dd/mm/yyyy, the local day
    assert sent.submitted_iso == "2019-12-16"
    unsent = next(row for row in rows if row.submitted_on is None)
    assert (unsent.submitted_text, unsent.submitted_iso) == ("", "")


def test_reports_of_the_same_standing_are_each_counted(
    year_2019, hoang_hoa_committee, province_user
):
    """Counted by group in SQL: two reports alike are two reports, not one group."""
    services.reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)

    counts = unit_report_counts(ReportingYear.objects.filter(pk=year_2019.pk))[year_2019.pk]

    assert (counts["expected"], counts["not_started"], counts["received"]) == (2, 2, 0)
