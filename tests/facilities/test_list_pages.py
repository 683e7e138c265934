"""The facility list at national size: fifty lines a page, in name order, within the scope."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from facilities.models import Facility, SizeClass
from tests.facilities.factories import FacilityFactory

LIST = reverse("facilities:facility_list")


@pytest.fixture
def fifty_five_in_dong_son(sectors, dong_son):
    """55 verified breweries of Đông Sơn, created out of name order."""
    return [
        FacilityFactory(
            name=f"Nhà máy bia số {number:02d}",
            sector=sectors["do-uong"],
            admin_unit=dong_son,
        )
        for number in reversed(range(1, 56))
    ]


def names(response):
    return [facility.name for facility in response.context["page"]]


def test_the_list_shows_fifty_facilities_a_page_in_name_order(
    client_as, ministry_user, fifty_five_in_dong_son
):
    client = client_as(ministry_user)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert names(first) == [f"Nhà máy bia số {number:02d}" for number in range(1, 51)]
    assert names(second) == [f"Nhà máy bia số {number:02d}" for number in range(51, 56)]
    assert "55 cơ sở" in first.content.decode()
    assert "Trang 2/2" in second.content.decode()


def test_a_page_beyond_the_last_or_not_a_number_shows_a_page_that_exists(
    client_as, ministry_user, fifty_five_in_dong_son
):
    client = client_as(ministry_user)

    assert names(client.get(LIST, {"page": 9})) == names(client.get(LIST, {"page": 2}))
    assert names(client.get(LIST, {"page": "abc"})) == names(client.get(LIST))


def test_the_page_links_keep_the_filters(client_as, ministry_user, sectors, fifty_five_in_dong_son):
    sector = sectors["do-uong"].pk
    response = client_as(ministry_user).get(LIST, {"sector": sector, "status": "verified"})

    links = re.findall(r'href="\?([^"]+)"', response.content.decode())
    assert f"sector={sector}&amp;status=verified&amp;page=2" in links


def test_a_doit_pages_through_its_province_only(
    client_as, province_user, fifty_five_in_dong_son, ha_giang_mine
):
    client = client_as(province_user)

    listed = names(client.get(LIST)) + names(client.get(LIST, {"page": 2}))

    assert len(listed) == 55
    assert "Mỏ đá Vị Xuyên" not in listed


def test_a_line_shows_the_sector_size_place_status_and_unverified_changes(
    client_as, province_user, brewery, dong_son, thanh_hoa
):
    Facility.objects.filter(pk=brewery.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=2), last_changed_at=timezone.now()
    )

    html = client_as(province_user).get(LIST).content.decode()

    line = re.search(r"<tr>\s*<td><a href=\"[^\"]+\">Nhà máy bia Đông Sơn.*?</tr>", html, re.S)
    assert line, html
    text = line.group(0)
    assert f'href="{brewery.get_absolute_url()}"' in text
    assert "2800123456" in text
    assert "Sản xuất đồ uống" in text
    assert str(SizeClass.LARGE.label) in text
    assert dong_son.name in text and thanh_hoa.name in text
    assert "Đã xác minh" in text
    assert "Có thay đổi" in text


def test_the_filters_show_what_was_chosen_and_what_is_wrong(
    client_as, ministry_user, sectors, brewery
):
    html = (
        client_as(ministry_user)
        .get(
            LIST,
            {
                "q": "bia",
                "sector": sectors["do-uong"].pk,
                "status": "verified",
                "year": "abc",
                "unverified_changes": "on",
            },
        )
        .content.decode()
    )

    assert 'name="q" id="id_q" class="form-control" value="bia"' in html
    assert f'<option value="{sectors["do-uong"].pk}" selected>' in html
    assert '<option value="verified" selected>' in html
    assert 'id="id_year" class="form-control is-invalid" value="abc"' in html
    assert 'name="unverified_changes" id="id_unverified_changes"' in html
    assert "checked" in html.split('id="id_unverified_changes"')[1].split(">")[0]


def test_the_number_of_queries_does_not_grow_with_the_lines_of_a_page(
    client_as, ministry_user, fifty_five_in_dong_son
):
    client = client_as(ministry_user)
    client.get(LIST)  # the session and the scope's first reads

    with CaptureQueriesContext(connection) as one_page:
        client.get(LIST, {"page": 2})
    with CaptureQueriesContext(connection) as full_page:
        client.get(LIST)

    assert len(full_page) == len(one_page)
