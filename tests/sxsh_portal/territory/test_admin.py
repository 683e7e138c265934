import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from sxsh_portal.territory.models import Agency
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def doit_staff(province_user):
    """The Thanh Hóa DOIT officer, given access to the admin to look after agencies."""
    province_user.is_staff = True
    province_user.save()
    province_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_agency", "change_agency"])
    )
    return province_user


def test_a_doit_officer_in_the_admin_sees_only_the_agencies_of_their_province(
    client_as, doit_staff, thanh_hoa, ha_giang_doit
):
    AgencyFactory(name="Sở Tài chính Thanh Hóa", kind=Agency.Kind.DEPARTMENT, province=thanh_hoa)

    page = client_as(doit_staff).get(reverse("admin:territory_agency_changelist"))

    assert page.status_code == 200
    listed = {agency.name for agency in page.context["cl"].queryset}
    assert listed == {"Sở Công Thương Thanh Hóa", "Sở Tài chính Thanh Hóa"}


def test_a_doit_officer_cannot_open_another_provinces_agency_in_the_admin(
    client_as, doit_staff, ha_giang_doit
):
    page = client_as(doit_staff).get(
        reverse("admin:territory_agency_change", args=[ha_giang_doit.pk])
    )

    # Django's admin answers an object outside the queryset with a redirect and a message.
    assert page.status_code == 302
    assert page["Location"] == reverse("admin:index")
