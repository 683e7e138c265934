"""Reporting: reporting years, unit reports (values, activities, transitions), consolidated
reports."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from decimal import Decimal

from reporting.consolidation import consolidation_build, sent_indicators_of
from reporting.figures import Figure
from reporting.models import (
    Activity,
    ConsolidatedReport,
    ReportingYear,
    ReportTransition,
    SentIndicator,
    UnitReport,
    UnitReportValue,
)

from .common import (
    FUNDING_KINDS,
    SYNTHETIC_MARKER,
    _at,
    _GeneratorState,
    _insert,
    _max_id,
    _ReportingPlan,
)


def _report_values(report_id: int, computed: dict, state: str, r1: float, r2: float) -> list:
    """One report's (report, figure, reported, computed) rows: the registry's figures beside
    what the unit reported, from the report's two draws r1 and r2."""
    rows = []
    for figure in Figure:
        value = computed.get(figure.value)
        if figure in (Figure.OFFICERS, Figure.OFFICERS_TRAINED):
            value = None
            reported = Decimal(1 + int(r1 * 3))
            if figure == Figure.OFFICERS_TRAINED:
                reported = Decimal(int(int(reported) * r2))
        elif value is not None and figure == Figure.AWARE and r1 < 0.1:
            # Some units under-report awareness: the consolidation flags it.
            reported = Decimal(int(value * Decimal("0.8")))
        else:
            reported = value
        if state == "draft" and r2 < 0.5:
            reported = None
        if value is None and reported is None:
            continue
        rows.append((report_id, figure.value, reported, value))
    return rows


