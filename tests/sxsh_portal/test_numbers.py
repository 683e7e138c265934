"""The portal's one number parser and formatter (sxsh_portal/numbers.py)."""

from decimal import Decimal

import pytest

from sxsh_portal.numbers import NumberError, format_number, parse_number


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("6,5", Decimal("6.5")),
        ("1.234,5", Decimal("1234.5")),
        ("850.000.000", Decimal(850_000_000)),
        ("1 234", Decimal(1234)),
        ("1\u00a0234,75", Decimal("1234.75")),
        ("6.5", Decimal("6.5")),
        ("0.125", Decimal("0.125")),
        (" 42 ", Decimal(42)),
        (0.1 * 3, Decimal("0.3")),
        (250000000, Decimal(250_000_000)),
    ],
)
def test_vietnamese_writing_is_read(written, expected):
    assert parse_number(written, decimal_places=3) == expected


def test_a_percentage_may_carry_its_sign_and_a_percent_cell_is_multiplied():
    assert parse_number("12,5%", percent=True) == Decimal("12.5")
    assert parse_number(0.1, percent=True, percent_cell=True) == Decimal(10)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("NaN", "không phải là một số"),
        ("Infinity", "không phải là một số"),
        ("1e309", "không phải là một số"),
        ("1e23", "không phải là một số"),
        (float("nan"), "không phải là một số"),
        (float("inf"), "không phải là một số"),
        (1e23, "số quá lớn"),
        ("1,234,567", "cách viết số không rõ"),
        ("1,234.5", "cách viết số không rõ"),
        ("12,5%", "không ghi dấu %"),
        ("-3", "không được âm"),
        ("6,555", "tối đa 2 chữ số thập phân"),
        ("mười", "không phải là một số"),
    ],
)
def test_impossible_or_ambiguous_values_are_refused_naming_the_field(written, message):
    with pytest.raises(NumberError) as error:
        parse_number(written, label="Giá trị tiết kiệm")

    assert str(error.value).startswith("“Giá trị tiết kiệm”: ")
    assert message in str(error.value)


def test_whole_numbers_and_bounds():
    with pytest.raises(NumberError, match="phải là số nguyên"):
        parse_number("6,5", integer=True)
    with pytest.raises(NumberError, match="không được lớn hơn 100"):
        parse_number("120", max_value=100)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal(850_000_000), "850.000.000"),
        (Decimal("6.50"), "6,5"),
        (Decimal("1234.5"), "1.234,5"),
        (-1234, "-1.234"),
        (Decimal(0), "0"),
    ],
)
def test_figures_are_shown_with_vietnamese_separators(value, shown):
    assert format_number(value) == shown
