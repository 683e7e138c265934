"""Places and plans: provinces old and new, their DOITs and committees, their action plans.

Plans, targets, rules and assignments are written in bulk here rather than through the
plan-authoring services (one draft, its sections and its issue per plan, each with history):
see the package's docstring for why.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from decimal import Decimal

from strategies.authoring.plans import commune_committees_ensure
from strategies.models import ActionPlan, AgencyAssignment, ReportingRule, Strategy, Target
from sxsh_portal.territory.models import (
    REFORM_2025_FROM,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
    Agency,
)
from sxsh_portal.territory.services import district_committees_ensure

from .common import (
    CURRENT_PLAN_END,
    NATIONAL_STRATEGY,
    REFORM_YEAR,
    SYNTHETIC_MARKER,
    _CurrentProvince,
    _GeneratorState,
    _max_id,
    _Province,
)


def _doit_ensure(province: AdministrativeUnit) -> int:
    """The province's DOIT (the first recorded, else a new one); its id."""
    doit = Agency.objects.filter(province=province, kind=Agency.Kind.DOIT).order_by("pk").first()
    if doit is None:
        doit = Agency.objects.create(
            name=f"Sở Công Thương {province.name}",
            short_name="SCT",
            kind=Agency.Kind.DOIT,
            province=province,
            territory=province,
        )
    return doit.pk