class ReportsMixin(_GeneratorState):
    """The steps that create the reports, from the registry's figures (RegistryMixin)."""

    # Defined by RegistryMixin.
    _registry: Callable[[], dict[tuple[int, int], dict[str, Decimal]]]

    def _reporting_plans(self) -> list[_ReportingPlan]:
        """The old provinces' plans with their district committees for the years before the
        reform, then today's provinces' plans with their commune committees for the others."""
        plans = []
        if self.old_years:
            for p in self.provinces:
                units = [
                    (district.pk, p.committee_by_district[district.pk])
                    for district in p.districts
                    if district.pk in p.committee_by_district
                ]
                plans.append(_ReportingPlan(p.plan_id, self.old_years, units))
        if self.new_years:
            for c in self.current_provinces:
                units = [
                    (commune.pk, c.committee_by_commune[commune.pk])
                    for commune in c.communes
                    if commune.pk in c.committee_by_commune
                ]
                plans.append(_ReportingPlan(c.plan_id, self.new_years, units))
        return plans

    def _report_state(self, year: int) -> str:
        roll = self.rng.random()
        if year < self.last_year:
            table = [("accepted", 0.85), ("submitted", 0.07), ("returned", 0.03), ("draft", 0.05)]
        else:
            table = [("draft", 0.3), ("submitted", 0.3), ("returned", 0.15), ("accepted", 0.25)]
        for state, weight in table:
            roll -= weight
            if roll < 0:
                return state
        return "draft"

    def _reporting_create(self) -> None:
        started = time.perf_counter()
        registry = self._registry()
        self._step("registry_aggregate", started)
        started = time.perf_counter()
        rng = self.rng
        before = _max_id(ReportingYear)
        reporting_plans = self._reporting_plans()
        ReportingYear.objects.bulk_create(
            (
                ReportingYear(
                    plan_id=plan.plan_id, year=year, opened_at=_at(datetime.date(year, 10, 1))
                )
                for plan in reporting_plans
                for year in plan.years
            ),
            batch_size=1000,
        )
        year_ids = {
            (plan_id, year): pk
            for pk, plan_id, year in ReportingYear.objects.filter(pk__gt=before).values_list(
                "pk", "plan_id", "year"
            )
        }
        report_rows, plans = [], []
        for plan in reporting_plans:
            for year in plan.years:
                due = datetime.date(year, 12, 15)
                for territory_id, agency_id in plan.units:
                    state = self._report_state(year)
                    late = rng.random() < 0.15
                    sent_day = due + datetime.timedelta(
                        days=1 + int(rng.random() * 20) if late else -int(rng.random() * 14)
                    )
                    first = _at(sent_day) if state != "draft" else None
                    accepted = _at(sent_day + datetime.timedelta(days=5))
                    report_rows.append(
                        (
                            year_ids[(plan.plan_id, year)],
                            agency_id,
                            due,
                            state,
                            1,
                            "Thiếu kinh phí hỗ trợ doanh nghiệp." if rng.random() < 0.3 else "",
                            "",
                            first,
                            first if state in ("submitted", "accepted") else None,
                            accepted if state == "accepted" else None,
                            "Số liệu chưa khớp với cơ sở dữ liệu, đề nghị rà soát."
                            if state == "returned"
                            else "",
                            first or _at(datetime.date(year, 11, 1)),
                        )
                    )
                    plans.append((territory_id, year, state, rng.random(), rng.random(), first))
        before = _max_id(UnitReport)
        count = _insert(
            UnitReport,
            [
                "reporting_year_id",
                "agency_id",
                "due_date",
                "state",
                "version",
                "difficulties",
                "proposals",
                "first_submitted_at",
                "submitted_at",
                "accepted_at",
                "returned_reason",
                "updated_at",
            ],
            report_rows,
        )
        report_ids = list(
            UnitReport.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True)
        )
        values, activities, transitions = [], [], []
        for report_id, (territory_id, year, state, r1, r2, first) in zip(
            report_ids, plans, strict=True
        ):
            values += _report_values(
                report_id, registry.get((territory_id, year), {}), state, r1, r2
            )
            if state == "draft":
                continue
            transitions.append((report_id, "submit", "draft", "submitted", first, ""))
            if state == "accepted":
                transitions.append(
                    (
                        report_id,
                        "accept",
                        "submitted",
                        "accepted",
                        first + datetime.timedelta(days=5),
                        "",
                    )
                )
            elif state == "returned":
                transitions.append(
                    (
                        report_id,
                        "return",
                        "submitted",
                        "returned",
                        first + datetime.timedelta(days=3),
                        "Số liệu chưa khớp với cơ sở dữ liệu, đề nghị rà soát.",
                    )
                )
            for kind, chance, month in (("workshop", 0.6, 6), ("training", 0.5, 9)):
                if r1 < chance:
                    activities.append(
                        (
                            report_id,
                            kind,
                            datetime.date(year, month, 10 + int(r2 * 15)),
                            "Hội thảo phổ biến SXSH"
                            if kind == "workshop"
                            else "Tập huấn đánh giá nhanh SXSH",
                            20 + int(r2 * 80),
                            5 + int(r1 * 40),
                            int(10_000_000 + r2 * 90_000_000),
                            FUNDING_KINDS[int(r1 * 10) % len(FUNDING_KINDS)],
                        )
                    )
        self.result.counts["unit_reports"] = count
        self.result.counts["report_values"] = _insert(
            UnitReportValue, ["report_id", "figure", "reported_value", "computed_value"], values
        )
        self.result.counts["activities"] = _insert(
            Activity,
            [
                "report_id",
                "kind",
                "date",
                "title",
                "participants",
                "enterprises_reached",
                "cost_vnd",
                "funding_source",
            ],
            activities,
        )
        self.result.counts["transitions"] = _insert(
            ReportTransition,
            ["report_id", "action", "from_state", "to_state", "at", "reason"],
            transitions,
        )
        self.result.counts["reporting_years"] = len(year_ids)
        self._step("reporting", started)

    def _consolidated_create(self) -> None:
        """Sent for every year but the last (frozen snapshots, built year by year so that
        later years find the plan's first year as their baseline); a draft for the last."""
        started = time.perf_counter()
        count = 0
        for year in self.years:
            reporting_years = ReportingYear.objects.filter(
                plan__source_note=SYNTHETIC_MARKER, year=year
            ).select_related("plan", "plan__province")
            created = []
            for reporting_year in reporting_years:
                if year == self.last_year:
                    created.append(ConsolidatedReport(reporting_year=reporting_year))
                    continue
                built = consolidation_build(
                    reporting_year=reporting_year, today=datetime.date(year + 1, 1, 10)
                )
                created.append(
                    ConsolidatedReport(
                        reporting_year=reporting_year,
                        state=ConsolidatedReport.State.SUBMITTED,
                        submitted_at=_at(datetime.date(year + 1, 1, 10)),
                        snapshot=built.to_json(),
                    )
                )
            ConsolidatedReport.objects.bulk_create(created, batch_size=500)
            sent = [report for report in created if report.is_submitted]
            SentIndicator.objects.bulk_create(
                [row for report in sent for row in sent_indicators_of(report)], batch_size=2000
            )
            count += len(created)
        self._step("consolidated_reports", started, count)
