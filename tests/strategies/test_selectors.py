import pytest

from strategies import selectors
from strategies.models import ActionPlan
from sxsh_portal.accounts.access import scope_for
from sxsh_portal.territory.models import Agency
from tests.factories import AgencyFactory, DistrictFactory
from tests.strategies.conftest import PLAN_2011_2015, PLAN_2016_2020
from tests.strategies.drafts import draft_plan

pytestmark = pytest.mark.django_db


def test_the_thanh_hoa_reporting_units_are_its_district_committees(
    thanh_hoa_plan, dong_son_committee, thanh_hoa
):
    sam_son = AgencyFactory(
        name="UBND thành phố Sầm Sơn",
        kind=Agency.Kind.DISTRICT_COMMITTEE,
        province=thanh_hoa,
        territory=DistrictFactory(code="382", name="Thành phố Sầm Sơn", parent=thanh_hoa),
    )
    reporting = list(selectors.plan_reporting_agencies(plan=thanh_hoa_plan))
    assert reporting == [dong_son_committee, sam_son]


def test_a_district_committee_of_another_province_does_not_report_under_thanh_hoas_plan(
    thanh_hoa_plan, ha_giang
):
    AgencyFactory(
        name="UBND huyện Vị Xuyên", kind=Agency.Kind.DISTRICT_COMMITTEE, province=ha_giang
    )
    assert not selectors.plan_reporting_agencies(plan=thanh_hoa_plan).exists()


def test_a_plan_without_a_reporting_rule_has_no_reporting_units(ha_giang_plan):
    assert not selectors.plan_reporting_agencies(plan=ha_giang_plan).exists()


def test_the_plan_chain_runs_from_2011_2015_to_2016_2020_for_the_ministry(ministry_user, seeded):
    scope = scope_for(ministry_user)
    for pk in (PLAN_2011_2015, PLAN_2016_2020):
        chain = selectors.plan_chain(scope=scope, plan=ActionPlan.objects.get(pk=pk))
        assert [plan.pk for plan in chain] == [PLAN_2011_2015, PLAN_2016_2020]


def test_a_plan_chain_leaves_out_another_provinces_draft(
    province_user, other_province_user, thanh_hoa_plan
):
    # Chaining after a draft of another province must not reveal that the draft exists.
    draft = draft_plan(other_province_user)
    thanh_hoa_plan.predecessor_id = draft.pk
    thanh_hoa_plan.save()
    chain = selectors.plan_chain(scope=scope_for(province_user), plan=thanh_hoa_plan)
    assert chain == [thanh_hoa_plan]
