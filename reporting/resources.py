"""Spreadsheets of unit reports and of the consolidation (.xlsx).

openpyxl is used directly rather than django-import-export: a report workbook is one
report spread over several sheets — a fixed list of figures ("Chỉ tiêu", one row per
figure, the registry's value beside the reported one), a free list of activities
("Hoạt động"), key/value facts ("Thông tin") — and import-export's one-model-per-sheet
resources fit none of them without fighting its row model. The same workbook is the
template a unit fills in and the export of any report, so what a unit downloads it can
upload again.

Import is two steps: `report_import_parse` reads everything and lists every problem
(sheet, row, column, Vietnamese message) without writing; the service then applies the
parsed content all at once.
"""

from __future__ import annotations

import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from strategies.models import FundingSource
from sxsh_portal.forms import TextError, clean_text
from sxsh_portal.numbers import NumberError, parse_number
from sxsh_portal.spreadsheets import append_row

from .consolidation import Consolidation
from .figures import Figure
from .models import Activity, UnitReport, UnitReportValue
from .rules import activity_year_message, figure_errors
from .selectors import report_values

SHEET_INFO = "Thông tin"
SHEET_VALUES = "Chỉ tiêu"
SHEET_ACTIVITIES = "Hoạt động"
SHEET_PROGRESS = "Nhiệm vụ"

INFO_REPORT_ID = "Mã báo cáo"
INFO_DIFFICULTIES = "Khó khăn, vướng mắc"
INFO_PROPOSALS = "Đề xuất, kiến nghị"

VALUE_HEADERS = ["Mã số liệu", "Số liệu", "Giá trị tính từ CSDL cơ sở sản xuất", "Giá trị báo cáo"]
ACTIVITY_HEADERS = [
    "Loại hoạt động",
    "Ngày (dd/mm/yyyy)",
    "Tên hoạt động",
    "Số người tham dự",
    "Số doanh nghiệp tham gia",
    "Kinh phí (đồng)",
    "Nguồn kinh phí",
]
# The largest value of the activity's number columns (PositiveInteger, PositiveBigInteger).
ACTIVITY_LIMITS = {3: 2147483647, 4: 2147483647, 5: 9223372036854775807}
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 2000

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBDD")


class ImportFileError(Exception):
    """The upload is not a workbook of this report at all."""


def _normalise(text) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text or "").split())).casefold()


def _header(sheet, headers: list[str], widths: list[int]) -> None:
    append_row(sheet, headers)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- writing


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
    _header(values, VALUE_HEADERS, [22, 70, 22, 18])
    for value in report_values(report):
        append_row(
            values,
            [
                value.figure,
                str(Figure(value.figure).label),
                _number(value.computed_value),
                _number(value.reported_value),
            ],
        )

    activities = workbook.create_sheet(SHEET_ACTIVITIES)
    _header(activities, ACTIVITY_HEADERS, [20, 16, 60, 16, 18, 18, 36])
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
    _header(progress, ["Nhiệm vụ được giao", "Tình hình", "Kết quả thực hiện"], [70, 18, 60])
    for item in report.progress.all():
        append_row(progress, [item.duty_label, str(item.get_status_display()), item.done_text])
    return _save(workbook)


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
                _number(row.numerator),
                _number(row.denominator),
                _number(row.actual),
                _number(row.registry_actual),
                row.target_label,
                row.target_year,
                _number(row.shown_expected),
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
                _number(gap.reported),
                _number(gap.computed),
                _number(gap.difference_percent),
            ],
        )
    return _save(workbook)


# ---------------------------------------------------------------------------- reading


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class ActivityRow:
    kind: str
    date: datetime.date
    title: str
    participants: int
    enterprises_reached: int
    cost_vnd: int
    funding_source: str


@dataclass
class ReportImport:
    values: dict[str, Decimal | None] = field(default_factory=dict)
    activities: list[ActivityRow] = field(default_factory=list)
    difficulties: str | None = None
    proposals: str | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _decimal(value, *, label=None, **bounds) -> Decimal:
    """A number from a cell, by the portal's one parser (sxsh_portal.numbers)."""
    number = parse_number(value, label=label, **bounds)
    if number is None:
        raise NumberError(_("Không được để trống."))
    return number


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _choice(value, choices) -> str | None:
    wanted = _normalise(value)
    for code, label in choices:
        if wanted in (_normalise(code), _normalise(label), _normalise(str(label).replace(",", ""))):
            return code
    return None


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


def _read_info(sheet, report: UnitReport, result: ReportImport) -> None:
    for index, row in enumerate(sheet.iter_rows(min_row=1, max_col=2, values_only=True), 1):
        key, value = (_normalise(row[0]) if row else ""), (row[1] if len(row) > 1 else None)
        if key == _normalise(INFO_REPORT_ID):
            try:
                same = int(_decimal(value, integer=True, max_digits=None)) == report.pk
            except (NumberError, TypeError):
                same = False
            if not same:
                result.errors.append(
                    RowError(
                        SHEET_INFO,
                        index,
                        "B",
                        _("Tệp này là mẫu của một báo cáo khác; hãy tải mẫu của báo cáo này."),
                    )
                )
        elif key in (_normalise(INFO_DIFFICULTIES), _normalise(INFO_PROPOSALS)):
            try:
                text = clean_text(value, multiline=True)
            except TextError as error:
                result.errors.append(RowError(SHEET_INFO, index, "B", str(error)))
                continue
            if key == _normalise(INFO_DIFFICULTIES):
                result.difficulties = text
            else:
                result.proposals = text


