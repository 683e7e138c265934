"""The Thanh Hóa plan (seed documents) with two reporting districts, Đông Sơn (the unit
user's) and Hoằng Hóa, and a few registry facilities in Đông Sơn."""

import datetime
from decimal import Decimal

import pytest

from facilities.models import Facility, FacilityYearStatus, SizeClass
from facilities.services import sectors_load
from reporting import services
from reporting.models import ReportingYear, UnitReport
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.territory.models import Agency
from tests.browser.conftest import (  # noqa: F401 — the browser harness, for the autosave test
    _playwright,
    browser,
    browser_page,
    log_in,
    page_errors,
    url_for,
)
from tests.factories import AgencyFactory, DistrictFactory

THANH_HOA_PLAN = 1


@pytest.fixture
def seeded(thanh_hoa, ha_giang):
    seed_documents_load()


@pytest.fixture
def plan(seeded, dong_son_committee):
    return ActionPlan.objects.get(pk=THANH_HOA_PLAN)


@pytest.fixture
def hoang_hoa(thanh_hoa):
    return DistrictFactory(code="399", name="Huyện Hoằng Hóa", parent=thanh_hoa)


@pytest.fixture
def hoang_hoa_committee(thanh_hoa, hoang_hoa):
    return AgencyFactory(
        name="UBND huyện Hoằng Hóa",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=thanh_hoa,
        territory=hoang_hoa,
    )


def make_facility(*, admin_unit, tax_code, size=SizeClass.SMALL, status=Facility.Status.VERIFIED):
    sectors_load()
    from facilities.models import Sector

    return Facility.objects.create(
        name=f"Cơ sở {tax_code}",
        tax_code=tax_code,
        sector=Sector.objects.get(code="che-bien-thuc-pham"),
        size_class=size,
        admin_unit=admin_unit,
        province=admin_unit.parent,
        address="Số 1",
        status=status,
    )


def make_status(facility, year, **fields):
    return FacilityYearStatus.objects.create(
        facility=facility, year=year, size_class=facility.size_class, **fields
    )


@pytest.fixture
def dong_son_facilities(dong_son):
    """Đông Sơn in 2019: 4 surveyed facilities, 3 aware, 2 applying (savings 10% and 6%),
    one large one with a dedicated unit; one rejected facility that never counts."""
    large = make_facility(admin_unit=dong_son, tax_code="2800000101", size=SizeClass.LARGE)
    make_status(
        large,
        2019,
        is_aware=True,
        is_applying=True,
        has_dedicated_unit=True,
        trained_staff_count=3,
        energy_saving_percent=Decimal("10"),
        material_saving_percent=Decimal("4"),
        yearly_saving_vnd=500_000_000,
    )
    medium = make_facility(admin_unit=dong_son, tax_code="2800000102", size=SizeClass.MEDIUM)
    make_status(medium, 2019, is_aware=True, is_applying=True, material_saving_percent=Decimal("6"))
    small = make_facility(admin_unit=dong_son, tax_code="2800000103")
    make_status(small, 2019, is_aware=True)
    make_status(make_facility(admin_unit=dong_son, tax_code="2800000104"), 2019)
    rejected = make_facility(
        admin_unit=dong_son, tax_code="2800000105", status=Facility.Status.PENDING
    )
    make_status(rejected, 2019, is_aware=True, is_applying=True)
    return [large, medium, small]


@pytest.fixture
def year_2019(plan, province_user):
    return services.reporting_year_open(plan=plan, year=2019, actor=province_user)


@pytest.fixture
def dong_son_report(year_2019, dong_son_committee):
    return UnitReport.objects.get(reporting_year=year_2019, agency=dong_son_committee)


def at(day: int, month: int, year: int, hour: int = 9) -> datetime.datetime:
    """An aware datetime in Vietnam, written the Vietnamese way round."""
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def clock(monkeypatch):
    """Move "now" (django.utils.timezone.now, which localdate() also reads)."""

    class Clock:
        def move_to(self, moment: datetime.datetime) -> None:
            monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return Clock()


@pytest.fixture
def login_as(db):
    """A separate logged-in test client per call, so a unit and the DOIT can act in turn
    (conftest's client_as shares one client)."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def three_years(plan, province_user, dong_son_committee, hoang_hoa_committee):
    """2024, 2025, 2026, each with Đông Sơn's and Hoằng Hóa's reports, due 15/12. In 2026
    Đông Sơn sent on 10/12 (on time) and Hoằng Hóa is a draft; in 2025 Hoằng Hóa sent on
    20/12 (5 days late) and Đông Sơn's was accepted; 2024: both drafts, never saved."""
    reports = {}
    for year in (2024, 2025, 2026):
        reporting_year = ReportingYear.objects.create(plan=plan, year=year)
        for agency in (dong_son_committee, hoang_hoa_committee):
            reports[year, agency.name.removeprefix("UBND huyện ")] = UnitReport.objects.create(
                reporting_year=reporting_year, agency=agency, due_date=datetime.date(year, 12, 15)
            )
    UnitReport.objects.filter(pk=reports[2026, "Đông Sơn"].pk).update(
        state="submitted", submitted_at=at(10, 12, 2026), first_submitted_at=at(10, 12, 2026)
    )
    UnitReport.objects.filter(pk=reports[2026, "Hoằng Hóa"].pk).update(version=3)
    UnitReport.objects.filter(pk=reports[2025, "Hoằng Hóa"].pk).update(
        state="submitted", submitted_at=at(20, 12, 2025), first_submitted_at=at(20, 12, 2025)
    )
    UnitReport.objects.filter(pk=reports[2025, "Đông Sơn"].pk).update(
        state="accepted", submitted_at=at(1, 12, 2025), first_submitted_at=at(1, 12, 2025)
    )
    return reports
