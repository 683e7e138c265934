"""The reporting PDFs as pure functions: data in, PDF bytes out, nothing stored.

`render_consolidated_report_pdf` and `render_unit_report_pdf` take plain dataclasses (the
`Consolidation` of the pages and the context objects below) and return bytes; the render
task (sxsh_portal.documents, through reporting/documents.py) rebuilds those dataclasses from
the document's frozen JSON snapshot, so a retry renders the same document. Charts are SVG
drawn here in Python and embedded inline: a PDF carries no JavaScript.

WeasyPrint is imported lazily by sxsh_portal.documents.pdf.render_pdf, never at import time.
"""

from __future__ import annotations

import datetime
import textwrap
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sxsh_portal.documents.pdf import (
    DOCUMENT_LANGUAGE,
    DocumentHeader,
    dataclass_from_json,
    render_document_pdf,
)

from .consolidation import Consolidation, IndicatorRow, Progress

# ---------------------------------------------------------------------------- context objects


@dataclass
class ActivityLine:
    agency: str
    kind: str
    kind_label: str
    date: datetime.date
    title: str
    participants: int
    enterprises_reached: int
    cost_vnd: int
    funding_source: str
    funding_label: str


@dataclass
class ProgressLine:
    agency: str
    duty: str
    status: str
    status_label: str
    done_text: str = ""


@dataclass
class Remark:
    agency: str
    difficulties: str = ""
    proposals: str = ""


@dataclass
class Total:
    label: str
    count: int = 0
    participants: int = 0
    enterprises: int = 0
    cost_vnd: int = 0


@dataclass
class ReportDetails:
    """What the units wrote beyond the figures: activities, duties, difficulties."""

    activities: list[ActivityLine] = field(default_factory=list)
    progress: list[ProgressLine] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> ReportDetails:
        return cls(
            activities=[
                dataclass_from_json(ActivityLine, row) for row in data.get("activities", [])
            ],
            progress=[dataclass_from_json(ProgressLine, row) for row in data.get("progress", [])],
            remarks=[dataclass_from_json(Remark, row) for row in data.get("remarks", [])],
        )

    def _totals(self, key: str, label: str) -> list[Total]:
        groups: OrderedDict[str, Total] = OrderedDict()
        for line in self.activities:
            total = groups.setdefault(getattr(line, key), Total(label=getattr(line, label)))
            total.count += 1
            total.participants += line.participants
            total.enterprises += line.enterprises_reached
            total.cost_vnd += line.cost_vnd
        return sorted(groups.values(), key=lambda total: -total.cost_vnd)

    @property
    def totals_by_kind(self) -> list[Total]:
        return self._totals("kind", "kind_label")

    @property
    def totals_by_funding(self) -> list[Total]:
        return self._totals("funding_source", "funding_label")

    @property
    def grand_total(self) -> Total:
        total = Total(label=_("Tổng cộng"))
        for line in self.activities:
            total.count += 1
            total.participants += line.participants
            total.enterprises += line.enterprises_reached
            total.cost_vnd += line.cost_vnd
        return total

    @property
    def progress_by_agency(self) -> list[tuple[str, list[ProgressLine]]]:
        groups: OrderedDict[str, list[ProgressLine]] = OrderedDict()
        for line in self.progress:
            groups.setdefault(line.agency, []).append(line)
        return list(groups.items())

    @property
    def progress_by_duty(self) -> list[tuple[str, list[ProgressLine]]]:
        """Each duty's text once, then every unit's progress on it: a task the plan gives
        every district is written once, not once per district."""
        groups: OrderedDict[str, list[ProgressLine]] = OrderedDict()
        for line in self.progress:
            groups.setdefault(" ".join(line.duty.split()), []).append(line)
        return list(groups.items())

    @property
    def remarks_given(self) -> list[Remark]:
        return [remark for remark in self.remarks if remark.difficulties or remark.proposals]


@dataclass
class FigureLine:
    label: str
    reported: Decimal | None = None
    computed: Decimal | None = None


@dataclass
class UnitReportData:
    agency: str
    province: str
    year: int
    plan_title: str
    state_label: str
    due_date: datetime.date
    submitted_on: datetime.date | None = None
    figures: list[FigureLine] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> UnitReportData:
        report = dataclass_from_json(
            cls, {key: value for key, value in data.items() if key != "figures"}
        )
        report.figures = [dataclass_from_json(FigureLine, row) for row in data.get("figures", [])]
        return report


# ---------------------------------------------------------------------------- SVG charts

