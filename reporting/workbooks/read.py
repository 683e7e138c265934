"""Reading a filled-in report workbook: every problem listed (sheet, row, column, Vietnamese
message) before anything is written."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from strategies.models import FundingSource
from sxsh_portal.forms import TextError, clean_text
from sxsh_portal.numbers import NumberError, parse_number

from ..figures import Figure
from ..models import Activity, UnitReport, UnitReportValue
from ..rules import activity_year_message, figure_errors
from .layout import (
    ACTIVITY_HEADERS,
    ACTIVITY_LIMITS,
    INFO_DIFFICULTIES,
    INFO_PROPOSALS,
    INFO_REPORT_ID,
    SHEET_ACTIVITIES,
    SHEET_INFO,
    SHEET_VALUES,
    ImportFileError,
    normalised,
)


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
    wanted = normalised(value)
    for code, label in choices:
        if wanted in (normalised(code), normalised(label), normalised(str(label).replace(",", ""))):
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
        key, value = (normalised(row[0]) if row else ""), (row[1] if len(row) > 1 else None)
        if key == normalised(INFO_REPORT_ID):
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
        elif key in (normalised(INFO_DIFFICULTIES), normalised(INFO_PROPOSALS)):
            try:
                text = clean_text(value, multiline=True)
            except TextError as error:
                result.errors.append(RowError(SHEET_INFO, index, "B", str(error)))
                continue
            if key == normalised(INFO_DIFFICULTIES):
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
