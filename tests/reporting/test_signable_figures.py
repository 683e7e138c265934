"""Issue 15, the output half: figures a director can sign.

Thanh Hóa 2019 the way the issue found it: 26 units, 20 sent on time, 1 late, 1 returned
(it had been sent on time: it used to count as on time), 2 drafts and 2 never started. The
counts are computed by hand below and must equal the consolidated page, the PDF's text and
the national dashboard; shares are Σ numerators / Σ denominators of the received reports.
"""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import services
from reporting.consolidation import Progress, consolidation_build, progress_status
from reporting.figures import Figure
from reporting.models import ConsolidatedReport, ReportingYear, UnitReport
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import pdf_support_problem
from sxsh_portal.territory.models import Agency
from tests import people
from tests.access_cases import world_of_the_module
from tests.factories import AgencyFactory, DistrictFactory
from tests.reporting.conftest import THANH_HOA_PLAN, at

D = Decimal
CAN_RENDER = pdf_support_problem() is None and shutil.which("pdftotext") is not None
needs_pdf_tools = pytest.mark.skipif(
    not CAN_RENDER, reason="WeasyPrint (Pango) or poppler-utils is not installed"
)

# (facilities, aware, applying) of the three received units that give figures.
FIGURES = {"A": (60, 45, 30), "B": (40, 25, 10), "C": (5, 2, 0)}
# Hand-computed: Σ applying / Σ facilities = 40 / 105 = 38,095…% → 38,1%;
# Σ aware / Σ facilities = 72 / 105 = 68,571…% → 68,57%.
APPLYING = ("40", "105", "38,1%")
AWARE = ("72", "105", "68,57%")
HAND = {"expected": 26, "received": 21, "on_time": 20, "late": 1}
HAND |= {"returned": 1, "draft": 2, "not_started": 2}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _save(report, actor, **figures):
    return services.unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values={Figure(name).value: D(value) for name, value in figures.items()},
        difficulties="",
        proposals="",
    )


def _activities(report, actor):
    """5 workshops and 5 trainings reaching 53 enterprises: the chart's 5, 5 and 53."""
    for number in range(5):
        services.activity_create(
            report=report,
            actor=actor,
            kind="workshop",
            date=datetime.date(2019, 3, 1 + number),
            title=f"Hội thảo {number + 1}",
            funding_source="provincial_budget",
        )
        services.activity_create(
            report=report,
            actor=actor,
            kind="training",
            date=datetime.date(2019, 4, 1 + number),
            title=f"Tập huấn {number + 1}",
            enterprises_reached=13 if number == 0 else 10,
            funding_source="provincial_budget",
        )


def _reports_in_every_standing(plan, province_user, unit_user, thanh_hoa, clock):
    """26 district committees; their reports in every standing of the issue."""
    for number in range(25):
        AgencyFactory(
            name=f"UBND huyện Thử {number + 1:02d}",
            kind=Agency.Kind.DISTRICT_COMMITTEE,
            province=thanh_hoa,
            territory=DistrictFactory(
                code=f"{500 + number}", name=f"Huyện Thử {number + 1:02d}", parent=thanh_hoa
            ),
        )
    clock.move_to(at(1, 10, 2019))
    reporting_year = services.reporting_year_open(plan=plan, year=2019, actor=province_user)
    reports = list(reporting_year.unit_reports.select_related("agency").order_by("agency__name"))
    assert len(reports) == 26
    dong_son = next(r for r in reports if r.agency.name == "UBND huyện Đông Sơn")
    others = [r for r in reports if r != dong_son]
    on_time = [dong_son] + others[:19]
    late, returned, drafts = others[19], others[20], others[21:23]
    _activities(dong_son, unit_user)
    for label, report in zip("ABC", on_time[:3], strict=True):
        report.refresh_from_db()
        facilities, aware, applying = FIGURES[label]
        _save(report, None, facilities=facilities, aware=aware, applying=applying)
    returned = _save(returned, None, facilities=1000, aware=1000, applying=1000)
    clock.move_to(at(10, 12, 2019))
    for report in on_time + [returned]:
        report.refresh_from_db()
        services.unit_report_submit(report=report, actor=None)
    services.unit_report_return(
        report=UnitReport.objects.get(pk=returned.pk), actor=province_user, reason="Thiếu số liệu"
    )
    for report in drafts:
        _save(report, None, facilities=3)
    clock.move_to(at(20, 12, 2019))
    services.unit_report_submit(report=late, actor=None)
    return reporting_year


