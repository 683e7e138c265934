"""The consolidation's arithmetic on already-loaded objects (no queries): Σ numerators over
Σ denominators, activity counts, the target that applies to a year, a unit's timeliness and
its discrepancies. The unit dashboard reuses it for a single unit's row."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from strategies.models import Target

from ..figures import AVERAGED_FIGURES, Figure, Formula
from ..models import Activity, UnitReport
from .progress import HUNDRED, TWO_PLACES
from .rows import Discrepancy, FigureTotal, UnitRow, report_standing

WEIGHTED_PAIR = Formula("weighted", "v", "w")


def _share(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (HUNDRED * numerator / denominator).quantize(TWO_PLACES)


def indicator_figures(formula, figure_rows: list[dict[str, Decimal | None]]):
    """Σ numerator, Σ denominator and the value over the units that give both figures."""
    numerator = denominator = None
    for figures in figure_rows:
        top, bottom = figures.get(formula.numerator), figures.get(formula.denominator)
        if top is None or bottom is None:
            continue
        if formula.kind == "weighted":
            top = top * bottom
        numerator = (numerator or 0) + top
        denominator = (denominator or 0) + bottom
    if formula.kind == "share":
        return numerator, denominator, _share(numerator, denominator)
    if numerator is None or not denominator:
        return numerator, denominator, None
    return numerator, denominator, (numerator / denominator).quantize(TWO_PLACES)


def activity_value(formula, activities: list[Activity]) -> Decimal:
    chosen = [activity for activity in activities if activity.kind == formula.activity_kind]
    if formula.activity_sum:
        return Decimal(sum(getattr(activity, formula.activity_sum) for activity in chosen))
    return Decimal(len(chosen))


def state_labels_now() -> dict[str, str]:
    """The unit report states' labels in the active language."""
    return {state: str(label) for state, label in UnitReport.State.choices}


def target_for_year(targets: list[Target], year: int) -> Target | None:
    """The target that applies to a year: the nearest one not before it, else the last."""
    ahead = [target for target in targets if target.year >= year]
    if ahead:
        return min(ahead, key=lambda target: (target.year, target.position, target.pk))
    return max(targets, key=lambda target: target.year) if targets else None


def unit_row(
    report: UnitReport, today: datetime.date, state_labels: dict[str, str] | None = None
) -> UnitRow:
    """A unit's line; `state_labels` (state_labels()) spares a translation per report."""
    first = report.first_submitted_at or report.submitted_at
    submitted_on = timezone.localdate(first) if first is not None else None
    timeliness = report_standing(
        state=report.state,
        submitted_on=submitted_on,
        due_date=report.due_date,
        version=report.version,
    )
    return UnitRow(
        report_id=report.pk,
        agency=report.agency.name,
        state=report.state,
        state_label=(state_labels or state_labels_now())[report.state],
        due_date=report.due_date,
        submitted_on=submitted_on,
        days_late=report.days_late(today),
        timeliness=timeliness,
        is_received=report.is_received,
    )


def _discrepancies(
    report: UnitReport, tolerance: Decimal, labels: dict[str, str]
) -> list[Discrepancy]:
    found = []
    for value in report.loaded_values:  # unit_reports_loaded
        reported, computed = value.reported_value, value.computed_value
        if reported is None or computed is None:
            continue
        if computed == 0:
            if reported == 0:
                continue
            difference = None
        else:
            difference = (HUNDRED * abs(reported - computed) / computed).quantize(TWO_PLACES)
            if difference <= tolerance:
                continue
        found.append(
            Discrepancy(
                report_id=report.pk,
                agency=report.agency.name,
                figure=value.figure,
                label=labels[value.figure],
                reported=reported,
                computed=computed,
                difference_percent=difference,
                year=report.reporting_year.year,
            )
        )
    return found


def _figure_totals(reported_rows, registry_rows, labels) -> list[FigureTotal]:
    figures = []
    for figure in Figure:
        totals = []
        for source in (reported_rows, registry_rows):
            present = [row[figure.value] for row in source if row.get(figure.value) is not None]
            weight = AVERAGED_FIGURES.get(figure)
            if not present:
                totals.append(None)
            elif weight is not None:
                pairs = [{"v": row.get(figure.value), "w": row.get(weight)} for row in source]
                totals.append(indicator_figures(WEIGHTED_PAIR, pairs)[2])
            else:
                totals.append(sum(present, Decimal(0)))
        figures.append(FigureTotal(figure.value, labels[figure.value], totals[0], totals[1]))
    return figures
