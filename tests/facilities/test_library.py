"""The public library: measures the facility agreed to publish and the DOIT approved."""

import pytest
from django.urls import reverse

from facilities.models import Measure
from tests.facilities.factories import MeasureFactory

LIBRARY = reverse("facilities:library")


@pytest.fixture
def measures(represented_brewery, hoang_hoa_factory):
    return {
        "published": MeasureFactory(
            facility=represented_brewery,
            title="Cải thiện nồi hơi",
            category=Measure.Category.EQUIPMENT_MODIFICATION,
            publication_agreed=True,
            publication_approved=True,
        ),
        "agreed_only": MeasureFactory(
            facility=represented_brewery,
            title="Tái sử dụng nước rửa chai",
            category=Measure.Category.ONSITE_RECYCLING,
            publication_agreed=True,
        ),
        "private": MeasureFactory(facility=represented_brewery, title="Thay bóng đèn LED"),
        "garment": MeasureFactory(
            facility=hoang_hoa_factory,
            title="Tận dụng vải vụn",
            category=Measure.Category.BY_PRODUCT,
            publication_agreed=True,
            publication_approved=True,
        ),
    }


def test_anyone_sees_only_agreed_and_approved_measures(client, measures):
    response = client.get(LIBRARY)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Cải thiện nồi hơi" in page
    assert "Tận dụng vải vụn" in page
    assert "Tái sử dụng nước rửa chai" not in page
    assert "Thay bóng đèn LED" not in page


def test_the_library_is_searched_by_sector(client, measures, sectors):
    response = client.get(LIBRARY, {"sector": sectors["det-may-da-giay"].pk})

    page = response.content.decode()
    assert "Tận dụng vải vụn" in page
    assert "Cải thiện nồi hơi" not in page


def test_the_library_is_searched_by_category(client, measures):
    response = client.get(LIBRARY, {"category": "equipment_modification"})

    page = response.content.decode()
    assert "Cải thiện nồi hơi" in page
    assert "Tận dụng vải vụn" not in page


def test_the_library_is_searched_by_keyword(client, measures):
    response = client.get(LIBRARY, {"q": "nồi hơi"})

    assert [m.title for m in response.context["page"]] == ["Cải thiện nồi hơi"]


def test_an_unpublished_measure_has_no_public_page(client, measures):
    published = client.get(reverse("facilities:library_detail", args=[measures["published"].pk]))
    agreed = client.get(reverse("facilities:library_detail", args=[measures["agreed_only"].pk]))

    assert published.status_code == 200
    assert agreed.status_code == 404


def test_agreement_by_the_representative_then_approval_by_the_doit_publishes(
    client, client_as, facility_user, province_user, represented_brewery
):
    measure = MeasureFactory(facility=represented_brewery, title="Thu hồi nhiệt khói thải")
    rep = client_as(facility_user)
    rep.post(reverse("facilities:measure_publish", args=[measure.pk]), {"agreed": "1"})
    assert "Thu hồi nhiệt khói thải" not in client.get(LIBRARY).content.decode()
    rep.logout()

    doit = client_as(province_user)
    awaiting = doit.get(reverse("facilities:measure_approval_list"))
    assert "Thu hồi nhiệt khói thải" in awaiting.content.decode()
    doit.post(reverse("facilities:measure_approve", args=[measure.pk]), {"approved": "1"})
    doit.logout()

    assert "Thu hồi nhiệt khói thải" in client.get(LIBRARY).content.decode()


def test_the_representative_cannot_approve_and_the_doit_cannot_agree_for_the_facility(
    client_as, facility_user, province_user, represented_brewery
):
    measure = MeasureFactory(facility=represented_brewery, publication_agreed=True)

    rep = client_as(facility_user)
    assert (
        rep.post(
            reverse("facilities:measure_approve", args=[measure.pk]), {"approved": "1"}
        ).status_code
        == 403
    )
    rep.logout()
    doit = client_as(province_user)
    assert (
        doit.post(
            reverse("facilities:measure_publish", args=[measure.pk]), {"agreed": "1"}
        ).status_code
        == 403
    )


def test_editing_a_published_measure_takes_it_out_until_approved_again(
    client_as, facility_user, measures
):
    measure = measures["published"]
    client = client_as(facility_user)

    client.post(
        reverse("facilities:measure_edit", args=[measure.pk]),
        {
            "year": measure.year,
            "category": measure.category,
            "title": "Cải thiện nồi hơi (bản mới)",
            "description": measure.description,
            "investment_vnd": measure.investment_vnd,
            "yearly_saving_vnd": measure.yearly_saving_vnd,
        },
    )

    measure.refresh_from_db()
    assert measure.title == "Cải thiện nồi hơi (bản mới)"
    assert measure.publication_agreed is True
    assert measure.publication_approved is False


def test_the_doit_of_another_province_cannot_approve(client_as, other_province_user, measures):
    client = client_as(other_province_user)

    response = client.post(
        reverse("facilities:measure_approve", args=[measures["agreed_only"].pk]),
        {"approved": "1"},
    )

    assert response.status_code == 404
    measures["agreed_only"].refresh_from_db()
    assert measures["agreed_only"].publication_approved is False
