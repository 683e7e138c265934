"""Open data: the national aggregates and the published cases as CSV and JSON, each with its
licence and the time of its data; the figures are those of the public page. The sent figures
also go out as a DHIS2 dataValueSet."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.services import consolidated_report_submit, unit_report_save, unit_report_submit
from tests.api_support import ApiClient, api_as
from tests.facilities.factories import FacilityFactory, MeasureFactory
from tests.reporting.test_api import report_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_2019(dong_son_report, hoang_hoa_committee, year_2019, unit_user, province_user):
    """Đông Sơn reports 4 officers, 3 of them trained; Hoằng Hóa 6 and 2: the country's
    share is (3 + 2) / (4 + 6) = 50%, not the mean of 75% and 33%."""
    from reporting.models import UnitReport
    from reporting.services import reporting_year_open

    reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)
    hoang_hoa = UnitReport.objects.get(reporting_year=year_2019, agency=hoang_hoa_committee)
    for report, officers, trained in ((dong_son_report, 4, 3), (hoang_hoa, 6, 2)):
        values = {"officers": Decimal(officers), "officers_trained": Decimal(trained)}
        report = unit_report_save(
            report=report,
            actor=province_user,
            expected_version=None,
            reported_values=values,
            difficulties="",
            proposals="",
        )
        unit_report_submit(report=report, actor=province_user)
    return consolidated_report_submit(reporting_year=year_2019, actor=province_user)


def rows_of(text: str) -> tuple[list[str], list[dict]]:
    comments = [line for line in text.splitlines() if line.startswith("#")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return comments, list(csv.DictReader(io.StringIO(body)))


def test_the_national_figures_download_as_csv_and_json_with_licence_and_time(client, sent_2019):
    csv_response = client.get(reverse("opendata:figures", args=["csv"]), {"year": 2019})
    json_response = client.get(reverse("opendata:figures", args=["json"]), {"year": 2019})

    comments, rows = rows_of(csv_response.content.decode())
    officers = next(row for row in rows if row["code"] == "officers-trained")
    assert Decimal(officers["actual"]) == Decimal("50")
    assert comments[0].startswith("# licence: Creative Commons Attribution 4.0")
    sent_at = timezone.localtime(sent_2019.submitted_at).isoformat(timespec="seconds")
    assert comments[1] == f"# data_as_of: {sent_at}"
    assert 'rel="license"' in csv_response["Link"]
    body = json.loads(json_response.content)
    assert body["licence"].startswith("Creative Commons") and body["data_as_of"]
    as_json = next(row for row in body["rows"] if row["code"] == "officers-trained")
    assert Decimal(as_json["actual"]) == Decimal("50")
    assert body["year"] == 2019 and body["provinces_sent"] == 1


def test_the_open_data_figures_equal_the_public_page_and_the_api(client, sent_2019):
    page = client.get(reverse("dashboards:public"), {"year": 2019})
    api = ApiClient().get("/api/v1/national-figures/", {"year": 2019}).json()
    _comments, rows = rows_of(
        client.get(reverse("opendata:figures", args=["csv"]), {"year": 2019}).content.decode()
    )

    page_figures = {row.code: row.actual for row in page.context["d"].figures}
    assert {row["code"]: Decimal(row["actual"]) if row["actual"] else None for row in rows} == (
        page_figures
    )
    assert {
        row["code"]: Decimal(row["actual"]) if row["actual"] else None for row in api["figures"]
    } == page_figures
    assert "50" in page.content.decode()


def test_published_cases_download_with_formula_text_made_harmless(client, dong_son):
    from facilities.services import sectors_load

    sectors_load()
    facility = FacilityFactory(name='=HYPERLINK("http://x")', admin_unit=dong_son)
    MeasureFactory(
        facility=facility,
        title="+Thu hồi nhiệt",
        publication_agreed=True,
        publication_approved=True,
    )
    MeasureFactory(facility=facility, title="Chưa công bố", publication_agreed=True)

    text = client.get(reverse("opendata:cases", args=["csv"])).content.decode()
    _comments, rows = rows_of(text)
    body = json.loads(client.get(reverse("opendata:cases", args=["json"])).content)

    assert [row["title"] for row in rows] == ["'+Thu hồi nhiệt"]
    assert rows[0]["facility"].startswith("'=")
    assert [row["title"] for row in body["rows"]] == ["+Thu hồi nhiệt"]


def test_the_open_data_page_links_every_year_and_the_api(client, sent_2019):
    page = client.get(reverse("opendata:index")).content.decode()

    assert reverse("opendata:figures", args=["csv"]) + "?year=2019" in page
    assert reverse("opendata:cases", args=["json"]) in page
    assert reverse("api-docs") in page


def test_the_public_pages_link_the_open_data(client, sent_2019):
    dashboard = client.get(reverse("dashboards:public")).content.decode()
    library = client.get(reverse("facilities:library")).content.decode()

    assert reverse("opendata:index") in dashboard and reverse("opendata:index") in library


def test_the_dhis2_data_value_set_carries_the_sent_figures(
    dong_son_report, unit_user, province_user, ministry_user, settings, tmp_path
):
    api_as(unit_user).patch(
        report_url(dong_son_report),
        {"version": dong_son_report.version, "figures": {"officers": 4, "officers_trained": 3}},
    )
    api_as(unit_user).post(report_url(dong_son_report, "submit"))
    consolidated = consolidated_report_submit(
        reporting_year=dong_son_report.reporting_year, actor=province_user
    )
    expected = [
        row for row in consolidated.snapshot["indicators"] if row.get("actual") not in (None, "")
    ]
    mapped = expected[0]["code"]
    mapping = tmp_path / "dhis2.json"
    mapping.write_text(
        json.dumps({"dataElements": {mapped: "deUID00001"}, "orgUnits": {"38": "ouTH00001"}})
    )
    settings.DHIS2_MAPPING_FILE = str(mapping)

    body = api_as(ministry_user).get("/api/v1/dhis2/data-value-sets/", {"year": 2019}).json()

    assert len(body["dataValues"]) == len(expected) > 0
    assert {v["orgUnit"] for v in body["dataValues"]} == {"ouTH00001"}
    assert {v["period"] for v in body["dataValues"]} == {"2019"}
    by_element = {v["dataElement"]: v["value"] for v in body["dataValues"]}
    for row in expected:
        element = "deUID00001" if row["code"] == mapped else row["code"]
        assert by_element[element] == str(row["actual"])
    assert api_as(None).get("/api/v1/dhis2/data-value-sets/", {"year": 2019}).status_code == 401
    refused = api_as(ministry_user, name="b").get("/api/v1/dhis2/data-value-sets/")
    assert refused.status_code == 400
