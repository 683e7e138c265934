"""Lists read in Vietnamese order (issue 15, item 9): Bạc Liêu before Bình Định, Hà Trung
before Hoằng Hóa — on the pages, in the exports, from the database and in memory alike."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from reporting import services
from sxsh_portal.collation import sort_key
from sxsh_portal.territory.models import AdministrativeUnit, Agency
from tests.factories import AgencyFactory, DistrictFactory, ProvinceFactory

PROVINCES = ["An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bến Tre", "Bình Định"]


def test_the_sort_key_reads_names_in_vietnamese_order():
    names = ["Hoằng Hóa", "Bình Định", "Hà Trung", "Đà Nẵng", "Bạc Liêu", "Điện Biên", "Yên Bái"]

    assert sorted(names, key=sort_key) == [
        "Bạc Liêu",
        "Bình Định",
        "Đà Nẵng",
        "Điện Biên",
        "Hà Trung",
        "Hoằng Hóa",
        "Yên Bái",
    ]


def test_the_database_orders_names_in_vietnamese_order(db):
    for index, name in enumerate(reversed(PROVINCES)):
        ProvinceFactory(code=str(70 + index), name=name)

    listed = list(
        AdministrativeUnit.objects.filter(name__in=PROVINCES)
        .order_by("name")
        .values_list("name", flat=True)
    )

    assert listed == PROVINCES
    shuffled = [PROVINCES[i] for i in (5, 2, 0, 4, 1, 3)]
    assert sorted(shuffled, key=sort_key) == PROVINCES


def test_the_year_page_and_its_export_list_ha_trung_before_hoang_hoa(
    login_as, province_user, plan, thanh_hoa, hoang_hoa_committee
):
    AgencyFactory(
        name="UBND huyện Hà Trung",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=thanh_hoa,
        territory=DistrictFactory(code="406", name="Huyện Hà Trung", parent=thanh_hoa),
    )
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    client = login_as(province_user)

    page = client.get(reverse("reporting:year_detail", args=[reporting_year.pk])).content.decode()
    export = client.get(reverse("reporting:consolidated_export", args=[reporting_year.pk]))

    assert page.index("UBND huyện Hà Trung") < page.index("UBND huyện Hoằng Hóa")
    units = [row[0] for row in load_workbook(BytesIO(export.content))["Đơn vị"].values][1:]
    assert units.index("UBND huyện Hà Trung") < units.index("UBND huyện Hoằng Hóa")
