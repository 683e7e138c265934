"""PDF documents of the reporting cycle: what the consolidated, unit and facility PDFs say
(pdftotext), how a request becomes one document however often it is made, the progress
fragment, and the beat task that prepares the consolidated drafts on 16/12.

The tasks run eagerly here (the embedded default); tests/test_pdf_worker.py runs them
through a real worker.
"""

import datetime
import hashlib
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from reporting import services, tasks
from reporting.figures import Figure
from reporting.models import TaskProgress
from reporting.pdf import ChartRow, bar_chart_svg
from sxsh_portal.documents import services as document_services
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import pdf_support_problem
from tests.reporting.conftest import at

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CAN_RENDER = pdf_support_problem() is None and shutil.which("pdftotext") is not None
needs_pdf_tools = pytest.mark.skipif(
    not CAN_RENDER, reason="WeasyPrint (Pango) or poppler-utils is not installed"
)
D = Decimal


# ---------------------------------------------------------------------------- helpers


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def pdf_pages(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def save_page_png(pdf: bytes, name: str, tmp_path, page: int = 1) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENSHOTS / f"{name}-page{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page), "-singlefile"]
        + [str(path), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")


def save(report, actor, *, difficulties="", proposals="", progress=None, **figures):
    return services.unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values={Figure(name).value: D(value) for name, value in figures.items()},
        difficulties=difficulties,
        proposals=proposals,
        progress=progress,
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reported_year(plan, province_user, unit_user, hoang_hoa_committee, clock):
    return a_reported_year(plan, province_user, unit_user, clock)


def a_reported_year(plan, province_user, unit_user, clock):
    """Thanh Hóa 2019: Đông Sơn sends on time (60 facilities, 45 aware, 30 applying; a
    workshop and a training; one duty done), Hoằng Hóa four days late and is accepted
    (Hoằng Hóa's committee must exist already; a world built once per class calls this directly)."""
    clock.move_to(at(1, 10, 2019))
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    reports = {r.agency.name: r for r in reporting_year.unit_reports.select_related("agency")}
    dong_son = reports["UBND huyện Đông Sơn"]
    duty = TaskProgress.objects.filter(report=dong_son).order_by("pk").first()
    services.activity_create(
        report=dong_son,
        actor=unit_user,
        kind="workshop",
        date=datetime.date(2019, 6, 12),
        title="Hội thảo phổ biến sản xuất sạch hơn cho doanh nghiệp chế biến nông sản",
        participants=45,
        enterprises_reached=12,
        cost_vnd=30_000_000,
        funding_source="provincial_budget",
    )
    services.activity_create(
        report=dong_son,
        actor=unit_user,
        kind="training",
        date=datetime.date(2019, 9, 20),
        title="Tập huấn đánh giá nhanh sản xuất sạch hơn",
        participants=35,
        enterprises_reached=9,
        cost_vnd=25_000_000,
        funding_source="central_budget",
    )
    dong_son.refresh_from_db()
    dong_son = save(
        dong_son,
        unit_user,
        difficulties="Doanh nghiệp nhỏ thiếu vốn đổi mới công nghệ.",
        proposals="Đề nghị hỗ trợ kinh phí đánh giá sản xuất sạch hơn cho 5 doanh nghiệp.",
        progress={duty.pk: ("done", "Đã phổ biến đến 12 doanh nghiệp.")},
        facilities=60,
        aware=45,
        applying=30,
        medium_large=10,
        with_unit=3,
        appliers_with_saving=2,
        saving_percent=10,
    )
    clock.move_to(at(10, 12, 2019))
    services.unit_report_submit(report=dong_son, actor=unit_user)
    hoang_hoa = save(
        reports["UBND huyện Hoằng Hóa"],
        None,
        facilities=40,
        aware=25,
        applying=20,
        medium_large=10,
        with_unit=2,
    )
    clock.move_to(at(19, 12, 2019))
    services.unit_report_submit(report=hoang_hoa, actor=None)
    services.unit_report_accept(report=hoang_hoa, actor=province_user)
    return reporting_year


# ---------------------------------------------------------------------------- the PDFs


@needs_pdf_tools
@pytest.mark.django_db
def test_the_consolidated_pdf_is_a_vietnamese_administrative_report_with_the_years_figures(
    reported_year, media, clock, tmp_path, django_capture_on_commit_callbacks
):
    clock.move_to(at(20, 12, 2019))
    with django_capture_on_commit_callbacks(execute=True):
        document = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)
    document.refresh_from_db()
    pdf = document.file.read()

    text = pdf_text(pdf, tmp_path)
    for heading in (
        "UBND TỈNH THANH HÓA",
        "SỞ CÔNG THƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: …/BC-SCT",
        "Thanh Hóa, ngày 20 tháng 12 năm 2019",
        "BÁO CÁO",
        "Tình hình thực hiện sản xuất sạch hơn trong công nghiệp năm 2019 trên địa bàn tỉnh "
        "Thanh Hóa",
        "Kính gửi: Bộ Công Thương; Ủy ban nhân dân tỉnh Thanh Hóa.",
        "I. TÌNH HÌNH CHUNG",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. HOẠT ĐỘNG NÂNG CAO NĂNG LỰC",
        "IV. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        "V. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "VII. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "GIÁM ĐỐC",
        "DỰ THẢO",
    ):
        assert heading in text, heading
    # 2 of 2 reports; 50/100 facilities applying (the plan's 50% by 2020: met), 70% aware.
    assert "đã nhận được 2/2 báo cáo" in text
    assert "1 báo cáo gửi đúng hạn, 1 báo cáo gửi trễ hạn" in text
    assert "50% / 50%" in text  # the chart's value / target of "facilities applying"
    assert "70% / 90%" in text
    # Met, and below the 2020 target in 2019 with no baseline in the plan: no trajectory.
    assert "Đã đạt" in text and "Chưa đạt (chưa đến năm mục tiêu)" in text
    assert "Đúng lộ trình" not in text
    # Activities, funding by source, duties, the units' words.
    assert "Ngân sách tỉnh 1 30.000.000" in text
    assert "Ngân sách Trung ương 1 25.000.000" in text
    assert "Tổng cộng 2 80 21 55.000.000" in text
    # Table cells wrap, and pdftotext reads a wrapped row cell by cell: short phrases only.
    assert "Đã phổ biến đến 12" in text
    assert "Đề nghị hỗ trợ kinh phí đánh giá sản xuất sạch hơn cho 5 doanh nghiệp." in text
    assert "UBND huyện Hoằng Hóa" in text and "Trễ hạn" in text
    assert 2 <= pdf_pages(pdf, tmp_path) <= 8
    assert save_page_png(pdf, "consolidated-report", tmp_path).stat().st_size > 10_000


@needs_pdf_tools
@pytest.mark.django_db
def test_the_charts_are_svg_drawn_in_the_pdf_itself(reported_year, media, clock):
    document = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)
    snapshot = document.snapshot

    svg = bar_chart_svg(
        [
            ChartRow(
                label="Cơ sở áp dụng SXSH",
                value=D(50),
                target=D(50),
                expected=D("33.33"),
                status="met",
                suffix="%",
            )
        ],
        axis_title="Tỷ lệ (%)",
    )

    assert svg.startswith("<svg") and "<script" not in svg
    assert 'width="235.0"' in svg  # half of the 470-unit bar: 50 of 100%
    assert "Cơ sở áp dụng SXSH" in svg and "50% / 50%" in svg
    assert snapshot["consolidation"]["year"] == 2019


