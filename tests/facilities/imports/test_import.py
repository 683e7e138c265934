"""Import from .xlsx and .csv: dry run listing every bad row, then all rows or none."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from facilities.models import Facility, FacilityYearStatus
from facilities.resources import ALL_HEADERS
from facilities.selectors import facility_changes_since_verification

UPLOAD = reverse("facilities:import_upload")
CONFIRM = reverse("facilities:import_confirm")


@pytest.fixture
def row(dong_son):
    """A valid row for a facility in Đông Sơn; keyword arguments replace columns."""

    def make(**values):
        return {**valid_row(dong_son.code), **values}

    return make


def valid_row(unit_code):
    return {
        "Mã số thuế": "2800999001",
        "Tên cơ sở": "Công ty CP Gạch Tuynel Đông Sơn",
        "Ngành": "Vật liệu xây dựng",
        "Quy mô": "Vừa",
        "Mã đơn vị hành chính": unit_code,
        "Địa chỉ": "Xã Đông Hòa, huyện Đông Sơn",
        "Năm": 2019,
        "Nhận thức lợi ích SXSH": "Có",
        "Áp dụng SXSH": "Có",
        "Bộ phận chuyên trách SXSH": "Không",
        "Số cán bộ kỹ thuật được đào tạo SXSH": 2,
        "Hồ sơ môi trường": "Cam kết BVMT",
        "Tiết kiệm năng lượng (%)": 9.5,
        "Giá trị tiết kiệm trong năm (đồng)": 250000000,
    }


def xlsx_file(rows, name="co-so.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(ALL_HEADERS)
    for values in rows:
        sheet.append([values.get(header) for header in ALL_HEADERS])
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def csv_file(rows, name="co-so.csv"):
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=ALL_HEADERS)
    writer.writeheader()
    for values in rows:
        writer.writerow({header: values.get(header, "") for header in ALL_HEADERS})
    return SimpleUploadedFile(name, output.getvalue().encode("utf-8-sig"))


def problems(response):
    return response.context["report"].problems


@pytest.fixture
def doit(client_as, province_user, sectors, dong_son, hoang_hoa):
    return client_as(province_user)


def test_a_valid_xlsx_file_is_checked_then_imported_on_confirmation(doit, dong_son, row):
    checked = doit.post(UPLOAD, {"file": xlsx_file([row(), row(**{"Mã số thuế": "2800999002"})])})

    assert checked.status_code == 200
    assert problems(checked) == []
    assert not Facility.objects.exists()  # the dry run wrote nothing
    token = checked.context["token"]

    confirmed = doit.post(CONFIRM, {"token": token})

    assert confirmed.status_code == 302
    facility = Facility.objects.get(tax_code="2800999001")
    assert facility.admin_unit == dong_son
    assert facility.province == dong_son.parent
    assert facility.status == Facility.Status.VERIFIED
    assert facility.size_class == "medium"
    status = FacilityYearStatus.objects.get(facility=facility, year=2019)
    assert status.is_applying is True
    assert status.environmental_record == "commitment"
    assert status.yearly_saving_vnd == 250_000_000
    assert Facility.objects.count() == 2


def test_an_imported_facility_has_no_changes_waiting_for_the_doit(doit, row, province_user):
    checked = doit.post(UPLOAD, {"file": xlsx_file([row()])})
    doit.post(CONFIRM, {"token": checked.context["token"]})

    facility = Facility.objects.get(tax_code="2800999001")
    assert facility.verified_by == province_user
    assert facility.history.get().history_user == province_user
    assert facility_changes_since_verification(facility) == []


def test_a_valid_csv_file_is_imported(doit, row):
    checked = doit.post(UPLOAD, {"file": csv_file([row(**{"Năm": "2020"})])})

    assert problems(checked) == []
    doit.post(CONFIRM, {"token": checked.context["token"]})

    assert FacilityYearStatus.objects.get(facility__tax_code="2800999001").year == 2020


def test_importing_the_same_file_again_updates_and_never_duplicates(doit, row):
    for name in ("Công ty CP Gạch Tuynel Đông Sơn", "Công ty CP Gạch Tuynel Đông Sơn mới"):
        upload = {"file": xlsx_file([row(**{"Tên cơ sở": name})]), "allow_verified": "on"}
        checked = doit.post(UPLOAD, upload)
        doit.post(CONFIRM, {"token": checked.context["token"]})

    assert Facility.objects.count() == 1
    assert Facility.objects.get().name == "Công ty CP Gạch Tuynel Đông Sơn mới"
    assert FacilityYearStatus.objects.count() == 1


def test_the_dry_run_lists_every_bad_row_with_its_reason_and_writes_nothing(doit, row):
    rows = [
        row(),
        row(**{"Mã số thuế": "12345"}),
        row(**{"Mã số thuế": "2800999003", "Giá trị tiết kiệm trong năm (đồng)": -5}),
        row(**{"Mã số thuế": "2800999004", "Mã đơn vị hành chính": "999"}),
        row(**{"Mã số thuế": "2800999005", "Quy mô": "Siêu lớn"}),
        row(**{"Mã số thuế": "2800999006", "Tên cơ sở": ""}),
        row(**{"Mã số thuế": "2800999007", "Quy mô": "Nhỏ", "Bộ phận chuyên trách SXSH": "Có"}),
        row(**{"Mã số thuế": "2800999008", "Tiết kiệm năng lượng (%)": 120}),
    ]

    response = doit.post(UPLOAD, {"file": xlsx_file(rows)})

    found = {(p["line"], p["column"]): p["message"] for p in problems(response)}
    assert "Mã số thuế phải gồm 10 chữ số" in found[(3, "Mã số thuế")]
    assert found[(4, "Giá trị tiết kiệm trong năm (đồng)")] == "Giá trị không được âm."
    assert found[(5, "Mã đơn vị hành chính")] == "Không tìm thấy đơn vị hành chính có mã “999”."
    assert found[(6, "Quy mô")].startswith("Giá trị “Siêu lớn” không hợp lệ")
    assert found[(7, "Tên cơ sở")] == "Không được để trống."
    assert found[(8, "Bộ phận chuyên trách SXSH")].startswith("Chỉ doanh nghiệp vừa và lớn")
    assert found[(9, "Tiết kiệm năng lượng (%)")] == "Tỷ lệ phải từ 0 đến 100%."
    assert not any(line == 2 for line, _column in found)
    assert response.context["token"] == ""
    assert "Xác nhận nhập" not in response.content.decode()
    assert "Tệp có 7 lỗi" in response.content.decode()
    assert not Facility.objects.exists()


def test_confirming_a_file_that_has_errors_is_refused(doit, row):
    bad = doit.post(UPLOAD, {"file": xlsx_file([row(), row(**{"Mã số thuế": "sai"})])})

    response = doit.post(CONFIRM, {"token": "any-token"})

    assert problems(bad)
    assert response.status_code == 302
    assert response["Location"] == UPLOAD
    assert not Facility.objects.exists()


def test_the_real_import_writes_nothing_when_a_row_has_become_invalid(
    doit, other_province_user, vi_xuyen, sectors, row
):
    checked = doit.post(UPLOAD, {"file": xlsx_file([row(), row(**{"Mã số thuế": "5100111222"})])})
    assert problems(checked) == []
    # Before the confirmation, the second tax code is registered in Hà Giang.
    Facility.objects.create(
        name="Mỏ đá Vị Xuyên",
        tax_code="5100111222",
        sector=sectors["khai-khoang"],
        size_class="small",
        admin_unit=vi_xuyen,
        province=vi_xuyen.parent,
        address="Vị Xuyên",
    )

    response = doit.post(CONFIRM, {"token": checked.context["token"]})

    assert response.status_code == 200
    assert "chưa nhập dòng nào" in response.content.decode()
    assert not Facility.objects.filter(tax_code="2800999001").exists()


def test_rows_for_another_provinces_units_are_refused(doit, vi_xuyen, row):
    response = doit.post(
        UPLOAD, {"file": csv_file([row(**{"Mã đơn vị hành chính": vi_xuyen.code})])}
    )

    assert problems(response) == [
        {
            "line": 2,
            "column": "Mã đơn vị hành chính",
            "message": "Đơn vị hành chính không thuộc phạm vi quản lý của bạn",
        }
    ]
    assert not Facility.objects.exists()


def test_a_file_without_the_required_columns_is_refused(doit):
    upload = SimpleUploadedFile("co-so.csv", "Tên cơ sở\nCông ty A\n".encode())

    response = doit.post(UPLOAD, {"file": upload})

    assert response.status_code == 200
    assert "Tệp thiếu cột bắt buộc: Mã số thuế" in response.content.decode()


def test_only_a_doit_may_import(client_as, unit_user, ministry_user, facility_user, client):
    for user in (unit_user, ministry_user, facility_user):
        assert client_as(user).get(UPLOAD).status_code == 403
        client.logout()
    assert client.get(UPLOAD).status_code == 302


def test_the_template_has_vietnamese_headers_and_the_doits_units(doit, dong_son, vi_xuyen):
    response = doit.get(reverse("facilities:import_template"))

    book = load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book["Cơ sở"][1]]
    assert headers == ALL_HEADERS
    codes = [r[0] for r in book["Danh mục"].iter_rows(values_only=True)]
    assert dong_son.code in codes
    assert vi_xuyen.code not in codes


def test_text_keeps_its_backslashes_and_has_its_whitespace_collapsed(doit, row):
    address = "Lô A\\3,  KCN Lễ Môn\tThanh Hóa\nĐường số 2 "
    checked = doit.post(UPLOAD, {"file": csv_file([row(**{"Địa chỉ": address})])})
    doit.post(CONFIRM, {"token": checked.context["token"]})

    facility = Facility.objects.get(tax_code="2800999001")
    assert facility.address == "Lô A\\3, KCN Lễ Môn Thanh Hóa Đường số 2"
    assert facility.history.get().address == facility.address


def test_a_control_character_in_a_name_is_refused(doit, row):
    checked = doit.post(UPLOAD, {"file": csv_file([row(**{"Tên cơ sở": "Công ty\x07 Gạch"})])})

    assert [(p["line"], p["column"]) for p in problems(checked)] == [(2, "Tên cơ sở")]
    assert "ký tự điều khiển" in problems(checked)[0]["message"]


def test_a_tax_code_twice_in_one_file_with_two_profiles_is_an_error_naming_the_first_line(
    doit, row
):
    rows = [row(), row(**{"Tên cơ sở": "Tên khác", "Năm": 2020})]

    checked = doit.post(UPLOAD, {"file": xlsx_file(rows)})

    assert problems(checked) == [
        {"line": 3, "column": "Mã số thuế", "message": "Mã số thuế này đã có ở dòng 2 của tệp."}
    ]
    assert checked.context["token"] == ""


def test_a_tax_code_twice_for_the_same_year_is_an_error(doit, row):
    checked = doit.post(UPLOAD, {"file": xlsx_file([row(), row(**{"Áp dụng SXSH": "Không"})])})

    assert [p["line"] for p in problems(checked)] == [3]


def test_one_facility_with_the_statuses_of_two_years_is_one_facility(doit, row):
    checked = doit.post(UPLOAD, {"file": xlsx_file([row(), row(**{"Năm": 2020})])})

    assert problems(checked) == []
    doit.post(CONFIRM, {"token": checked.context["token"]})
    facility = Facility.objects.get(tax_code="2800999001")
    assert sorted(facility.year_statuses.values_list("year", flat=True)) == [2019, 2020]


def test_reimporting_updates_the_years_status_and_records_the_change(doit, row):
    checked = doit.post(UPLOAD, {"file": xlsx_file([row()])})
    doit.post(CONFIRM, {"token": checked.context["token"]})
    again = doit.post(UPLOAD, {"file": xlsx_file([row(**{"Áp dụng SXSH": "Không"})])})

    assert (again.context["report"].new, again.context["report"].updated) == (0, 1)
    doit.post(CONFIRM, {"token": again.context["token"]})

    status = FacilityYearStatus.objects.get(facility__tax_code="2800999001", year=2019)
    assert status.is_applying is False
    assert [r.history_type for r in status.history.order_by("history_id")] == ["+", "~"]


def test_a_doit_cannot_overwrite_another_provinces_facility_by_its_tax_code(
    doit, ha_giang_mine, row
):
    response = doit.post(UPLOAD, {"file": xlsx_file([row(**{"Mã số thuế": "5100111222"})])})

    assert problems(response) == [
        {
            "line": 2,
            "column": "Mã số thuế",
            "message": "Mã số thuế này thuộc một cơ sở ngoài phạm vi quản lý của bạn.",
        }
    ]
    assert Facility.objects.get(tax_code="5100111222").name == "Mỏ đá Vị Xuyên"


def test_the_dry_run_names_nothing_of_another_provinces_facility(doit, ha_giang_mine, row):
    """A refused tax code says only that the facility is outside the DOIT's jurisdiction:
    not its name, province, district, address or any field it would change."""
    ha_giang_mine.address = "Thôn Bản Mán, xã Vị Xuyên"
    ha_giang_mine.save()

    response = doit.post(UPLOAD, {"file": xlsx_file([row(**{"Mã số thuế": "5100111222"})])})

    page = response.content.decode()
    assert "ngoài phạm vi quản lý của bạn" in page
    for secret in ("Mỏ đá Vị Xuyên", "Hà Giang", "Vị Xuyên", "Bản Mán", "Khai khoáng"):
        assert secret not in page, secret
