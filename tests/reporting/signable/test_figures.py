"""Issue 15, the output half: figures a director can sign.

Thanh Hóa 2019 the way the issue found it: 26 units, 20 sent on time, 1 late, 1 returned
(it had been sent on time: it used to count as on time), 2 drafts and 2 never started. The
counts are computed by hand below and must equal the consolidated page, the PDF's text and
the national dashboard; shares are Σ numerators / Σ denominators of the received reports.
"""

import re
import subprocess

import pytest
from django.urls import reverse

from reporting import services
from reporting.consolidation import Progress, consolidation_build, progress_status
from reporting.models import ConsolidatedReport, UnitReport
from tests.reporting.conftest import at

from .world import (
    APPLYING,
    AWARE,
    HAND,
    D,
    ThanhHoa2019,
    consolidated_page,
    consolidated_pdf,
    needs_pdf_tools,
    page_counts,
    pdf_text,
    save_figures,
)


class TestThanhHoa2019AsTheIssueFoundIt(ThanhHoa2019):
    """The counts, statuses and PDF of the 26 reports."""

    # ---------------------------------------------------------------------------- counts

    @pytest.mark.django_db
    def test_received_reports_are_on_time_plus_late_and_returned_ones_are_counted_apart(
        self, thanh_hoa_2019, client_as, province_user, clock
    ):
        clock.move_to(at(21, 12, 2019))
        html = consolidated_page(client_as(province_user), thanh_hoa_2019)

        counts = page_counts(html)
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
        html = consolidated_page(client_as(province_user), thanh_hoa_2019)

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

        html = consolidated_page(client_as(province_user), thanh_hoa_2019)
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
        html = consolidated_page(client_as(province_user), thanh_hoa_2019)
        assert "từ 20% (2017)" in html

    # ---------------------------------------------------------------------------- the PDF

    @needs_pdf_tools
    @pytest.mark.django_db
    def test_the_pdf_carries_the_pages_counts_targets_and_statuses(
        self, thanh_hoa_2019, media_root, clock, tmp_path, django_capture_on_commit_callbacks
    ):
        clock.move_to(at(21, 12, 2019))
        text = pdf_text(
            consolidated_pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks)
        )

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
        text = pdf_text(
            consolidated_pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks)
        )
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
        path = consolidated_pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks)

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
    report = save_figures(report, unit_user, facilities=100, aware=50, applying=10)
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