STATUS_COLOURS = {
    Progress.MET: "#1b5e20",
    Progress.ON_TRACK: "#1565c0",
    Progress.AT_RISK: "#e65100",
    Progress.MISSED: "#b71c1c",
    Progress.NOT_YET_MET: "#6d4c41",
    Progress.NO_TARGET: "#546e7a",
    Progress.NO_DATA: "#9e9e9e",
}
CHART_WIDTH = 640
BAR_LEFT = 8
BAR_WIDTH = 470
LABEL_CHARS = 88
FONT = "Liberation Serif"
TICKS = 5


@dataclass
class ChartRow:
    label: str
    value: Decimal | None
    target: Decimal | None
    expected: Decimal | None
    status: str
    suffix: str = ""
    scale: Decimal = Decimal(100)
    # "8–13%" for a range: the bar's mark stands at its lower end.
    target_label: str = ""


def number(value, places: int = 2) -> str:
    """1.234,5 — Vietnamese separators, at most `places` decimals, trailing zeros dropped:
    the one way the consolidated page, its PDF tables and its charts write a figure."""
    if value is None:
        return "—"
    value = Decimal(value).quantize(Decimal(1).scaleb(-places)).normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    with translation.override(DOCUMENT_LANGUAGE):
        return formats.number_format(value, use_l10n=True, force_grouping=True)


def nice_scale(top: Decimal) -> Decimal:
    """The axis end: the smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ)
    at or above `top` (53 → 60), so five ticks fall on readable values."""
    if top <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(top))) - 1) if top >= 1 else Decimal("0.1")
    while True:
        for step in (1, Decimal("1.2"), Decimal("1.5"), 2, Decimal("2.5"), 3, 4, 5, 6, 8, 10):
            if power * step >= top:
                return power * step
        power *= 10


def _x(value: Decimal, scale: Decimal) -> float:
    share = min(max(float(value) / float(scale), 0.0), 1.0) if scale else 0.0
    return BAR_LEFT + BAR_WIDTH * share


def _bar(row: ChartRow, top: int) -> list[str]:
    parts = [f'<rect x="{BAR_LEFT}" y="{top}" width="{BAR_WIDTH}" height="12" fill="#eeeeee"/>']
    if row.value is not None:
        width = _x(row.value, row.scale) - BAR_LEFT
        colour = STATUS_COLOURS.get(row.status, STATUS_COLOURS[Progress.NO_DATA])
        parts.append(
            f'<rect class="bar" x="{BAR_LEFT}" y="{top}" width="{width:.1f}" height="12" '
            f'fill="{colour}"/>'
        )
    if row.expected is not None and row.expected != row.target:
        x = _x(row.expected, row.scale)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 3}" x2="{x:.1f}" y2="{top + 15}" '
            'stroke="#000" stroke-width="1.2" stroke-dasharray="2,2"/>'
        )
    if row.target is not None:
        x = _x(row.target, row.scale)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + 16}" '
            'stroke="#000" stroke-width="2.2"/>'
        )
    value = number(row.value) + row.suffix if row.value is not None else "—"
    target = row.target_label or (
        number(row.target) + row.suffix if row.target is not None else "—"
    )
    parts.append(
        f'<text x="{BAR_LEFT + BAR_WIDTH + 10}" y="{top + 10}" font-size="11.5">'
        f"{escape(value)} / {escape(target)}</text>"
    )
    return parts


def _axis(y: int, scale: Decimal, suffix: str, title: str) -> list[str]:
    """The scale under the bars, ticks labelled, and what it measures."""
    parts = [
        f'<line x1="{BAR_LEFT}" y1="{y}" x2="{BAR_LEFT + BAR_WIDTH}" y2="{y}" '
        'stroke="#000" stroke-width="0.8"/>'
    ]
    for step in range(TICKS + 1):
        tick = scale * step / TICKS
        x = _x(tick, scale)
        parts.append(
            f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 4}" stroke="#000" '
            'stroke-width="0.8"/>'
            f'<text class="tick" x="{x:.1f}" y="{y + 14}" font-size="9" '
            f'text-anchor="middle">{escape(number(tick) + suffix)}</text>'
        )
    parts.append(
        f'<text class="axis-title" x="{BAR_LEFT + BAR_WIDTH / 2:.1f}" y="{y + 27}" '
        f'font-size="10" text-anchor="middle">{escape(title)}</text>'
    )
    return parts


