"""A unit's progress on its duties goes through a service and leaves a history: who set
which duty to what, and when; an unchanged duty adds nothing."""

import pytest
from django.urls import reverse

from reporting.models import TaskProgress
from tests.html_forms import post_form

pytestmark = pytest.mark.django_db


def test_a_progress_edit_through_the_report_form_is_recorded_with_its_author(
    dong_son_report, unit_user, login_as
):
    changed = TaskProgress.objects.filter(report=dong_son_report).order_by("pk").first()
    unit = login_as(unit_user)
    url = reverse("reporting:report_edit", args=[dong_son_report.pk])
    data = post_form(unit.get(url).content.decode(), action=url).values

    response = unit.post(
        url,
        {
            **data,
            f"status_{changed.pk}": "done",
            f"done_{changed.pk}": "Đã tập huấn cho 12 doanh nghiệp.",
        },
    )

    assert response.status_code == 302
    changed.refresh_from_db()
    assert (changed.status, changed.done_text) == ("done", "Đã tập huấn cho 12 doanh nghiệp.")
    newest = changed.history.order_by("-history_id").first()
    assert newest.history_user == unit_user
    assert newest.history_type == "~"
    assert newest.status == "done"

    # Saved again unchanged: no new record.
    records = changed.history.count()
    again = post_form(unit.get(url).content.decode(), action=url).values
    assert unit.post(url, again).status_code == 302
    assert changed.history.count() == records


def test_a_progress_id_of_another_report_changes_nothing(
    hoang_hoa_committee, dong_son_report, unit_user
):
    from reporting import services
    from reporting.models import UnitReport

    other = UnitReport.objects.get(
        reporting_year=dong_son_report.reporting_year, agency=hoang_hoa_committee
    )
    foreign = TaskProgress.objects.filter(report=other).first()
    if foreign is None:
        pytest.skip("the other unit has no duty in the seed plan")

    services.task_progress_update(
        report=dong_son_report, actor=unit_user, progress={foreign.pk: ("done", "x")}
    )

    foreign.refresh_from_db()
    assert foreign.status == "not_started"
