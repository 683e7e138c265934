"""Self-registration → verification by the DOIT → edits by the representative → the DOIT sees
what changed, all through the real URLs."""

import pytest
from django.urls import reverse

from facilities.models import Facility, FacilityRepresentative
from sxsh_portal.accounts.models import RoleAssignment, User
from tests.factories import DEMO_PASSWORD

REGISTER = reverse("facilities:register")


def log_in(client, username):
    """Through the real login page, as the representative would."""
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()


def registration_data(thanh_hoa, dong_son, sectors, **changes):
    data = {
        "name": "Công ty TNHH Chế biến Nông sản Đông Sơn",
        "tax_code": "2801234567",
        "sector": sectors["che-bien-thuc-pham"].pk,
        "size_class": "medium",
        "province": thanh_hoa.pk,
        "admin_unit": dong_son.pk,
        "industrial_zone": "",
        "address": "Xã Đông Tiến, huyện Đông Sơn",
        "contact_phone": "0237 3850 000",
        "full_name": "Lê Văn Đại Diện",
        "email": "daidien@nongsan-dongson.vn",
        "username": "nongsan-dongson",
        "password1": DEMO_PASSWORD,
        "password2": DEMO_PASSWORD,
    }
    data.update(changes)
    return data


@pytest.fixture
def registered(client, thanh_hoa, dong_son, sectors):
    response = client.post(REGISTER, registration_data(thanh_hoa, dong_son, sectors))
    assert response.status_code == 302, response.content.decode()
    return Facility.objects.get(tax_code="2801234567")


def test_an_anonymous_visitor_sees_the_registration_form_in_vietnamese(client, dong_son, sectors):
    response = client.get(REGISTER)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng ký cơ sở sản xuất công nghiệp" in page
    assert "Huyện Đông Sơn" in page


def test_registration_creates_a_pending_facility_and_its_representative(registered, dong_son):
    user = User.objects.get(username="nongsan-dongson")

    assert registered.status == Facility.Status.PENDING
    assert registered.admin_unit == dong_son
    assert registered.province == dong_son.parent
    assert FacilityRepresentative.objects.filter(user=user, facility=registered).exists()
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.role == RoleAssignment.Role.FACILITY
    assert assignment.agency is None
    assert registered.history.get().history_user == user


