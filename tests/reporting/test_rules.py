"""The report's rules hold whatever the way in: the service refuses an inconsistent report
(saved or sent) from the page, the autosave, the workbook and the API with the same
Vietnamese message, and a year outside the plan's period cannot be opened."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting import services
from reporting.figures import Figure
from reporting.models import ReportingYear, UnitReport, UnitReportValue
from tests.api_support import api_as
from tests.reporting.test_cycle import _edit_data

pytestmark = pytest.mark.django_db

PART_ABOVE_WHOLE = f"Không được lớn hơn “{Figure.OFFICERS.label}” (2)."


def _stored_inconsistent(report):
    """Figures written by a way in that skipped the rules (an old draft, a direct load)."""
    UnitReportValue.objects.filter(report=report, figure=Figure.OFFICERS).update(reported_value=2)
    UnitReportValue.objects.filter(report=report, figure=Figure.OFFICERS_TRAINED).update(
        reported_value=5
    )


def test_the_service_refuses_to_save_a_part_above_its_whole(dong_son_report, unit_user):
    with pytest.raises(ValidationError) as refused:
        services.unit_report_save(
            report=dong_son_report,
            actor=unit_user,
            expected_version=dong_son_report.version,
            reported_values={Figure.OFFICERS: 2, Figure.OFFICERS_TRAINED: 5},
            difficulties="",
            proposals="",
        )

    assert refused.value.message_dict == {Figure.OFFICERS_TRAINED: [PART_ABOVE_WHOLE]}
    assert dong_son_report.values.get(figure=Figure.OFFICERS_TRAINED).reported_value is None


def test_the_service_refuses_to_send_an_inconsistent_report(dong_son_report, unit_user):
    _stored_inconsistent(dong_son_report)

    with pytest.raises(ValidationError) as refused:
        services.unit_report_submit(report=dong_son_report, actor=unit_user)

    assert refused.value.message_dict == {Figure.OFFICERS_TRAINED: [PART_ABOVE_WHOLE]}
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.DRAFT


def test_the_api_refuses_to_send_an_inconsistent_report_with_the_same_message(
    dong_son_report, unit_user
):
    _stored_inconsistent(dong_son_report)

    response = api_as(unit_user).post(
        f"/api/v1/unit-reports/{dong_son_report.pk}/submit/", {"version": dong_son_report.version}
    )

    assert response.status_code == 400, response.content
    assert response.json()["errors"]["figures"] == {"officers_trained": PART_ABOVE_WHOLE}
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.DRAFT


def test_the_page_refuses_to_send_an_inconsistent_report_naming_the_figure(
    login_as, dong_son_report, unit_user
):
    _stored_inconsistent(dong_son_report)
    client = login_as(unit_user)

    response = client.post(
        reverse("reporting:report_submit", args=[dong_son_report.pk]),
        {"version": dong_son_report.version, "confirmed": "1"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse(
        "reporting:report_edit", args=[dong_son_report.pk]
    )
    assert f"{Figure.OFFICERS_TRAINED.label}: {PART_ABOVE_WHOLE}" in response.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == UnitReport.State.DRAFT


def test_the_page_shows_the_services_refusal_on_the_figures_field(
    login_as, dong_son_report, unit_user
):
    response = login_as(unit_user).post(
        reverse("reporting:report_edit", args=[dong_son_report.pk]),
        _edit_data(dong_son_report, value_officers="2", value_officers_trained="5"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"value_officers_trained": [PART_ABOVE_WHOLE]}
    assert dong_son_report.values.get(figure=Figure.OFFICERS_TRAINED).reported_value is None


def test_the_autosave_names_the_refused_figure(login_as, dong_son_report, unit_user):
    response = login_as(unit_user).post(
        reverse("reporting:report_autosave", args=[dong_son_report.pk]),
        _edit_data(dong_son_report, value_officers="2", value_officers_trained="5"),
    )

    assert f"{Figure.OFFICERS_TRAINED.label}: {PART_ABOVE_WHOLE}" in response.content.decode()
    assert dong_son_report.values.get(figure=Figure.OFFICERS_TRAINED).reported_value is None


def test_a_year_outside_the_plans_period_cannot_be_opened(plan, province_user):
    plan.period_start, plan.period_end = 2016, 2020
    plan.save()

    with pytest.raises(ValidationError) as refused:
        services.reporting_year_open(plan=plan, year=2021, actor=province_user)

    assert refused.value.messages == ["Năm báo cáo phải trong giai đoạn 2016–2020 của kế hoạch."]
    assert not ReportingYear.objects.filter(plan=plan, year=2021).exists()


def test_a_draft_plan_opens_no_year(plan, province_user):
    plan.status = plan.Status.DRAFT
    plan.save()

    with pytest.raises(ValidationError) as refused:
        services.reporting_year_open(plan=plan, year=2019, actor=province_user)

    assert "dự thảo" in refused.value.messages[0]
