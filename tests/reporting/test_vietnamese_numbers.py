"""Figures typed or imported the Vietnamese way are read right, whatever the browser's
locale; impossible values are refused with a message naming the figure and can no longer
be stored (issue 15, item 3)."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from reporting.figures import Figure
from reporting.models import UnitReportValue


def _autosave(client, report, **figures):
    report.refresh_from_db()
    data = {"version": report.version, "difficulties": "", "proposals": ""}
    for item in report.progress.all():
        data[f"status_{item.pk}"] = item.status
    data.update({f"value_{name}": value for name, value in figures.items()})
    return client.post(reverse("reporting:report_autosave", args=[report.pk]), data)


def _stored(report, figure):
    return UnitReportValue.objects.get(report=report, figure=figure).reported_value


def test_a_decimal_comma_typed_in_an_english_browser_autosaves_six_and_a_half(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)

    response = _autosave(
        client, dong_son_report, saving_percent="6,5", saving_vnd="850.000.000", facilities="1 234"
    )

    assert response.status_code == 200
    assert _stored(dong_son_report, Figure.SAVING_PERCENT) == Decimal("6.5")
    assert _stored(dong_son_report, Figure.SAVING_VND) == Decimal(850_000_000)
    assert _stored(dong_son_report, Figure.FACILITIES) == Decimal(1234)


def test_a_percentage_may_carry_its_sign_and_thousands_may_carry_a_decimal_comma(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)

    _autosave(client, dong_son_report, saving_percent="12,5%")

    assert _stored(dong_son_report, Figure.SAVING_PERCENT) == Decimal("12.5")


def test_the_form_shows_figures_with_vietnamese_separators_in_text_inputs(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)
    _autosave(client, dong_son_report, saving_percent="6,5", saving_vnd="850.000.000")

    page = client.get(reverse("reporting:report_edit", args=[dong_son_report.pk])).content.decode()

    assert 'value="850.000.000"' in page
    assert 'value="6,5"' in page
    assert 'inputmode="decimal"' in page
    assert 'type="number"' not in page


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("NaN", "không phải là một số"),
        ("Infinity", "không phải là một số"),
        ("1e309", "không phải là một số"),
        ("1e23", "không phải là một số"),
        ("100.000.000.000.000.000.000", "số quá lớn"),
        ("-5", "không được âm"),
        ("1,234,567", "cách viết số không rõ"),
        ("6,5", "phải là số nguyên"),
    ],
)
def test_an_impossible_figure_is_refused_with_a_message_naming_it(
    login_as, unit_user, dong_son_report, typed, expected
):
    client = login_as(unit_user)

    response = _autosave(client, dong_son_report, facilities=typed)

    page = response.content.decode()
    assert "Số cơ sở sản xuất công nghiệp trên địa bàn" in page
    assert expected in page
    assert not UnitReportValue.objects.filter(
        report=dong_son_report, figure=Figure.FACILITIES, reported_value__isnull=False
    ).exists()


def _upload(client, report, **figures):
    workbook = load_workbook(
        BytesIO(client.get(reverse("reporting:report_export", args=[report.pk])).content)
    )
    sheet = workbook["Chỉ tiêu"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in figures:
            value, number_format = figures[row[0].value]
            row[3].value = value
            if number_format:
                row[3].number_format = number_format
    buffer = BytesIO()
    workbook.save(buffer)
    return client.post(
        reverse("reporting:report_import", args=[report.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", buffer.getvalue())},
    )


@pytest.mark.parametrize("value", ["NaN", "1e309", "Infinity", 1e23, "1e23"])
def test_a_workbook_with_an_impossible_figure_gets_a_vietnamese_error_not_a_server_error(
    login_as, unit_user, dong_son_report, value
):
    client = login_as(unit_user)

    response = _upload(client, dong_son_report, saving_vnd=(value, None))

    assert response.status_code == 200
    messages = [error.message for error in response.context["parsed"].errors]
    assert any(message.startswith("“Giá trị tiết kiệm trong năm (đồng)”") for message in messages)
    assert response.context["token"] == ""


def test_a_workbook_percent_cell_of_ten_percent_and_vietnamese_text_are_read_right(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)

    response = _upload(
        client,
        dong_son_report,
        saving_percent=(0.1, "0%"),
        saving_vnd=("1.234,00", None),
        facilities=("1 234", None),
    )

    parsed = response.context["parsed"]
    assert parsed.errors == []
    assert parsed.values[Figure.SAVING_PERCENT] == Decimal(10)
    assert parsed.values[Figure.SAVING_VND] == Decimal(1234)
    assert parsed.values[Figure.FACILITIES] == Decimal(1234)


@pytest.mark.parametrize("value", [Decimal("1e23"), Decimal(-1)])
def test_the_database_refuses_a_figure_beyond_its_column(dong_son_report, value):
    # SQLite stores any number: the check constraint refuses it; PostgreSQL's column does.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        UnitReportValue.objects.create(
            report=dong_son_report, figure=Figure.SAVING_VND, reported_value=value
        )


def test_the_database_refuses_a_saving_share_above_a_hundred_percent(dong_son_report):
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitReportValue.objects.create(
            report=dong_son_report, figure=Figure.SAVING_PERCENT, reported_value=Decimal(101)
        )