def _page(client, reporting_year):
    response = client.get(reverse("reporting:consolidated_detail", args=[reporting_year.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _page_counts(html: str) -> dict:
    tag = re.search(r'<span class="report-counts"([^>]*)>', html).group(1)
    found = dict(re.findall(r'data-([a-z-]+)="(\d+)"', tag))
    return {key.replace("-", "_"): int(value) for key, value in found.items()}


def _pdf(reporting_year, tmp_path, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        document = services.consolidated_pdf_request(reporting_year=reporting_year, actor=None)
    document.refresh_from_db()
    assert document.is_done, document.failure_reason
    path = tmp_path / "consolidated.pdf"
    path.write_bytes(document.file.read())
    return path


def _text(path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(result.stdout.split())


# ---------------------------------------------------------------------------- Thanh Hóa 2019


class _Clock:
    """The conftest's clock for a world built outside a test: "now" moved until the patch ends."""

    def __init__(self, patch):
        self.patch = patch

    def move_to(self, moment: datetime.datetime) -> None:
        self.patch.setattr("django.utils.timezone.now", lambda: moment)


def _thanh_hoa_2019_world():
    """Thanh Hóa 2019 as the fixtures of tests/reporting/conftest.py made it for each test (the
    seed plan, the Đông Sơn committee, the DOIT and unit users, then the year), and the
    Ministry's officer."""
    thanh_hoa = people.thanh_hoa()
    people.ha_giang()
    seed_documents_load()
    committee = people.dong_son_committee(thanh_hoa, people.dong_son(thanh_hoa))
    plan = ActionPlan.objects.get(pk=THANH_HOA_PLAN)
    province_user = people.province_user(people.thanh_hoa_doit(thanh_hoa.successors.get()))
    unit_user = people.unit_user(committee)
    with pytest.MonkeyPatch.context() as patch:
        year = _reports_in_every_standing(plan, province_user, unit_user, thanh_hoa, _Clock(patch))
    ministry_user = people.ministry_user(people.moit())
    return {"year": year, "users": {"province": province_user, "ministry": ministry_user}}


class TestThanhHoa2019AsTheIssueFoundIt:
    """The tests that read the 26 reports share them: made once for the class, in a transaction
    kept open until its last test (tests/access_cases.py); each test runs in a savepoint rolled
    back after it, so what one sends or changes the next never sees."""

    @pytest.fixture(scope="class")
    @classmethod
    def year_world(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("media")
        yield from world_of_the_module(django_db_blocker, media, build=_thanh_hoa_2019_world)

    @pytest.fixture
    def thanh_hoa_2019(self, year_world, db, clock):
        clock.move_to(at(20, 12, 2019))  # where making the reports left the clock
        return ReportingYear.objects.get(pk=year_world["year"].pk)

    @pytest.fixture
    def province_user(self, year_world):
        return year_world["users"]["province"]

    @pytest.fixture
    def ministry_user(self, year_world):
        return year_world["users"]["ministry"]

    # ---------------------------------------------------------------------------- counts

    @pytest.mark.django_db
    def test_received_reports_are_on_time_plus_late_and_returned_ones_are_counted_apart(
        self, thanh_hoa_2019, client_as, province_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        html = _page(client_as(province_user), thanh_hoa_2019)

        counts = _page_counts(html)
        assert counts == HAND
        assert counts["received"] == counts["on_time"] + counts["late"]
        assert counts["expected"] == sum(
            counts[name] for name in ("on_time", "late", "returned", "draft", "not_started")
        )
        assert "Đã nhận 21/26 báo cáo." in html
        assert "Đúng hạn: 20 · Trễ hạn: 1." in html
        assert "bị trả lại 1 · đang soạn 2 · chưa bắt đầu 2" in html
        # Every unit row has one standing, and the rows add up to the totals.
        consolidation = consolidation_build(reporting_year=thanh_hoa_2019)
        standings = [unit.timeliness for unit in consolidation.units]
        assert standings.count("on_time") == 20 and standings.count("returned") == 1
        assert html.count(">Bị trả lại<") >= 1

    @pytest.mark.django_db
    def test_the_national_dashboard_counts_and_sums_like_the_page(
        self, thanh_hoa_2019, login_as, province_user, ministry_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        send = reverse("reporting:consolidated_submit", args=[thanh_hoa_2019.pk])
        login_as(province_user).post(send, {"confirmed": "1"})
        response = login_as(ministry_user).get(
            reverse("dashboards:national"),
            {"year": 2019, "indicator": "facilities-applying"},
        )
        assert response.status_code == 200
        dashboard = response.context["d"]
        row = next(row for row in dashboard.health_rows if row.year == 2019)

        assert (row.expected, row.received, row.on_time, row.late) == (26, 21, 20, 1)
        assert (row.returned, row.draft, row.not_started) == (1, 2, 2)
        year = next(y for y in dashboard.health_years if y.year == 2019)
        assert (year.expected, year.received, year.on_time, year.late, year.returned) == (
            26,
            21,
            20,
            1,
            1,
        )
        html = response.content.decode()
        assert 'data-key="returned" data-value="1"' in html and ">21/26<" in html
        # The province's figure: the same Σ numerators / Σ denominators as the page.
        province = next(r for r in dashboard.table.rows if r.province_name == "Thanh Hóa")
        assert (province.numerator, province.denominator, province.actual) == (40, 105, D("38.10"))

    @pytest.mark.django_db
    def test_shares_are_summed_numerators_over_summed_denominators_of_received_reports_only(
        self, thanh_hoa_2019, client_as, province_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        html = _page(client_as(province_user), thanh_hoa_2019)

        applying = re.search(r'data-indicator="facilities-applying">(.*?)</tr>', html, re.S).group(
            1
        )
        cells = [" ".join(re.sub("<[^>]+>", " ", c).split()) for c in applying.split("</td>")]
        # The returned unit's 1000/1000 is left out.
        assert cells[1:4] == list(APPLYING)
        aware = re.search(r'data-indicator="facilities-aware">(.*?)</tr>', html, re.S).group(1)
        cells = [" ".join(re.sub("<[^>]+>", " ", c).split()) for c in aware.split("</td>")]
        assert cells[1:4] == list(AWARE)

    # ---------------------------------------------------------------------------- statuses

    @pytest.mark.django_db
    def test_rows_with_figures_but_no_target_read_no_target_and_no_baseline_is_invented(
        self, thanh_hoa_2019, client_as, province_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        consolidation = consolidation_build(reporting_year=thanh_hoa_2019)
        workshops = consolidation.indicator("workshops-held")
        assert workshops.actual == 5 and workshops.status == Progress.NO_TARGET
        applying = consolidation.indicator("facilities-applying")
        # The plan gives no baseline: no "0% (2017)", no trajectory, no on-track verdict.
        assert applying.baseline is None and applying.expected is None
        assert applying.status == Progress.NOT_YET_MET

        html = _page(client_as(province_user), thanh_hoa_2019)
        row = re.search(r'data-indicator="workshops-held">(.*?)</tr>', html, re.S).group(1)
        assert "Chưa có mục tiêu" in row and "Chưa có số liệu" not in row
        assert "(2017)" not in html

    @pytest.mark.django_db
    def test_the_xlsx_export_reads_the_same_statuses(
        self, thanh_hoa_2019, client_as, province_user, clock
    ):
        from io import BytesIO

        from openpyxl import load_workbook

        clock.move_to(at(21, 12, 2019))
        response = client_as(province_user).get(
            reverse("reporting:consolidated_export", args=[thanh_hoa_2019.pk])
        )

        sheet = load_workbook(BytesIO(response.content))["Tổng hợp"]
        rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
        by_name = {row[0]: row for row in rows}
        consolidation = consolidation_build(reporting_year=thanh_hoa_2019)
        for indicator in consolidation.indicators:
            assert by_name[indicator.name][-1] == indicator.status_label
        assert by_name[consolidation.indicator("workshops-held").name][-1] == "Chưa có mục tiêu"

    @pytest.mark.django_db
    def test_a_baseline_the_plan_gives_draws_the_trajectory(
        self, thanh_hoa_2019, client_as, province_user, clock
    ):
        target = thanh_hoa_2019.plan.targets.get(indicator__code="facilities-applying")
        target.baseline_year, target.baseline_value = 2017, D(20)
        target.full_clean()
        target.save()
        clock.move_to(at(21, 12, 2019))

        applying = consolidation_build(reporting_year=thanh_hoa_2019).indicator(
            "facilities-applying"
        )

        # 20% in 2017 → 50% in 2020: 40% due in 2019; 38,1% is at risk.
        assert applying.expected == D("40.00")
        assert applying.status == Progress.AT_RISK
        html = _page(client_as(province_user), thanh_hoa_2019)
        assert "từ 20% (2017)" in html

    # ---------------------------------------------------------------------------- the PDF

    @needs_pdf_tools
    @pytest.mark.django_db
    def test_the_pdf_carries_the_pages_counts_targets_and_statuses(
        self, thanh_hoa_2019, media_root, clock, tmp_path, django_capture_on_commit_callbacks
    ):
        clock.move_to(at(21, 12, 2019))
        text = _text(_pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks))

        assert "đã nhận được 21/26 báo cáo" in text
        assert "20 báo cáo gửi đúng hạn, 1 báo cáo gửi trễ hạn" in text
        assert "1 báo cáo bị trả lại để bổ sung, 2 báo cáo đang soạn, 2 đơn vị chưa bắt đầu" in text
        assert "Đúng hạn: 20; trễ hạn: 1; bị trả lại: 1; đang soạn: 2; chưa bắt đầu: 2." in text
        # The same decimals as the table, in the table and in the chart alike.
        assert "38,1%" in text and "38,10" not in text
        assert "38,1% / 50%" in text  # the chart's value / target
        assert "40 / 105" in text  # Σ numerator / Σ denominator
        assert "Mục tiêu quốc gia" in text and "Chưa có mục tiêu" in text
        consolidation = consolidation_build(reporting_year=thanh_hoa_2019)
        counts = consolidation.status_counts
        assert counts[Progress.NO_TARGET] >= 3  # workshops, trainings, enterprises trained
        assert f"{counts[Progress.NO_TARGET]} có số liệu nhưng chưa có mục tiêu" in text
        assert f"{counts[Progress.NO_DATA]} chưa có số liệu" in text
        assert "(2017)" not in text and "DỰ THẢO" in text

    @needs_pdf_tools
    @pytest.mark.django_db
    def test_the_count_chart_draws_5_5_and_53_to_one_scale(
        self, thanh_hoa_2019, media_root, clock, tmp_path, django_capture_on_commit_callbacks
    ):
        from reporting.pdf import indicator_charts

        clock.move_to(at(21, 12, 2019))
        chart = str(indicator_charts(consolidation_build(reporting_year=thanh_hoa_2019))["counts"])
        widths = [
            float(w) for w in re.findall(r'class="bar" x="8" y="\d+" width="([\d.]+)"', chart)
        ]
        # 5, 5 and 53 on an axis to 60: 39,2, 39,2 and 415,2 of the bar's 470 units.
        assert sorted(widths) == [39.2, 39.2, 415.2]
        ticks = re.findall(r'class="tick"[^>]*>([^<]+)<', chart)
        assert ticks == ["0", "12", "24", "36", "48", "60"]
        assert 'class="axis-title"' in chart and "Số lượng" in chart

    @needs_pdf_tools
    @pytest.mark.django_db
    def test_section_iv_writes_a_duty_shared_by_every_unit_once(
        self, thanh_hoa_2019, media_root, clock, tmp_path, django_capture_on_commit_callbacks
    ):
        clock.move_to(at(21, 12, 2019))
        text = _text(_pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks))
        section = text.split("IV. TIẾN ĐỘ")[1].split("V. TÌNH HÌNH")[0]
        groups = re.findall(r"(?:^| )(\d+)\. ", section)
        units = section.count("UBND huyện")
        # One heading per duty, many units under each: never the duty text once per unit.
        assert units > len(groups) >= 1

    @needs_pdf_tools
    @pytest.mark.django_db
    def test_the_pdf_is_in_the_state_form_fonts_embedded_numbers_top_centre_from_page_2(
        self, thanh_hoa_2019, media_root, clock, tmp_path, django_capture_on_commit_callbacks
    ):
        clock.move_to(at(21, 12, 2019))
        path = _pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks)

        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        lines = fonts.splitlines()[2:]
        assert lines and all(line.split()[-5] == "yes" for line in lines), fonts  # emb column
        # Only the shipped Times-metric serif: no fallback font slipped in for a Vietnamese letter.
        assert all("Liberation-Serif" in line.split()[0] for line in lines), fonts

        bbox = subprocess.run(
            ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True
        ).stdout
        pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
        assert len(pages) >= 2
        width, height = float(pages[0][0]), float(pages[0][1])
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        mm = 72 / 25.4

        def words(body):
            found = re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                body,
            )
            return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in found]

        for number, (_w, _h, body) in enumerate(pages, 1):
            found = words(body)
            top = [w for w in found if w[3] < 20 * mm]  # in the top margin
            numbers = [w for w in top if w[4] == str(number)]
            if number == 1:
                assert not numbers, "no page number on page 1"
            else:
                assert len(numbers) == 1, (number, top)
                x_min, _y, x_max, _y2, _text = numbers[0]
                body_centre = (30 * mm + width - 15 * mm) / 2
                assert abs((x_min + x_max) / 2 - body_centre) < 3 * mm
            bottom = [w for w in found if w[1] > height - 20 * mm]
            assert not bottom, "nothing in the bottom margin"
            # Body text starts at the 30 mm left margin and stays off the 15 mm right one.
            assert min(w[0] for w in found) >= 30 * mm - 1
            assert max(w[2] for w in found) <= width - 15 * mm + 1

    # ---------------------------------------------------------------------------- sending

    @pytest.mark.django_db
    def test_sending_asks_first_and_lists_the_units_whose_report_is_missing(
        self, thanh_hoa_2019, login_as, province_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        doit = login_as(province_user)
        url = reverse("reporting:consolidated_submit", args=[thanh_hoa_2019.pk])

        response = doit.post(url)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Điều gì sẽ xảy ra" in html and 'name="confirmed" value="1"' in html
        assert "5 đơn vị chưa có báo cáo được tính vào tổng hợp" in html
        assert html.count("— Bị trả lại") == 1 and html.count("— Chưa bắt đầu") == 2
        assert not ConsolidatedReport.objects.filter(
            reporting_year=thanh_hoa_2019, state="submitted"
        ).exists()
        doit.post(url, {"confirmed": "1"})
        assert ConsolidatedReport.objects.get(reporting_year=thanh_hoa_2019).is_submitted

    @needs_pdf_tools
    @pytest.mark.django_db
    def test_once_sent_only_the_sent_pdf_is_offered_never_the_draft(
        self,
        thanh_hoa_2019,
        login_as,
        province_user,
        media_root,
        clock,
        tmp_path,
        django_capture_on_commit_callbacks,
    ):
        clock.move_to(at(21, 12, 2019))
        doit = login_as(province_user)
        draft_path = _pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks)
        assert "DỰ THẢO" in _text(draft_path)
        status_url = reverse("reporting:consolidated_pdf_status", args=[thanh_hoa_2019.pk])
        assert "pdf-download" in doit.get(status_url).content.decode()

        doit.post(
            reverse("reporting:consolidated_submit", args=[thanh_hoa_2019.pk]), {"confirmed": "1"}
        )
        panel = doit.get(status_url).content.decode()
        assert "pdf-download" not in panel  # the draft is no longer offered

        with django_capture_on_commit_callbacks(execute=True):
            doit.post(reverse("reporting:consolidated_pdf", args=[thanh_hoa_2019.pk]))
        sent = GeneratedDocument.objects.filter(
            kind="consolidated", object_id=thanh_hoa_2019.pk, snapshot__header__is_draft=False
        ).get()
        panel = doit.get(status_url).content.decode()
        assert reverse("documents:document_download", args=[sent.pk]) in panel
        drafts = GeneratedDocument.objects.filter(
            kind="consolidated", object_id=thanh_hoa_2019.pk, snapshot__header__is_draft=True
        )
        for draft in drafts:
            assert reverse("documents:document_download", args=[draft.pk]) not in panel
        path = tmp_path / "sent.pdf"
        path.write_bytes(sent.file.read())
        text = _text(path)
        assert "DỰ THẢO" not in text and "đã nhận được 21/26 báo cáo" in text

    # ---------------------------------------------------------------------------- smaller points

    @pytest.mark.django_db
    def test_a_report_sent_before_shows_no_assumed_baseline_again(
        self, thanh_hoa_2019, login_as, province_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        doit = login_as(province_user)
        doit.post(
            reverse("reporting:consolidated_submit", args=[thanh_hoa_2019.pk]), {"confirmed": "1"}
        )
        sent = ConsolidatedReport.objects.get(reporting_year=thanh_hoa_2019)
        for row in sent.snapshot["indicators"]:
            # What snapshots sent before issue 15 carried: 0 at the plan's start, a trajectory.
            row.pop("baseline_given", None)
            row.update(baseline="0", baseline_year=2017, expected="33.33")
        sent.save()

        html = doit.get(
            reverse("reporting:consolidated_detail", args=[thanh_hoa_2019.pk])
        ).content.decode()

        assert "(2017)" not in html and "33,33" not in html


# ---------------------------------------------------------------------------- statuses


def test_the_status_rule_reads_the_issues_cases():
    judge = {"target": D(50), "target_year": 2020}
    assert progress_status(actual=None, **judge, year=2019, closed=False) == Progress.NO_DATA
    figures_without_target = progress_status(
        actual=D(5), target=None, target_year=None, year=2019, closed=True
    )
    assert figures_without_target == Progress.NO_TARGET
    assert progress_status(actual=D(50), **judge, year=2019, closed=False) == Progress.MET
    # In the target year: at risk while it is open, missed once it is closed; after it, missed.
    assert progress_status(actual=D(40), **judge, year=2020, closed=False) == Progress.AT_RISK
    assert progress_status(actual=D(40), **judge, year=2020, closed=True) == Progress.MISSED
    assert progress_status(actual=D(40), **judge, year=2021, closed=False) == Progress.MISSED
    # Before it: no trajectory without a baseline given by the plan...
    assert progress_status(actual=D(1), **judge, year=2018, closed=True) == Progress.NOT_YET_MET
    # ...and one from the plan's baseline (20% in 2016 → 50% in 2020: 35% due in 2018).
    baseline = {"baseline": D(20), "baseline_year": 2016}
    assert (
        progress_status(actual=D(35), **judge, **baseline, year=2018, closed=True)
        == Progress.ON_TRACK
    )
    assert (
        progress_status(actual=D(34), **judge, **baseline, year=2018, closed=True)
        == Progress.AT_RISK
    )


@pytest.mark.django_db
def test_a_shortfall_in_the_plans_last_year_is_missed_once_the_year_is_closed(
    plan, province_user, unit_user, dong_son_report, clock, login_as
):
    clock.move_to(at(1, 6, 2020))
    year_2020 = services.reporting_year_open(plan=plan, year=2020, actor=province_user)
    report = UnitReport.objects.get(reporting_year=year_2020, agency=dong_son_report.agency)
    report = _save(report, unit_user, facilities=100, aware=50, applying=10)
    services.unit_report_submit(report=report, actor=unit_user)

    open_year = consolidation_build(reporting_year=year_2020).indicator("facilities-applying")
    assert open_year.status == Progress.AT_RISK  # 2020 still running

    doit = login_as(province_user)
    url = reverse("reporting:consolidated_submit", args=[year_2020.pk])
    doit.post(url, {"confirmed": "1"})
    sent = ConsolidatedReport.objects.get(reporting_year=year_2020)
    row = next(r for r in sent.snapshot["indicators"] if r["code"] == "facilities-applying")
    assert row["status"] == Progress.MISSED
    html = doit.get(reverse("reporting:consolidated_detail", args=[year_2020.pk])).content.decode()
    applying = re.search(r'data-indicator="facilities-applying">(.*?)</tr>', html, re.S).group(1)
    assert "Không đạt" in applying and "Có nguy cơ" not in applying


# ---------------------------------------------------------------------------- sending


@pytest.mark.django_db
def test_submitting_and_accepting_a_unit_report_ask_for_confirmation(
    dong_son_report, login_as, unit_user, province_user
):
    unit = login_as(unit_user)
    url = reverse("reporting:report_submit", args=[dong_son_report.pk])
    response = unit.post(url, {"version": dong_son_report.version})
    assert response.status_code == 200 and "Xác nhận gửi báo cáo" in response.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == "draft"

    unit.post(url, {"version": dong_son_report.version, "confirmed": "1"})
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == "submitted"

    doit = login_as(province_user)
    accept = reverse("reporting:report_accept", args=[dong_son_report.pk])
    response = doit.post(accept)
    assert "Xác nhận chấp nhận" in response.content.decode()
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == "submitted"
    doit.post(accept, {"confirmed": "1"})
    dong_son_report.refresh_from_db()
    assert dong_son_report.state == "accepted"


# ---------------------------------------------------------------------------- smaller points


@pytest.mark.django_db
def test_an_activity_dated_outside_the_reports_year_is_refused(
    dong_son_report, login_as, unit_user
):
    response = login_as(unit_user).post(
        reverse("reporting:activity_add", args=[dong_son_report.pk]),
        {
            "kind": "workshop",
            "date": "15/01/2020",
            "title": "Hội thảo năm sau",
            "participants": "10",
            "enterprises_reached": "2",
            "cost_vnd": "0",
            "funding_source": "provincial_budget",
        },
    )

    assert response.status_code == 400
    assert "Ngày hoạt động phải thuộc năm báo cáo 2019" in response.content.decode()
    assert not dong_son_report.activities.exists()


@pytest.mark.django_db
def test_the_unit_dashboards_discrepancy_table_has_a_year_column(
    dong_son_facilities, dong_son_report, dong_son_committee, unit_user, client_as
):
    # The registry counts 4 facilities in Đông Sơn in 2019; the unit reports 60.
    report = _save(dong_son_report, unit_user, facilities=60)
    services.unit_report_submit(report=report, actor=unit_user)

    response = client_as(unit_user).get(reverse("dashboards:unit", args=[dong_son_committee.pk]))

    table = re.search(r'id="discrepancy-table">(.*?)</table>', response.content.decode(), re.S)
    header, body = table.group(1).split("</thead>")
    assert ">Năm<" in header
    first_cell = re.search(r"<tr><td>([^<]*)</td>", body).group(1)
    assert first_cell == "2019"


@pytest.mark.django_db
def test_editing_a_past_years_status_keeps_that_years_size_and_checks_its_rules(
    dong_son, province_user, client_as
):
    from facilities.models import FacilityYearStatus, SizeClass
    from tests.reporting.conftest import make_facility, make_status

    # Medium with a dedicated SXSH unit in 2019; small since.
    facility = make_facility(unit=dong_son, tax_code="2800000199", size=SizeClass.MEDIUM)
    make_status(facility, 2019, is_aware=True, has_dedicated_unit=True)
    facility.size_class = SizeClass.SMALL
    facility.save()
    data = {
        "is_aware": "on",
        "is_applying": "on",
        "has_dedicated_unit": "on",
        "trained_staff_count": "2",
        "environmental_record": "none",
    }

    response = client_as(province_user).post(
        reverse("facilities:status_edit", args=[facility.pk, 2019]), data
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    status = FacilityYearStatus.objects.get(facility=facility, year=2019)
    assert status.size_class == SizeClass.MEDIUM  # the year's own size, not today's
    assert status.is_applying and status.has_dedicated_unit
