"""Facilities in Thanh Hóa (Đông Sơn) and Hà Giang, and the managed list of sectors."""

import pytest

from facilities.models import FacilityRepresentative, Sector, SizeClass
from facilities.services import sectors_load
from tests.facilities.factories import FacilityFactory
from tests.factories import DistrictFactory


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploaded import files wait in the default storage; keep them out of the work tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sectors(db):
    sectors_load()
    return {sector.code: sector for sector in Sector.objects.all()}


@pytest.fixture
def hoang_hoa(thanh_hoa):
    """A second Thanh Hóa district, outside the Đông Sơn committee's territory."""
    return DistrictFactory(code="399", name="Huyện Hoằng Hóa", parent=thanh_hoa)


@pytest.fixture
def vi_xuyen(ha_giang):
    return DistrictFactory(code="026", name="Huyện Vị Xuyên", parent=ha_giang)


@pytest.fixture
def brewery(sectors, dong_son):
    return FacilityFactory(
        name="Nhà máy bia Đông Sơn",
        tax_code="2800123456",
        sector=sectors["do-uong"],
        size_class=SizeClass.LARGE,
        admin_unit=dong_son,
    )


@pytest.fixture
def represented_brewery(brewery, facility_user):
    FacilityRepresentative.objects.create(user=facility_user, facility=brewery)
    return brewery


@pytest.fixture
def hoang_hoa_factory(sectors, hoang_hoa):
    return FacilityFactory(
        name="Xưởng may Hoằng Hóa",
        tax_code="2800654321",
        sector=sectors["det-may-da-giay"],
        size_class=SizeClass.SMALL,
        admin_unit=hoang_hoa,
    )


@pytest.fixture
def ha_giang_mine(sectors, vi_xuyen):
    return FacilityFactory(
        name="Mỏ đá Vị Xuyên",
        tax_code="5100111222",
        sector=sectors["khai-khoang"],
        size_class=SizeClass.SMALL,
        admin_unit=vi_xuyen,
    )
