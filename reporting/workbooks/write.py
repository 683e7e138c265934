"""Writing the workbooks: a report (also the template a unit fills in) and the consolidation."""

from __future__ import annotations

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

from strategies.models import FundingSource
from sxsh_portal.spreadsheets import append_row

from ..consolidation import Consolidation
from ..figures import Figure
from ..models import Activity, UnitReport
from ..selectors import report_values
from .layout import (
    ACTIVITY_HEADERS,
    HEADER_FONT,
    INFO_DIFFICULTIES,
    INFO_PROPOSALS,
    INFO_REPORT_ID,
    MAX_ROWS,
    SHEET_ACTIVITIES,
    SHEET_INFO,
    SHEET_PROGRESS,
    SHEET_VALUES,
    VALUE_HEADERS,
    cell_number,
    header_write,
    workbook_bytes,
)


def report_workbook(report: UnitReport) -> bytes:
    """The report as a workbook: the template to fill in, and the export."""
    workbook = Workbook()
    info = workbook.active
    info.title = SHEET_INFO
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 80
    rows = [
        (INFO_REPORT_ID, report.pk),
        ("Đơn vị báo cáo", report.agency.name),
        ("Kế hoạch", report.reporting_year.plan.title),
        ("Năm báo cáo", report.reporting_year.year),
        ("Hạn gửi", report.due_date.strftime("%d/%m/%Y")),
        ("Trạng thái", str(report.get_state_display())),
        (INFO_DIFFICULTIES, report.difficulties),
        (INFO_PROPOSALS, report.proposals),
    ]
    for key, value in rows:
        append_row(info, [key, value])
        info.cell(row=info.max_row, column=1).font = HEADER_FONT
        info.cell(row=info.max_row, column=2).alignment = Alignment(wrap_text=True)

    values = workbook.create_sheet(SHEET_VALUES)
    header_write(values, VALUE_HEADERS, [22, 70, 22, 18])
    for value in report_values(report):
        append_row(
            values,
            [
                value.figure,
                str(Figure(value.figure).label),
                cell_number(value.computed_value),
                cell_number(value.reported_value),
            ],
        )

    activities = workbook.create_sheet(SHEET_ACTIVITIES)
    header_write(activities, ACTIVITY_HEADERS, [20, 16, 60, 16, 18, 18, 36])
    for activity in report.activities.all():
        append_row(
            activities,
            [
                str(activity.get_kind_display()),
                activity.date.strftime("%d/%m/%Y"),
                activity.title,
                activity.participants,
                activity.enterprises_reached,
                activity.cost_vnd,
                str(activity.get_funding_source_display()),
            ],
        )
    kinds = DataValidation(
        type="list", formula1='"' + ",".join(str(k.label) for k in Activity.Kind) + '"'
    )
    funding = DataValidation(
        type="list",
        formula1='"' + ",".join(str(k.label).replace(",", "") for k in FundingSource.Kind) + '"',
    )
    activities.add_data_validation(kinds)
    activities.add_data_validation(funding)
    kinds.add(f"A2:A{MAX_ROWS}")
    funding.add(f"G2:G{MAX_ROWS}")

    progress = workbook.create_sheet(SHEET_PROGRESS)
    header_write(progress, ["Nhiệm vụ được giao", "Tình hình", "Kết quả thực hiện"], [70, 18, 60])
    for item in report.progress.all():
        append_row(progress, [item.duty_label, str(item.get_status_display()), item.done_text])
    return workbook_bytes(workbook)


def consolidation_workbook(consolidation: Consolidation) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp"
    append_row(sheet, [f"Báo cáo tổng hợp năm {consolidation.year} — {consolidation.province}"])
    append_row(sheet, [consolidation.plan_title])
    append_row(sheet, [])
    headers = [
        "Chỉ tiêu",
        "Tổng tử số",
        "Tổng mẫu số",
        "Kết quả",
        "Theo CSDL cơ sở sản xuất",
        "Mục tiêu kế hoạch",
        "Năm mục tiêu",
        "Lộ trình năm báo cáo",
        "Mục tiêu quốc gia",
        "Đánh giá",
    ]
    append_row(sheet, headers)
    for column in range(1, len(headers) + 1):
        sheet.cell(row=4, column=column).font = HEADER_FONT
    for row in consolidation.indicators:
        append_row(
            sheet,
            [
                row.name,
                cell_number(row.numerator),
                cell_number(row.denominator),
                cell_number(row.actual),
                cell_number(row.registry_actual),
                row.target_label,
                row.target_year,
                cell_number(row.shown_expected),
                row.national_target_label,
                row.status_label,
            ],
        )
    sheet.column_dimensions["A"].width = 70

    units = workbook.create_sheet("Đơn vị")
    append_row(units, ["Đơn vị", "Trạng thái", "Hạn gửi", "Ngày gửi", "Số ngày trễ", "Đúng hạn"])
    for unit in consolidation.units:
        append_row(
            units,
            [
                unit.agency,
                unit.state_label,
                unit.due_date.strftime("%d/%m/%Y"),
                unit.submitted_on.strftime("%d/%m/%Y") if unit.submitted_on else "",
                unit.days_late,
                unit.timeliness_label,
            ],
        )
    units.column_dimensions["A"].width = 40

    gaps = workbook.create_sheet("Chênh lệch")
    append_row(gaps, ["Đơn vị", "Số liệu", "Báo cáo", "Theo CSDL", "Chênh lệch (%)"])
    for gap in consolidation.discrepancies:
        append_row(
            gaps,
            [
                gap.agency,
                gap.label,
                cell_number(gap.reported),
                cell_number(gap.computed),
                cell_number(gap.difference_percent),
            ],
        )
    return workbook_bytes(workbook)


def export_filename(report: UnitReport) -> str:
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"bao-cao-sxsh-{report.reporting_year.year}-{report.pk}-{stamp}.xlsx"
