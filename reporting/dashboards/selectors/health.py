"""Reporting health: how complete and timely the unit reports are, province by province and
year by year, and which provinces have sent their consolidated report.

The cycle is read as it stands now (counted in SQL, not the frozen snapshot): a
report that arrived after the DOIT sent its consolidation still counts as arrived. The
Ministry reads every unit report, so it sees the health of provinces that have not sent yet.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from reporting.access import reporting_years_visible
from reporting.consolidation import (
    HUNDRED,
    TWO_PLACES,
    ReportCounts,
    reporting_years_loaded,
    sent_report,
    unit_report_counts,
)
from reporting.models import ReportingYear
from sxsh_portal.accounts.access import Scope
from sxsh_portal.numbers import decimal_text
from sxsh_portal.territory.selectors import current_province_ids_by_province_id

from .indicators import SendState

NO_REPORTS = ReportCounts().as_dict()


def _percent(part: int, whole: int) -> Decimal | None:
    return (HUNDRED * part / whole).quantize(TWO_PLACES) if whole else None


def _counts_json(row) -> dict:
    """The report counts a province's row and a year's total share, for the charts."""
    return {
        "expected": row.expected,
        "received": row.received,
        "on_time": row.on_time,
        "late": row.late,
        "missing": row.missing,
        "returned": row.returned,
        "not_sent": row.draft + row.not_started,
        "completeness": decimal_text(row.completeness_percent),
    }


@dataclass
class HealthRow:
    reporting_year_id: int
    year: int
    province_id: int
    province_name: str
    current_province_name: str
    plan_title: str
    expected: int
    received: int
    on_time: int
    late: int
    missing: int
    returned: int
    draft: int
    not_started: int
    send_state: str
    sent_at: datetime.datetime | None

    @property
    def completeness_percent(self) -> Decimal | None:
        return _percent(self.received, self.expected)

    @property
    def send_state_label(self) -> str:
        return str(SendState.LABELS[self.send_state])

    def as_json(self) -> dict:
        return {
            "province": self.province_name,
            "year": self.year,
            **_counts_json(self),
            "send_state": self.send_state,
        }


@dataclass
class YearHealth:
    year: int
    provinces: int
    expected: int
    received: int
    on_time: int
    late: int
    missing: int
    returned: int
    draft: int
    not_started: int
    sent: int

    @property
    def completeness_percent(self) -> Decimal | None:
        return _percent(self.received, self.expected)

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "provinces": self.provinces,
            **_counts_json(self),
            "sent": self.sent,
        }


@dataclass
class Health:
    rows: list[HealthRow]
    years: list[YearHealth]
    loaded: list[ReportingYear]  # the reporting years read, for the caller to reuse

    def rows_of(self, year: int) -> list[HealthRow]:
        return [row for row in self.rows if row.year == year]


def reporting_health(*, scope: Scope, province_ids=None, year: int | None = None) -> Health:
    """Each province-year's health, and each year's totals. With `year`, the rows of that
    year only (the national page shows one year's provinces): the totals still cover every
    year, counted in SQL."""
    years_read = reporting_years_visible(scope, province_ids=province_ids).filter(
        plan__province__isnull=False
    )
    shown = years_read if year is None else years_read.filter(year=year)
    loaded = reporting_years_loaded(shown)
    counts = unit_report_counts(shown)
    mapping = current_province_ids_by_province_id()
    current_names = _current_names(set(mapping.values()))
    rows = []
    for ry in loaded:
        count = counts.get(ry.pk, NO_REPORTS)
        sent = sent_report(ry)
        has_consolidated = hasattr(ry, "consolidated_report")
        rows.append(
            HealthRow(
                reporting_year_id=ry.pk,
                year=ry.year,
                province_id=ry.plan.province_id,
                province_name=ry.plan.province_label,
                current_province_name=current_names.get(mapping.get(ry.plan.province_id), ""),
                plan_title=ry.plan.title,
                expected=count["expected"],
                received=count["received"],
                on_time=count["on_time"],
                late=count["late"],
                missing=count["missing"],
                returned=count["returned"],
                draft=count["draft"],
                not_started=count["not_started"] + count["legacy_missing"],
                send_state=SendState.SENT
                if sent
                else (SendState.DRAFT if has_consolidated else SendState.NONE),
                sent_at=sent.submitted_at if sent else None,
            )
        )
    if year is None:
        years = [_year_health(y, [row for row in rows if row.year == y]) for y in _years(rows)]
    else:
        years = _years_health(years_read)
    return Health(rows=rows, years=years, loaded=loaded)


def _years(rows: list[HealthRow]) -> list[int]:
    return sorted({row.year for row in rows})


def _year_health(year: int, rows: list[HealthRow]) -> YearHealth:
    return YearHealth(
        year=year,
        provinces=len({row.province_id for row in rows}),
        expected=sum(row.expected for row in rows),
        received=sum(row.received for row in rows),
        on_time=sum(row.on_time for row in rows),
        late=sum(row.late for row in rows),
        missing=sum(row.missing for row in rows),
        returned=sum(row.returned for row in rows),
        draft=sum(row.draft for row in rows),
        not_started=sum(row.not_started for row in rows),
        sent=sum(1 for row in rows if row.send_state == SendState.SENT),
    )


def _years_health(years_read) -> list[YearHealth]:
    """Every year's totals in two GROUP BY queries, by the rules of the rows above."""
    counts = unit_report_counts(years_read, by="reporting_year__year")
    per_year = (
        years_read.values("year")
        .annotate(
            provinces=Count("plan__province", distinct=True),
            sent=Count("pk", filter=Q(consolidated_report__state="submitted")),
        )
        .order_by("year")
    )
    return [
        YearHealth(
            year=entry["year"],
            provinces=entry["provinces"],
            sent=entry["sent"],
            **_fields(counts.get(entry["year"], NO_REPORTS)),
        )
        for entry in per_year
    ]


def _fields(count: dict) -> dict:
    return {
        "expected": count["expected"],
        "received": count["received"],
        "on_time": count["on_time"],
        "late": count["late"],
        "missing": count["missing"],
        "returned": count["returned"],
        "draft": count["draft"],
        "not_started": count["not_started"] + count["legacy_missing"],
    }


def health_provinces(*, scope: Scope) -> list[tuple[int, str]]:
    """The provinces whose health the user reads (of any year), by name."""
    return list(
        reporting_years_visible(scope)
        .filter(plan__province__isnull=False)
        .values_list("plan__province_id", "plan__province__name")
        .distinct()
        .order_by("plan__province__name", "plan__province_id")
    )


def _current_names(ids: set[int]) -> dict[int, str]:
    from sxsh_portal.territory.models import AdministrativeUnit

    return dict(AdministrativeUnit.objects.filter(pk__in=ids).values_list("pk", "name"))
