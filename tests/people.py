"""The people and places of tests/conftest.py's fixtures, as plain functions, so that a
module-scoped world (tests/access_cases.py) makes the very same ones."""

from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.territory.models import Agency
from tests.factories import (
    AgencyFactory,
    CurrentProvinceFactory,
    DistrictFactory,
    ProvinceFactory,
    RoleAssignmentFactory,
    UserFactory,
)


def thanh_hoa():
    old = ProvinceFactory(code="38", name="Thanh Hóa", name_en="Thanh Hoa")
    new = CurrentProvinceFactory(code="38", name="Thanh Hóa", name_en="Thanh Hoa")
    old.successors.add(new)
    return old


def ha_giang():
    old = ProvinceFactory(code="02", name="Hà Giang", name_en="Ha Giang")
    tuyen_quang_old = ProvinceFactory(code="08", name="Tuyên Quang", name_en="Tuyen Quang")
    tuyen_quang = CurrentProvinceFactory(code="08", name="Tuyên Quang", name_en="Tuyen Quang")
    old.successors.add(tuyen_quang)
    tuyen_quang_old.successors.add(tuyen_quang)
    return old


def dong_son(thanh_hoa):
    return DistrictFactory(code="405", name="Huyện Đông Sơn", parent=thanh_hoa)


def moit():
    return AgencyFactory(name="Bộ Công Thương", kind=Agency.Kind.MINISTRY, province=None)


def thanh_hoa_doit(thanh_hoa_today):
    # Attached to today's province, as in the seed fixtures; the access rule adds 2008–2025.
    return AgencyFactory(
        name="Sở Công Thương Thanh Hóa", kind=Agency.Kind.DOIT, province=thanh_hoa_today
    )


def ha_giang_doit(ha_giang):
    return AgencyFactory(name="Sở Công Thương Hà Giang", kind=Agency.Kind.DOIT, province=ha_giang)


def dong_son_committee(thanh_hoa, dong_son):
    return AgencyFactory(
        name="UBND huyện Đông Sơn",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=thanh_hoa,
        territory=dong_son,
    )


def ministry_user(moit):
    user = UserFactory(username="bo-cong-thuong", full_name="Cán bộ Bộ Công Thương")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.MINISTRY, agency=moit)
    return user


def province_user(thanh_hoa_doit):
    user = UserFactory(username="so-ct-thanh-hoa", full_name="Cán bộ Sở Công Thương Thanh Hóa")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.PROVINCE, agency=thanh_hoa_doit)
    return user


def other_province_user(ha_giang_doit):
    user = UserFactory(username="so-ct-ha-giang", full_name="Cán bộ Sở Công Thương Hà Giang")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.PROVINCE, agency=ha_giang_doit)
    return user


def unit_user(dong_son_committee):
    user = UserFactory(username="ubnd-dong-son", full_name="Cán bộ UBND huyện Đông Sơn")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.UNIT, agency=dong_son_committee)
    return user


def facility_user():
    user = UserFactory(username="co-so-demo", full_name="Đại diện cơ sở")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.FACILITY, agency=None)
    return user


def outsider_user():
    return UserFactory(username="nguoi-ngoai", full_name="Người dùng chưa được phân quyền")


def users_of_every_role() -> dict:
    """One user per role by the access tables' names (None: anonymous), made as the
    users_by_role fixture makes them."""
    home, other = thanh_hoa(), ha_giang()
    return {
        "anonymous": None,
        "ministry": ministry_user(moit()),
        "province": province_user(thanh_hoa_doit(home.successors.get())),
        "other_province": other_province_user(ha_giang_doit(other)),
        "unit": unit_user(dong_son_committee(home, dong_son(home))),
        "facility": facility_user(),
        "outsider": outsider_user(),
    }
