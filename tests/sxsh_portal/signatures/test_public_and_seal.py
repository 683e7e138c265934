"""The public check page (anyone, no login), the portal's optional seal, signed unit
reports where the plan asks for them, and the trust-root command."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from reporting import services as reporting_services
from reporting.models import UnitReport
from sxsh_portal.signatures.models import PlanSignaturePolicy, SignedDocument, TrustRoot
from sxsh_portal.signatures.seal import SEAL_FIELD
from tests.sxsh_portal.signatures.conftest import needs_pdf, pdf_bytes, render, upload
from tests.sxsh_portal.signatures.final_pdf_world import FinalPdfSentNow
from tests.sxsh_portal.signatures.pki import make_ca, make_signer, sign_pdf

pytestmark = [pytest.mark.django_db]


def check_publicly(data: bytes) -> str:
    response = Client().post(
        reverse("signatures:verify"),
        {"file": SimpleUploadedFile("tai-lieu.pdf", data, content_type="application/pdf")},
    )
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


class TestThePortalsFinalPdf(FinalPdfSentNow):
    """The tests that check or upload a signed copy of the sent report's final PDF."""

    @needs_pdf
    def test_the_public_page_names_the_portals_document_and_its_signer_and_nothing_more(
        self,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        login_as,
        django_capture_on_commit_callbacks,
    ):
        portal_file = pdf_bytes(final_pdf)
        issued = (
            "Báo cáo tổng hợp năm 2019 của Sở Công Thương Thanh Hóa, "
            f"phát hành {final_pdf.document_date:%d/%m/%Y}"
        )
        signed = sign_pdf(portal_file, director, trusted_ca)

        unsigned_answer = check_publicly(portal_file)
        signed_before_upload = check_publicly(signed)
        upload(
            login_as(province_user),
            django_capture_on_commit_callbacks,
            signed,
            pk=final_pdf.object_id,
        )
        signed_after_upload = check_publicly(signed)

        assert issued in unsigned_answer and "chưa có chữ ký số" in unsigned_answer
        for answer in (signed_before_upload, signed_after_upload):
            assert issued in answer
            assert "Có chữ ký số hợp lệ của Nguyễn Văn An (Sở Công Thương tỉnh Thanh Hóa)" in answer
        for answer in (unsigned_answer, signed_before_upload, signed_after_upload):
            # Nothing of the report's content: no unit, no figure.
            assert "Đông Sơn" not in answer and "Hoằng Hóa" not in answer and "50%" not in answer

    @needs_pdf
    def test_the_public_page_says_when_a_signature_over_the_portals_pdf_is_not_trusted(
        self, final_pdf, trusted_ca
    ):
        stranger_ca = make_ca("CA lạ")
        signed = sign_pdf(pdf_bytes(final_pdf), make_signer(stranger_ca), stranger_ca)

        answer = check_publicly(signed)

        assert "Đây là tài liệu do Cổng phát hành" in answer
        assert "chữ ký không được xác nhận" in answer and "không dẫn tới chứng thư gốc" in answer

    @needs_pdf
    def test_roots_in_the_configured_directory_are_trusted_too(
        self,
        final_pdf,
        ca,
        director,
        province_user,
        login_as,
        django_capture_on_commit_callbacks,
        settings,
        tmp_path,
    ):
        (tmp_path / "roots").mkdir()
        (tmp_path / "roots" / "ca-quoc-gia.crt").write_bytes(ca.pem)
        settings.SIGNATURES_TRUST_ROOTS_DIR = str(tmp_path / "roots")

        upload(
            login_as(province_user),
            django_capture_on_commit_callbacks,
            sign_pdf(pdf_bytes(final_pdf), director, ca),
            pk=final_pdf.object_id,
        )

        assert SignedDocument.objects.get().state == "verified"


def test_the_public_page_does_not_recognise_other_files(db):
    from weasyprint import HTML

    pdf = HTML(string="<p>Một văn bản khác</p>").write_pdf()

    assert "Không phải tài liệu do Cổng phát hành" in check_publicly(pdf)
    assert "Tệp tải lên không phải là tệp PDF." in check_publicly(b"GIF89a not a pdf")


def test_the_public_page_refuses_a_file_over_the_limit(db, settings):
    settings.SIGNATURES_MAX_UPLOAD_BYTES = 1024
    response = Client().post(
        reverse("signatures:verify"),
        {"file": SimpleUploadedFile("to.pdf", b"%PDF-1.7\n" + b"0" * 200_000)},
    )
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.content.decode()


