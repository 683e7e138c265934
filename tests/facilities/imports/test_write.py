"""The set-based import: slices checked (and, on PostgreSQL, written) one after another,
updates of registered facilities and their years, history records, and failures."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from facilities.imports import check
from facilities.imports.parse import dataset_from_upload
from facilities.models import Facility, FacilityYearStatus
from tests.facilities.factories import FacilityFactory, YearStatusFactory
from tests.facilities.imports.test_import import csv_file, valid_row, xlsx_file

UPLOAD = reverse("facilities:import_upload")
CONFIRM = reverse("facilities:import_confirm")


@pytest.fixture
def doit(client_as, province_user, sectors, dong_son, hoang_hoa):
    return client_as(province_user)


@pytest.fixture
def small_slices(monkeypatch):
    """Slices of 5 rows (the first one of 1): a few rows cross several slices."""
    monkeypatch.setattr(check, "SLICE_ROWS", 5)


def rows_for(unit_code, count, **values):
    return [
        {**valid_row(unit_code), "Mã số thuế": f"28009{i:05d}", "Tên cơ sở": f"Cơ sở {i}", **values}
        for i in range(count)
    ]


def check_and_confirm(client, upload):
    # The DOIT allows updates of verified facilities (FacilityFactory makes them verified).
    checked = client.post(UPLOAD, {"file": upload, "allow_verified": "on"})
    assert checked.context["report"].problems == []
    return client.post(CONFIRM, {"token": checked.context["token"]})


def test_rows_of_many_slices_are_all_written_with_their_history(
    doit, small_slices, dong_son, province_user
):
    rows = rows_for(dong_son.code, 12)
    # The first facility again in a later slice, with another year: one facility, both years.
    rows.append({**rows[0], "Năm": 2020})

    confirmed = check_and_confirm(doit, xlsx_file(rows))

    assert confirmed.status_code == 302
    assert Facility.objects.count() == 12
    first = Facility.objects.get(tax_code="2800900000")
    assert first.name == "Cơ sở 0"
    assert sorted(first.year_statuses.values_list("year", flat=True)) == [2019, 2020]
    assert FacilityYearStatus.objects.count() == 13
    for facility in Facility.objects.all():
        record = facility.history.get()
        assert (record.history_type, record.history_user) == ("+", province_user)
        assert facility.verified_history_id == record.history_id
    assert FacilityYearStatus.history.filter(history_type="+").count() == 13


def test_rows_written_before_an_invalid_row_is_found_are_undone(
    doit, small_slices, dong_son, other_province_user, vi_xuyen, sectors
):
    rows = rows_for(dong_son.code, 12)
    checked = doit.post(UPLOAD, {"file": xlsx_file(rows)})
    assert checked.context["report"].problems == []
    # Before the confirmation, the last row's tax code is registered in Hà Giang: the
    # rows of the slices before it have been written by then.
    FacilityFactory(tax_code=rows[-1]["Mã số thuế"], admin_unit=vi_xuyen)

    response = doit.post(CONFIRM, {"token": checked.context["token"]})

    assert "chưa nhập dòng nào" in response.content.decode()
    assert response.context["report"].problems == [
        {
            "line": 13,
            "column": "Mã số thuế",
            "message": "Mã số thuế này thuộc một cơ sở ngoài phạm vi quản lý của bạn.",
        }
    ]
    assert list(Facility.objects.values_list("tax_code", flat=True)) == [rows[-1]["Mã số thuế"]]
    assert not FacilityYearStatus.objects.exists()
    assert not FacilityYearStatus.history.exists()


def test_a_write_that_fails_is_reported_and_nothing_is_written(doit, monkeypatch, dong_son):
    rows = rows_for(dong_son.code, 3)
    checked = doit.post(UPLOAD, {"file": xlsx_file(rows)})
    # Another registration takes the second tax code after the check, unseen by the
    # import: the database refuses the duplicate.
    FacilityFactory(tax_code=rows[1]["Mã số thuế"], admin_unit=dong_son)
    monkeypatch.setattr(check.BulkImport, "_prefetch_existing", no_facility_registered)

    response = doit.post(CONFIRM, {"token": checked.context["token"]})

    assert "chưa nhập dòng nào" in response.content.decode()
    [problem] = response.context["report"].problems
    assert problem["message"].startswith("Lỗi khi ghi dữ liệu")
    assert Facility.objects.count() == 1
    assert not FacilityYearStatus.objects.exists()


def no_facility_registered(importer, tax_codes):
    importer.existing = {}


def test_reimporting_a_verified_facility_records_its_verified_state_once(doit, dong_son):
    facility = FacilityFactory(tax_code="2800999001", admin_unit=dong_son)
    assert facility.verified_history_id is None

    check_and_confirm(doit, xlsx_file([valid_row(dong_son.code)]))

    facility.refresh_from_db()
    latest = facility.history.order_by("-history_id").first()
    assert latest.history_type == "~"
    assert latest.name == "Công ty CP Gạch Tuynel Đông Sơn"
    assert facility.verified_history_id == latest.history_id

    check_and_confirm(doit, xlsx_file([valid_row(dong_son.code)]))

    facility.refresh_from_db()
    assert facility.verified_history_id == latest.history_id  # not moved by a second import
    assert facility.history.count() == 3


def test_a_registered_facilitys_year_is_replaced_and_a_new_year_added(doit, dong_son):
    facility = FacilityFactory(tax_code="2800999001", admin_unit=dong_son)
    YearStatusFactory(facility=facility, year=2019, is_applying=True, trained_staff_count=9)
    rows = [
        valid_row(dong_son.code) | {"Áp dụng SXSH": "Không"},
        valid_row(dong_son.code) | {"Năm": 2020},
    ]

    check_and_confirm(doit, xlsx_file(rows))

    statuses = {s.year: s for s in facility.year_statuses.all()}
    assert statuses[2019].is_applying is False
    assert statuses[2019].trained_staff_count == 2
    assert statuses[2020].is_applying is True
    assert statuses[2020].size_class == "medium"
    kinds = {
        (record.year, record.history_type)
        for record in FacilityYearStatus.history.filter(facility_id=facility.pk)
    }
    assert kinds == {(2019, "+"), (2019, "~"), (2020, "+")}


def test_a_status_column_left_out_of_the_file_keeps_its_value(doit, dong_son):
    facility = FacilityFactory(tax_code="2800999001", admin_unit=dong_son)
    YearStatusFactory(facility=facility, year=2019, energy_saving_percent=12)
    row = valid_row(dong_son.code)
    headers = [header for header in row if header != "Tiết kiệm năng lượng (%)"]

    check_and_confirm(doit, workbook(headers, [[row[h] for h in headers]]))

    status = facility.year_statuses.get()
    assert status.energy_saving_percent == 12
    assert status.trained_staff_count == 2


def test_a_table_that_starts_in_column_b_is_read(doit, dong_son):
    row = valid_row(dong_son.code)

    check_and_confirm(doit, workbook(list(row), [list(row.values())], first_column=2))

    assert Facility.objects.get().tax_code == "2800999001"


def test_the_dry_run_of_many_slices_lists_the_errors_of_every_slice(doit, small_slices, dong_son):
    rows = rows_for(dong_son.code, 12)
    rows[0]["Quy mô"] = "Siêu lớn"
    rows[7]["Năm"] = 1990
    rows[11]["Mã đơn vị hành chính"] = "999"

    response = doit.post(UPLOAD, {"file": csv_file(rows)})

    found = [(p["line"], p["column"]) for p in response.context["report"].problems]
    assert found == [(2, "Quy mô"), (9, "Năm"), (13, "Mã đơn vị hành chính")]
    assert not Facility.objects.exists()


def test_an_uploaded_sheet_is_an_ordinary_dataset(dong_son):
    dataset = dataset_from_upload(xlsx_file([valid_row(dong_son.code)]).read(), "co-so.xlsx")

    assert len(dataset) == 1
    assert dataset.dict[0]["Mã số thuế"] == "2800999001"
    assert dataset[0][0] == "2800999001"


def workbook(headers, rows, *, first_column=1):
    book = Workbook()
    sheet = book.active
    for number, values in enumerate([headers, *rows], 1):
        for column, value in enumerate(values, first_column):
            sheet.cell(number, column, value)
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile("co-so.xlsx", output.getvalue())
