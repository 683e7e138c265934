"""The data set of the hostile-input tests: Thanh Hóa 2019 open for reporting, a facility
with its representative, and a user of every role."""

import pytest

# The reporting tests' fixtures this data set is made from.
from tests.reporting.conftest import (  # noqa: F401
    hoang_hoa,
    hoang_hoa_committee,
    plan,
    seeded,
)


@pytest.fixture
def world(request, db, settings, tmp_path):
    """Thanh Hóa 2019 open for reporting (two district committees), a verified facility
    with its representative, a yearly status and measures (one in the library), a pending
    registration; every role's user."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from facilities.models import Facility, FacilityRepresentative
    from reporting import services
    from tests.facilities.factories import FacilityFactory, MeasureFactory, YearStatusFactory
    from tests.reporting.conftest import make_facility

    the_plan = request.getfixturevalue("plan")
    request.getfixturevalue("hoang_hoa_committee")
    province_user = request.getfixturevalue("province_user")
    dong_son = request.getfixturevalue("dong_son")
    services.reporting_year_open(plan=the_plan, year=2019, actor=province_user)
    brewery = make_facility(admin_unit=dong_son, tax_code="2800123456")
    facility_user = request.getfixturevalue("facility_user")
    FacilityRepresentative.objects.create(user=facility_user, facility=brewery)
    YearStatusFactory(facility=brewery, year=2019)
    MeasureFactory(facility=brewery, year=2019)
    MeasureFactory(
        facility=brewery,
        year=2019,
        publication_agreed=True,
        publication_approved=True,
        investment_vnd=100,
        yearly_saving_vnd=50,
    )
    FacilityFactory(admin_unit=dong_son, tax_code="2800999999", status=Facility.Status.PENDING)
    return {
        "anonymous": None,
        "ministry": request.getfixturevalue("ministry_user"),
        "province": province_user,
        "unit": request.getfixturevalue("unit_user"),
        "facility": facility_user,
    }
