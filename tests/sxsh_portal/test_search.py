"""Accent-insensitive search, the same on SQLite and PostgreSQL."""

import pytest

from sxsh_portal.search import MAX_WORDS, fold, search
from sxsh_portal.territory.models import Agency
from tests.factories import AgencyFactory


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Hoằng Hóa", "hoang hoa"),
        ("ĐÔNG SƠN", "dong son"),
        ("Hoa\u0300ng", "hoang"),  # decomposed: a + combining grave
        ("", ""),
        (None, ""),
    ],
)
def test_fold_removes_vietnamese_accents_and_case(text, folded):
    assert fold(text) == folded


def test_search_matches_every_word_in_any_field(thanh_hoa):
    hoang_hoa = AgencyFactory(name="UBND huyện Hoằng Hóa", province=thanh_hoa)
    AgencyFactory(name="UBND huyện Đông Sơn", province=thanh_hoa)
    agencies = Agency.objects.all()

    assert list(search(agencies, ["name"], "hoang hoa")) == [hoang_hoa]
    assert list(search(agencies, ["name", "province__name"], "HOANG son")) == []
    assert list(search(agencies, ["name", "province__name"], "hoằng thanh hoa")) == [hoang_hoa]
    assert search(agencies, ["name"], "   ").count() == 2


def test_a_pasted_page_of_words_searches_only_the_first_few(thanh_hoa):
    AgencyFactory(name="UBND huyện Hoằng Hóa", province=thanh_hoa)
    words = " ".join(["ubnd"] * MAX_WORDS + ["khong-co"] * 500)

    assert search(Agency.objects.all(), ["name"], words).count() == 1
