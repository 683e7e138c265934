"""The Ministry writes national programmes and the indicator catalogue in the portal."""

import datetime

import pytest
from django.urls import reverse

from strategies.models import Indicator, Strategy, Target
from tests.strategies.authoring_helpers import formset_data

pytestmark = pytest.mark.django_db


def test_the_ministry_creates_a_programme_then_its_two_phases_and_a_range_target(
    client_as, ministry_user, thanh_hoa
):
    client = client_as(ministry_user)
    Indicator.objects.create(
        code="tieu-hao",
        name="Mức tiêu hao nguyên liệu",
        measure_unit="percent",
        source="reported",
        numerator="Mức giảm",
        denominator="Mức năm gốc",
    )
    response = client.post(
        reverse("strategies:programme_create"),
        {
            "number": "889/QĐ-TTg",
            "title": "Chương trình hành động quốc gia về sản xuất và tiêu dùng bền vững",
            "issuer": "Thủ tướng Chính phủ",
            "issued_on": "24/06/2020",
            "signer": "Phó Thủ tướng",
            "period_start": "2021",
            "period_end": "2030",
        },
    )
    strategy = Strategy.objects.get(number="889/QĐ-TTg")
    assert response.status_code == 302
    assert strategy.issued_on == datetime.date(2020, 6, 24)

    client.post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "giai-doan"}),
        formset_data(
            [
                {"name": "Giai đoạn 2021–2025", "start_year": "2021", "end_year": "2025"},
                {"name": "Giai đoạn 2026–2030", "start_year": "2026", "end_year": "2030"},
            ]
        ),
    )
    first, second = strategy.phases.order_by("start_year")
    indicator = Indicator.objects.get(code="tieu-hao")
    response = client.post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"}),
        formset_data(
            [
                {
                    "phase": first.pk,
                    "indicator": indicator.pk,
                    "year": "2025",
                    "value_min": "5",
                    "value_max": "8",
                },
                {
                    "phase": second.pk,
                    "indicator": indicator.pk,
                    "year": "2030",
                    "value_min": "7",
                    "value_max": "10",
                },
            ]
        ),
    )

    assert response.status_code == 302
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert "5–8%" in page and "7–10%" in page
    assert strategy.phases.count() == 2
    assert first.history.first().history_user == ministry_user


def test_a_national_target_outside_its_phase_is_refused_and_nothing_is_saved(
    client_as, ministry_user, programme
):
    strategy, share, _national = programme
    first = strategy.phases.get(start_year=2021)
    before = Target.objects.count()

    response = client_as(ministry_user).post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"}),
        formset_data(
            [
                {"phase": first.pk, "indicator": share.pk, "year": "2024", "value_min": "50"},
                {"phase": first.pk, "indicator": share.pk, "year": "2029", "value_min": "60"},
            ]
        ),
    )

    assert response.status_code == 200
    assert "Dòng 2: Năm của mục tiêu phải trong giai đoạn 2021–2025." in response.content.decode()
    assert Target.objects.count() == before


def test_a_percent_target_above_one_hundred_gets_a_vietnamese_message(
    client_as, ministry_user, programme
):
    strategy, share, _national = programme
    first = strategy.phases.get(start_year=2021)

    response = client_as(ministry_user).post(
        reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"}),
        formset_data(
            [{"phase": first.pk, "indicator": share.pk, "year": "2025", "value_min": "120"}]
        ),
    )

    assert "phải nằm trong khoảng từ 0 đến 100%" in response.content.decode()


def test_a_share_indicator_must_name_its_numerator_and_denominator(client_as, ministry_user):
    response = client_as(ministry_user).post(
        reverse("strategies:indicator_create"),
        {"code": "ty-le-moi", "name": "Tỷ lệ mới", "measure_unit": "percent", "source": "computed"},
    )

    assert response.status_code == 200
    assert "Chỉ tiêu tỷ lệ phải nêu rõ tử số và mẫu số." in response.content.decode()
    assert not Indicator.objects.filter(code="ty-le-moi").exists()


def test_a_doit_cannot_open_the_national_programme_editor(client_as, province_user, programme):
    strategy, _share, _national = programme
    url = reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"})
    assert client_as(province_user).get(url).status_code == 404


def test_solution_groups_keep_their_solutions_one_per_line(client_as, ministry_user, programme):
    strategy = programme[0]
    url = reverse(
        "strategies:programme_section", kwargs={"pk": strategy.pk, "section": "giai-phap"}
    )

    client_as(ministry_user).post(
        url,
        formset_data(
            [
                {"label": "1", "title": "Giải pháp về cơ chế", "items_text": "Rà soát\n\nBan hành"},
                {"label": "2", "title": "Giải pháp về tài chính", "items_text": "Bố trí vốn"},
            ]
        ),
    )

    groups = list(strategy.solutiongroups.order_by("position"))
    assert [[item.text for item in group.items.all()] for group in groups] == [
        ["Rà soát", "Ban hành"],
        ["Bố trí vốn"],
    ]


