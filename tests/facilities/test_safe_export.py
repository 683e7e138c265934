"""A facility name beginning with "=" is text in the DOIT's export, never a formula
(issue 15, item 4)."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from facilities.models import Facility


@pytest.mark.parametrize("name", ["=1+1", "+84 Công ty", "-Công ty", "@Công ty"])
def test_a_facility_name_beginning_like_a_formula_is_text_in_the_doit_export(
    client_as, province_user, brewery, name
):
    Facility.objects.filter(pk=brewery.pk).update(name=name)
    client = client_as(province_user)

    response = client.get(reverse("facilities:facility_export"))

    sheet = load_workbook(BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == name]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)
