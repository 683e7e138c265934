"""The dashboards show the consolidation's figures: the batched build equals
consolidation_build for every province, the ministry reads only what was sent, rolled-up
provinces sum numerators and denominators, the unit rows add up to the province, and each
chart's JSON carries the numbers of the table beside it; the .xlsx and PDF exports too.

The world: Thanh Hóa 2019 (Đông Sơn 30 of 60 facilities applying, Hoằng Hóa 20 of 40; the
consolidated report sent to the Ministry) and Hà Giang 2019 (Bắc Mê 10 of 50; not sent).
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting import services
from reporting.consolidation import (
    Progress,
    consolidation_build,
    consolidation_get,
    consolidations_build,
    consolidations_get,
    reporting_years_loaded,
)
from reporting.dashboards.selectors import province_dashboard, province_indicator_rows
from reporting.figures import Figure
from reporting.models import ReportingYear
from strategies.models import ActionPlan, Indicator, ReportingRule
from sxsh_portal.accounts.access import scope_for
from sxsh_portal.territory.models import Agency
from tests.factories import AgencyFactory, DistrictFactory

D = Decimal
APPLYING = "facilities-applying"
HA_GIANG_PLAN = 2


def report_figures(report, **figures):
    """Save the figures as the unit would, and send the report."""
    values = {Figure(name).value: D(value) for name, value in figures.items()}
    report = services.unit_report_save(
        report=report,
        actor=None,
        expected_version=report.version,
        reported_values=values,
        difficulties="",
        proposals="",
    )
    return services.unit_report_submit(report=report, actor=None, expected_version=report.version)


def district_committee(province, code, name):
    return AgencyFactory(
        name=f"UBND {name}",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=province,
        territory=DistrictFactory(code=code, name=name, parent=province),
    )


def open_ha_giang(ha_giang, ha_giang_doit, province_user, year=2019):
    plan = ActionPlan.objects.get(pk=HA_GIANG_PLAN)
    rule, _created = ReportingRule.objects.get_or_create(
        plan=plan,
        defaults={
            "recipient": ha_giang_doit,
            "deadline_day": 15,
            "deadline_month": 12,
            "reporting_unit_kind": Agency.Kind.DISTRICT_COMMITTEE,
        },
    )
    return services.reporting_year_open(plan=plan, year=year, actor=province_user)


@pytest.fixture
def world(
    plan,
    year_2019,
    hoang_hoa_committee,
    ha_giang,
    ha_giang_doit,
    province_user,
    other_province_user,
):
    """Thanh Hóa 2019 sent; Hà Giang 2019 a draft consolidation."""
    services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    reports = {r.agency.name: r for r in year_2019.unit_reports.select_related("agency")}
    report_figures(
        reports["UBND huyện Đông Sơn"], facilities=60, aware=45, applying=30, medium_large=10
    )
    report_figures(
        reports["UBND huyện Hoằng Hóa"], facilities=40, aware=20, applying=20, medium_large=5
    )
    services.consolidated_report_submit(reporting_year=year_2019, actor=province_user)

    district_committee(ha_giang, "030", "huyện Bắc Mê")
    ha_giang_year = open_ha_giang(ha_giang, ha_giang_doit, province_user)
    report = ha_giang_year.unit_reports.get()
    report_figures(report, facilities=50, aware=20, applying=10, medium_large=2)
    showcase_measures(year_2019.plan.province)
    return {"thanh_hoa": year_2019, "ha_giang": ha_giang_year}


def showcase_measures(province, count=1):
    """Published measures of verified facilities in a district of the province."""
    from facilities.services import sectors_load
    from tests.facilities.factories import FacilityFactory, MeasureFactory

    sectors_load()
    district = DistrictFactory(code=f"9{province.code}", name="Huyện Mẫu", parent=province)
    for index in range(count):
        facility = FacilityFactory(admin_unit=district)
        MeasureFactory(
            facility=facility,
            title=f"Thu hồi nhiệt thải {index + 1}",
            publication_agreed=True,
            publication_approved=True,
            energy_saving_amount=D(1000 * (index + 1)),
            energy_saving_unit="kWh/năm",
        )


def comparable(consolidation):
    data = consolidation.to_json()
    data.pop("built_at")
    data["discrepancies"] = sorted(data["discrepancies"], key=json.dumps)
    return data


def test_the_batched_build_equals_consolidation_build_for_every_province(world):
    years = reporting_years_loaded(ReportingYear.objects.all())

    built = consolidations_build(years)

    assert len(built) == 2
    for reporting_year in years:
        expected = consolidation_build(reporting_year=reporting_year)
        assert comparable(built[reporting_year.pk]) == comparable(expected)


def test_a_sent_year_is_read_from_what_the_doit_sent(world, unit_user):
    """A report reopened after the consolidation was sent does not change the Ministry's
    figure: consolidations_get, like consolidation_get, reads the snapshot."""
    years = reporting_years_loaded(ReportingYear.objects.all())

    got = consolidations_get(years)

    for reporting_year in years:
        expected = consolidation_get(reporting_year=reporting_year)
        assert comparable(got[reporting_year.pk]) == comparable(expected)


def test_the_ministry_sees_each_sent_provinces_consolidated_figure(world, ministry_user, plan):
    indicator = Indicator.objects.get(code=APPLYING)

    table = province_indicator_rows(
        year=2019, indicator=indicator, scope=scope_for(ministry_user), roll_up=False
    )

    rows = {row.province_name: row for row in table.rows}
    thanh_hoa = consolidation_get(reporting_year=world["thanh_hoa"]).indicator(APPLYING)
    assert rows["Thanh Hóa"].actual == thanh_hoa.actual == D("50.00")
    assert (rows["Thanh Hóa"].numerator, rows["Thanh Hóa"].denominator) == (D(50), D(100))
    assert rows["Thanh Hóa"].status == thanh_hoa.status
    assert rows["Thanh Hóa"].send_state == "sent"
    # Hà Giang has not sent: the Ministry has no figure for it.
    assert rows["Hà Giang"].actual is None
    assert rows["Hà Giang"].status == Progress.NO_DATA
    assert table.national.actual == D("50.00")


def test_a_doit_sees_its_own_draft_figure(world, other_province_user):
    indicator = Indicator.objects.get(code=APPLYING)

    table = province_indicator_rows(
        year=2019, indicator=indicator, scope=scope_for(other_province_user), roll_up=False
    )

    rows = {row.province_name: row for row in table.rows if row.reporting_year_ids}
    assert list(rows) == ["Hà Giang"]
    expected = consolidation_build(reporting_year=world["ha_giang"]).indicator(APPLYING)
    assert rows["Hà Giang"].actual == expected.actual == D("20.00")
    assert rows["Hà Giang"].send_state == "draft"


def test_rolled_up_old_provinces_sum_numerators_and_denominators(world, ministry_user):
    """Hà Giang merged into Tuyên Quang on 01/07/2025: in the 34-province view its figure
    is Tuyên Quang's; with Thanh Hóa unchanged the merged national figure is unchanged."""
    services.consolidated_report_submit(reporting_year=world["ha_giang"], actor=None)
    indicator = Indicator.objects.get(code=APPLYING)

    table = province_indicator_rows(
        year=2019, indicator=indicator, scope=scope_for(ministry_user), roll_up=True
    )

    rows = {row.province_name: row for row in table.rows}
    assert set(rows) == {"Thanh Hóa", "Tuyên Quang"}
    assert rows["Tuyên Quang"].sources == ["Hà Giang"]
    assert rows["Tuyên Quang"].actual == D("20.00")
    # 50 + 10 applying of 100 + 50 facilities: 40%, not the mean of 50% and 20%.
    assert (table.national.numerator, table.national.denominator) == (D(60), D(150))
    assert table.national.actual == D("40.00")


