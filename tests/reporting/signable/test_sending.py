"""Issue 15, the sending half: the DOIT sends a consolidated report knowing what is missing,
transitions ask first, the sent PDF is the only one offered; and the smaller points the
issue found. Thanh Hóa 2019 as in test_figures."""

import re

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import ConsolidatedReport
from sxsh_portal.documents.models import GeneratedDocument
from tests.reporting.conftest import at

from .world import (
    ThanhHoa2019,
    consolidated_pdf,
    needs_pdf_tools,
    pdf_text,
    save_figures,
)


class TestSendingThanhHoa2019(ThanhHoa2019):
    """Sending the 26 reports' consolidation."""

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
        draft_path = consolidated_pdf(thanh_hoa_2019, tmp_path, django_capture_on_commit_callbacks)
        assert "DỰ THẢO" in pdf_text(draft_path)
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
        text = pdf_text(path)
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
    report = save_figures(dong_son_report, unit_user, facilities=60)
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
    facility = make_facility(admin_unit=dong_son, tax_code="2800000199", size=SizeClass.MEDIUM)
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
