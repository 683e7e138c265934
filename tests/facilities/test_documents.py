"""The facility's yearly SXSH summary PDF (facilities/documents.py): what it says, and the
panel of the facility page that asks for it."""

import datetime
import shutil
from decimal import Decimal

import pytest
from django.urls import reverse

from facilities import services as facility_services
from facilities.models import FacilityRepresentative
from sxsh_portal.documents import services as document_services
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import pdf_support_problem
from tests.facilities.factories import FacilityFactory, MeasureFactory, YearStatusFactory
from tests.sxsh_portal.documents.test_pdf import pdf_text

needs_pdf_tools = pytest.mark.skipif(
    pdf_support_problem() is not None or shutil.which("pdftotext") is None,
    reason="WeasyPrint (Pango) or poppler-utils is not installed",
)


@needs_pdf_tools
@pytest.mark.django_db
def test_the_facility_summary_pdf_shows_the_years_status_and_measures(
    dong_son, tmp_path, django_capture_on_commit_callbacks
):
    facility_services.sectors_load()
    facility = FacilityFactory(name="Công ty CP Bia Thanh Hóa", admin_unit=dong_son)
    YearStatusFactory(
        facility=facility,
        year=2019,
        is_aware=True,
        is_applying=True,
        energy_saving_percent=Decimal("12.5"),
        yearly_saving_vnd=850_000_000,
    )
    MeasureFactory(facility=facility, year=2019, title="Thu hồi nhiệt nồi hơi")
    MeasureFactory(facility=facility, year=2018, title="Thay bóng đèn LED")
    with django_capture_on_commit_callbacks(execute=True):
        document = facility_services.facility_summary_pdf_request(
            facility=facility, year=2019, actor=None, today=datetime.date(2020, 1, 5)
        )
    document.refresh_from_db()

    text = pdf_text(document.file.read(), tmp_path)
    assert "CÔNG TY CP BIA THANH HÓA" in text
    assert "Thanh Hóa, ngày 05 tháng 01 năm 2020" in text
    assert "Kính gửi: Sở Công Thương tỉnh Thanh Hóa." in text
    assert "Tóm tắt tình hình áp dụng sản xuất sạch hơn năm 2019" in text
    assert "12,5%" in text
    assert "850.000.000 đồng" in text
    assert "Thu hồi nhiệt nồi hơi" in text
    assert "Thay bóng đèn LED" not in text


@pytest.mark.django_db
def test_the_facility_panel_offers_the_years_the_facility_has_data_for(
    dong_son, facility_user, client, monkeypatch, django_capture_on_commit_callbacks
):
    # These rows are about the panel, not the layout: a tiny PDF.
    monkeypatch.setattr(document_services, "document_pdf_bytes", lambda document: b"%PDF-1.4")
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: None)
    facility_services.sectors_load()
    facility = FacilityFactory(name="Nhà máy gạch Đông Sơn", admin_unit=dong_son)
    FacilityRepresentative.objects.create(user=facility_user, facility=facility)
    YearStatusFactory(facility=facility, year=2019)
    YearStatusFactory(facility=facility, year=2020)
    client.force_login(facility_user, backend="django.contrib.auth.backends.ModelBackend")

    page = client.get(reverse("facilities:facility_detail", args=[facility.pk])).content.decode()
    assert reverse("facilities:facility_pdf_status", args=[facility.pk]) in page
    body = client.get(reverse("facilities:facility_pdf_status", args=[facility.pk])).content
    assert b'<option value="2020" selected>' in body and b'<option value="2019">' in body

    url = reverse("facilities:facility_pdf", args=[facility.pk])
    assert client.post(url, {"year": 2018}, HTTP_HX_REQUEST="true").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"year": 2019}, HTTP_HX_REQUEST="true")
    assert GeneratedDocument.objects.get().year == 2019
