"""A facility import a DOIT can trust (issue 15, items 3 and 5), through the real upload:
numbers and percent cells read right, unit codes checked, duplicate tax codes refused,
changes shown before they are written, odd sheets understood or explained, and a sheet's
extent bounded before it is read."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from facilities.models import Facility, FacilityYearStatus
from facilities.resources import ALL_HEADERS
from sxsh_portal.territory.models import AdministrativeUnit
from tests.facilities.factories import FacilityFactory
from tests.facilities.imports.test_import import valid_row, xlsx_file
from tests.factories import REFORM_2025_FROM, DistrictFactory

UPLOAD = reverse("facilities:import_upload")
CONFIRM = reverse("facilities:import_confirm")


@pytest.fixture
def doit(client_as, province_user, sectors, dong_son, hoang_hoa):
    return client_as(province_user)


def problems(response):
    return response.context["report"].problems


def messages_of(response):
    return [problem["message"] for problem in problems(response)]


def upload_book(book, name="co-so.xlsx"):
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def sheet_with(rows, *, headers=ALL_HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header) for header in headers])
    return book, sheet


def commune(thanh_hoa_today, code, name):
    return DistrictFactory(
        code=code,
        name=name,
        level=AdministrativeUnit.Level.COMMUNE,
        parent=thanh_hoa_today,
        valid_from=REFORM_2025_FROM,
        valid_to=None,
    )


# ---------------------------------------------------------------------------- numbers


def test_a_cell_showing_ten_percent_is_stored_as_ten_percent(doit, dong_son):
    book, sheet = sheet_with([valid_row(dong_son.code)])
    column = ALL_HEADERS.index("Tiết kiệm năng lượng (%)") + 1
    cell = sheet.cell(row=2, column=column)
    cell.value, cell.number_format = 0.1, "0%"

    checked = doit.post(UPLOAD, {"file": upload_book(book)})
    doit.post(CONFIRM, {"token": checked.context["token"]})

    status = FacilityYearStatus.objects.get(facility__tax_code="2800999001")
    assert status.energy_saving_percent == Decimal(10)


def test_vietnamese_numbers_written_as_text_are_read(doit, dong_son):
    row = valid_row(dong_son.code) | {
        "Tiết kiệm năng lượng (%)": "12,5%",
        "Tiết kiệm nguyên liệu (%)": "6,5",
        "Giá trị tiết kiệm trong năm (đồng)": "850.000.000",
        "Số cán bộ kỹ thuật được đào tạo SXSH": "1 234",
    }

    checked = doit.post(UPLOAD, {"file": xlsx_file([row])})
    assert problems(checked) == []
    doit.post(CONFIRM, {"token": checked.context["token"]})

    status = FacilityYearStatus.objects.get(facility__tax_code="2800999001")
    assert status.energy_saving_percent == Decimal("12.5")
    assert status.material_saving_percent == Decimal("6.5")
    assert status.yearly_saving_vnd == 850_000_000
    assert status.trained_staff_count == 1234


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e309", "1,234,567"])
def test_an_impossible_number_is_refused_with_a_message_naming_the_column(doit, dong_son, value):
    row = valid_row(dong_son.code) | {"Giá trị tiết kiệm trong năm (đồng)": value}

    checked = doit.post(UPLOAD, {"file": xlsx_file([row])})

    assert [(p["line"], p["column"]) for p in problems(checked)] == [
        (2, "Giá trị tiết kiệm trong năm (đồng)")
    ]


# ---------------------------------------------------------------------------- unit codes


def test_a_unit_code_that_lost_its_leading_zeros_is_refused_naming_the_likely_unit(
    doit, thanh_hoa, thanh_hoa_today
):
    DistrictFactory(code="277", name="Huyện Cũ", parent=thanh_hoa)
    commune(thanh_hoa_today, "00277", "Xã Mới")

    checked = doit.post(UPLOAD, {"file": xlsx_file([valid_row(277)])})

    [message] = messages_of(checked)
    assert "“277”" in message
    assert "00277 — Xã Mới" in message
    assert not Facility.objects.exists()


def test_the_code_of_a_district_abolished_in_2025_is_refused_naming_its_successors(
    doit, dong_son, thanh_hoa_today
):
    dong_son.successors.add(commune(thanh_hoa_today, "15910", "Xã Đông Sơn"))

    checked = doit.post(UPLOAD, {"file": xlsx_file([valid_row(dong_son.code)])})

    [message] = messages_of(checked)
    assert "405 — Huyện Đông Sơn không còn từ ngày 01/07/2025" in message
    assert "15910 — Xã Đông Sơn" in message


def test_todays_commune_code_is_accepted(doit, thanh_hoa_today):
    commune(thanh_hoa_today, "15910", "Xã Đông Sơn")

    checked = doit.post(UPLOAD, {"file": xlsx_file([valid_row("15910")])})

    assert problems(checked) == []


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("Tên đơn vị hành chính", "Huyện Hoằng Hóa", "Mã “405” là Huyện Đông Sơn"),
        ("Tỉnh", "Hà Giang", "thuộc Thanh Hóa, không phải “Hà Giang”"),
    ],
)
def test_the_unit_name_and_province_columns_must_agree_with_the_code(
    doit, dong_son, column, value, expected
):
    row = valid_row(dong_son.code) | {column: value}

    checked = doit.post(UPLOAD, {"file": xlsx_file([row])})

    [message] = messages_of(checked)
    assert expected in message


def test_matching_name_columns_written_with_or_without_their_prefix_pass(doit, dong_son):
    row = valid_row(dong_son.code) | {"Tên đơn vị hành chính": "đông sơn", "Tỉnh": "Tỉnh Thanh Hóa"}

    checked = doit.post(UPLOAD, {"file": xlsx_file([row])})

    assert problems(checked) == []


# ---------------------------------------------------------------------------- updates


def test_the_dry_run_shows_each_field_an_update_changes_and_a_verified_one_needs_leave(
    doit, dong_son
):
    FacilityFactory(tax_code="2800999001", name="Tên cũ", admin_unit=dong_son, address="Địa chỉ cũ")
    upload = xlsx_file([valid_row(dong_son.code)])

    refused = doit.post(UPLOAD, {"file": upload})

    [message] = messages_of(refused)
    assert "đã được xác minh" in message
    assert "Tên cơ sở" in message and "Địa chỉ" in message
    upload.seek(0)
    allowed = doit.post(UPLOAD, {"file": upload, "allow_verified": "on"})
    assert problems(allowed) == []
    [change] = allowed.context["report"].changes
    fields = {item["label"]: (item["old"], item["new"]) for item in change["fields"]}
    assert fields["Tên cơ sở"] == ("Tên cũ", "Công ty CP Gạch Tuynel Đông Sơn")
    assert fields["Địa chỉ"] == ("Địa chỉ cũ", "Xã Đông Hòa, huyện Đông Sơn")
    page = allowed.content.decode()
    assert "Tên cũ" in page and "Địa chỉ cũ" in page
    doit.post(CONFIRM, {"token": allowed.context["token"]})
    assert Facility.objects.get().name == "Công ty CP Gạch Tuynel Đông Sơn"


# ---------------------------------------------------------------------------- the sheet


def test_a_formula_without_a_cached_value_is_an_error_not_zero(doit, dong_son):
    book, sheet = sheet_with([valid_row(dong_son.code)])
    column = ALL_HEADERS.index("Giá trị tiết kiệm trong năm (đồng)") + 1
    sheet.cell(row=2, column=column).value = "=100000*2500"

    checked = doit.post(UPLOAD, {"file": upload_book(book)})

    [problem] = problems(checked)
    assert problem["line"] == 2
    assert problem["column"] == "Giá trị tiết kiệm trong năm (đồng)"
    assert "công thức nhưng chưa có giá trị" in problem["message"]


def test_a_title_row_lower_case_headers_and_a_second_sheet_are_understood(doit, dong_son):
    book = Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Điền danh sách ở trang “Dữ liệu”."])
    sheet = book.create_sheet("Dữ liệu")
    sheet.append(["DANH SÁCH CƠ SỞ SẢN XUẤT CÔNG NGHIỆP NĂM 2019"])
    sheet.merge_cells("A1:F1")
    sheet.append([header.lower() for header in ALL_HEADERS])
    row = valid_row(dong_son.code)
    sheet.append([row.get(header) for header in ALL_HEADERS])

    checked = doit.post(UPLOAD, {"file": upload_book(book)})

    assert problems(checked) == []
    page = checked.content.decode()
    assert "Dữ liệu" in page and "Dòng tiêu đề là dòng 2" in page
    doit.post(CONFIRM, {"token": checked.context["token"]})
    assert Facility.objects.get().tax_code == "2800999001"


def test_a_sheet_without_the_header_is_explained(doit):
    book = Workbook()
    book.active.append(["Ghi chú"])

    response = doit.post(UPLOAD, {"file": upload_book(book)})

    assert "Không tìm thấy dòng tiêu đề" in response.content.decode()


def test_one_stray_cell_at_a100000_gives_a_short_error_before_the_sheet_is_read(
    doit, dong_son, monkeypatch
):
    from facilities.imports.parse import reading

    def never(*args, **kwargs):
        raise AssertionError("the sheet was read")

    book, sheet = sheet_with([valid_row(dong_son.code)])
    sheet["A100000"] = "x"
    upload = upload_book(book)
    assert upload.size < 10_000
    monkeypatch.setattr(reading.CalamineWorkbook, "from_filelike", never)

    response = doit.post(UPLOAD, {"file": upload})

    page = response.content.decode()
    assert len(page) < 30_000
    assert "A100000" in page
    assert "xóa các ô thừa" in page


def test_a_sheet_beyond_the_row_limit_is_refused_before_it_is_read(doit, dong_son, monkeypatch):
    from facilities.imports.parse import xlsx_scan

    monkeypatch.setattr(xlsx_scan, "MAX_DATA_ROWS", 3)
    rows = [valid_row(dong_son.code) | {"Mã số thuế": f"280099900{i}"} for i in range(20)]

    response = doit.post(UPLOAD, {"file": xlsx_file(rows)})

    assert "có dữ liệu quá 3 dòng" in response.content.decode()


def test_the_template_lists_only_todays_units_where_they_are_loaded(
    doit, dong_son, thanh_hoa_today
):
    commune(thanh_hoa_today, "15910", "Xã Đông Sơn")

    response = doit.get(reverse("facilities:import_template"))

    codes = [row[0] for row in load_workbook(io.BytesIO(response.content))["Danh mục"].values]
    assert "15910" in codes
    assert dong_son.code not in codes