def test_two_ministry_staff_editing_a_programme_never_overwrite_each_other(
    client_as, ministry_user, programme
):
    strategy = programme[0]
    url = reverse("strategies:programme_edit", kwargs={"pk": strategy.pk})
    client = client_as(ministry_user)
    version = client.get(url).context["form"].initial["version"]

    def save(title):
        return client.post(
            url,
            {
                "number": strategy.number,
                "title": title,
                "issuer": strategy.issuer,
                "issued_on": strategy.issued_on.strftime("%d/%m/%Y"),
                "period_start": str(strategy.period_start or ""),
                "period_end": str(strategy.period_end or ""),
                "version": version,
            },
        )

    first, second = save("Tên do cán bộ thứ nhất sửa"), save("Tên do cán bộ thứ hai sửa")

    assert first.status_code == 302
    assert second.status_code == 200 and "đã được thay đổi" in second.content.decode()
    strategy.refresh_from_db()
    assert strategy.title == "Tên do cán bộ thứ nhất sửa"


def test_two_ministry_staff_adding_targets_from_the_same_page_never_overwrite_each_other(
    ministry_user, moit, programme
):
    from django.test import Client

    from sxsh_portal.accounts.models import RoleAssignment
    from tests.factories import RoleAssignmentFactory, UserFactory

    strategy, share, _national = programme
    second_phase = strategy.phases.get(start_year=2026)
    colleague = UserFactory(username="bo-cong-thuong-2")
    RoleAssignmentFactory(user=colleague, role=RoleAssignment.Role.MINISTRY, agency=moit)
    url = reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"})
    first, second = Client(), Client()
    first.force_login(ministry_user, backend="django.contrib.auth.backends.ModelBackend")
    second.force_login(colleague, backend="django.contrib.auth.backends.ModelBackend")
    rendered = first.get(url).context["version"]
    assert second.get(url).context["version"] == rendered

    def target(value):
        row = {"phase": second_phase.pk, "indicator": share.pk, "year": "2028"}
        return {**row, "value_min": value}

    saved = first.post(url, {**formset_data([target("80")]), "section_version": rendered})
    stale = second.post(url, {**formset_data([target("85")]), "section_version": rendered})

    assert saved.status_code == 302
    assert stale.status_code == 200
    assert "đã được thay đổi" in stale.content.decode()
    assert 'value="85"' in stale.content.decode()  # what was typed stays
    assert [t.value_min for t in Target.objects.filter(year=2028)] == [80]


def test_a_posted_row_count_of_millions_is_refused_without_building_millions_of_rows(
    client_as, ministry_user, programme
):
    # The row count is the browser's word: Django would build and render 2,000 forms for it.
    strategy, _share, _national = programme
    targets = Target.objects.filter(phase__strategy=strategy).count()
    url = reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "muc-tieu"})
    body = {**formset_data([]), "form-TOTAL_FORMS": "99999999999999999999"}

    response = client_as(ministry_user).post(url, body)

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Một lần lưu nhận tối đa {targets + 20} dòng." in page
    assert page.count('class="border rounded p-3 mb-3 formset-row"') == targets + 20
    assert Target.objects.filter(phase__strategy=strategy).count() == targets


def test_twenty_new_rows_in_one_save_are_accepted(client_as, ministry_user, programme):
    strategy, _share, _national = programme
    schemes = strategy.schemes.count()
    url = reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "de-an"})
    new = [{"title": f"Đề án số {number}", "note": ""} for number in range(1, 21)]

    response = client_as(ministry_user).post(url, formset_data(new))

    assert response.status_code == 302
    assert strategy.schemes.count() == schemes + 20


@pytest.mark.parametrize("count", ["-5", "0", "abc", "2.5", "\x00"])
def test_a_nonsense_row_count_saves_nothing_and_deletes_nothing(
    client_as, ministry_user, programme, count
):
    strategy, _share, _national = programme
    url = reverse("strategies:programme_section", kwargs={"pk": strategy.pk, "section": "de-an"})
    client = client_as(ministry_user)
    client.post(url, formset_data([{"title": "Đề án giữ lại", "note": ""}]))
    kept = list(strategy.schemes.values_list("pk", "title"))
    body = {
        **formset_data([{"title": "Đề án thêm", "note": "", "DELETE": "on"}], initial=1),
        "form-0-id": str(kept[0][0]),
        "form-TOTAL_FORMS": count,
    }

    response = client.post(url, body)

    assert response.status_code in (200, 302)
    assert list(strategy.schemes.values_list("pk", "title")) == kept
