"""The director's signed PDF, uploaded through the real URL: accepted when it is the portal's
final PDF signed by a trusted, valid certificate; refused with the failed check's message
otherwise, with nothing kept but the refusal."""

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from reporting import services as reporting_services
from sxsh_portal.signatures.models import SignedDocument
from tests.sxsh_portal.signatures.conftest import messages_of, needs_pdf, pdf_bytes, upload
from tests.sxsh_portal.signatures.final_pdf_world import FinalPdfSentNow
from tests.sxsh_portal.signatures.pki import make_ca, make_signer, pyhanko_signer, sign_pdf

pytestmark = [needs_pdf, pytest.mark.django_db]


def stored_signed_files(media) -> list[Path]:
    folder = Path(media) / "signatures"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def flip_a_byte_in_the_middle(data: bytes) -> bytes:
    tampered = bytearray(data)
    tampered[len(data) // 3] ^= 0x01
    return bytes(tampered)


def other_document(final_pdf, director, ca, **_):
    from weasyprint import HTML

    pdf = HTML(string="<h1>Báo cáo tổng hợp năm 2019</h1><p>Số liệu khác</p>").write_pdf()
    return sign_pdf(pdf, director, ca)


def tampered(final_pdf, director, ca, **_):
    return flip_a_byte_in_the_middle(sign_pdf(pdf_bytes(final_pdf), director, ca))


def expired(final_pdf, director, ca, **_):
    now = datetime.datetime.now(datetime.UTC)
    old = make_signer(
        ca,
        not_before=now - datetime.timedelta(days=800),
        not_after=now - datetime.timedelta(days=2),
    )
    return sign_pdf(pdf_bytes(final_pdf), old, ca)


def untrusted(final_pdf, director, ca, **_):
    stranger_ca = make_ca("CA không được tin cậy")
    return sign_pdf(pdf_bytes(final_pdf), make_signer(stranger_ca), stranger_ca)


def not_a_pdf(final_pdf, director, ca, **_):
    return "Họ và tên,Số liệu\nNguyễn Văn An,12\n".encode()


def unsigned(final_pdf, director, ca, **_):
    return pdf_bytes(final_pdf)


def other_unsigned_pdf(final_pdf, director, ca, **_):
    from weasyprint import HTML

    return HTML(string="<p>Một văn bản chưa ký</p>").write_pdf()


def changed_after_signing(final_pdf, director, ca, **_):
    """A line of text drawn on page 1 in an update appended after the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(sign_pdf(pdf_bytes(final_pdf), director, ca)))
    stream = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (99) Tj ET")
    )
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def changed_while_signing(final_pdf, director, ca, **_):
    """The same drawing, written in the very update that carries the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes(final_pdf)))
    stream = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (99) Tj ET")
    )
    writer.add_stream_to_page(0, stream)
    out = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(field_name="GiamDoc"),
        signer=pyhanko_signer(director, ca),
    )
    return out.getvalue()


REFUSALS = [
    (tampered, "integrity", "nội dung tệp đã bị thay đổi sau khi ký"),
    (other_document, "document", "không phải bản PDF Cổng đã tạo cho báo cáo này"),
    (expired, "certificate_time", "không còn hiệu lực tại thời điểm ký"),
    (untrusted, "trust", "không dẫn tới chứng thư gốc nào"),
    (not_a_pdf, "not_pdf", "Tệp tải lên không phải là tệp PDF."),
    (unsigned, "no_signature", "đây đúng là bản PDF Cổng đã tạo, chưa có chữ ký số"),
    (other_unsigned_pdf, "no_signature", "Tệp PDF không có chữ ký số."),
    (changed_after_signing, "coverage", "Chữ ký không bao trùm toàn bộ tài liệu"),
    (changed_while_signing, "document", "nội dung đã bị sửa trước hoặc cùng lúc ký"),
]


