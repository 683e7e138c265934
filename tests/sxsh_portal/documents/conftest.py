import datetime

import pytest

from sxsh_portal.documents import registry
from sxsh_portal.documents import services as document_services
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.registry import DocumentKind

# A kind the table allows, given a renderer of the test's own: the pipeline is tested here
# without the apps that register the real kinds.
KIND = GeneratedDocument.Kind.UNIT_REPORT


def snapshot(figure: int, *, built_at: str = "2019-12-16T09:00:00") -> dict:
    return {
        "header": {"issuer": "Sở Công Thương Đắk Lắk", "is_draft": False},
        "figures": {"facilities": figure, "built_at": built_at},
    }


def request(figure: int = 60, **kwargs):
    return document_services.generated_document_request(
        kind=KIND,
        object_id=7,
        year=2019,
        snapshot=snapshot(figure, **kwargs),
        today=datetime.date(2019, 12, 16),
    )


@pytest.fixture
def test_kind(monkeypatch):
    """The kind, rendered by a counter that returns a tiny PDF: these tests are about rows,
    not layout. Every document of the kind is readable by everyone."""
    calls = []

    def render(document):
        calls.append(document.pk)
        return b"%PDF-1.4 fake " + str(document.pk).encode()

    kind = DocumentKind(
        kind=KIND,
        render=render,
        documents_for=lambda scope, pk: GeneratedDocument.objects.filter(kind=KIND, object_id=pk),
        filename_prefix="bao-cao",
        checksum_ignores=(("figures", "built_at"),),
    )
    monkeypatch.setitem(registry._KINDS, KIND, kind)
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: None)
    return calls
