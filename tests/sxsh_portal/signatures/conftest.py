"""A sent Thanh Hóa 2019 consolidated report with its final PDF rendered by the real
pipeline, and a test PKI (a CA the portal trusts, a director certified by it)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services as reporting_services
from sxsh_portal.signatures import services
from tests.reporting.conftest import (  # noqa: F401 — the Thanh Hóa plan and its helpers
    clock,
    dong_son_report,
    hoang_hoa,
    hoang_hoa_committee,
    login_as,
    plan,
    seeded,
    year_2019,
)
from tests.reporting.test_documents import (  # noqa: F401
    CAN_RENDER,
    media,
    reported_year,
)
from tests.sxsh_portal.signatures.pki import make_ca, make_signer

needs_pdf = pytest.mark.skipif(not CAN_RENDER, reason="WeasyPrint (Pango) is not installed")


@pytest.fixture
def ca():
    return make_ca()


@pytest.fixture
def trusted_ca(ca, db):
    services.trust_roots_add(data=ca.pem, name="CA thử nghiệm")
    return ca


@pytest.fixture
def director(ca):
    return make_signer(ca)


def render(request_service, capture):
    with capture(execute=True):
        document = request_service()
    document.refresh_from_db()
    assert document.is_done, document.failure_reason
    return document


@pytest.fixture
def sent_year(reported_year, province_user, clock):  # noqa: F811
    """Sent now (the signing software signs with today's clock), not in 2019."""
    clock.move_to(datetime.datetime.now(datetime.UTC))
    reporting_services.consolidated_report_submit(reporting_year=reported_year, actor=province_user)
    return reported_year


@pytest.fixture
def final_pdf(sent_year, media, django_capture_on_commit_callbacks):  # noqa: F811
    """The consolidated PDF made after sending: the one the director signs."""
    document = render(
        lambda: reporting_services.consolidated_pdf_request(reporting_year=sent_year, actor=None),
        django_capture_on_commit_callbacks,
    )
    return document


def pdf_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def upload(client, capture, data: bytes, *, slug="tong-hop", pk, name="bao-cao-da-ky.pdf"):
    with capture(execute=True):
        return client.post(
            reverse("signatures:upload", args=[slug, pk]),
            {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
            follow=True,
        )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def stream_of(pdf: bytes) -> io.BytesIO:
    return io.BytesIO(pdf)
