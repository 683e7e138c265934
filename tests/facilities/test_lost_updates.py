"""The DOIT and the facility's representative edit the same facility: the second save made
from an older page is refused in Vietnamese, keeps what was typed, and loses nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from facilities.models import Facility, FacilityYearStatus, Measure
from tests.facilities.factories import MeasureFactory, YearStatusFactory
from tests.html_forms import post_form

STALE = "Dữ liệu này đã được thay đổi"

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def opened(client, url) -> dict:
    """What the browser would send back from the form as rendered now."""
    response = client.get(url)
    assert response.status_code == 200
    return dict(post_form(response.content.decode()).values)


def test_the_second_of_two_profile_edits_is_refused_and_keeps_what_was_typed(
    represented_brewery, facility_user, province_user
):
    url = reverse("facilities:facility_edit", args=[represented_brewery.pk])
    representative, doit = signed_in(facility_user), signed_in(province_user)
    by_representative, by_doit = opened(representative, url), opened(doit, url)
    assert by_doit["version"] == by_representative["version"] != "0"

    first = representative.post(url, {**by_representative, "contact_phone": "0237 111 222"})
    second = doit.post(url, {**by_doit, "address": "Khu công nghiệp Lễ Môn, lô 7"})

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert STALE in page
    assert "Khu công nghiệp Lễ Môn, lô 7" in page  # what the DOIT typed is still there
    brewery = Facility.objects.get(pk=represented_brewery.pk)
    assert brewery.contact_phone == "0237 111 222"
    assert brewery.address != "Khu công nghiệp Lễ Môn, lô 7"

    # Saving again after reading the message is a deliberate overwrite, and audited.
    third = doit.post(url, post_form(page).values)
    assert third.status_code == 302
    brewery.refresh_from_db()
    assert brewery.address == "Khu công nghiệp Lễ Môn, lô 7"
    authors = [record.history_user for record in brewery.history.order_by("-history_id")[:2]]
    assert authors == [province_user, facility_user]


def test_the_second_of_two_measure_edits_is_refused(
    represented_brewery, facility_user, province_user
):
    measure = MeasureFactory(facility=represented_brewery, year=2019, title="Thu hồi nước ngưng")
    url = reverse("facilities:measure_edit", args=[measure.pk])
    representative, doit = signed_in(facility_user), signed_in(province_user)
    by_representative, by_doit = opened(representative, url), opened(doit, url)

    first = representative.post(url, {**by_representative, "title": "Thu hồi nước ngưng lò hơi"})
    second = doit.post(url, {**by_doit, "title": "Bảo ôn đường ống hơi"})

    assert first.status_code == 302
    assert second.status_code == 200
    assert STALE in second.content.decode()
    assert "Bảo ôn đường ống hơi" in second.content.decode()
    assert Measure.objects.get(pk=measure.pk).title == "Thu hồi nước ngưng lò hơi"


def test_the_second_of_two_yearly_status_edits_is_refused(
    represented_brewery, facility_user, province_user
):
    YearStatusFactory(facility=represented_brewery, year=2019, trained_staff_count=1)
    url = reverse("facilities:status_edit", args=[represented_brewery.pk, 2019])
    representative, doit = signed_in(facility_user), signed_in(province_user)
    by_representative, by_doit = opened(representative, url), opened(doit, url)

    first = representative.post(url, {**by_representative, "trained_staff_count": "4"})
    second = doit.post(url, {**by_doit, "trained_staff_count": "9"})

    assert first.status_code == 302
    assert second.status_code == 200 and STALE in second.content.decode()
    status = FacilityYearStatus.objects.get(facility=represented_brewery, year=2019)
    assert status.trained_staff_count == 4


def test_a_save_from_an_unchanged_page_goes_through(represented_brewery, province_user):
    url = reverse("facilities:facility_edit", args=[represented_brewery.pk])
    doit = signed_in(province_user)

    response = doit.post(url, {**opened(doit, url), "address": "Số 2 đường Lê Lợi"})

    assert response.status_code == 302
    assert Facility.objects.get(pk=represented_brewery.pk).address == "Số 2 đường Lê Lợi"
