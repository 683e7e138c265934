"""A dashboard's tables as sheets: the .xlsx export writes them to a workbook, the PDF
prints them on A4. Both read the dashboard object the page shows (selectors/pages.py)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from facilities.selectors import Savings, Showcase
from sxsh_portal.spreadsheets import append_row

from .selectors import NationalDashboard, ProvinceDashboard, PublicDashboard, UnitDashboard

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBDD")
INVALID_SHEET_CHARACTERS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""

    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """(text, is_number) per cell, Vietnamese style, for the PDF."""
        years = {index for index, header in enumerate(self.headers) if header == _("Năm")}
        return [
            [_display(cell, plain=index in years) for index, cell in enumerate(row)]
            for row in self.rows
        ]


def _display(cell, *, plain: bool) -> tuple[str, bool]:
    if cell is None or cell == "":
        return "—", False
    if isinstance(cell, datetime.date):
        return cell.strftime("%d/%m/%Y"), False
    if isinstance(cell, bool) or not isinstance(cell, int | Decimal):
        return str(cell), False
    if plain:
        return str(cell), True
    value = cell.normalize() if isinstance(cell, Decimal) else cell
    return number_format(value, force_grouping=True), True


def workbook(sheets: list[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title.translate(INVALID_SHEET_CHARACTERS)[:31])
        append_row(ws, sheet.headers)
        for index in range(1, len(sheet.headers) + 1):
            cell = ws.cell(row=1, column=index)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(index)].width = 40 if index == 1 else 16
        for row in sheet.rows:
            append_row(ws, [float(v) if isinstance(v, Decimal) else v for v in row])
        if sheet.note:
            append_row(ws, [])
            append_row(ws, [sheet.note])
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _indicator_sheet(title, rows, national=None) -> Sheet:
    sheet = Sheet(
        title,
        [
            _("Tỉnh, thành phố"),
            _("Tình trạng báo cáo tổng hợp"),
            _("Tử số"),
            _("Mẫu số"),
            _("Kết quả"),
            _("Mục tiêu của tỉnh"),
            _("Lộ trình năm báo cáo"),
            _("Đánh giá"),
            _("Mục tiêu quốc gia"),
            _("Lộ trình quốc gia"),
            _("Đánh giá so với quốc gia"),
        ],
    )
    for row in [*rows, *([national] if national else [])]:
        sheet.rows.append(
            [
                row.province_name,
                row.send_state_label,
                row.numerator,
                row.denominator,
                row.actual,
                f"{row.target_label} ({row.target_year})" if row.target_label else "",
                row.expected,
                row.status_label,
                row.national_target_label,
                row.national_expected,
                row.national_status_label,
            ]
        )
    return sheet


def _trend_sheet(title, trend) -> Sheet:
    return Sheet(
        title,
        [_("Năm"), _("Kết quả"), _("Lộ trình"), _("Mục tiêu"), _("Đánh giá"), _("Số tỉnh")],
        [
            [r.year, r.actual, r.expected, r.target_label, r.status_label, r.provinces]
            for r in trend
        ],
    )


def _health_sheets(rows, years) -> list[Sheet]:
    by_year = Sheet(
        _("Báo cáo theo năm"),
        [
            _("Năm"),
            _("Số tỉnh"),
            _("Phải gửi"),
            _("Đã nhận"),
            _("Đúng hạn"),
            _("Trễ hạn"),
            _("Bị trả lại"),
            _("Đang soạn"),
            _("Chưa bắt đầu"),
            _("Tỷ lệ đầy đủ (%)"),
            _("Tỉnh đã gửi Bộ"),
        ],
        [
            [y.year, y.provinces, y.expected, y.received, y.on_time, y.late]
            + [y.returned, y.draft, y.not_started]
            + [y.completeness_percent, y.sent]
            for y in years
        ],
    )
    by_province = Sheet(
        _("Báo cáo theo tỉnh"),
        [
            _("Tỉnh (theo kế hoạch)"),
            _("Tỉnh hiện nay"),
            _("Năm"),
            _("Phải gửi"),
            _("Đã nhận"),
            _("Đúng hạn"),
            _("Trễ hạn"),
            _("Bị trả lại"),
            _("Đang soạn"),
            _("Chưa bắt đầu"),
            _("Tỷ lệ đầy đủ (%)"),
            _("Báo cáo tổng hợp"),
        ],
        [
            [r.province_name, r.current_province_name, r.year, r.expected, r.received]
            + [r.on_time, r.late, r.returned, r.draft, r.not_started]
            + [r.completeness_percent, r.send_state_label]
            for r in rows
        ],
    )
    return [by_year, by_province]


def _savings_sheets(savings: Savings, showcase: list[Showcase] | None) -> list[Sheet]:
    sheets = [
        Sheet(
            _("Tiết kiệm"),
            [
                _("Ngành"),
                _("Năm"),
                _("Số giải pháp"),
                _("Số cơ sở"),
                _("Chi phí đầu tư (đồng)"),
                _("Giá trị tiết kiệm hằng năm (đồng)"),
                _("Năng lượng tiết kiệm"),
                _("Nguyên, nhiên, vật liệu tiết kiệm"),
            ],
            [
                [r.sector, r.year, r.measures, r.facilities, r.investment_vnd, r.saving_vnd]
                + [r.energy_label, r.material_label]
                for r in savings.rows
            ],
        )
    ]
    if showcase is not None:
        sheets.append(
            Sheet(
                _("Mô hình điển hình"),
                [
                    _("Giải pháp"),
                    _("Cơ sở"),
                    _("Ngành"),
                    _("Tỉnh"),
                    _("Năm"),
                    _("Chi phí đầu tư (đồng)"),
                    _("Giá trị tiết kiệm hằng năm (đồng)"),
                    _("Thời gian hoàn vốn (năm)"),
                ],
                [
                    [s.title, s.facility, s.sector, s.province, s.year, s.investment_vnd]
                    + [s.saving_vnd, s.payback_years]
                    for s in showcase
                ],
            )
        )
    return sheets


def _unit_sheet(title, rows) -> Sheet:
    return Sheet(
        title,
        [
            _("Đơn vị"),
            _("Năm"),
            _("Trạng thái"),
            _("Hạn gửi"),
            _("Ngày gửi"),
            _("Số ngày trễ"),
            _("Tử số"),
            _("Mẫu số"),
            _("Kết quả"),
            _("Lộ trình của tỉnh"),
            _("Đánh giá"),
        ],
        [
            [r.agency, r.year, r.state_label, r.due_date, r.submitted_on, r.days_late]
            + [r.numerator, r.denominator, r.actual, r.expected, r.status_label]
            for r in rows
        ],
    )


def _facility_sheet(facilities, total) -> Sheet:
    return Sheet(
        _("Cơ sở sản xuất"),
        [
            _("Địa bàn"),
            _("Đã đăng ký"),
            _("Đã xác minh"),
            _("Chờ xác minh"),
            _("Bị từ chối"),
            _("Thay đổi chưa xem xét"),
        ],
        [
            [f.area, f.registered, f.verified, f.pending, f.rejected, f.unverified_changes]
            for f in [*facilities, total]
        ],
    )


def _discrepancy_sheet(discrepancies) -> Sheet:
    return Sheet(
        _("Chênh lệch"),
        [_("Đơn vị"), _("Số liệu"), _("Đơn vị báo cáo"), _("Theo CSDL"), _("Chênh lệch (%)")],
        [[d.agency, d.label, d.reported, d.computed, d.difference_percent] for d in discrepancies],
    )


def national_sheets(d: NationalDashboard) -> list[Sheet]:
    sheets = [
        _indicator_sheet(_("Chỉ tiêu theo tỉnh"), d.table.rows, d.table.national),
        _trend_sheet(_("Xu hướng cả nước"), d.trend),
    ]
    if d.trend_province is not None:
        sheets.append(_trend_sheet(_("Xu hướng %s") % d.trend_province.name, d.province_trend))
    return (
        sheets
        + _health_sheets(d.health_rows, d.health_years)
        + _savings_sheets(d.savings, d.showcase)
    )


def province_sheets(d: ProvinceDashboard) -> list[Sheet]:
    sheets = []
    if d.province_row is not None:
        sheets.append(_indicator_sheet(_("Chỉ tiêu của tỉnh"), [d.province_row]))
    return [
        *sheets,
        _unit_sheet(_("Chỉ tiêu theo đơn vị"), d.unit_rows),
        _trend_sheet(_("Xu hướng"), d.trend),
        *_health_sheets(d.health_rows, d.health_years),
        _discrepancy_sheet(d.discrepancies),
        _facility_sheet(d.facilities, d.facility_total),
        *_savings_sheets(d.savings, d.showcase),
    ]


def unit_sheets(d: UnitDashboard) -> list[Sheet]:
    return [
        _unit_sheet(_("Báo cáo của đơn vị"), d.rows),
        _discrepancy_sheet(d.discrepancies),
        _facility_sheet(d.facilities, d.facility_total),
        *_savings_sheets(d.savings, None),
    ]


def public_sheets(d: PublicDashboard) -> list[Sheet]:
    figures = Sheet(
        _("Số liệu cả nước"),
        [_("Chỉ tiêu"), _("Kết quả"), _("Mục tiêu quốc gia"), _("Đánh giá"), _("Số tỉnh")],
        [[f.name, f.actual, f.target_label, f.status_label, f.provinces] for f in d.figures],
    )
    return [figures, _trend_sheet(_("Xu hướng"), d.trend), *_savings_sheets(d.savings, d.showcase)]
