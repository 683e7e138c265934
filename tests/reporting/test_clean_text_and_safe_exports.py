"""Clean text in, safe files out (issue 15, item 4): a control character is refused at the
form, text is NFC with its whitespace collapsed, and an export writes text beginning with
= + - @ as text and survives a control character already stored."""

import datetime
import unicodedata
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from reporting.models import Activity


def _activity(**changes):
    data = {
        "kind": "workshop",
        "date": "15/06/2019",
        "title": "Hội thảo SXSH",
        "participants": "40",
        "enterprises_reached": "12",
        "cost_vnd": "15.000.000",
        "funding_source": "provincial_budget",
    }
    data.update(changes)
    return data


def test_an_activity_title_with_a_control_character_is_refused_in_vietnamese(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)

    response = client.post(
        reverse("reporting:activity_add", args=[dong_son_report.pk]),
        _activity(title="Hội thảo\x07 SXSH"),
    )

    assert response.status_code == 400
    assert "có ký tự điều khiển không in được" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_activity_title_is_stored_nfc_trimmed_and_with_one_space_between_words(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)
    decomposed = unicodedata.normalize("NFD", "  Hội   thảo\tsản xuất  sạch hơn  ")

    client.post(
        reverse("reporting:activity_add", args=[dong_son_report.pk]),
        _activity(title=decomposed, cost_vnd="15.000.000"),
    )

    activity = Activity.objects.get()
    assert activity.title == "Hội thảo sản xuất sạch hơn"
    assert unicodedata.is_normalized("NFC", activity.title)
    assert activity.cost_vnd == 15_000_000


def test_a_text_area_keeps_its_line_breaks_but_not_its_runs_of_spaces():
    from sxsh_portal.forms import clean_text

    assert clean_text("  Dòng 1   có  \r\n\r\n\r\n\r\nDòng   2 ", multiline=True) == (
        "Dòng 1 có\n\nDòng 2"
    )


def _export(client, report):
    response = client.get(reverse("reporting:report_export", args=[report.pk]))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def test_an_activity_title_that_looks_like_a_formula_is_exported_as_text(
    login_as, unit_user, dong_son_report
):
    client = login_as(unit_user)
    client.post(
        reverse("reporting:activity_add", args=[dong_son_report.pk]),
        _activity(title='=HYPERLINK("http://x.example","Bấm")'),
    )

    cell = _export(client, dong_son_report)["Hoạt động"]["C2"]

    assert cell.value == '=HYPERLINK("http://x.example","Bấm")'
    assert cell.data_type == "s"


def test_a_control_character_already_stored_no_longer_breaks_the_report_export(
    login_as, unit_user, dong_son_report
):
    Activity.objects.create(
        report=dong_son_report,
        kind="workshop",
        date=datetime.date(2019, 6, 15),
        title="Hội thảo\x01 cũ",
        funding_source="provincial_budget",
    )

    workbook = _export(login_as(unit_user), dong_son_report)

    assert workbook["Hoạt động"]["C2"].value == "Hội thảo cũ"
