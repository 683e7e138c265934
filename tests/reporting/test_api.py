"""A unit's own system saves and submits its report through the API, with the page's rules:
the same validation, version check and audit trail; the DOIT then sees it in the portal."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.models import ReportTransition, UnitReport, UnitReportValue
from reporting.services import consolidated_report_submit
from sxsh_portal.api.models import ApiWrite
from tests.api_support import api_as

pytestmark = pytest.mark.django_db


def report_url(report, action=""):
    return f"/api/v1/unit-reports/{report.pk}/" + (f"{action}/" if action else "")


def reported(report, figure):
    return UnitReportValue.objects.get(report=report, figure=figure).reported_value


def test_a_unit_saves_figures_and_submits_and_the_doit_sees_them_in_the_portal(
    dong_son_report, unit_user, province_user, login_as
):
    api = api_as(unit_user)

    saved = api.patch(
        report_url(dong_son_report),
        {"version": dong_son_report.version, "figures": {"officers": 4, "officers_trained": "3"}},
    )
    submitted = api.post(
        report_url(dong_son_report, "submit"), {"version": saved.json()["version"]}
    )

    assert saved.status_code == 200, saved.content
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.SUBMITTED
    assert reported(dong_son_report, "officers") == Decimal("4")
    assert dong_son_report.history.first().history_user == unit_user
    page = login_as(province_user).get(
        reverse("reporting:report_detail", args=[dong_son_report.pk])
    )
    assert "Đã gửi" in page.content.decode()
    writes = ApiWrite.objects.filter(user=unit_user).order_by("pk")
    assert [(w.method, w.status_code) for w in writes] == [("PATCH", 200), ("POST", 200)]
    assert writes[0].token.user == unit_user


def test_a_stale_version_is_refused_and_nothing_changes(dong_son_report, unit_user):
    api = api_as(unit_user)
    version = dong_son_report.version
    api.patch(report_url(dong_son_report), {"version": version, "figures": {"officers": 4}})

    stale = api.patch(report_url(dong_son_report), {"version": version, "figures": {"officers": 9}})

    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert stale.json()["title"] == "Xung đột phiên bản."
    assert reported(dong_son_report, "officers") == Decimal("4")


def test_a_double_post_of_submit_makes_one_transition(dong_son_report, unit_user):
    api = api_as(unit_user)

    first = api.post(report_url(dong_son_report, "submit"), {"version": dong_son_report.version})
    second = api.post(report_url(dong_son_report, "submit"), {"version": dong_son_report.version})

    assert first.status_code == second.status_code == 200
    assert ReportTransition.objects.filter(report=dong_son_report).count() == 1


def test_a_repeated_idempotency_key_gets_the_first_answer_and_changes_nothing_more(
    dong_son_report, unit_user
):
    api = api_as(unit_user)
    body = {"version": dong_son_report.version, "figures": {"officers": 2}}

    first = api.patch(report_url(dong_son_report), body, HTTP_IDEMPOTENCY_KEY="lan-1")
    again = api.patch(report_url(dong_son_report), body, HTTP_IDEMPOTENCY_KEY="lan-1")

    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    dong_son_report.refresh_from_db()
    assert dong_son_report.version == body["version"] + 1
    assert ApiWrite.objects.filter(user=unit_user).count() == 1


@pytest.mark.parametrize(
    "value",
    ["NaN", "Infinity", "-Infinity", "1e309", "1e23", "abc", True, [1], -1, "1.234"],
)
def test_impossible_figures_are_refused_in_vietnamese_naming_the_figure(
    dong_son_report, unit_user, value
):
    response = api_as(unit_user).patch(
        report_url(dong_son_report),
        {"version": dong_son_report.version, "figures": {"officers": value}},
    )

    assert response.status_code == 400, response.content
    assert "officers" in response.json()["errors"]["figures"]
    assert reported(dong_son_report, "officers") is None


def test_the_page_rules_apply_a_part_cannot_exceed_its_whole(dong_son_report, unit_user):
    response = api_as(unit_user).patch(
        report_url(dong_son_report),
        {"version": dong_son_report.version, "figures": {"officers": 2, "officers_trained": 5}},
    )

    assert response.status_code == 400
    assert "Không được lớn hơn" in response.json()["errors"]["figures"]["officers_trained"]


def test_unknown_figures_and_wrong_bodies_are_refused(dong_son_report, unit_user):
    api = api_as(unit_user)

    unknown = api.patch(
        report_url(dong_son_report), {"version": dong_son_report.version, "figures": {"x": 1}}
    )
    no_version = api.patch(report_url(dong_son_report), {"figures": {"officers": 1}})
    not_json = api.client.patch(
        report_url(dong_son_report), "officers=1", content_type="text/plain", **api.headers
    )

    assert unknown.status_code == 400 and "x" in unknown.json()["errors"]["figures"][0]
    assert no_version.status_code == 400 and "version" in no_version.json()["errors"]
    assert not_json.status_code == 415


def test_the_doit_reads_but_may_not_write_the_units_report(dong_son_report, province_user):
    api = api_as(province_user)

    read = api.get(report_url(dong_son_report))
    write = api.patch(report_url(dong_son_report), {"version": 1, "figures": {"officers": 1}})
    submit = api.post(report_url(dong_son_report, "submit"))

    assert read.status_code == 200 and read.json()["reporting_unit"] == "UBND huyện Đông Sơn"
    assert write.status_code == 403 and submit.status_code == 403
    assert ApiWrite.objects.filter(status_code=403).count() == 2


def test_another_province_never_learns_the_report_exists(dong_son_report, other_province_user):
    api = api_as(other_province_user)

    assert api.get(report_url(dong_son_report)).status_code == 404
    assert api.patch(report_url(dong_son_report), {"version": 1}).status_code == 404
    assert api.get("/api/v1/unit-reports/").json()["count"] == 0


def test_writes_need_a_token_and_anonymous_reads_see_no_report(dong_son_report):
    from tests.api_support import ApiClient

    anonymous = ApiClient()

    assert anonymous.patch(report_url(dong_son_report), {"version": 1}).status_code == 401
    assert anonymous.get("/api/v1/unit-reports/").json()["count"] == 0


def test_lists_filter_by_state_and_year_and_page(
    dong_son_report, unit_user, province_user, hoang_hoa_committee, year_2019
):
    from reporting.services import reporting_year_open

    reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)
    api_as(unit_user).post(report_url(dong_son_report, "submit"))
    api = api_as(province_user)

    submitted = api.get(
        "/api/v1/unit-reports/", {"state": "submitted", "reporting_year__year": 2019}
    )
    drafts = api.get("/api/v1/unit-reports/", {"state": "draft", "page_size": 1})

    assert [row["id"] for row in submitted.json()["results"]] == [dong_son_report.pk]
    assert drafts.json()["count"] == 1 and len(drafts.json()["results"]) == 1


def test_consolidated_reports_reach_the_ministry_once_sent_and_read_as_sent(
    dong_son_report, unit_user, province_user, ministry_user, other_province_user
):
    api_as(unit_user).patch(
        report_url(dong_son_report),
        {"version": dong_son_report.version, "figures": {"officers": 4, "officers_trained": 3}},
    )
    api_as(unit_user).post(report_url(dong_son_report, "submit"))
    ministry = api_as(ministry_user)
    assert ministry.get("/api/v1/consolidated-reports/").json()["count"] == 0

    consolidated = consolidated_report_submit(
        reporting_year=dong_son_report.reporting_year, actor=province_user
    )
    listed = ministry.get("/api/v1/consolidated-reports/").json()
    detail = ministry.get(f"/api/v1/consolidated-reports/{consolidated.pk}/").json()

    assert [row["id"] for row in listed["results"]] == [consolidated.pk]
    sent = {row["code"]: row for row in consolidated.snapshot["indicators"]}
    assert {row["code"]: row["actual"] for row in detail["indicators"]} == {
        code: row["actual"] for code, row in sent.items()
    }
    other = api_as(other_province_user)
    assert other.get(f"/api/v1/consolidated-reports/{consolidated.pk}/").status_code == 404


def test_bad_filters_and_pages_answer_a_vietnamese_problem(dong_son_report, province_user):
    api = api_as(province_user)

    bad_state = api.get("/api/v1/unit-reports/", {"state": "zzz"})
    no_page = api.get("/api/v1/unit-reports/", {"page": 99})
    huge_page = api.get("/api/v1/unit-reports/", {"page": "9" * 30})

    assert bad_state.status_code == 400 and "state" in bad_state.json()["errors"]
    assert no_page.status_code == 404 and no_page.json()["detail"] == "Không có trang này."
    assert huge_page.status_code == 404


def test_lists_sort_by_a_declared_column_and_ignore_others(
    dong_son_report, hoang_hoa_committee, year_2019, province_user, unit_user
):
    from reporting.services import reporting_year_open

    reporting_year_open(plan=year_2019.plan, year=2019, actor=province_user)
    api_as(unit_user).post(report_url(dong_son_report, "submit"))
    api = api_as(province_user)

    def states(**params):
        rows = api.get("/api/v1/unit-reports/", params).json()["results"]
        return [row["state"] for row in rows]

    assert states(ordering="state") == ["draft", "submitted"]
    assert states(ordering="-state") == ["submitted", "draft"]
    assert api.get("/api/v1/unit-reports/", {"ordering": "returned_reason"}).status_code == 200