def _read_values(sheet, result: ReportImport) -> None:
    rows_of: dict[str, int] = {}
    for index, row in enumerate(sheet.iter_rows(min_row=2, max_col=4), 2):
        row = tuple(row) + (None,) * (4 - len(row))
        code = _cell_value(row[0])
        reported = _cell_value(row[3])
        if _blank(code) and _blank(reported):
            continue
        figure = _choice(code, Figure.choices)
        if figure is None:
            result.errors.append(
                RowError(
                    SHEET_VALUES,
                    index,
                    "A",
                    _("Mã số liệu “%(code)s” không có trong mẫu báo cáo.") % {"code": code},
                )
            )
            continue
        if figure in rows_of:
            result.errors.append(
                RowError(
                    SHEET_VALUES,
                    index,
                    "A",
                    _("Số liệu này đã có ở dòng %(row)s.") % {"row": rows_of[figure]},
                )
            )
            continue
        rows_of[figure] = index
        if _blank(reported):
            result.values[figure] = None
            continue
        is_percent = figure == Figure.SAVING_PERCENT
        try:
            result.values[figure] = _decimal(
                reported,
                label=Figure(figure).label,
                percent=is_percent,
                percent_cell=is_percent and _is_percent_cell(row[3]),
                max_digits=UnitReportValue.MAX_DIGITS,
                decimal_places=UnitReportValue.DECIMAL_PLACES,
            )
        except NumberError as error:
            result.errors.append(RowError(SHEET_VALUES, index, "D", str(error)))
    for figure, message in figure_errors(result.values).items():
        result.errors.append(RowError(SHEET_VALUES, rows_of[figure], "D", message))


def _cell_value(cell):
    return getattr(cell, "value", cell)


def _is_percent_cell(cell) -> bool:
    """Excel stores 10% as 0.1 in a cell formatted as a percentage."""
    return "%" in str(getattr(cell, "number_format", "") or "")


def _whole(value, *, column: str, label: str, index: int, result: ReportImport, limit: int) -> int:
    if _blank(value):
        return 0
    try:
        return int(_decimal(value, label=label, integer=True, max_digits=None, max_value=limit))
    except NumberError as error:
        result.errors.append(RowError(SHEET_ACTIVITIES, index, column, str(error)))
        return 0


def _read_activities(sheet, result: ReportImport, *, year: int | None = None) -> None:
    for index, row in enumerate(sheet.iter_rows(min_row=2, max_col=7, values_only=True), 2):
        row = tuple(row) + (None,) * (7 - len(row))
        if all(_blank(cell) for cell in row):
            continue
        errors_before = len(result.errors)
        kind = _choice(row[0], Activity.Kind.choices)
        if kind is None:
            result.errors.append(
                RowError(
                    SHEET_ACTIVITIES,
                    index,
                    "A",
                    _("Loại hoạt động phải là: %(choices)s.")
                    % {"choices": ", ".join(str(label) for _code, label in Activity.Kind.choices)},
                )
            )
        try:
            day = _date(row[1])
        except (ValueError, TypeError):
            day = None
            result.errors.append(
                RowError(SHEET_ACTIVITIES, index, "B", _("Ngày phải có dạng dd/mm/yyyy."))
            )
        if day is not None and year is not None and day.year != year:
            result.errors.append(
                RowError(SHEET_ACTIVITIES, index, "B", activity_year_message(year))
            )
        try:
            title = "" if _blank(row[2]) else clean_text(row[2])
        except TextError as error:
            title = None
            result.errors.append(RowError(SHEET_ACTIVITIES, index, "C", str(error)))
        if title is None:
            pass
        elif not title:
            result.errors.append(
                RowError(SHEET_ACTIVITIES, index, "C", _("Phải ghi tên hoạt động."))
            )
        elif len(title) > 300:
            result.errors.append(
                RowError(SHEET_ACTIVITIES, index, "C", _("Tên hoạt động dài quá 300 ký tự."))
            )
        numbers = [
            _whole(
                row[position],
                column=column,
                label=ACTIVITY_HEADERS[position],
                index=index,
                result=result,
                limit=ACTIVITY_LIMITS[position],
            )
            for position, column in ((3, "D"), (4, "E"), (5, "F"))
        ]
        funding = _choice(row[6], FundingSource.Kind.choices)
        if funding is None:
            result.errors.append(
                RowError(
                    SHEET_ACTIVITIES,
                    index,
                    "G",
                    _("Nguồn kinh phí phải là: %(choices)s.")
                    % {
                        "choices": "; ".join(
                            str(label) for _code, label in FundingSource.Kind.choices
                        )
                    },
                )
            )
        if len(result.errors) == errors_before:
            result.activities.append(ActivityRow(kind, day, title, *numbers, funding))


def report_import_parse(content: bytes, *, report: UnitReport) -> ReportImport:
    """Read a filled-in report workbook; every problem is listed, nothing is written."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(_("Tệp không phải là bảng tính .xlsx hợp lệ.")) from exc
    missing = [name for name in (SHEET_VALUES, SHEET_ACTIVITIES) if name not in workbook.sheetnames]
    if missing:
        raise ImportFileError(
            _("Tệp thiếu trang “%(sheets)s”; hãy dùng mẫu tải từ cổng thông tin.")
            % {"sheets": "”, “".join(missing)}
        )
    result = ReportImport()
    if SHEET_INFO in workbook.sheetnames:
        _read_info(workbook[SHEET_INFO], report, result)
    _read_values(workbook[SHEET_VALUES], result)
    _read_activities(workbook[SHEET_ACTIVITIES], result, year=report.reporting_year.year)
    workbook.close()
    return result


def export_filename(report: UnitReport) -> str:
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"bao-cao-sxsh-{report.reporting_year.year}-{report.pk}-{stamp}.xlsx"
