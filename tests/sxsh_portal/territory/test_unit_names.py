"""Names as the portal stores them: provinces bare, lower units with their type."""

import pytest

from sxsh_portal.territory.services import unit_names


@pytest.mark.parametrize(
    ("full_name", "level", "expected"),
    [
        ("Tỉnh Thanh Hóa", "province", ("Thanh Hóa", "Thanh Hoa")),
        ("Thành phố Hà Nội", "province", ("Hà Nội", "Ha Noi")),
        ("Cao Bằng", "province", ("Cao Bằng", "Cao Bang")),
        ("Tỉnh Bà Rịa - Vũng Tàu", "province", ("Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau")),
        ("Huyện Đồng Văn", "district", ("Huyện Đồng Văn", "Dong Van District")),
        ("Thành Phố Đồng Hới", "district", ("Thành phố Đồng Hới", "Dong Hoi City")),
        ("Thị xã Nghi Sơn", "district", ("Thị xã Nghi Sơn", "Nghi Son Town")),
        ("Quận 1", "district", ("Quận 1", "District 1")),
        ("Phường Hoàn Kiếm", "commune", ("Phường Hoàn Kiếm", "Hoan Kiem Ward")),
        ("Xã Đông Sơn", "commune", ("Xã Đông Sơn", "Dong Son Commune")),
        ("Đặc khu Côn Đảo", "commune", ("Đặc khu Côn Đảo", "Con Dao Special Zone")),
    ],
)
def test_official_names_become_the_stored_name_and_english_name(full_name, level, expected):
    assert unit_names(full_name, level) == expected