def test_a_signature_over_the_draft_printed_before_sending_is_not_the_report(
    reported_year,
    clock,
    province_user,
    trusted_ca,
    director,
    login_as,
    django_capture_on_commit_callbacks,
    media,
):
    clock.move_to(datetime.datetime.now(datetime.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        draft = reporting_services.consolidated_pdf_request(
            reporting_year=reported_year, actor=None
        )
    draft.refresh_from_db()
    reporting_services.consolidated_report_submit(reporting_year=reported_year, actor=province_user)
    with django_capture_on_commit_callbacks(execute=True):
        reporting_services.consolidated_pdf_request(reporting_year=reported_year, actor=None)

    response = upload(
        login_as(province_user),
        django_capture_on_commit_callbacks,
        sign_pdf(pdf_bytes(draft), director, trusted_ca),
        pk=reported_year.pk,
    )

    assert response.status_code == 200
    [refused] = SignedDocument.objects.all()
    assert "không phải bản PDF Cổng đã tạo cho báo cáo này" in refused.failure_reason
    assert not SignedDocument.objects.filter(state="verified").exists()


class TestTheFinalPdfSentNow(FinalPdfSentNow):
    """The tests that upload a signed copy of the final PDF."""

    def test_the_directors_signature_over_the_final_pdf_is_accepted_and_shown_to_the_ministry(
        self,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        ministry_user,
        login_as,
        django_capture_on_commit_callbacks,
        media,
    ):
        signed = sign_pdf(pdf_bytes(final_pdf), director, trusted_ca)

        response = upload(
            login_as(province_user),
            django_capture_on_commit_callbacks,
            signed,
            pk=final_pdf.object_id,
        )

        # The check runs in a worker once the upload is committed; the page then polls it.
        assert messages_of(response) == ["Đã nhận tệp; Cổng đang kiểm tra chữ ký số."]
        copy = SignedDocument.objects.get()
        assert copy.state == "verified" and copy.document == final_pdf
        assert (copy.signer_name, copy.signer_organisation) == (
            "Nguyễn Văn An",
            "Sở Công Thương tỉnh Thanh Hóa",
        )
        ministry = login_as(ministry_user)
        panel = ministry.get(reverse("signatures:status", args=["tong-hop", final_pdf.object_id]))
        body = panel.content.decode()
        assert "Đã ký số" in body and "Nguyễn Văn An" in body and "signature-upload" not in body
        download = ministry.get(reverse("signatures:download", args=[copy.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == signed
        assert download["Content-Disposition"].endswith('-da-ky-so.pdf"')
        # The portal's own file is still there, but no longer offered as the report.
        pdf_panel = ministry.get(
            reverse("reporting:consolidated_pdf_status", args=[final_pdf.object_id])
        ).content.decode()
        assert "Tải bản chưa ký (không phải bản chính thức)" in pdf_panel
        assert len(stored_signed_files(media)) == 1

    @pytest.mark.parametrize(
        ("make_file", "check", "message"), REFUSALS, ids=[case[0].__name__ for case in REFUSALS]
    )
    def test_a_file_that_fails_a_check_is_refused_with_that_checks_message_and_not_stored(
        self,
        make_file,
        check,
        message,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        login_as,
        django_capture_on_commit_callbacks,
        media,
    ):
        data = make_file(final_pdf, director, trusted_ca)
        client = login_as(province_user)

        response = upload(client, django_capture_on_commit_callbacks, data, pk=final_pdf.object_id)

        assert messages_of(response) == ["Đã nhận tệp; Cổng đang kiểm tra chữ ký số."]
        refused = SignedDocument.objects.get()
        assert (refused.state, refused.failed_check) == ("refused", check)
        assert refused.file.name == "" and stored_signed_files(media) == []
        panel = client.get(reverse("signatures:status", args=["tong-hop", final_pdf.object_id]))
        assert message in panel.content.decode()
        assert "signature-upload" in panel.content.decode()  # the director may try again

    def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
        self,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        login_as,
        django_capture_on_commit_callbacks,
        settings,
        media,
    ):
        settings.SIGNATURES_MAX_UPLOAD_BYTES = 1024  # "0 MB" in the message: a kilobyte

        response = upload(
            login_as(province_user),
            django_capture_on_commit_callbacks,
            sign_pdf(pdf_bytes(final_pdf), director, trusted_ca),
            pk=final_pdf.object_id,
        )

        assert messages_of(response) == ["Tệp quá lớn: tối đa 0 MB."]
        assert not SignedDocument.objects.exists() and stored_signed_files(media) == []

    def test_a_second_signed_copy_is_refused_once_one_is_verified(
        self,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        login_as,
        django_capture_on_commit_callbacks,
    ):
        client = login_as(province_user)
        signed = sign_pdf(pdf_bytes(final_pdf), director, trusted_ca)
        upload(client, django_capture_on_commit_callbacks, signed, pk=final_pdf.object_id)

        again = upload(client, django_capture_on_commit_callbacks, signed, pk=final_pdf.object_id)

        assert messages_of(again) == ["Báo cáo này đã có bản ký số."]
        assert SignedDocument.objects.count() == 1

    def test_only_the_doit_uploads_and_only_those_who_see_the_report_download(
        self,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        ministry_user,
        other_province_user,
        unit_user,
        login_as,
        django_capture_on_commit_callbacks,
    ):
        signed = sign_pdf(pdf_bytes(final_pdf), director, trusted_ca)
        pk = final_pdf.object_id
        for user in (ministry_user, other_province_user, unit_user):
            response = upload(login_as(user), django_capture_on_commit_callbacks, signed, pk=pk)
            assert response.status_code == 404, user
        assert not SignedDocument.objects.exists()
        upload(login_as(province_user), django_capture_on_commit_callbacks, signed, pk=pk)
        copy = SignedDocument.objects.get(state="verified")
        download = reverse("signatures:download", args=[copy.pk])

        assert login_as(other_province_user).get(download).status_code == 404
        assert login_as(unit_user).get(download).status_code == 404
        assert login_as(ministry_user).get(download).status_code == 200
        assert login_as(province_user).get(download).status_code == 200
        status = reverse("signatures:status", args=["tong-hop", pk])
        assert login_as(other_province_user).get(status).status_code == 404
        assert login_as(ministry_user).post(status).status_code == 405

    def test_while_the_check_runs_the_panel_says_so_and_polls_and_a_second_run_changes_nothing(
        self,
        final_pdf,
        trusted_ca,
        director,
        province_user,
        login_as,
        django_capture_on_commit_callbacks,
    ):
        from sxsh_portal.signatures.tasks import verify_signed_document

        client = login_as(province_user)
        signed = sign_pdf(pdf_bytes(final_pdf), director, trusted_ca)
        with django_capture_on_commit_callbacks(execute=False) as queued:
            client.post(
                reverse("signatures:upload", args=["tong-hop", final_pdf.object_id]),
                {"file": io.BytesIO(signed)},
            )
        status_url = reverse("signatures:status", args=["tong-hop", final_pdf.object_id])

        pending = client.get(status_url).content.decode()
        copy = SignedDocument.objects.get()
        first = verify_signed_document.apply(args=[copy.pk]).result
        second = verify_signed_document.apply(args=[copy.pk]).result
        done = client.get(status_url).content.decode()

        assert len(queued) == 1
        assert "Đang chờ kiểm tra" in pending and 'hx-trigger="every 1500ms"' in pending
        assert "signature-upload" not in pending
        assert (first, second) == ("verified", "skipped")
        assert "Đã ký số" in done and "hx-trigger" not in done

    def test_a_body_longer_than_the_limit_is_refused_by_its_declared_length(
        self, final_pdf, province_user, login_as, settings, media
    ):
        settings.SIGNATURES_MAX_UPLOAD_BYTES = 1024
        response = login_as(province_user).post(
            reverse("signatures:upload", args=["tong-hop", final_pdf.object_id]),
            {"file": io.BytesIO(b"%PDF-1.7\n" + b"0" * 200_000)},
            follow=True,
        )

        assert messages_of(response) == ["Tệp quá lớn: tối đa 0 MB."]
        assert not SignedDocument.objects.exists() and stored_signed_files(media) == []