def bar_chart_svg(rows: list[ChartRow], *, axis_title: str) -> SafeString:
    """Horizontal bars on ONE scale shared by every row (the rows' `scale`), so lengths
    compare: the value coloured by its status, the target as a solid mark, the year's
    trajectory (only where the plan gives a baseline) as a dashed one; a labelled axis
    under the bars."""
    parts: list[str] = []
    y = 4
    for row in rows:
        for line in textwrap.wrap(row.label, LABEL_CHARS) or [""]:
            y += 14
            parts.append(f'<text x="{BAR_LEFT}" y="{y}" font-size="11.5">{escape(line)}</text>')
        y += 5
        parts += _bar(row, y)
        y += 22
    suffix = rows[0].suffix if rows else ""
    parts += _axis(y - 4, rows[0].scale if rows else Decimal(100), suffix, axis_title)
    y += 40
    statuses = [status for status in Progress.ORDER if any(r.status == status for r in rows)]
    parts.append(_legend(y, statuses, trajectory=any(r.expected is not None for r in rows)))
    height = y + 18
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {CHART_WIDTH} '
        f'{height}" width="100%" font-family="{FONT}" role="img">' + "".join(parts) + "</svg>"
    )
    return mark_safe(svg)  # every text above went through escape()


def _legend(y: int, statuses: list[str], *, trajectory: bool) -> str:
    items = []
    x = BAR_LEFT
    for status in statuses:
        label = escape(str(Progress.LABELS[status]))
        items.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{STATUS_COLOURS[status]}"/>'
            f'<text x="{x + 14}" y="{y}" font-size="9.5">{label}</text>'
        )
        x += 24 + int(4.6 * len(label))
    items.append(
        f'<line x1="{x}" y1="{y - 10}" x2="{x}" y2="{y + 2}" stroke="#000" stroke-width="2.2"/>'
        f'<text x="{x + 6}" y="{y}" font-size="9.5">{escape(_("Mục tiêu"))}</text>'
    )
    if trajectory:
        x += 60
        items.append(
            f'<line x1="{x}" y1="{y - 10}" x2="{x}" y2="{y + 2}" stroke="#000" '
            'stroke-width="1.2" stroke-dasharray="2,2"/>'
            f'<text x="{x + 6}" y="{y}" font-size="9.5">{escape(_("Lộ trình năm báo cáo"))}</text>'
        )
    return "".join(items)


def _chart_row(row: IndicatorRow, scale: Decimal) -> ChartRow:
    return ChartRow(
        label=row.name,
        value=row.actual,
        target=row.target_value,
        expected=row.shown_expected,
        status=row.status,
        suffix="%" if row.is_percent else "",
        scale=scale,
        target_label=row.target_label,
    )


def indicator_charts(consolidation: Consolidation) -> dict[str, SafeString | None]:
    """Shares on one 0–100% axis; counts on one shared axis (per unit of measure: counts
    and đồng cannot share one), its end a round number above the largest value or target."""
    shares = [r for r in consolidation.indicators if r.is_percent]
    counts = [r for r in consolidation.indicators if r.unit == "count"]
    shares = [r for r in shares if r.actual is not None or r.target_value is not None]
    counts = [r for r in counts if r.actual is not None or r.target_value is not None]
    charts: dict[str, SafeString | None] = {"shares": None, "counts": None}
    if shares:
        charts["shares"] = bar_chart_svg(
            [_chart_row(r, Decimal(100)) for r in shares], axis_title=_("Tỷ lệ (%)")
        )
    if counts:
        values = [v for r in counts for v in (r.actual, r.target_value, r.shown_expected) if v]
        scale = nice_scale(max(values, default=Decimal(1)))
        charts["counts"] = bar_chart_svg(
            [_chart_row(r, scale) for r in counts], axis_title=_("Số lượng")
        )
    return charts


# ---------------------------------------------------------------------------- the documents


def render_consolidated_report_pdf(
    consolidation: Consolidation, *, details: ReportDetails, header: DocumentHeader, plan: dict
) -> bytes:
    """The DOIT's yearly progress report to the Ministry and the provincial committee."""
    return render_document_pdf(
        "reporting/pdf/consolidated_report.html",
        header,
        {
            "consolidation": consolidation,
            "details": details,
            "plan": plan,
            "charts": indicator_charts(consolidation),
            "status_counts": consolidation.status_counts,
            "report_counts": consolidation.counts,
        },
    )


def render_unit_report_pdf(
    report: UnitReportData, *, details: ReportDetails, header: DocumentHeader
) -> bytes:
    """A reporting unit's yearly report to the DOIT."""
    return render_document_pdf(
        "reporting/pdf/unit_report.html", header, {"report": report, "details": details}
    )
