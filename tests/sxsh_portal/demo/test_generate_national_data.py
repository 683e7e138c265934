"""The synthetic national data generator at a tiny size (the bench runs it at full size).

Reporting years before 2025 belong to the old provinces' plans, reported by district
committees; from 2025 to today's provinces' plans, reported by commune committees.
"""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum

from facilities.models import Facility, FacilityYearStatus, Measure
from reporting.models import (
    ConsolidatedReport,
    ReportingYear,
    SentIndicator,
    UnitReport,
    UnitReportValue,
)
from strategies.models import ActionPlan
from strategies.selectors import plan_reporting_agencies
from sxsh_portal.demo.synthetic import SYNTHETIC_MARKER, national_data_generate
from sxsh_portal.territory.models import (
    REFORM_2025_FROM,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
    Agency,
)

pytestmark = pytest.mark.django_db

# Before the reform only: one old province, its districts.
SIZE = {"facilities": 40, "first_year": 2019, "last_year": 2021, "provinces": 1}
# Across the reform: Hà Nội (01), Hà Giang (02) and Cao Bằng (04) until 2024, then the
# provinces they became part of on 01/07/2025 (Hà Giang → Tuyên Quang) and their communes.
ACROSS = {"facilities": 400, "first_year": 2023, "last_year": 2025, "provinces": 3}
STATES = {"draft", "submitted", "returned", "accepted"}


def _rows():
    """What the generator wrote, keyed by natural keys rather than database ids."""
    return {
        "plans": sorted(
            ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).values_list(
                "title", "province__code", "province__valid_from", "period_start", "period_end"
            )
        ),
        "facilities": sorted(
            Facility.objects.values_list(
                "tax_code", "name", "sector__code", "size_class", "admin_unit__code", "status"
            )
        ),
        "statuses": sorted(
            FacilityYearStatus.objects.values_list(
                "facility__tax_code", "year", "is_aware", "is_applying", "trained_staff_count"
            )
        ),
        "reports": sorted(
            UnitReport.objects.values_list(
                "agency__province__code",
                "agency__name",
                "reporting_year__year",
                "state",
                "first_submitted_at",
            )
        ),
        "values": sorted(
            UnitReportValue.objects.values_list(
                "report__agency__province__code",
                "report__agency__name",
                "report__reporting_year__year",
                "figure",
                "reported_value",
                "computed_value",
            )
        ),
    }


def _generate_and_roll_back(seed, size=ACROSS):
    with transaction.atomic():
        national_data_generate(seed=seed, **size)
        rows = _rows()
        transaction.set_rollback(True)
    return rows


def test_the_same_seed_writes_the_same_rows():
    first = _generate_and_roll_back(7)
    second = _generate_and_roll_back(7)

    assert first == second
    assert first["facilities"]
    assert {year for _p, _n, year, _s, _f in first["reports"]} == {2023, 2024, 2025}


def test_another_seed_writes_other_rows():
    assert _generate_and_roll_back(7)["facilities"] != _generate_and_roll_back(8)["facilities"]


def test_before_2025_every_facility_has_yearly_statuses_and_every_district_yearly_reports():
    result = national_data_generate(seed=1, **SIZE)

    plan = ActionPlan.objects.get(source_note=SYNTHETIC_MARKER)
    assert plan.province.valid_from == SIXTY_THREE_PROVINCES_FROM
    assert (plan.period_start, plan.period_end) == (2019, 2021)
    committees = Agency.objects.filter(
        province=plan.province, kind=Agency.Kind.DISTRICT_COMMITTEE
    ).count()
    assert Facility.objects.count() == 40
    assert FacilityYearStatus.objects.count() == 40 * 3
    assert result.counts["statuses"] == 120
    assert ReportingYear.objects.filter(plan=plan).count() == 3
    assert UnitReport.objects.count() == committees * 3
    assert Measure.objects.exists()
    assert set(UnitReport.objects.values_list("state", flat=True)) <= STATES
    # No reporting year is today's provinces': no commune committee is made.
    assert not Agency.objects.filter(kind=Agency.Kind.COMMUNE_COMMITTEE).exists()
    # Years before the last are sent to the Ministry, the last one is still a draft.
    assert ConsolidatedReport.objects.filter(state="submitted").count() == 2
    assert ConsolidatedReport.objects.get(state="draft").reporting_year.year == 2021


