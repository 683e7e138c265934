import pytest
from django.contrib.auth.models import AnonymousUser

from sxsh_portal.accounts.access import PUBLIC, scope_for
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.territory.models import Agency
from tests.factories import AgencyFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_gets_the_empty_public_scope():
    assert scope_for(AnonymousUser()) == PUBLIC
    assert not PUBLIC.sees_province(1)


def test_the_ministry_sees_every_province(ministry_user, thanh_hoa, ha_giang):
    scope = scope_for(ministry_user)

    assert scope.is_ministry
    assert scope.sees_province(thanh_hoa.pk)
    assert scope.sees_province(ha_giang.pk)
    assert not scope.manages_province(thanh_hoa.pk)


def test_a_doit_sees_and_manages_only_its_own_province(province_user, thanh_hoa, ha_giang):
    scope = scope_for(province_user)

    assert scope.manages_province(thanh_hoa.pk)
    assert not scope.sees_province(ha_giang.pk)
    assert not scope.is_ministry


def test_the_doit_of_a_merged_province_also_sees_the_provinces_it_succeeded(ha_giang):
    tuyen_quang_today = ha_giang.successors.get()
    doit = AgencyFactory(
        name="Sở Công Thương Tuyên Quang", kind=Agency.Kind.DOIT, province=tuyen_quang_today
    )
    user = UserFactory(username="so-ct-tuyen-quang")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.PROVINCE, agency=doit)

    scope = scope_for(user)

    old_tuyen_quang = tuyen_quang_today.predecessors.exclude(pk=ha_giang.pk).get()
    assert scope.province_ids == {tuyen_quang_today.pk, ha_giang.pk, old_tuyen_quang.pk}


def test_a_reporting_unit_reads_its_province_but_manages_nothing(
    unit_user, dong_son_committee, thanh_hoa
):
    scope = scope_for(unit_user)

    assert scope.unit_agency_ids == {dong_son_committee.pk}
    assert scope.sees_province(thanh_hoa.pk)
    assert not scope.manages_province(thanh_hoa.pk)


def test_a_user_with_no_role_sees_nothing(outsider_user, thanh_hoa):
    scope = scope_for(outsider_user)

    assert scope.is_authenticated
    assert not scope.sees_province(thanh_hoa.pk)


def test_a_deactivated_user_loses_every_right(province_user, thanh_hoa):
    province_user.is_active = False

    assert scope_for(province_user) == PUBLIC


def test_a_user_holding_two_roles_gets_both(province_user, dong_son_committee):
    RoleAssignmentFactory(
        user=province_user, role=RoleAssignment.Role.UNIT, agency=dong_son_committee
    )

    scope = scope_for(province_user)

    assert scope.is_doit and scope.is_unit
