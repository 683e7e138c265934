"""The Django admin is for system administrators only (issue 14, item 1).

Before: a staff DOIT officer with view permissions read other provinces' rows, their history
pages skipped the province filter and a history POST reverted another province's facility.
Every test here failed before the admin site was limited to superusers.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from facilities.models import Facility
from tests.facilities.factories import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def doit_staff(province_user):
    """The Thanh Hóa DOIT officer, made staff with every permission a clerk could hand out."""
    province_user.is_staff = True
    province_user.save()
    province_user.user_permissions.add(*Permission.objects.all())
    return province_user


@pytest.fixture
def ha_giang_facility(sectors, vi_xuyen):
    return FacilityFactory(name="Nhà máy chè Hà Giang", tax_code="0100000001", admin_unit=vi_xuyen)


def refused(response):
    # The admin answers anyone without access with its login page, never with data.
    return response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:territory_agency_changelist",
        "admin:facilities_facility_changelist",
        "admin:accounts_user_changelist",
        "admin:accounts_roleassignment_changelist",
        "admin:accounts_roleassignment_add",
        "admin:strategies_actionplan_changelist",
        "admin:reporting_unitreport_changelist",
        "admin:axes_accesslog_changelist",
    ],
)
def test_a_staff_province_account_cannot_open_any_admin_page(client_as, doit_staff, name):
    assert refused(client_as(doit_staff).get(reverse(name)))


def test_a_staff_province_account_cannot_read_another_provinces_facility_history(
    client_as, doit_staff, ha_giang_facility
):
    client = client_as(doit_staff)
    history = client.get(reverse("admin:facilities_facility_history", args=[ha_giang_facility.pk]))
    record = ha_giang_facility.history.first()
    one = client.get(
        reverse(
            "admin:facilities_facility_simple_history",
            args=[ha_giang_facility.pk, record.history_id],
        )
    )

    assert refused(history)
    assert refused(one)
    assert "Nhà máy chè Hà Giang" not in history.content.decode()


def test_a_staff_province_account_cannot_revert_a_facility_by_posting_a_history_form(
    client_as, doit_staff, ha_giang_facility
):
    record = ha_giang_facility.history.first()
    ha_giang_facility.name = "Tên mới do Sở Hà Giang sửa"
    ha_giang_facility.save()

    response = client_as(doit_staff).post(
        reverse(
            "admin:facilities_facility_simple_history",
            args=[ha_giang_facility.pk, record.history_id],
        ),
        {"name": "Đã bị sửa từ Thanh Hóa", "_save": "1"},
    )

    assert refused(response)
    assert Facility.objects.get(pk=ha_giang_facility.pk).name == "Tên mới do Sở Hà Giang sửa"


def test_a_superuser_still_administers_everything(admin_client, ha_giang_facility):
    page = admin_client.get(reverse("admin:facilities_facility_changelist"))

    assert page.status_code == 200
    assert "Nhà máy chè Hà Giang" in page.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "admin:reporting_unitreport_add",
        "admin:reporting_consolidatedreport_add",
        "admin:reporting_remindersent_add",
        "admin:signatures_signeddocument_add",
    ],
)
def test_not_even_a_superuser_writes_a_report_or_a_signed_copy_in_the_admin(admin_client, name):
    # Reports change through the services (version check, state rules, audit trail) and a
    # signed copy only through its verification: the admin lists them and writes nothing.
    assert admin_client.get(reverse(name)).status_code == 403
    assert admin_client.post(reverse(name), {}).status_code == 403