@needs_pdf_tools
@pytest.mark.django_db
def test_the_unit_report_pdf_is_issued_by_the_district_to_the_doit(
    reported_year, media, clock, tmp_path, django_capture_on_commit_callbacks
):
    report = reported_year.unit_reports.get(agency__name="UBND huyện Đông Sơn")
    clock.move_to(at(21, 12, 2019))
    with django_capture_on_commit_callbacks(execute=True):
        document = services.unit_report_pdf_request(report=report, actor=None)
    document.refresh_from_db()

    text = pdf_text(document.file.read(), tmp_path)
    assert "UBND HUYỆN ĐÔNG SƠN" in text
    assert "Số: …/BC-UBND" in text
    assert "Đông Sơn, ngày 21 tháng 12 năm 2019" in text
    assert "Kính gửi: Sở Công Thương Thanh Hóa." in text
    assert "Kết quả thực hiện sản xuất sạch hơn trong công nghiệp năm 2019" in text
    assert "Số cơ sở áp dụng SXSH 30" in text
    assert "Đào tạo, tập huấn: Tập" in text and "huấn đánh giá nhanh" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    assert "Hoằng Hóa" not in text


# ---------------------------------------------------------------------------- one document


@pytest.fixture
def fake_renderer(monkeypatch):
    """Counts renders and returns a tiny PDF: these tests are about rows, not layout."""
    calls = []

    def render(document):
        calls.append(document.pk)
        return b"%PDF-1.4 fake " + str(document.pk).encode()

    monkeypatch.setattr(document_services, "document_pdf_bytes", render)
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: None)
    return calls