def test_a_duplicate_tax_code_creates_nothing_and_only_the_applicants_mailbox_says_why(
    client, registered, thanh_hoa, dong_son, sectors, mailoutbox
):
    # The page answers as for a new registration (issue 14: the form must not tell a visitor
    # which tax codes are registered); the mail to the address typed in explains.
    data = registration_data(
        thanh_hoa, dong_son, sectors, username="nguoi-khac", name="Khác", email="khac@example.vn"
    )

    response = client.post(REGISTER, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("facilities:register_done")
    assert Facility.objects.count() == 1
    assert not User.objects.filter(username="nguoi-khac").exists()
    refusal = mailoutbox[-1]
    assert refusal.to == ["khac@example.vn"]
    assert "Mã số thuế 2801234567 đã được đăng ký trên Cổng" in refusal.body


def test_a_malformed_tax_code_is_refused(client, thanh_hoa, dong_son, sectors):
    data = registration_data(thanh_hoa, dong_son, sectors, tax_code="28012345")

    response = client.post(REGISTER, data)

    assert response.status_code == 200
    assert "Mã số thuế phải gồm 10 chữ số" in response.content.decode()
    assert not Facility.objects.exists()


def test_a_branch_tax_code_with_three_more_digits_is_accepted(client, thanh_hoa, dong_son, sectors):
    data = registration_data(thanh_hoa, dong_son, sectors, tax_code="2801234567-001")

    response = client.post(REGISTER, data)

    assert response.status_code == 302
    assert Facility.objects.filter(tax_code="2801234567-001").exists()


def test_a_unit_of_another_province_than_the_chosen_one_is_refused(
    client, thanh_hoa, dong_son, vi_xuyen, sectors
):
    data = registration_data(thanh_hoa, dong_son, sectors, admin_unit=vi_xuyen.pk)

    response = client.post(REGISTER, data)

    assert response.status_code == 200
    assert not Facility.objects.exists()
    assert "admin_unit" in response.context["form"].errors


def test_the_unit_list_follows_the_chosen_province(client, thanh_hoa, dong_son, vi_xuyen):
    response = client.get(reverse("facilities:register_units"), {"province": thanh_hoa.pk})

    page = response.content.decode()
    assert "Huyện Đông Sơn" in page
    assert "Huyện Vị Xuyên" not in page


def test_the_pending_representative_sees_the_facility_but_cannot_edit_it(
    client, registered, thanh_hoa, dong_son, sectors
):
    log_in(client, "nongsan-dongson")

    detail = client.get(registered.get_absolute_url())
    edit = client.get(reverse("facilities:facility_edit", args=[registered.pk]))
    add_measure = client.get(reverse("facilities:measure_create", args=[registered.pk]))

    assert detail.status_code == 200
    assert "Hồ sơ đang chờ Sở Công Thương xác minh" in detail.content.decode()
    assert edit.status_code == 403
    assert add_measure.status_code == 403


def test_the_doit_of_another_province_can_neither_see_nor_verify_the_facility(
    client_as, registered, other_province_user
):
    client = client_as(other_province_user)

    detail = client.get(registered.get_absolute_url())
    verify = client.post(reverse("facilities:facility_verify", args=[registered.pk]))

    assert detail.status_code == 404
    assert verify.status_code == 404
    registered.refresh_from_db()
    assert registered.status == Facility.Status.PENDING


def test_the_district_committee_sees_the_registration_but_cannot_verify_it(
    client_as, registered, unit_user
):
    client = client_as(unit_user)

    assert client.get(registered.get_absolute_url()).status_code == 200
    response = client.post(reverse("facilities:facility_verify", args=[registered.pk]))

    assert response.status_code == 403
    registered.refresh_from_db()
    assert registered.status == Facility.Status.PENDING


def test_the_doit_rejects_a_registration_with_a_reason(client_as, registered, province_user):
    client = client_as(province_user)
    url = reverse("facilities:facility_reject", args=[registered.pk])

    empty = client.post(url, {"reason": ""})
    response = client.post(url, {"reason": "Mã số thuế không khớp với tên doanh nghiệp."})

    assert empty.status_code == 200
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.status == Facility.Status.REJECTED
    assert registered.rejection_reason == "Mã số thuế không khớp với tên doanh nghiệp."


def test_registration_verification_edit_and_the_changes_the_doit_sees(
    client, client_as, registered, province_user
):
    doit = client_as(province_user)
    assert doit.post(reverse("facilities:facility_verify", args=[registered.pk])).status_code == 302
    registered.refresh_from_db()
    assert registered.status == Facility.Status.VERIFIED
    assert registered.verified_by == province_user
    doit.logout()

    log_in(client, "nongsan-dongson")
    edit_url = reverse("facilities:facility_edit", args=[registered.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    response = client.post(
        edit_url,
        {
            "name": "Công ty CP Chế biến Nông sản Đông Sơn",
            "sector": registered.sector_id,
            "size_class": "large",
            "admin_unit": registered.admin_unit_id,
            "industrial_zone": "Cụm công nghiệp Đông Tiến",
            "address": registered.address,
            "contact_person": "Lê Văn Đại Diện",
            "contact_phone": "0237 3850 000",
            "contact_email": "daidien@nongsan-dongson.vn",
        },
    )
    assert response.status_code == 302
    status = client.post(
        reverse("facilities:status_create", args=[registered.pk]),
        {
            "year": 2019,
            "is_aware": "on",
            "is_applying": "on",
            "has_dedicated_unit": "on",
            "trained_staff_count": 3,
            "environmental_record": "commitment",
        },
    )
    assert status.status_code == 302
    client.logout()

    doit = client_as(province_user)
    listing = doit.get(reverse("facilities:facility_list"), {"unverified_changes": "on"})
    assert "Công ty CP Chế biến Nông sản Đông Sơn" in listing.content.decode()
    changes = doit.get(reverse("facilities:facility_changes", args=[registered.pk]))

    page = changes.content.decode()
    assert changes.status_code == 200
    assert "Công ty TNHH Chế biến Nông sản Đông Sơn" in page  # old name
    assert "Công ty CP Chế biến Nông sản Đông Sơn" in page  # new name
    assert "Vừa" in page and "Lớn" in page  # size class, old → new
    assert "Tình hình SXSH năm 2019" in page
    assert "Lê Văn Đại Diện" in page  # who changed it

    doit.post(reverse("facilities:facility_verify", args=[registered.pk]))
    after = doit.get(reverse("facilities:facility_changes", args=[registered.pk]))
    assert "Không có thay đổi nào." in after.content.decode()
    listing = doit.get(reverse("facilities:facility_list"), {"unverified_changes": "on"})
    assert "Công ty CP Chế biến Nông sản Đông Sơn" not in listing.content.decode()


def test_a_representative_cannot_move_the_facility_to_another_province(
    client_as, represented_brewery, facility_user, vi_xuyen
):
    client = client_as(facility_user)
    brewery = represented_brewery

    response = client.post(
        reverse("facilities:facility_edit", args=[brewery.pk]),
        {
            "name": brewery.name,
            "sector": brewery.sector_id,
            "size_class": brewery.size_class,
            "admin_unit": vi_xuyen.pk,
            "address": brewery.address,
        },
    )

    assert response.status_code == 200
    brewery.refresh_from_db()
    assert brewery.admin_unit != vi_xuyen


def test_an_anonymous_visitor_is_sent_to_login_from_the_registry(client, brewery):
    response = client.get(brewery.get_absolute_url())

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
