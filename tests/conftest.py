"""Fixed people and places every test can use.

Thanh Hóa (unchanged by the 2025 reform) is the home province; Hà Giang (merged into
Tuyên Quang on 01/07/2025) is "another jurisdiction". One user per role:
ministry, province (Thanh Hóa DOIT), unit (Đông Sơn district people's committee),
facility (a facility representative), outsider (a logged-in user with no role), and
other_province (Hà Giang DOIT) for cross-jurisdiction checks.
"""

import pytest

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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; test users need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    # Uploads and generated PDFs of a test must not land in the work tree's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    # Cached dashboard figures are keyed by the registry's revision (newest history ids);
    # a rolled-back test can leave the next one the same ids with other data.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def thanh_hoa(db):
    old = ProvinceFactory(code="38", name="Thanh Hóa", name_en="Thanh Hoa")
    new = CurrentProvinceFactory(code="38", name="Thanh Hóa", name_en="Thanh Hoa")
    old.successors.add(new)
    return old


@pytest.fixture
def thanh_hoa_today(thanh_hoa):
    return thanh_hoa.successors.get()


@pytest.fixture
def ha_giang(db):
    old = ProvinceFactory(code="02", name="Hà Giang", name_en="Ha Giang")
    tuyen_quang_old = ProvinceFactory(code="08", name="Tuyên Quang", name_en="Tuyen Quang")
    tuyen_quang = CurrentProvinceFactory(code="08", name="Tuyên Quang", name_en="Tuyen Quang")
    old.successors.add(tuyen_quang)
    tuyen_quang_old.successors.add(tuyen_quang)
    return old


@pytest.fixture
def dong_son(thanh_hoa):
    return DistrictFactory(code="405", name="Huyện Đông Sơn", parent=thanh_hoa)


@pytest.fixture
def moit(db):
    return AgencyFactory(name="Bộ Công Thương", kind=Agency.Kind.MINISTRY, province=None)


@pytest.fixture
def thanh_hoa_doit(thanh_hoa_today):
    # Attached to today's province, as in the seed fixtures; the access rule adds 2008–2025.
    return AgencyFactory(
        name="Sở Công Thương Thanh Hóa", kind=Agency.Kind.DOIT, province=thanh_hoa_today
    )


@pytest.fixture
def ha_giang_doit(ha_giang):
    return AgencyFactory(name="Sở Công Thương Hà Giang", kind=Agency.Kind.DOIT, province=ha_giang)


@pytest.fixture
def dong_son_committee(thanh_hoa, dong_son):
    return AgencyFactory(
        name="UBND huyện Đông Sơn",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=thanh_hoa,
        territory=dong_son,
    )


@pytest.fixture
def ministry_user(moit):
    user = UserFactory(username="bo-cong-thuong", full_name="Cán bộ Bộ Công Thương")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.MINISTRY, agency=moit)
    return user


@pytest.fixture
def province_user(thanh_hoa_doit):
    user = UserFactory(username="so-ct-thanh-hoa", full_name="Cán bộ Sở Công Thương Thanh Hóa")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.PROVINCE, agency=thanh_hoa_doit)
    return user


@pytest.fixture
def other_province_user(ha_giang_doit):
    user = UserFactory(username="so-ct-ha-giang", full_name="Cán bộ Sở Công Thương Hà Giang")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.PROVINCE, agency=ha_giang_doit)
    return user


@pytest.fixture
def unit_user(dong_son_committee):
    user = UserFactory(username="ubnd-dong-son", full_name="Cán bộ UBND huyện Đông Sơn")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.UNIT, agency=dong_son_committee)
    return user


@pytest.fixture
def facility_user(db):
    user = UserFactory(username="co-so-demo", full_name="Đại diện cơ sở")
    RoleAssignmentFactory(user=user, role=RoleAssignment.Role.FACILITY, agency=None)
    return user


@pytest.fixture
def outsider_user(db):
    return UserFactory(username="nguoi-ngoai", full_name="Người dùng chưa được phân quyền")


@pytest.fixture
def client_as(client):
    """Log the test client in as a given user: client_as(province_user)."""

    def login(user):
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def users_by_role(
    ministry_user, province_user, other_province_user, unit_user, facility_user, outsider_user
):
    """One user per role, by the names the permission matrices use (None: anonymous)."""
    return {
        "anonymous": None,
        "ministry": ministry_user,
        "province": province_user,
        "other_province": other_province_user,
        "unit": unit_user,
        "facility": facility_user,
        "outsider": outsider_user,
    }
