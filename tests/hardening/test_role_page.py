"""Role grants are a portal page for the ministry and system administrators (issue 14, item 1).

Before, roles were granted in the admin, where a staff province account holding
add_roleassignment gave itself another province's DOIT role (and the ministry role was
offered); the page did not exist, so every test here failed before.
"""

import pytest
from django.urls import reverse

from sxsh_portal.accounts.models import RoleAssignment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/tai-khoan/phan-quyen/"


@pytest.fixture
def newcomer(db):
    return UserFactory(username="can-bo-moi", full_name="Cán bộ mới")


def test_the_role_page_is_at_its_vietnamese_address():
    assert reverse("accounts:role_list") == URL


@pytest.mark.parametrize(
    "who", ["province_user", "other_province_user", "unit_user", "facility_user", "outsider_user"]
)
def test_no_one_below_the_ministry_can_open_the_role_page(client_as, request, who):
    assert client_as(request.getfixturevalue(who)).get(URL).status_code == 404


def test_a_staff_province_account_cannot_open_the_role_page_nor_grant_itself_a_role(
    client_as, province_user, ha_giang_doit
):
    province_user.is_staff = True
    province_user.save()
    client = client_as(province_user)

    page = client.get(URL)
    grant = client.post(
        URL, {"username": province_user.username, "role": "province", "agency": ha_giang_doit.pk}
    )

    assert page.status_code == 404
    assert grant.status_code == 404
    assert not RoleAssignment.objects.filter(user=province_user, agency=ha_giang_doit).exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_ministry_grants_a_doit_role_and_the_history_names_who_did_it(
    client_as, ministry_user, newcomer, thanh_hoa_doit
):
    client = client_as(ministry_user)

    response = client.post(
        URL, {"username": "can-bo-moi", "role": "province", "agency": thanh_hoa_doit.pk}
    )

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert (assignment.role, assignment.agency) == ("province", thanh_hoa_doit)
    record = assignment.history.get()
    assert record.history_type == "+"
    assert record.history_user == ministry_user
    page = client.get(URL).content.decode()
    assert "can-bo-moi" in page
    assert "Lịch sử phân quyền" in page


def test_the_ministry_cannot_grant_the_ministry_role(client_as, ministry_user, newcomer, moit):
    client = client_as(ministry_user)

    form = client.get(URL).context["form"]
    response = client.post(URL, {"username": "can-bo-moi", "role": "ministry", "agency": moit.pk})

    assert "ministry" not in dict(form.fields["role"].choices)
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_the_ministry_cannot_withdraw_another_ministry_officers_role(
    client_as, ministry_user, moit
):
    colleague = UserFactory(username="bo-ct-2")
    held = RoleAssignment.objects.create(user=colleague, role="ministry", agency=moit)

    client_as(ministry_user).post(reverse("accounts:role_revoke", args=[held.pk]))

    assert RoleAssignment.objects.filter(pk=held.pk).exists()


def test_a_superuser_grants_the_ministry_role(admin_client, newcomer, moit):
    response = admin_client.post(
        URL, {"username": "can-bo-moi", "role": "ministry", "agency": moit.pk}
    )

    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=newcomer, role="ministry", agency=moit).exists()


def test_a_role_needs_an_agency_of_its_kind(client_as, ministry_user, newcomer, dong_son_committee):
    response = client_as(ministry_user).post(
        URL, {"username": "can-bo-moi", "role": "province", "agency": dong_son_committee.pk}
    )

    assert response.status_code == 200
    assert "Cơ quan này không phù hợp với vai trò đã chọn." in response.content.decode()
    assert not RoleAssignment.objects.filter(user=newcomer).exists()


def test_the_ministry_withdraws_a_doit_role_and_the_withdrawal_is_recorded(
    client_as, ministry_user, province_user
):
    held = RoleAssignment.objects.get(user=province_user)

    response = client_as(ministry_user).post(reverse("accounts:role_revoke", args=[held.pk]))

    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=held.pk).exists()
    withdrawal = RoleAssignment.history.filter(id=held.pk, history_type="-").get()
    assert withdrawal.history_user == ministry_user


def test_a_province_cannot_withdraw_a_role(client_as, province_user, other_province_user):
    held = RoleAssignment.objects.get(user=other_province_user)

    response = client_as(province_user).post(reverse("accounts:role_revoke", args=[held.pk]))

    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=held.pk).exists()


def test_the_ministry_finds_the_role_page_in_its_menu_and_a_province_does_not(
    client, ministry_user, province_user
):
    client.force_login(ministry_user, backend="django.contrib.auth.backends.ModelBackend")
    ministry_home = client.get("/").content.decode()
    client.force_login(province_user, backend="django.contrib.auth.backends.ModelBackend")
    province_home = client.get("/").content.decode()

    assert f'href="{URL}"' in ministry_home
    assert f'href="{URL}"' not in province_home
