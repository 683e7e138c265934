"""The pipeline of a generated document: the idempotent request, the render task, the
outcome recorded on the row (one file per document, whatever the retries)."""

import hashlib

import pytest

from sxsh_portal.documents import registry
from sxsh_portal.documents import services as document_services
from sxsh_portal.documents import tasks as document_tasks
from sxsh_portal.documents.models import GeneratedDocument
from tests.sxsh_portal.documents.conftest import request


@pytest.mark.django_db
def test_two_requests_for_the_same_snapshot_make_one_document(
    test_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = request(built_at="2019-12-16T09:00:00")
    with django_capture_on_commit_callbacks(execute=True):
        # The moment the snapshot was computed is left out of its checksum.
        second = request(built_at="2019-12-16T09:05:00")

    assert second.pk == first.pk and second.state == "done"
    assert GeneratedDocument.objects.count() == 1
    assert test_kind == [first.pk]


@pytest.mark.django_db
def test_other_figures_make_another_document(test_kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = request(60)
    with django_capture_on_commit_callbacks(execute=True):
        second = request(61)

    assert second.pk != first.pk
    assert second.snapshot_checksum != first.snapshot_checksum


@pytest.mark.django_db
def test_a_task_run_again_for_a_finished_document_leaves_it_alone(
    settings, test_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = request()
    document.refresh_from_db()
    stored = (document.file.name, document.file_checksum, document.finished_at)

    assert document_tasks.render_document.apply(args=[document.pk]).get() == "skipped"

    document.refresh_from_db()
    assert (document.file.name, document.file_checksum, document.finished_at) == stored
    assert test_kind == [document.pk]
    assert len(list(settings.MEDIA_ROOT.rglob("*.pdf"))) == 1


@pytest.mark.django_db
def test_a_crash_between_writing_and_committing_leaves_one_file_after_the_retry(
    settings, test_kind
):
    document = request()
    # The first attempt wrote its file and died before the commit: the row is still running.
    document_services.generated_document_render(document_id=document.pk)
    GeneratedDocument.objects.filter(pk=document.pk).update(state="running", file="")

    assert document_tasks.render_document.apply(args=[document.pk]).get() == "done"

    assert len(list(settings.MEDIA_ROOT.rglob("*.pdf"))) == 1
    document.refresh_from_db()
    assert document.state == "done" and document.attempts == 2


@pytest.mark.django_db
def test_a_permanent_failure_is_recorded_with_its_reason_and_a_new_click_retries(
    test_kind, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(document):
        raise KeyError("consolidation")

    monkeypatch.setattr(document_services, "document_pdf_bytes", broken)
    with django_capture_on_commit_callbacks(execute=True):
        document = request()
    document.refresh_from_db()

    assert document.state == "failed"
    assert document.failure_reason.startswith("Lỗi khi dựng tài liệu (KeyError")

    monkeypatch.setattr(document_services, "document_pdf_bytes", lambda document: b"%PDF ok")
    with django_capture_on_commit_callbacks(execute=True):
        again = request()
    again.refresh_from_db()
    assert again.pk == document.pk and again.state == "done" and again.failure_reason == ""


@pytest.mark.django_db
def test_a_temporary_failure_is_retried_then_recorded_when_it_persists(
    test_kind, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = []

    def disk_full(document):
        attempts.append(document.pk)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document_services, "document_pdf_bytes", disk_full)
    with django_capture_on_commit_callbacks(execute=True):
        document = request()
    document.refresh_from_db()

    assert len(attempts) == 4  # the first try and 3 retries
    assert document.state == "failed" and document.attempts == 4
    assert "Lỗi tạm thời lặp lại sau nhiều lần thử" in document.failure_reason
    assert "No space left on device" in document.failure_reason


@pytest.mark.django_db
def test_a_machine_without_pango_fails_the_document_with_the_install_hint(
    test_kind, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: "Thiếu thư viện Pango")
    with django_capture_on_commit_callbacks(execute=True):
        document = request()
    document.refresh_from_db()

    assert (document.state, document.failure_reason) == ("failed", "Thiếu thư viện Pango")
    assert test_kind == []


@pytest.mark.django_db
def test_the_finishers_change_the_pdf_before_its_checksum_is_taken(
    test_kind, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(registry, "_FINISHERS", [lambda pdf: pdf + b" sealed"])
    with django_capture_on_commit_callbacks(execute=True):
        document = request()
    document.refresh_from_db()

    content = document.file.read()
    assert content.endswith(b" sealed")
    assert document.file_checksum == hashlib.sha256(content).hexdigest()


@pytest.mark.django_db
def test_the_download_name_is_ascii_and_says_draft(test_kind):
    document = request()
    assert (
        document_services.download_filename(document) == "bao-cao-2019-so-cong-thuong-dak-lak.pdf"
    )

    document.snapshot["header"]["is_draft"] = True
    assert document_services.download_filename(document).endswith("-dak-lak-du-thao.pdf")
