"""The synthetic national data generator at a tiny size (the bench runs it at full size)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from facilities.models import Facility, FacilityYearStatus, Measure
from reporting.models import ConsolidatedReport, ReportingYear, UnitReport
from reporting.services.synthetic import SYNTHETIC_MARKER, national_data_generate
from strategies.models import ActionPlan
from sxsh_portal.territory.models import Agency

pytestmark = pytest.mark.django_db

SIZE = {"facilities": 40, "first_year": 2019, "last_year": 2021, "provinces": 1}


def _rows():
    """What the generator wrote, keyed by natural keys rather than database ids."""
    return {
        "facilities": sorted(
            Facility.objects.values_list(
                "tax_code", "name", "sector__code", "size_class", "unit__code", "status"
            )
        ),
        "statuses": sorted(
            FacilityYearStatus.objects.values_list(
                "facility__tax_code", "year", "is_aware", "is_applying", "trained_staff_count"
            )
        ),
        "reports": sorted(
            UnitReport.objects.values_list(
                "agency__name", "reporting_year__year", "state", "first_submitted_at"
            )
        ),
    }


def _generate_and_roll_back(seed):
    with transaction.atomic():
        national_data_generate(seed=seed, **SIZE)
        rows = _rows()
        transaction.set_rollback(True)
    return rows


def test_the_same_seed_writes_the_same_rows():
    first = _generate_and_roll_back(7)
    second = _generate_and_roll_back(7)

    assert first == second
    assert first["facilities"]


def test_another_seed_writes_other_rows():
    assert _generate_and_roll_back(7)["facilities"] != _generate_and_roll_back(8)["facilities"]


def test_every_facility_has_a_status_for_every_year_and_every_unit_a_report_per_year():
    result = national_data_generate(seed=1, **SIZE)

    plan = ActionPlan.objects.get(source_note=SYNTHETIC_MARKER)
    committees = Agency.objects.filter(
        province=plan.province, kind=Agency.Kind.DISTRICT_COMMITTEE
    ).count()
    assert Facility.objects.count() == 40
    assert FacilityYearStatus.objects.count() == 40 * 3
    assert result.counts["statuses"] == 120
    assert ReportingYear.objects.filter(plan=plan).count() == 3
    assert UnitReport.objects.count() == committees * 3
    assert Measure.objects.exists()
    assert set(UnitReport.objects.values_list("state", flat=True)) <= {
        "draft",
        "submitted",
        "returned",
        "accepted",
    }
    # Years before the last are sent to the Ministry, the last one is still a draft.
    assert ConsolidatedReport.objects.filter(state="submitted").count() == 2
    assert ConsolidatedReport.objects.get(state="draft").reporting_year.year == 2021


def test_tax_codes_are_unique_and_valid():
    national_data_generate(seed=1, **SIZE)

    codes = list(Facility.objects.values_list("tax_code", flat=True))
    assert len(set(codes)) == len(codes)
    for facility in Facility.objects.all()[:10]:
        facility.full_clean(exclude=["unit", "province", "sector"])


def test_the_command_refuses_to_run_twice_on_the_same_database():
    args = ["--facilities", "10", "--years", "2020-2021", "--provinces", "1"]
    call_command("generate_national_data", *args)

    with pytest.raises(CommandError, match="đã có dữ liệu tổng hợp"):
        call_command("generate_national_data", *args)
    assert Facility.objects.count() == 10


def test_the_command_rejects_an_inverted_year_range():
    with pytest.raises(CommandError):
        call_command("generate_national_data", "--facilities", "1", "--years", "2025-2010")
