"""The worlds of the signable-figures tests."""

import pytest

from reporting import services
from reporting.models import UnitReport
from sxsh_portal.territory.models import Agency
from tests.factories import AgencyFactory, DistrictFactory
from tests.reporting.conftest import at

from .world import FIGURES, add_activities, save_figures


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def thanh_hoa_2019(plan, province_user, unit_user, thanh_hoa, clock):
    """26 district committees; their reports in every standing of the issue."""
    for number in range(25):
        AgencyFactory(
            name=f"UBND huyện Thử {number + 1:02d}",
            kind=Agency.Kind.DISTRICT_COMMITTEE,
            province=thanh_hoa,
            territory=DistrictFactory(
                code=f"{500 + number}", name=f"Huyện Thử {number + 1:02d}", parent=thanh_hoa
            ),
        )
    clock.move_to(at(1, 10, 2019))
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    reports = list(reporting_year.unit_reports.select_related("agency").order_by("agency__name"))
    assert len(reports) == 26
    dong_son = next(r for r in reports if r.agency.name == "UBND huyện Đông Sơn")
    others = [r for r in reports if r != dong_son]
    on_time = [dong_son] + others[:19]
    late, returned, drafts = others[19], others[20], others[21:23]
    add_activities(dong_son, unit_user)
    for label, report in zip("ABC", on_time[:3], strict=True):
        report.refresh_from_db()
        facilities, aware, applying = FIGURES[label]
        save_figures(report, None, facilities=facilities, aware=aware, applying=applying)
    returned = save_figures(returned, None, facilities=1000, aware=1000, applying=1000)
    clock.move_to(at(10, 12, 2019))
    for report in on_time + [returned]:
        report.refresh_from_db()
        services.unit_report_submit(report=report, actor=None)
    services.unit_report_return(
        report=UnitReport.objects.get(pk=returned.pk), actor=province_user, reason="Thiếu số liệu"
    )
    for report in drafts:
        save_figures(report, None, facilities=3)
    clock.move_to(at(20, 12, 2019))
    services.unit_report_submit(report=late, actor=None)
    return reporting_year
