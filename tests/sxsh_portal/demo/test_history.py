"""The demo reporting data: every state on show, Hoằng Hóa's report for the demo unit
user, a 2019 consolidated report at the Ministry; loading twice changes nothing."""

import pytest

from reporting.models import ConsolidatedReport, ReportingYear, ReportTransition, UnitReport
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.demo.history import demo_reporting_load
from tests.factories import DistrictFactory, RoleAssignmentFactory, UserFactory

DISTRICTS = [
    ("380", "Thành phố Thanh Hóa"),
    ("381", "Thị xã Bỉm Sơn"),
    ("382", "Thành phố Sầm Sơn"),
    ("384", "Huyện Mường Lát"),
    ("389", "Huyện Thạch Thành"),
    ("391", "Huyện Vĩnh Lộc"),
    ("392", "Huyện Yên Định"),
    ("393", "Huyện Thọ Xuân"),
    ("396", "Huyện Triệu Sơn"),
    ("397", "Huyện Thiệu Hóa"),
    ("398", "Huyện Hoằng Hóa"),
    ("399", "Huyện Hậu Lộc"),
    ("400", "Huyện Nga Sơn"),
]


@pytest.fixture
def demo_world(seeded, thanh_hoa, province_user):
    for code, name in DISTRICTS:
        DistrictFactory(code=code, name=name, parent=thanh_hoa)
    from sxsh_portal.territory.services import district_committees_ensure

    district_committees_ensure(province=thanh_hoa)
    from sxsh_portal.territory.models import Agency

    hoang_hoa = Agency.objects.get(name="UBND huyện Hoằng Hóa")
    user = UserFactory(username="ubnd-hoang-hoa")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.UNIT, agency=hoang_hoa)
    return hoang_hoa


def test_the_demo_shows_every_state_and_is_idempotent(demo_world):
    count = demo_reporting_load()

    assert count == 3 * len(DISTRICTS)
    assert set(ReportingYear.objects.values_list("year", flat=True)) == {2018, 2019, 2020}
    reports_2019 = UnitReport.objects.filter(reporting_year__year=2019)
    states = set(reports_2019.values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "accepted"}
    returned = reports_2019.get(state="returned")
    assert returned.returned_reason
    late = [r for r in reports_2019.filter(state="submitted") if r.submitted_late]
    assert [r.days_late() for r in late] == [6]
    hoang_hoa = reports_2019.get(agency=demo_world)
    assert hoang_hoa.state == "accepted"
    assert hoang_hoa.submitted_by.username == "ubnd-hoang-hoa"
    assert not hoang_hoa.submitted_late
    assert UnitReport.objects.get(reporting_year__year=2020, agency=demo_world).state == "draft"
    consolidated = ConsolidatedReport.objects.get(reporting_year__year=2019)
    assert consolidated.is_submitted
    assert consolidated.snapshot["indicators"]

    transitions = ReportTransition.objects.count()
    assert demo_reporting_load() == count
    assert ReportTransition.objects.count() == transitions


def test_the_demo_is_skipped_without_the_demo_users(seeded):
    assert demo_reporting_load() == 0
    assert not ReportingYear.objects.exists()
