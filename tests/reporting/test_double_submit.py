"""A double submit of a create form creates one row, and the second click gets the first
one's answer (issue 15, item 6): the form carries a token, the view runs once per token."""

import re
import threading
import time
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from reporting.models import Activity, ReportingYear


def _token(page: str) -> str:
    match = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
    assert match, "the form carries no token"
    return match.group(1)


ACTIVITY = {
    "kind": "training",
    "date": "20/08/2019",
    "title": "Tập huấn SXSH cho doanh nghiệp",
    "participants": "35",
    "enterprises_reached": "14",
    "cost_vnd": "24.000.000",
    "funding_source": "provincial_budget",
}


def test_two_clicks_on_add_activity_create_one_activity_and_the_same_answer(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)
    page = client.get(reverse("reporting:report_edit", args=[dong_son_report.pk]))
    data = {**ACTIVITY, "form_token": _token(page.content.decode())}
    url = reverse("reporting:activity_add", args=[dong_son_report.pk])

    first = client.post(url, data)
    second = client.post(url, data)

    assert Activity.objects.filter(report=dong_son_report).count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


def test_a_new_rendering_of_the_form_may_add_a_second_activity(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)
    url = reverse("reporting:activity_add", args=[dong_son_report.pk])

    client.post(url, {**ACTIVITY, "form_token": uuid.uuid4().hex})
    client.post(url, {**ACTIVITY, "form_token": uuid.uuid4().hex})

    assert Activity.objects.filter(report=dong_son_report).count() == 2


def test_a_form_with_errors_gives_its_token_back_for_the_corrected_submit(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)
    url = reverse("reporting:activity_add", args=[dong_son_report.pk])
    token = uuid.uuid4().hex

    refused = client.post(url, {**ACTIVITY, "title": "", "form_token": token})
    accepted = client.post(url, {**ACTIVITY, "form_token": token})

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert Activity.objects.filter(report=dong_son_report).count() == 1


def test_two_clicks_on_open_year_open_it_once_and_both_land_on_the_year(
    login_as, province_user, plan
):
    client = login_as(province_user)
    page = client.get(reverse("reporting:plan_years", args=[plan.pk])).content.decode()
    data = {"year": 2019, "form_token": _token(page)}
    url = reverse("reporting:year_open", args=[plan.pk])

    first = client.post(url, data)
    second = client.post(url, data)

    year = ReportingYear.objects.get(plan=plan, year=2019)
    assert first["Location"] == second["Location"] == year.get_absolute_url()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_clicks_on_postgresql_create_one_activity(
    unit_user, dong_son_report, monkeypatch
):
    """Two requests with one token at the same moment: the second waits for the first's
    answer (PostgreSQL: the claim is a unique row; SQLite cannot serve two threads)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from reporting import services

    original = services.activity_create
    barrier = threading.Barrier(2)

    def slow_create(**kwargs):
        time.sleep(0.5)  # the second click arrives while the first is still writing
        return original(**kwargs)

    monkeypatch.setattr(services, "activity_create", slow_create)
    url = reverse("reporting:activity_add", args=[dong_son_report.pk])
    data = {**ACTIVITY, "form_token": uuid.uuid4().hex}
    answers = []

    def click():
        client = Client()
        client.force_login(unit_user, backend="django.contrib.auth.backends.ModelBackend")
        barrier.wait()
        answers.append(client.post(url, data))
        connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Activity.objects.filter(report=dong_son_report).count() == 1
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