def test_from_2025_todays_provinces_plans_report_with_their_communes():
    call_command(
        "generate_national_data", "--facilities", "400", "--years", "2023-2025", "--provinces", "3"
    )

    old = list(
        AdministrativeUnit.objects.filter(
            level="province", valid_from=SIXTY_THREE_PROVINCES_FROM
        ).order_by("code")[:3]
    )
    current = set(
        AdministrativeUnit.objects.filter(predecessors__in=old).values_list("pk", flat=True)
    )
    assert [p.code for p in old] == ["01", "02", "04"]
    assert len(current) == 3  # Hà Nội, Cao Bằng, Tuyên Quang

    plans = ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).select_related(
        "province", "reporting_rule__recipient"
    )
    old_plans = [p for p in plans if p.province.valid_from == SIXTY_THREE_PROVINCES_FROM]
    new_plans = [p for p in plans if p.province.valid_from == REFORM_2025_FROM]
    assert len(plans) == 6
    assert {p.province_id for p in old_plans} == {p.pk for p in old}
    assert {p.province_id for p in new_plans} == current

    # The old plans end with 2024 and keep their district committees.
    for plan in old_plans:
        assert (plan.period_start, plan.period_end) == (2023, 2024)
        assert plan.reporting_rule.reporting_unit_kind == Agency.Kind.DISTRICT_COMMITTEE
        assert sorted(plan.reporting_years.values_list("year", flat=True)) == [2023, 2024]
        committees = set(plan_reporting_agencies(plan=plan).values_list("pk", flat=True))
        for year in (2023, 2024):
            reports = UnitReport.objects.filter(
                reporting_year__plan=plan, reporting_year__year=year
            )
            assert set(reports.values_list("agency_id", flat=True)) == committees
            assert reports.count() == len(committees)

    # Today's provinces' plans run from 2025, with their own DOIT and commune committees.
    for plan in new_plans:
        assert (plan.period_start, plan.period_end) == (2025, 2030)
        assert plan.title.endswith(f"tỉnh {plan.province.name} giai đoạn 2025–2030")
        rule = plan.reporting_rule
        assert rule.reporting_unit_kind == Agency.Kind.COMMUNE_COMMITTEE
        assert (rule.deadline_day, rule.deadline_month) == (15, 12)
        assert rule.recipient.kind == Agency.Kind.DOIT
        assert rule.recipient.province_id == plan.province_id
        assert plan.targets.filter(localises__isnull=False).exists()
        assert list(plan.reporting_years.values_list("year", flat=True)) == [2025]
        communes = AdministrativeUnit.objects.filter(level="commune", parent=plan.province)
        committees = Agency.objects.filter(
            kind=Agency.Kind.COMMUNE_COMMITTEE, province=plan.province
        )
        assert committees.count() == communes.count() > 0
        assert set(committees.values_list("territory_id", flat=True)) == set(
            communes.values_list("pk", flat=True)
        )
        reports = UnitReport.objects.filter(reporting_year__plan=plan)
        assert reports.count() == communes.count()
        assert set(reports.values_list("agency_id", flat=True)) == set(
            plan_reporting_agencies(plan=plan).values_list("pk", flat=True)
        )
        assert set(reports.values_list("due_date", flat=True)) == {datetime.date(2025, 12, 15)}

    # 2025 is reported by commune committees only, the years before by district ones only.
    reports_2025 = UnitReport.objects.filter(reporting_year__year=2025)
    assert set(reports_2025.values_list("agency__kind", flat=True)) == {"commune_committee"}
    assert set(reports_2025.values_list("state", flat=True)) <= STATES
    assert set(
        UnitReport.objects.filter(reporting_year__year__lt=2025).values_list(
            "agency__kind", flat=True
        )
    ) == {"district_committee"}
    committee = Agency.objects.filter(
        kind=Agency.Kind.COMMUNE_COMMITTEE, territory__name__startswith="Xã "
    ).first()
    assert committee.name == f"UBND xã {committee.territory.name[3:]}"

    # The 2025 reports' registry figures are those of the facilities in their communes.
    in_communes = FacilityYearStatus.objects.filter(
        year=2025, facility__status="verified", facility__admin_unit__level="commune"
    ).count()
    assert in_communes > 0
    computed = UnitReportValue.objects.filter(
        report__reporting_year__year=2025, figure="facilities"
    ).aggregate(total=Sum("computed_value"))["total"]
    assert computed == in_communes

    # Statuses are unchanged: every facility, every year.
    assert Facility.objects.count() == 400
    assert FacilityYearStatus.objects.count() == 400 * 3

    # Sent for 2023 and 2024 (with their dashboard rows), a draft for 2025.
    sent = ConsolidatedReport.objects.filter(state="submitted")
    assert sorted(sent.values_list("reporting_year__year", flat=True)) == [2023] * 3 + [2024] * 3
    assert set(sent.values_list("reporting_year__plan__province_id", flat=True)) == {
        p.pk for p in old
    }
    assert SentIndicator.objects.filter(report__in=sent).values("report").distinct().count() == 6
    drafts = ConsolidatedReport.objects.filter(state="draft")
    assert set(drafts.values_list("reporting_year__plan__province_id", flat=True)) == current
    assert set(drafts.values_list("reporting_year__year", flat=True)) == {2025}