class PlacesMixin(_GeneratorState):
    """The steps that prepare the provinces and create their plans."""

    def _provinces_prepare(self) -> None:
        started = time.perf_counter()
        old = list(
            AdministrativeUnit.objects.filter(
                level=AdministrativeUnit.Level.PROVINCE, valid_from=SIXTY_THREE_PROVINCES_FROM
            ).order_by("code")
        )
        if self.province_limit:
            old = old[: self.province_limit]
        successors = defaultdict(list)
        for from_id, to_id in AdministrativeUnit.successors.through.objects.filter(
            from_administrativeunit_id__in=[p.pk for p in old]
        ).values_list("from_administrativeunit_id", "to_administrativeunit_id"):
            successors[from_id].append(to_id)
        communes_of = defaultdict(list)
        for commune in AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.COMMUNE, valid_from=REFORM_2025_FROM
        ).order_by("code"):
            communes_of[commune.parent_id].append(commune)
        districts_of = defaultdict(list)
        for district in AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.DISTRICT, parent__in=old
        ).order_by("code"):
            districts_of[district.parent_id].append(district)

        self.provinces: list[_Province] = []
        for province in old:
            doit_id = _doit_ensure(province)
            district_committees_ensure(province=province)
            committees = dict(
                Agency.objects.filter(
                    province=province, kind=Agency.Kind.DISTRICT_COMMITTEE, territory__isnull=False
                ).values_list("territory_id", "pk")
            )
            # The successor that took the province's name, else the first one.
            successor_id = min(successors[province.pk]) if successors[province.pk] else None
            self.provinces.append(
                _Province(
                    unit=province,
                    doit_id=doit_id,
                    districts=districts_of[province.pk],
                    communes=communes_of.get(successor_id, []) if successor_id else [],
                    committee_by_district=committees,
                    successor_id=successor_id,
                )
            )
        self._step("provinces", started, len(self.provinces))

        # Today's provinces that the chosen old provinces became (part of), by code, each
        # with its DOIT and its commune committees; only when a reporting year is theirs.
        started = time.perf_counter()
        self.current_provinces: list[_CurrentProvince] = []
        if not self.new_years:
            return
        current = AdministrativeUnit.objects.filter(
            pk__in={to_id for p in old for to_id in successors[p.pk]}
        ).order_by("code")
        for province in current:
            self.current_provinces.append(
                _CurrentProvince(
                    unit=province,
                    doit_id=_doit_ensure(province),
                    communes=communes_of.get(province.pk, []),
                    committee_by_commune={
                        agency.territory_id: agency.pk
                        for agency in commune_committees_ensure(
                            actor=None, province=province, communes=communes_of.get(province.pk, [])
                        )
                    },
                )
            )
        self._step(
            "current_provinces_and_communes",
            started,
            sum(len(c.committee_by_commune) for c in self.current_provinces),
        )

    # ------------------------------------------------------------------ plans

    def _plans_create(self) -> None:
        started = time.perf_counter()
        strategy = Strategy.objects.filter(number=NATIONAL_STRATEGY).first()
        national = list(
            Target.objects.filter(phase__strategy=strategy).order_by("year", "position", "pk")
            if strategy
            else []
        )
        targets, rules, assignments = [], [], []

        def localise(plan_id: int) -> None:
            for position, target in enumerate(national):
                # Provinces set their own bar around the national one, never below zero.
                shift = Decimal(self.rng.randint(-5, 5))
                low = max(Decimal(0), target.value_min + shift) if target.value_min else None
                high = max(low, target.value_max + shift) if low is not None else None
                targets.append(
                    Target(
                        indicator_id=target.indicator_id,
                        plan_id=plan_id,
                        year=target.year,
                        value_min=low,
                        value_max=high,
                        localises=target,
                        position=position,
                    )
                )

        def organise(plan_id: int, doit_id: int, kind: str, units: str) -> None:
            rules.append(
                ReportingRule(
                    plan_id=plan_id,
                    text=f"{units} báo cáo Sở Công Thương trước 15/12.",
                    reporting_unit_kind=kind,
                    recipient_id=doit_id,
                    deadline_day=15,
                    deadline_month=12,
                )
            )
            assignments.append(
                AgencyAssignment(
                    plan_id=plan_id,
                    position=1,
                    assignee=units,
                    covers_kind=kind,
                    role=AgencyAssignment.Role.IMPLEMENTING,
                    duties="Tuyên truyền, hướng dẫn cơ sở áp dụng SXSH; báo cáo hằng năm.",
                )
            )

        def issue(
            provinces: list[_Province] | list[_CurrentProvince],
            *,
            start: int,
            end: int,
            issued_on: datetime.date,
            first_number: int,
            kind: str,
            units: str,
            predecessor_by_code: dict[str, int] | None = None,
        ) -> None:
            """One plan per province (decisions numbered from `first_number`), then, province
            by province, its plan id, localised targets, reporting rule and assignment."""
            predecessor_by_code = predecessor_by_code or {}
            before = _max_id(ActionPlan)
            ActionPlan.objects.bulk_create(
                ActionPlan(
                    kind=ActionPlan.Kind.PLAN,
                    title=(
                        f"Kế hoạch hành động sản xuất sạch hơn trong công nghiệp tỉnh "
                        f"{p.unit.name} giai đoạn {start}–{end}"
                    ),
                    province=p.unit,
                    issuer_name=f"UBND tỉnh {p.unit.name}",
                    decision_number=f"{first_number + index}/KH-UBND",
                    issued_on=issued_on,
                    period_start=start,
                    period_end=end,
                    strategy=strategy,
                    predecessor_id=predecessor_by_code.get(p.unit.code),
                    overall_goal="Đẩy mạnh áp dụng sản xuất sạch hơn trong các cơ sở công nghiệp.",
                    source_note=SYNTHETIC_MARKER,
                )
                for index, p in enumerate(provinces)
            )
            plan_ids = dict(
                ActionPlan.objects.filter(pk__gt=before, source_note=SYNTHETIC_MARKER).values_list(
                    "province_id", "pk"
                )
            )
            for p in provinces:
                p.plan_id = plan_ids[p.unit.pk]
                localise(p.plan_id)
                organise(p.plan_id, p.doit_id, kind, units)

        # The old provinces' plans, for the years before the reform.
        if self.old_years:
            issue(
                self.provinces,
                start=self.first_year,
                end=self.old_years[-1],
                issued_on=datetime.date(self.first_year, 3, 1),
                first_number=100,
                kind=Agency.Kind.DISTRICT_COMMITTEE,
                units="UBND các huyện, thị xã, thành phố",
            )

        # Today's provinces' plans, for the years from the reform; each follows the plan of
        # the old province whose code it kept (Thanh Hóa 38 → Thanh Hóa 38), if there is one.
        if self.new_years:
            start = self.new_years[0]
            issue(
                self.current_provinces,
                start=start,
                end=max(self.last_year, CURRENT_PLAN_END),
                # Issued after the reform took effect (01/07/2025), or early in a later year.
                issued_on=(
                    datetime.date(start, 8, 1)
                    if start == REFORM_YEAR
                    else datetime.date(start, 3, 1)
                ),
                first_number=300,
                kind=Agency.Kind.COMMUNE_COMMITTEE,
                units="UBND các xã, phường, đặc khu",
                predecessor_by_code={p.unit.code: p.plan_id for p in self.provinces if p.plan_id},
            )
        Target.objects.bulk_create(targets, batch_size=1000)
        ReportingRule.objects.bulk_create(rules, batch_size=1000)
        AgencyAssignment.objects.bulk_create(assignments, batch_size=1000)
        self._step("plans", started, len(rules))
