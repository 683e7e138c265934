"""Autosave sends every figure every few seconds; only the figures that changed are written
and recorded in the history."""

from decimal import Decimal

from reporting.figures import Figure
from reporting.models import UnitReportValue
from tests.reporting.test_consolidation import _report_figures as save


def history_of(report):
    return UnitReportValue.history.filter(report_id=report.pk)


def test_saving_the_same_figures_again_writes_no_figure(dong_son_report, unit_user):
    report = save(dong_son_report, unit_user, facilities=60, applying=30)
    recorded = history_of(report).count()

    report = save(report, unit_user, facilities=60, applying="30.00")

    assert history_of(report).count() == recorded


def test_a_changed_figure_is_written_and_recorded_with_its_author(dong_son_report, unit_user):
    report = save(dong_son_report, unit_user, facilities=60, applying=30)
    recorded = history_of(report).count()

    report = save(report, unit_user, facilities=60, applying=31)

    changed = history_of(report).order_by("-history_id").first()
    assert history_of(report).count() == recorded + 1
    assert (changed.figure, changed.reported_value) == (Figure.APPLYING.value, Decimal(31))
    assert changed.history_user == unit_user
    assert report.values.get(figure=Figure.APPLYING.value).reported_value == Decimal(31)