def test_an_existing_doit_of_a_current_province_receives_its_reports():
    from sxsh_portal.territory.services import administrative_units_load

    administrative_units_load()
    hanoi = AdministrativeUnit.objects.get(level="province", code="01", valid_from=REFORM_2025_FROM)
    doit = Agency.objects.create(
        name="Sở Công Thương Hà Nội", kind=Agency.Kind.DOIT, province=hanoi
    )

    national_data_generate(seed=1, facilities=10, first_year=2025, last_year=2025, provinces=1)

    plan = ActionPlan.objects.get(source_note=SYNTHETIC_MARKER)
    assert plan.province == hanoi
    assert plan.reporting_rule.recipient == doit
    assert Agency.objects.filter(province=hanoi, kind=Agency.Kind.DOIT).count() == 1
    assert UnitReport.objects.filter(reporting_year__plan=plan).count() == (
        AdministrativeUnit.objects.filter(level="commune", parent=hanoi).count()
    )
    assert ConsolidatedReport.objects.get().state == "draft"


def test_tax_codes_are_unique_and_valid():
    national_data_generate(seed=1, **SIZE)

    codes = list(Facility.objects.values_list("tax_code", flat=True))
    assert len(set(codes)) == len(codes)
    for facility in Facility.objects.all()[:10]:
        facility.full_clean(exclude=["admin_unit", "province", "sector"])


def test_the_command_refuses_to_run_twice_on_the_same_database():
    args = ["--facilities", "10", "--years", "2024-2025", "--provinces", "1"]
    call_command("generate_national_data", *args)
    plans = ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).count()
    reports = UnitReport.objects.count()

    with pytest.raises(CommandError, match="đã có dữ liệu tổng hợp"):
        call_command("generate_national_data", *args)
    assert Facility.objects.count() == 10
    assert ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).count() == plans == 2
    assert UnitReport.objects.count() == reports


def test_the_command_rejects_an_inverted_year_range():
    with pytest.raises(CommandError):
        call_command("generate_national_data", "--facilities", "1", "--years", "2025-2010")
