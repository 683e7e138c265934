"""A unit fills its report from the .xlsx template: dry run with row-level Vietnamese
errors, then all at once; every report exports to .xlsx."""

import datetime
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reporting.figures import Figure


def _template(client, report):
    response = client.get(reverse("reporting:report_export", args=[report.pk]))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def _upload(client, report, workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return client.post(
        reverse("reporting:report_import", args=[report.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", buffer.getvalue())},
    )


def _row_of(sheet, code):
    return next(row for row in sheet.iter_rows(min_row=2) if row[0].value == code)


def test_the_template_carries_the_registry_values_and_vietnamese_headers(
    login_as, unit_user, dong_son_facilities, dong_son_report
):
    workbook = _template(login_as(unit_user), dong_son_report)

    values = workbook["Chỉ tiêu"]
    assert [cell.value for cell in values[1]] == [
        "Mã số liệu",
        "Số liệu",
        "Giá trị tính từ CSDL cơ sở sản xuất",
        "Giá trị báo cáo",
    ]
    assert _row_of(values, "facilities")[2].value == 4
    assert workbook["Hoạt động"]["A1"].value == "Loại hoạt động"


def test_an_upload_with_errors_lists_each_and_writes_nothing(login_as, unit_user, dong_son_report):
    unit = login_as(unit_user)
    workbook = _template(unit, dong_son_report)
    values = workbook["Chỉ tiêu"]
    _row_of(values, "facilities")[3].value = 10
    _row_of(values, "aware")[3].value = 12  # more aware than facilities
    _row_of(values, "applying")[3].value = "nhiều"
    activities = workbook["Hoạt động"]
    activities.append(["Hội nghị", "31/02/2019", "", 10, -1, 0, "Ngân sách tỉnh"])

    response = _upload(unit, dong_son_report, workbook)

    errors = {(e.sheet, e.row, e.column): e.message for e in response.context["parsed"].errors}
    aware_row = _row_of(values, "aware")[0].row
    applying_row = _row_of(values, "applying")[0].row
    assert (
        errors[("Chỉ tiêu", applying_row, "D")] == "“Số cơ sở áp dụng SXSH”: không phải là một số."
    )
    assert errors[("Chỉ tiêu", aware_row, "D")].startswith("Không được lớn hơn")
    assert errors[("Hoạt động", 2, "A")].startswith("Loại hoạt động phải là")
    assert errors[("Hoạt động", 2, "B")] == "Ngày phải có dạng dd/mm/yyyy."
    assert errors[("Hoạt động", 2, "C")] == "Phải ghi tên hoạt động."
    assert ("Hoạt động", 2, "E") in errors
    assert "Tệp có 6 lỗi" in response.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.values.get(figure=Figure.FACILITIES).reported_value is None


def test_a_clean_upload_is_applied_after_confirmation(login_as, unit_user, dong_son_report):
    unit = login_as(unit_user)
    workbook = _template(unit, dong_son_report)
    _row_of(workbook["Chỉ tiêu"], "facilities")[3].value = 25
    _row_of(workbook["Chỉ tiêu"], "officers")[3].value = "3"
    workbook["Hoạt động"].append(
        ["Đào tạo, tập huấn", "12/06/2019", "Tập huấn SXSH", 40, 12, "30.000.000", "Ngân sách tỉnh"]
    )
    workbook["Thông tin"]["B7"] = "Thiếu cán bộ chuyên trách."

    dry_run = _upload(unit, dong_son_report, workbook)
    dong_son_report.refresh_from_db()
    assert dong_son_report.activities.count() == 0  # nothing written yet
    response = unit.post(
        reverse("reporting:report_import_confirm", args=[dong_son_report.pk]),
        {"token": dry_run.context["token"]},
    )

    assert response.status_code == 302
    dong_son_report.refresh_from_db()
    assert dong_son_report.values.get(figure=Figure.FACILITIES).reported_value == 25
    assert dong_son_report.values.get(figure=Figure.OFFICERS).reported_value == 3
    activity = dong_son_report.activities.get()
    assert (activity.kind, activity.date, activity.cost_vnd) == (
        "training",
        datetime.date(2019, 6, 12),
        30_000_000,
    )
    assert activity.funding_source == "provincial_budget"
    assert dong_son_report.difficulties == "Thiếu cán bộ chuyên trách."


def test_a_confirmation_after_the_report_changed_is_refused(login_as, unit_user, dong_son_report):
    from reporting import services

    unit = login_as(unit_user)
    workbook = _template(unit, dong_son_report)
    _row_of(workbook["Chỉ tiêu"], "facilities")[3].value = 25
    dry_run = _upload(unit, dong_son_report, workbook)
    services.unit_report_save(
        report=dong_son_report,
        actor=unit_user,
        expected_version=dong_son_report.version,
        reported_values={"facilities": 7},
        difficulties="",
        proposals="",
    )

    unit.post(
        reverse("reporting:report_import_confirm", args=[dong_son_report.pk]),
        {"token": dry_run.context["token"]},
    )

    assert dong_son_report.values.get(figure=Figure.FACILITIES).reported_value == 7


def test_the_workbook_of_another_report_is_refused(
    login_as, unit_user, province_user, dong_son_report, plan
):
    from reporting import services

    other_year = services.reporting_year_open(plan=plan, year=2020, actor=province_user)
    other = other_year.unit_reports.get(agency=dong_son_report.agency)
    unit = login_as(unit_user)
    workbook = _template(unit, other)

    response = _upload(unit, dong_son_report, workbook)

    messages = [error.message for error in response.context["parsed"].errors]
    assert messages == ["Tệp này là mẫu của một báo cáo khác; hãy tải mẫu của báo cáo này."]


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(
    login_as, unit_user, dong_son_report
):
    response = login_as(unit_user).post(
        reverse("reporting:report_import", args=[dong_son_report.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", b"khong phai excel")},
    )

    assert "Tệp không phải là bảng tính .xlsx hợp lệ." in response.content.decode()


def test_the_ministry_exports_any_report(login_as, ministry_user, dong_son_report):
    workbook = _template(login_as(ministry_user), dong_son_report)

    assert workbook["Thông tin"]["B2"].value == "UBND huyện Đông Sơn"