@pytest.mark.django_db
def test_two_requests_for_the_same_figures_make_one_document(
    reported_year, media, fake_renderer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)

    assert first.pk == second.pk
    assert GeneratedDocument.objects.count() == 1
    assert fake_renderer == [first.pk]
    first.refresh_from_db()
    assert first.state == "done"
    assert first.file_checksum == hashlib.sha256(f"%PDF-1.4 fake {first.pk}".encode()).hexdigest()
    assert first.snapshot["consolidation"]["province"] == "Thanh Hóa"


@pytest.mark.django_db
def test_changed_figures_make_a_new_document_and_the_old_one_stays(
    reported_year, media, fake_renderer, province_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)
    hoang_hoa = reported_year.unit_reports.get(agency__name="UBND huyện Hoằng Hóa")
    services.unit_report_reopen(report=hoang_hoa, actor=province_user, reason="Sửa số liệu.")
    with django_capture_on_commit_callbacks(execute=True):
        second = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)

    assert second.pk != first.pk
    assert second.snapshot_checksum != first.snapshot_checksum
    assert list(GeneratedDocument.objects.values_list("state", flat=True)) == ["done", "done"]


# ---------------------------------------------------------------------------- the page


@pytest.mark.django_db
def test_the_button_queues_the_pdf_and_the_fragment_then_offers_the_download(
    reported_year,
    media,
    fake_renderer,
    province_user,
    login_as,
    django_capture_on_commit_callbacks,
):
    client = login_as(province_user)
    page = client.get(reverse("reporting:consolidated_detail", args=[reported_year.pk]))
    status_url = reverse("reporting:consolidated_pdf_status", args=[reported_year.pk])
    assert f'hx-get="{status_url}"' in page.content.decode()

    empty = client.get(status_url).content.decode()
    assert "Tạo PDF" in empty and "hx-trigger" not in empty

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:consolidated_pdf", args=[reported_year.pk]), HTTP_HX_REQUEST="true"
        )
    document = GeneratedDocument.objects.get()
    assert response.status_code == 200
    assert 'id="pdf-consolidated-' in response.content.decode()
    # The test's transaction holds the task until the response is out; the next poll sees it.
    body = client.get(status_url).content.decode()
    assert reverse("documents:document_download", args=[document.pk]) in body
    assert "hx-trigger" not in body
    assert "Tải PDF năm 2019" in body

    download = client.get(reverse("documents:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["X-Content-SHA256"] == document.file_checksum
    # A draft says so in its file name too.
    assert "bao-cao-tong-hop-2019-thanh-hoa-du-thao.pdf" in download["Content-Disposition"]


@pytest.mark.django_db
def test_a_queued_document_polls_and_survives_a_reload(
    reported_year, media, fake_renderer, province_user, login_as
):
    # No on-commit capture: the row is made but the task has not run yet (a busy worker).
    client = login_as(province_user)
    client.post(reverse("reporting:consolidated_pdf", args=[reported_year.pk]))

    status_url = reverse("reporting:consolidated_pdf_status", args=[reported_year.pk])
    body = client.get(status_url).content.decode()
    assert 'hx-trigger="every 1500ms"' in body
    assert "Đang chờ tạo" in body and "progress-bar" in body
    assert "disabled" in body  # one click is enough


@pytest.mark.django_db
def test_the_page_shows_a_failure_in_vietnamese(
    reported_year, media, monkeypatch, province_user, login_as, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        document_services, "document_pdf_bytes", lambda d: (_ for _ in ()).throw(ValueError("x"))
    )
    monkeypatch.setattr(document_services, "pdf_support_problem", lambda: None)
    client = login_as(province_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:consolidated_pdf", args=[reported_year.pk]))

    body = client.get(
        reverse("reporting:consolidated_pdf_status", args=[reported_year.pk])
    ).content.decode()
    assert "Không tạo được PDF." in body
    assert "Lỗi khi dựng tài liệu (ValueError: x)" in body
    assert "hx-trigger" not in body


@pytest.mark.django_db
def test_without_pango_the_button_gives_way_to_a_vietnamese_hint(
    reported_year, media, monkeypatch, province_user, login_as
):
    monkeypatch.setattr("sxsh_portal.documents.views.pdf_support_problem", lambda: "Thiếu Pango.")
    client = login_as(province_user)

    body = client.get(
        reverse("reporting:consolidated_pdf_status", args=[reported_year.pk])
    ).content.decode()
    response = client.post(reverse("reporting:consolidated_pdf", args=[reported_year.pk]))

    assert "Máy chủ chưa tạo được PDF. Thiếu Pango." in body
    assert "Tạo PDF" not in body
    assert response.status_code == 302
    assert not GeneratedDocument.objects.exists()


@pytest.mark.django_db
def test_the_ministry_gets_only_documents_made_after_the_report_was_sent(
    reported_year,
    media,
    fake_renderer,
    province_user,
    ministry_user,
    login_as,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.consolidated_pdf_request(reporting_year=reported_year, actor=None)
    services.consolidated_report_submit(reporting_year=reported_year, actor=province_user)
    ministry = login_as(ministry_user)

    assert ministry.get(reverse("documents:document_download", args=[draft.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        ministry.post(reverse("reporting:consolidated_pdf", args=[reported_year.pk]))
    sent = GeneratedDocument.objects.exclude(pk=draft.pk).get()
    assert sent.snapshot["header"]["is_draft"] is False
    assert ministry.get(reverse("documents:document_download", args=[sent.pk])).status_code == 200


# ---------------------------------------------------------------------------- beat


@pytest.mark.django_db
def test_on_16_december_the_consolidated_draft_is_prepared_once(
    reported_year, media, fake_renderer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.generate_consolidated_drafts.apply(kwargs={"today": "2019-12-15"}).get() == []
        first = tasks.generate_consolidated_drafts.apply(kwargs={"today": "2019-12-16"}).get()
    with django_capture_on_commit_callbacks(execute=True):
        again = tasks.generate_consolidated_drafts.apply(kwargs={"today": "2019-12-16"}).get()

    assert len(first) == 1 and again == first
    document = GeneratedDocument.objects.get()
    assert (document.kind, document.object_id, document.state) == (
        "consolidated",
        reported_year.pk,
        "done",
    )
    assert document.document_date == datetime.date(2019, 12, 16)
    assert document.requested_by is None


def test_the_beat_schedule_runs_the_draft_task_every_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reporting-consolidated-drafts"]

    assert entry["task"] == tasks.generate_consolidated_drafts.name
    assert entry["schedule"].hour == {6}


@pytest.mark.django_db(transaction=True)
def test_with_eager_celery_the_button_answers_with_the_finished_document(
    plan, province_user, media, fake_renderer, login_as
):
    # Committed for real (no test transaction around the request): the task runs in the
    # request, as in the embedded default, and the answer already offers the download.
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    client = login_as(province_user)

    response = client.post(
        reverse("reporting:consolidated_pdf", args=[reporting_year.pk]), HTTP_HX_REQUEST="true"
    )

    document = GeneratedDocument.objects.get()
    assert document.state == "done"
    assert reverse("documents:document_download", args=[document.pk]) in response.content.decode()