@needs_pdf
def test_with_a_seal_installed_the_portal_seals_its_pdfs_and_a_director_signs_on_top(
    sent_year,
    media,
    tmp_path,
    settings,
    trusted_ca,
    director,
    province_user,
    login_as,
    django_capture_on_commit_callbacks,
):
    seal_ca = make_ca("CA của Cổng")
    seal = make_signer(seal_ca, name="Cổng SXSH", organisation="Bộ Công Thương")
    p12 = tmp_path / "seal.p12"
    p12.write_bytes(seal.pkcs12(b"mat-khau", chain=[seal_ca]))
    settings.SIGNATURES_SEAL_PKCS12_PATH = str(p12)
    settings.SIGNATURES_SEAL_PKCS12_PASSWORD = "mat-khau"

    document = render(
        lambda: reporting_services.consolidated_pdf_request(reporting_year=sent_year, actor=None),
        django_capture_on_commit_callbacks,
    )
    sealed = pdf_bytes(document)
    [seal_signature] = PdfFileReader(io.BytesIO(sealed)).embedded_signatures
    status = validate_pdf_signature(seal_signature, ValidationContext(trust_roots=[seal_ca.asn1]))
    upload(
        login_as(province_user),
        django_capture_on_commit_callbacks,
        sign_pdf(sealed, director, trusted_ca),
        pk=sent_year.pk,
    )

    assert seal_signature.field_name == SEAL_FIELD
    assert status.bottom_line and status.signing_cert.subject.native["common_name"] == "Cổng SXSH"
    assert SignedDocument.objects.get().state == "verified"
    assert "mang dấu số của Cổng" in check_publicly(sealed)


@needs_pdf
def test_units_sign_their_reports_only_where_the_plan_asks_for_it(
    reported_year,
    media,
    clock,
    trusted_ca,
    unit_user,
    province_user,
    login_as,
    django_capture_on_commit_callbacks,
):
    import datetime

    clock.move_to(datetime.datetime.now(datetime.UTC))
    report = UnitReport.objects.get(
        reporting_year=reported_year, agency__name="UBND huyện Đông Sơn"
    )
    document = render(
        lambda: reporting_services.unit_report_pdf_request(report=report, actor=None),
        django_capture_on_commit_callbacks,
    )
    chairman = make_signer(trusted_ca, name="Lê Văn Bình", organisation="UBND huyện Đông Sơn")
    signed = sign_pdf(pdf_bytes(document), chairman, trusted_ca)
    unit = login_as(unit_user)

    refused = upload(unit, django_capture_on_commit_callbacks, signed, slug="don-vi", pk=report.pk)
    PlanSignaturePolicy.objects.create(plan=reported_year.plan, unit_reports_signed=True)
    accepted = upload(unit, django_capture_on_commit_callbacks, signed, slug="don-vi", pk=report.pk)

    assert refused.status_code == 404
    assert accepted.status_code == 200
    copy = SignedDocument.objects.get()
    assert (copy.state, copy.signer_name) == ("verified", "Lê Văn Bình")
    panel = login_as(province_user).get(reverse("signatures:status", args=["don-vi", report.pk]))
    assert "Đã ký số" in panel.content.decode() and "Lê Văn Bình" in panel.content.decode()
    assert "signature-upload" not in panel.content.decode()


def test_the_administrator_adds_a_root_by_command_and_a_signers_certificate_is_refused(
    db, tmp_path
):
    ca = make_ca()
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    (tmp_path / "signer.der").write_bytes(make_signer(ca).der)
    (tmp_path / "rac.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nrac\n")
    out = io.StringIO()

    call_command("signatures_trust_root_add", str(tmp_path / "ca.pem"), "--name", "CA", stdout=out)
    call_command("signatures_trust_root_add", str(tmp_path / "ca.pem"), stdout=out)
    with pytest.raises(CommandError, match="không phải chứng thư của tổ chức chứng thực"):
        call_command("signatures_trust_root_add", str(tmp_path / "signer.der"))
    with pytest.raises(CommandError, match="Không đọc được chứng thư"):
        call_command("signatures_trust_root_add", str(tmp_path / "rac.pem"))

    root = TrustRoot.objects.get()
    assert root.name == "CA" and "CA thử nghiệm SXSH" in root.subject
    assert "đã có sẵn" in out.getvalue()


def test_the_administrator_adds_a_root_through_the_admin(admin_client, tmp_path):
    ca = make_ca("CA quốc gia thử nghiệm")
    url = reverse("admin:signatures_trustroot_add")

    response = admin_client.post(
        url,
        {
            "name": "Root CA quốc gia",
            "is_active": "on",
            "certificate": SimpleUploadedFile("root.pem", ca.pem),
        },
    )
    again = admin_client.post(
        url, {"name": "Lần hai", "certificate": SimpleUploadedFile("root.pem", ca.pem)}
    )

    assert response.status_code == 302
    root = TrustRoot.objects.get()
    assert root.name == "Root CA quốc gia" and "CA quốc gia thử nghiệm" in root.subject
    assert "Chứng thư gốc này đã có trong danh sách." in again.content.decode()