def test_the_unit_rows_add_up_to_the_province_figure(world, province_user, thanh_hoa_today):
    from sxsh_portal.territory.selectors import province_lineage

    lineage = list(province_lineage(thanh_hoa_today).values_list("pk", flat=True))

    dashboard = province_dashboard(
        scope=scope_for(province_user),
        province=thanh_hoa_today,
        lineage_ids=lineage,
        year=2019,
        code=APPLYING,
    )

    received = [row for row in dashboard.unit_rows if row.is_received]
    assert sum(row.numerator for row in received) == dashboard.province_row.numerator
    assert sum(row.denominator for row in received) == dashboard.province_row.denominator
    by_unit = {row.agency: row.actual for row in received}
    assert by_unit == {"UBND huyện Hoằng Hóa": D("50.00"), "UBND huyện Đông Sơn": D("50.00")}


# ---------------------------------------------------------------------------- pages


class TableAndJson(HTMLParser):
    """The cells (data-key → data-value) of tables marked data-table, and the JSON blocks."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[dict]] = {}
        self.json: dict[str, object] = {}
        self._table = None
        self._in_body = False
        self._row = None
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._table = attrs["data-table"]
            self.tables.setdefault(self._table, [])
        elif tag == "tbody" and self._table:
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = {}
        elif tag in ("td", "th") and self._row is not None and "data-key" in attrs:
            self._row[attrs["data-key"]] = attrs.get("data-value", "")
        elif tag == "script" and attrs.get("type") == "application/json":
            self._script = attrs["id"]

    def handle_endtag(self, tag):
        if tag == "tr" and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None
        elif tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script:
            self.json[self._script] = json.loads(data)


def parse(response) -> TableAndJson:
    parser = TableAndJson()
    parser.feed(response.content.decode())
    return parser


def same_number(table_value: str, json_value) -> bool:
    if json_value in (None, ""):
        return table_value == ""
    return D(table_value) == D(str(json_value))


def assert_table_matches_json(page: TableAndJson, source: str, keys: list[str]) -> None:
    rows, data = page.tables[source], page.json[source]
    assert len(rows) == len(data) > 0
    for row, item in zip(rows, data, strict=True):
        for key in keys:
            assert same_number(row[key], item[key]), (source, key, row, item)


def test_the_national_charts_show_the_numbers_of_their_tables(world, client_as, ministry_user):
    client = client_as(ministry_user)

    response = client.get(
        reverse("dashboards:national"),
        {
            "year": 2019,
            "indicator": APPLYING,
            "trend_province": world["thanh_hoa"].plan.province_id,
        },
    )

    assert response.status_code == 200
    page = parse(response)
    assert_table_matches_json(page, "province-data", ["actual", "expected"])
    assert [row["status"] for row in page.tables["province-data"]] == [
        item["status"] for item in page.json["province-data"]
    ]
    assert_table_matches_json(page, "trend-data", ["year", "actual", "expected"])
    assert_table_matches_json(page, "province-trend-data", ["year", "actual", "expected"])
    assert_table_matches_json(
        page, "health-data", ["year", "expected", "received", "on_time", "late", "returned"]
    )
    assert_table_matches_json(page, "savings-data", ["year", "measures", "saving_vnd"])
    thanh_hoa = next(i for i in page.json["province-data"] if i["province"] == "Thanh Hóa")
    assert thanh_hoa["actual"] == "50.00"


def test_the_national_map_draws_todays_provinces_and_both_archipelagos(
    world, client_as, ministry_user
):
    """Only the provinces the database holds are drawn (the test world has a few of them);
    Hoàng Sa and Trường Sa are always there, beside Đà Nẵng and Khánh Hòa."""
    from tests.factories import CurrentProvinceFactory

    CurrentProvinceFactory(code="48", name="Đà Nẵng")
    CurrentProvinceFactory(code="56", name="Khánh Hòa")

    response = client_as(ministry_user).get(reverse("dashboards:national"), {"year": 2019})

    html = response.content.decode()
    assert "Bản đồ hiển thị theo 34 tỉnh, thành phố hiện nay" in html
    # Thanh Hóa, Tuyên Quang, Đà Nẵng, Khánh Hòa, and the two archipelagos.
    assert html.count('<g class="tile status-') == 6
    assert '<g class="tile status-met" data-status="met">' in html  # Thanh Hóa: 50% of 50%
    assert "Quần đảo Hoàng Sa (thành phố Đà Nẵng)" in html
    assert "Quần đảo Trường Sa (tỉnh Khánh Hòa)" in html


def test_the_tile_grid_places_each_of_the_34_provinces_once():
    from reporting.dashboards.tiles import GRID

    assert len(GRID) == 34
    assert len({(column, row) for column, row, _label in GRID.values()}) == 34


def test_the_province_and_unit_charts_show_the_numbers_of_their_tables(
    world, client_as, province_user, unit_user, thanh_hoa_today, dong_son_committee
):
    response = client_as(province_user).get(
        reverse("dashboards:province", args=[thanh_hoa_today.pk]),
        {"year": 2019, "indicator": APPLYING},
    )
    page = parse(response)
    assert_table_matches_json(page, "unit-data", ["actual", "expected", "days_late"])
    assert_table_matches_json(page, "trend-data", ["year", "actual", "expected"])
    assert "province-total" in response.content.decode()

    response = client_as(unit_user).get(
        reverse("dashboards:unit", args=[dong_son_committee.pk]), {"indicator": APPLYING}
    )
    page = parse(response)
    assert_table_matches_json(page, "unit-data", ["year", "actual", "expected"])
    assert page.json["unit-data"][0]["actual"] == "50.00"


def test_the_public_page_shows_national_figures_from_sent_reports_only(world, client):
    response = client.get(reverse("dashboards:public"), {"year": 2019})

    page = parse(response)
    figures = {item["code"]: item["actual"] for item in page.json["figures-data"]}
    assert figures[APPLYING] == "50.00"  # Thanh Hóa only: Hà Giang has not sent
    assert_table_matches_json(page, "figures-data", ["actual"])
    html = response.content.decode()
    for private in ("so-ct-thanh-hoa", "Cán bộ Sở Công Thương", "@"):
        assert private not in html.split('<main id="content"')[1]


def test_the_national_xlsx_holds_the_tables_figures(world, client_as, ministry_user):
    response = client_as(ministry_user).get(
        reverse("dashboards:national_xlsx"), {"year": 2019, "indicator": APPLYING}
    )

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Chỉ tiêu theo tỉnh"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Thanh Hóa"][4] == 50
    assert rows["Cả nước"][4] == 50
    assert "Báo cáo theo tỉnh" in book.sheetnames


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("national_pdf", None),
        ("province_pdf", "province"),
        ("unit_pdf", "unit"),
        ("public_pdf", None),
    ],
)
def test_each_dashboard_prints_to_pdf(
    world, client_as, ministry_user, thanh_hoa_today, dong_son_committee, name, needs
):
    from sxsh_portal.documents.pdf import pdf_support_problem

    if pdf_support_problem():
        pytest.skip("WeasyPrint cannot run here (no Pango)")
    args = {"province": [thanh_hoa_today.pk], "unit": [dong_son_committee.pk]}.get(needs, [])

    response = client_as(ministry_user).get(reverse(f"dashboards:{name}", args=args))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_without_pango_the_pdf_link_explains_in_vietnamese(
    world, client_as, ministry_user, monkeypatch
):
    monkeypatch.setattr(
        "reporting.dashboards.views.dashboards.pdf_support_problem", lambda: "Thiếu thư viện Pango."
    )

    response = client_as(ministry_user).get(reverse("dashboards:national_pdf"), follow=True)

    assert response.redirect_chain[0][1] == 302
    assert "Chưa xuất được PDF trên máy chủ này: Thiếu thư viện Pango." in (
        response.content.decode()
    )
