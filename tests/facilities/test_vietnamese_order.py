"""The facility list, its export and the registration page read in Vietnamese order
(issue 15, item 9)."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from tests.facilities.factories import FacilityFactory
from tests.factories import CurrentProvinceFactory, DistrictFactory

NAMES = ["Nhà máy Bạc Liêu", "Nhà máy Bình Định", "Nhà máy Hà Trung", "Nhà máy Hoằng Hóa"]


def test_the_facility_list_and_its_export_read_in_vietnamese_order(
    client_as, province_user, sectors, thanh_hoa
):
    district = DistrictFactory(code="406", name="Huyện Hà Trung", parent=thanh_hoa)
    for index, name in enumerate(reversed(NAMES)):
        FacilityFactory(
            name=name,
            tax_code=f"28000000{index:02d}",
            sector=sectors["do-uong"],
            admin_unit=district,
        )
    client = client_as(province_user)

    page = client.get(reverse("facilities:facility_list")).content.decode()
    export = client.get(reverse("facilities:facility_export"))

    positions = [page.index(name) for name in NAMES]
    assert positions == sorted(positions)
    sheet = load_workbook(BytesIO(export.content)).active
    exported = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [name for name in exported if name in NAMES] == NAMES


def test_the_registration_page_offers_bac_lieu_before_binh_dinh(client, sectors):
    for code, name in (("52", "Bình Định"), ("95", "Bạc Liêu")):
        province = CurrentProvinceFactory(code=code, name=name)
        DistrictFactory(
            code=f"9{code}",
            name=f"Phường {name}",
            parent=province,
            valid_to=None,
            valid_from=province.valid_from,
        )

    page = client.get(reverse("facilities:register")).content.decode()

    assert page.index("Bạc Liêu") < page.index("Bình Định")
