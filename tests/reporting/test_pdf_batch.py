"""The consolidated PDFs of every province for one year (`consolidated_pdfs_generate`):
one document and one render task per province's reporting year, nothing new on a second
run, a failed one asked again, and each task sent as soon as its row commits.

Thanh Hóa and Hà Giang open 2019 (Thanh Hóa 2018 too, which a 2019 batch leaves alone).
Celery runs eagerly (the embedded default); the renderer is a stub, since these tests are
about rows and tasks (tests/reporting/test_documents.py reads the real PDF). bench/run.py
runs the batch through 2 real workers.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reporting import services
from reporting.services import document_snapshots
from reporting.services import documents as reporting_document_services
from sxsh_portal.documents import services as document_services
from sxsh_portal.documents.models import GeneratedDocument
from tests.reporting.dashboards.test_dashboards import district_committee, open_ha_giang


class Renders(list):
    """The provinces rendered, in order; those in `failing` raise a permanent error."""

    def __init__(self):
        super().__init__()
        self.failing = set()
        self.events = []

    def __call__(self, document) -> bytes:
        province = document.snapshot["consolidation"]["province"]
        self.append(province)
        self.events.append(("render", province))
        if province in self.failing:
            raise ValueError("hỏng")
        return b"%PDF-1.4 fake " + str(document.pk).encode()


@pytest.fixture
def fake_renderer(monkeypatch):
    renders = Renders()
    monkeypatch.setattr(document_services, "document_pdf_bytes", renders)
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: None)
    return renders


@pytest.fixture
def provinces_2019(plan, province_user, ha_giang, ha_giang_doit):
    district_committee(ha_giang, "030", "huyện Bắc Mê")
    thanh_hoa = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    services.reporting_year_open(plan=plan, year=2018, actor=province_user)
    ha_giang_year = open_ha_giang(ha_giang, ha_giang_doit, province_user)
    return {"Thanh Hóa": thanh_hoa, "Hà Giang": ha_giang_year}


def generate(year: int) -> str:
    out = StringIO()
    call_command("consolidated_pdfs_generate", "--year", str(year), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_makes_one_document_per_province_year_and_a_second_run_nothing_new(
    provinces_2019, fake_renderer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = generate(2019)

    assert len(callbacks) == 2
    assert "Năm 2019: 2 báo cáo tổng hợp, 2 vừa được đưa vào hàng đợi tạo PDF" in output
    documents = GeneratedDocument.objects.order_by("pk")
    assert {(d.kind, d.object_id, d.year, d.state) for d in documents} == {
        ("consolidated", provinces_2019["Thanh Hóa"].pk, 2019, "done"),
        ("consolidated", provinces_2019["Hà Giang"].pk, 2019, "done"),
    }
    assert all(d.requested_by is None and d.file_checksum for d in documents)
    assert sorted(fake_renderer) == ["Hà Giang", "Thanh Hóa"]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = generate(2019)

    assert callbacks == []
    assert "2 báo cáo tổng hợp, 0 vừa được đưa vào hàng đợi tạo PDF, 2 đã có" in output
    assert GeneratedDocument.objects.count() == 2
    assert len(fake_renderer) == 2


@pytest.mark.django_db
def test_a_failed_document_is_queued_again_and_the_done_ones_are_not(
    provinces_2019, fake_renderer, django_capture_on_commit_callbacks
):
    fake_renderer.failing.add("Hà Giang")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.consolidated_pdf_batch_request(year=2019, actor=None)
    states = dict(GeneratedDocument.objects.values_list("object_id", "state"))
    assert states == {
        provinces_2019["Thanh Hóa"].pk: "done",
        provinces_2019["Hà Giang"].pk: "failed",
    }

    fake_renderer.failing.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.consolidated_pdf_batch_request(year=2019, actor=None)

    assert [d.pk for d in again.documents] == [d.pk for d in first.documents]
    assert [d.object_id for d in again.queued] == [provinces_2019["Hà Giang"].pk]
    assert set(GeneratedDocument.objects.values_list("state", flat=True)) == {"done"}
    assert fake_renderer.count("Thanh Hóa") == 1


@pytest.mark.django_db(transaction=True)
def test_each_task_is_sent_once_its_document_is_committed_not_after_the_whole_batch(
    provinces_2019, fake_renderer, monkeypatch
):
    # Committed for real: with one transaction per document, the first PDF renders (eagerly,
    # here; on a worker, in production) while the batch takes the next snapshot.
    take = document_snapshots.consolidated_snapshot

    def snapshot(*, reporting_year):
        fake_renderer.events.append(("snapshot", reporting_year.plan.province.name))
        return take(reporting_year=reporting_year)

    monkeypatch.setattr(reporting_document_services, "consolidated_snapshot", snapshot)

    generate(2019)

    assert fake_renderer.events == [
        ("snapshot", "Hà Giang"),
        ("render", "Hà Giang"),
        ("snapshot", "Thanh Hóa"),
        ("render", "Thanh Hóa"),
    ]
    assert GeneratedDocument.objects.filter(state="done").count() == 2


@pytest.mark.django_db
def test_a_year_no_province_opened_is_refused_in_vietnamese(provinces_2019):
    with pytest.raises(CommandError, match="Chưa tỉnh nào mở năm báo cáo 2030"):
        generate(2030)
    with pytest.raises(CommandError, match="--year phải là một năm từ 2000 đến 2100"):
        generate(1990)
    assert not GeneratedDocument.objects.exists()
