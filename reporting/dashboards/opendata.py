"""Open data: the public national aggregates and the published cases as CSV and JSON, and
the sent provincial figures as a DHIS2 dataValueSet.

Pure functions over the selectors' rows; the views only choose the format. Every file says
its licence and the time of the data it holds.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, QuerySet
from django.utils import timezone

from facilities.selectors import measures_public
from reporting.access import reporting_years_with_figures
from reporting.models import ConsolidatedReport
from sxsh_portal.spreadsheets import csv_value

from .selectors import PublicDashboard, indicator_options, public_dashboard


def _cell(value):
    """Numbers as plain decimals; text through the one formula-safe CSV rule."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.normalize() else str(value)
    return csv_value(value) if isinstance(value, str) else value


FIGURE_COLUMNS = [
    "code",
    "name",
    "measure_unit",
    "actual",
    "national_target",
    "status",
    "provinces",
]


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[list]
    data_as_of: datetime.datetime | None
    extra: dict


def licence() -> str:
    return settings.OPEN_DATA_LICENCE


def licence_url() -> str:
    return settings.OPEN_DATA_LICENCE_URL


def years_sent() -> list[int]:
    return sorted(
        set(reporting_years_with_figures(None).values_list("year", flat=True)), reverse=True
    )


def public_figures(*, year=None, code=None) -> PublicDashboard | None:
    """The public page's figures; None while the indicator catalogue is empty."""
    if not indicator_options():
        return None
    return public_dashboard(year=year, code=code)


def figures_table(dashboard: PublicDashboard | None) -> Table:
    if dashboard is None:
        return Table("so-lieu-sxsh", FIGURE_COLUMNS, [], None, {"year": None, "provinces_sent": 0})
    year = dashboard.choices.year
    sent_at = ConsolidatedReport.objects.filter(
        state=ConsolidatedReport.State.SUBMITTED, reporting_year__year=year
    ).aggregate(latest=Max("submitted_at"))["latest"]
    return Table(
        name=f"so-lieu-sxsh-{year}",
        columns=FIGURE_COLUMNS,
        rows=[
            [f.code, f.name, f.measure_unit, f.actual, f.target_label, f.status, f.provinces]
            for f in dashboard.figures
        ],
        data_as_of=sent_at,
        extra={"year": year, "provinces_sent": dashboard.provinces_sent},
    )


def cases_table(measures: QuerySet | None = None) -> Table:
    measures = measures_public() if measures is None else measures
    rows = list(
        measures.values_list(
            "pk",
            "year",
            "category",
            "title",
            "facility__name",
            "facility__sector__code",
            "facility__province__name",
            "investment_vnd",
            "yearly_saving_vnd",
            "energy_saving_percent",
            "material_saving_percent",
            "approved_at",
        )
    )
    latest = max((row[-1] for row in rows if row[-1] is not None), default=None)
    return Table(
        name="thu-vien-sxsh",
        columns=[
            "id",
            "year",
            "category",
            "title",
            "facility",
            "sector",
            "province",
            "investment_vnd",
            "yearly_saving_vnd",
            "energy_saving_percent",
            "material_saving_percent",
        ],
        rows=[list(row[:-1]) for row in rows],
        data_as_of=latest,
        extra={},
    )


def _times(table: Table) -> tuple[str, str]:
    now = timezone.localtime().isoformat(timespec="seconds")
    as_of = (
        timezone.localtime(table.data_as_of).isoformat(timespec="seconds")
        if (table.data_as_of)
        else ""
    )
    return now, as_of


def as_csv(table: Table) -> str:
    """UTF-8 CSV; the licence and the times lead as `#` comment lines."""
    generated, as_of = _times(table)
    out = io.StringIO()
    out.write(f"# licence: {licence()}\n")
    out.write(f"# data_as_of: {as_of}\n# generated_at: {generated}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def as_json(table: Table) -> str:
    generated, as_of = _times(table)
    body = {
        "licence": licence(),
        "data_as_of": as_of or None,
        "generated_at": generated,
        **table.extra,
        "rows": [dict(zip(table.columns, row, strict=True)) for row in table.rows],
    }
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------- DHIS2


def dhis2_mapping() -> dict:
    """{"dataElements": {indicator code: UID}, "orgUnits": {province GSO code: UID}};
    unmapped codes are sent as they are (a DHIS2 instance can import by code)."""
    path = settings.DHIS2_MAPPING_FILE
    if not path:
        return {"dataElements": {}, "orgUnits": {}}
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return {"dataElements": data.get("dataElements", {}), "orgUnits": data.get("orgUnits", {})}


def dhis2_data_value_set(reports: QuerySet[ConsolidatedReport], *, year: int) -> dict:
    """The sent consolidated figures of a year as DHIS2 dataValueSets JSON (period = year)."""
    mapping = dhis2_mapping()
    elements, org_units = mapping["dataElements"], mapping["orgUnits"]
    values = []
    sent = reports.filter(
        state=ConsolidatedReport.State.SUBMITTED, reporting_year__year=year
    ).select_related("reporting_year__plan__province")
    for report in sent.order_by("reporting_year__plan__province__code", "pk"):
        province = report.reporting_year.plan.province
        if province is None:
            continue
        for row in report.snapshot.get("indicators", []):
            if row.get("actual") in (None, ""):
                continue
            values.append(
                {
                    "dataElement": elements.get(row["code"], row["code"]),
                    "period": str(year),
                    "orgUnit": org_units.get(province.code, province.code),
                    "value": str(row["actual"]),
                    "comment": f"SXSH Portal {report.pk}",
                }
            )
    return {"dataValues": values}
