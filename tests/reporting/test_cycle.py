"""The yearly cycle through the real URLs: the DOIT opens a year, the unit fills in and
sends its report, the DOIT returns it with a reason, accepts it (locked), reopens it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.figures import Figure
from reporting.models import ReportingYear, ReportTransition, TaskProgress, UnitReport
from tests.reporting.conftest import at


def _edit_data(report, **overrides):
    data = {
        "version": report.version,
        "difficulties": "Thiếu kinh phí.",
        "proposals": "Tăng cường tập huấn.",
    }
    for figure in Figure:
        data[f"value_{figure.value}"] = ""
    for item in report.progress.all():
        data[f"status_{item.pk}"] = item.status
        data[f"done_{item.pk}"] = item.done_text
    data.update(overrides)
    return data


def test_the_doit_opens_a_year_with_one_report_per_reporting_unit_due_on_the_rule_date(
    login_as, province_user, plan, hoang_hoa_committee, dong_son_committee
):
    response = login_as(province_user).post(
        reverse("reporting:year_open", args=[plan.pk]), {"year": 2019}
    )

    reporting_year = ReportingYear.objects.get(plan=plan, year=2019)
    assert response.status_code == 302
    assert response["Location"] == reporting_year.get_absolute_url()
    reports = UnitReport.objects.filter(reporting_year=reporting_year)
    assert set(reports.values_list("agency", flat=True)) == {
        dong_son_committee.pk,
        hoang_hoa_committee.pk,
    }
    assert {report.due_date for report in reports} == {datetime.date(2019, 12, 15)}
    assert reporting_year.opened_by == province_user


def test_a_new_report_is_prefilled_from_the_registry_and_lists_the_units_duties(
    dong_son_facilities, dong_son_report
):
    computed = {v.figure: v.computed_value for v in dong_son_report.values.all()}

    assert computed[Figure.FACILITIES] == 4  # the unverified facility does not count
    assert computed[Figure.AWARE] == 3
    assert computed[Figure.APPLYING] == 2
    assert computed[Figure.MEDIUM_LARGE] == 2
    assert computed[Figure.WITH_UNIT] == 1
    assert computed[Figure.TRAINED_STAFF] == 3
    # The larger of energy/material saving per applier: 10% and 6%.
    assert computed[Figure.SAVING_PERCENT] == Decimal("8.00")
    assert computed[Figure.APPLIERS_WITH_SAVING] == 2
    assert computed[Figure.SAVING_VND] == 500_000_000
    # "Ủy ban nhân dân các huyện, thành phố, thị xã" are assigned duties in the plan.
    duties = TaskProgress.objects.filter(report=dong_son_report)
    assert [item.assignment.covers_kind for item in duties] == ["district_committee"]


def test_the_full_cycle_return_with_reason_accept_lock_and_reopen(
    login_as, unit_user, province_user, ministry_user, dong_son_report
):
    unit = login_as(unit_user)
    report = dong_son_report
    edit_url = reverse("reporting:report_edit", args=[report.pk])

    response = unit.post(edit_url, _edit_data(report, value_facilities="12", value_aware="7"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.values.get(figure=Figure.FACILITIES).reported_value == 12
    assert report.difficulties == "Thiếu kinh phí."

    response = unit.post(
        reverse("reporting:report_submit", args=[report.pk]),
        {"version": report.version, "confirmed": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == UnitReport.State.SUBMITTED
    assert report.submitted_by == unit_user
    # Sent: the unit can no longer change it.
    assert unit.post(edit_url, _edit_data(report, value_facilities="1")).status_code == 302
    assert report.values.get(figure=Figure.FACILITIES).reported_value == 12

    doit = login_as(province_user)
    response = doit.post(reverse("reporting:report_return", args=[report.pk]), {"reason": ""})
    report.refresh_from_db()
    assert report.state == UnitReport.State.SUBMITTED  # no reason, no return
    doit.post(
        reverse("reporting:report_return", args=[report.pk]),
        {"reason": "Số cơ sở áp dụng chưa khớp danh sách."},
    )
    report.refresh_from_db()
    assert report.state == UnitReport.State.RETURNED
    assert report.returned_reason == "Số cơ sở áp dụng chưa khớp danh sách."
    page = unit.get(reverse("reporting:report_detail", args=[report.pk]))
    assert "Số cơ sở áp dụng chưa khớp danh sách." in page.content.decode()

    # Back to the unit: it corrects and sends again.
    unit.post(edit_url, _edit_data(report, value_facilities="14"))
    report.refresh_from_db()
    unit.post(
        reverse("reporting:report_submit", args=[report.pk]),
        {"version": report.version, "confirmed": "1"},
    )
    doit.post(reverse("reporting:report_accept", args=[report.pk]), {"confirmed": "1"})
    report.refresh_from_db()
    assert report.state == UnitReport.State.ACCEPTED
    assert report.accepted_by == province_user

    # Accepted is locked: neither the unit nor the DOIT nor the Ministry changes it.
    assert unit.get(edit_url).status_code == 302
    unit.post(edit_url, _edit_data(report, value_facilities="99"))
    assert login_as(province_user).post(edit_url, _edit_data(report)).status_code == 403
    assert login_as(ministry_user).post(edit_url, _edit_data(report)).status_code == 403
    report.refresh_from_db()
    assert report.values.get(figure=Figure.FACILITIES).reported_value == 14

    # Only an explicit, recorded reopening by the DOIT unlocks it.
    doit.post(
        reverse("reporting:report_reopen", args=[report.pk]),
        {"reason": "Bổ sung số liệu tập huấn."},
    )
    report.refresh_from_db()
    assert report.state == UnitReport.State.DRAFT
    unit.post(edit_url, _edit_data(report, value_facilities="15"))
    assert report.values.get(figure=Figure.FACILITIES).reported_value == 15

    trail = list(
        ReportTransition.objects.filter(report=report).values_list(
            "action", "from_state", "to_state", "actor__username", "reason"
        )
    )
    assert trail == [
        ("submit", "draft", "submitted", "ubnd-dong-son", ""),
        (
            "return",
            "submitted",
            "returned",
            "so-ct-thanh-hoa",
            "Số cơ sở áp dụng chưa khớp danh sách.",
        ),
        ("submit", "returned", "submitted", "ubnd-dong-son", ""),
        ("accept", "submitted", "accepted", "so-ct-thanh-hoa", ""),
        ("reopen", "accepted", "draft", "so-ct-thanh-hoa", "Bổ sung số liệu tập huấn."),
    ]


def test_the_unit_cannot_accept_its_own_report_nor_the_ministry_return_it(
    login_as, unit_user, ministry_user, dong_son_report
):
    login_as(unit_user).post(
        reverse("reporting:report_submit", args=[dong_son_report.pk]), {"confirmed": "1"}
    )

    assert (
        login_as(unit_user)
        .post(reverse("reporting:report_accept", args=[dong_son_report.pk]))
        .status_code
        == 403
    )
    response = login_as(ministry_user).post(
        reverse("reporting:report_return", args=[dong_son_report.pk]), {"reason": "Không"}
    )
    assert response.status_code == 403
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.SUBMITTED


def test_a_late_submission_is_flagged_with_the_days_late(
    login_as, unit_user, province_user, dong_son_report, clock
):
    clock.move_to(at(20, 12, 2019))

    response = login_as(unit_user).post(
        reverse("reporting:report_submit", args=[dong_son_report.pk]),
        {"confirmed": "1"},
        follow=True,
    )

    dong_son_report.refresh_from_db()
    assert dong_son_report.days_late() == 5
    assert "trễ hạn 5 ngày" in response.content.decode()
    table = login_as(province_user).get(
        reverse("reporting:year_detail", args=[dong_son_report.reporting_year_id])
    )
    assert "Gửi trễ 5 ngày" in table.content.decode()


def test_a_submission_on_the_due_date_is_on_time_and_an_unsent_report_is_overdue(
    login_as, unit_user, province_user, dong_son_report, hoang_hoa_committee, clock
):
    from reporting import services

    reporting_year = dong_son_report.reporting_year
    services.reporting_year_open(plan=reporting_year.plan, year=2019, actor=province_user)
    clock.move_to(at(15, 12, 2019, hour=23))
    login_as(unit_user).post(
        reverse("reporting:report_submit", args=[dong_son_report.pk]), {"confirmed": "1"}
    )
    clock.move_to(at(18, 12, 2019))

    dong_son_report.refresh_from_db()
    hoang_hoa = UnitReport.objects.get(reporting_year=reporting_year, agency=hoang_hoa_committee)
    assert dong_son_report.days_late() == 0
    assert not dong_son_report.submitted_late
    assert hoang_hoa.days_late() == 3
    page = login_as(province_user).get(reverse("reporting:year_detail", args=[reporting_year.pk]))
    assert "Quá hạn 3 ngày" in page.content.decode()


def test_the_unit_adds_an_activity_and_an_attachment_to_its_draft(
    login_as, unit_user, province_user, dong_son_report, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    unit = login_as(unit_user)
    response = unit.post(
        reverse("reporting:activity_add", args=[dong_son_report.pk]),
        {
            "kind": "training",
            "date": "12/06/2019",
            "title": "Tập huấn SXSH cho doanh nghiệp",
            "participants": "40",
            "enterprises_reached": "12",
            "cost_vnd": "30000000",
            "funding_source": "provincial_budget",
        },
    )
    assert response.status_code == 302
    activity = dong_son_report.activities.get()
    assert activity.date == datetime.date(2019, 6, 12)

    unit.post(
        reverse("reporting:attachment_add", args=[dong_son_report.pk]),
        {"title": "Danh sách cơ sở", "file": SimpleUploadedFile("ds.pdf", b"%PDF-1.4 thu")},
    )
    attachment = dong_son_report.attachments.get()
    download = login_as(province_user).get(
        reverse("reporting:attachment_download", args=[attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 thu"


def test_another_province_and_outsiders_never_see_the_report(
    login_as, other_province_user, facility_user, outsider_user, dong_son_report
):
    url = reverse("reporting:report_detail", args=[dong_son_report.pk])
    for user in (other_province_user, facility_user, outsider_user):
        assert login_as(user).get(url).status_code == 404


@pytest.mark.parametrize("name", ["report_list", "consolidated_list"])
def test_lists_ask_anonymous_visitors_to_log_in(client, name):
    response = client.get(reverse(f"reporting:{name}"))
    assert response.status_code == 302
    assert "/tai-khoan/" in response["Location"]
