"""Writes of a province's action plan in the portal: draft, sections, issue, amendment.

Every function takes the acting user (kept in the history), checks every rule before
writing and runs in one transaction, so a refused request changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from sxsh_portal.audit import record_actor
from sxsh_portal.concurrency import check_version
from sxsh_portal.territory.models import AdministrativeUnit, Agency
from sxsh_portal.territory.selectors import with_predecessors

from ..models import ActionPlan, FundingSource, Indicator, PlanVersion, ReportingRule, Target, Task
from .rows import Row, rows_save
from .snapshot import plan_snapshot

EDITABLE = (ActionPlan.Status.DRAFT, ActionPlan.Status.AMENDING)
# The fields of the plan's own form (the decision and the period); the rule is separate.
PLAN_FIELDS = (
    "kind",
    "title",
    "strategy",
    "predecessor",
    "period_start",
    "period_end",
    "overall_goal",
    "decision_number",
    "issued_on",
    "signer",
)


def _require_editable(plan: ActionPlan) -> None:
    if plan.status not in EDITABLE:
        raise ValidationError(
            _("Kế hoạch đã ban hành chỉ thay đổi được bằng một quyết định điều chỉnh.")
        )


def province_ids(plan: ActionPlan) -> frozenset[int]:
    """The plan's province and the provinces it succeeded: their agencies serve the plan."""
    if plan.province_id is None:
        return frozenset()
    return with_predecessors({plan.province_id})


def _check_plan(plan: ActionPlan) -> None:
    errors = {}
    if plan.period_start is None or plan.period_end is None:
        errors["period_start"] = _("Hãy nhập giai đoạn của kế hoạch (từ năm, đến năm).")
    if plan.predecessor_id is not None and plan.predecessor.province_id not in province_ids(plan):
        errors["predecessor"] = _("Kế hoạch giai đoạn trước phải là kế hoạch của tỉnh.")
    if plan.strategy_id is None:
        errors["strategy"] = _("Hãy chọn chương trình, chiến lược quốc gia mà kế hoạch thực hiện.")
    if errors:
        raise ValidationError(errors)


def _save(obj, actor) -> None:
    record_actor(obj, actor)
    obj.save()


@transaction.atomic
def plan_create(
    *,
    actor,
    province: AdministrativeUnit,
    issuer: Agency,
    values: dict,
    deadline_day: int,
    deadline_month: int,
    signed_file=None,
    other_strategies=(),
) -> ActionPlan:
    """A new draft plan of a province, with its reporting rule (units report to the DOIT)."""
    plan = ActionPlan(
        province=province,
        issuer=issuer,
        issuer_name=issuer.name,
        status=ActionPlan.Status.DRAFT,
        **{name: values.get(name) for name in PLAN_FIELDS if name in values},
    )
    if signed_file:
        plan.signed_file = signed_file
    plan.full_clean()
    _check_plan(plan)
    _save(plan, actor)
    rule = ReportingRule(
        plan=plan, recipient=issuer, deadline_day=deadline_day, deadline_month=deadline_month
    )
    rule.full_clean()
    _save(rule, actor)
    _other_strategies_set(plan, other_strategies, actor)
    return plan


def _other_strategies_set(plan: ActionPlan, strategies, actor) -> None:
    chosen = {strategy.pk for strategy in strategies}
    if plan.strategy_id in chosen:
        raise ValidationError(
            {"other_strategies": _("Chương trình chính không cần chọn lại ở mục này.")}
        )
    plan.other_strategies.set(chosen)
    _save(plan, actor)


@transaction.atomic
def plan_update(
    *,
    plan: ActionPlan,
    actor,
    values: dict,
    deadline_day: int,
    deadline_month: int,
    signed_file=None,
    other_strategies=(),
    expected_version: int | None = None,
) -> ActionPlan:
    """Change the plan's general part; refused (StaleObjectError) when the plan changed since
    the form was rendered, so two DOIT staff never overwrite each other silently."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    check_version(plan, expected_version)
    for name in PLAN_FIELDS:
        if name in values:
            setattr(plan, name, values[name])
    if signed_file:
        plan.signed_file = signed_file
    plan.full_clean()
    _check_plan(plan)
    _save(plan, actor)
    rule, _created = ReportingRule.objects.get_or_create(
        plan=plan,
        defaults={
            "recipient": plan.issuer,
            "deadline_day": deadline_day,
            "deadline_month": deadline_month,
        },
    )
    rule.deadline_day, rule.deadline_month = deadline_day, deadline_month
    rule.full_clean()
    _save(rule, actor)
    _other_strategies_set(plan, other_strategies, actor)
    return plan


def _target_check(plan: ActionPlan):
    def check(target: Target) -> None:
        errors = {}
        if (
            plan.period_start
            and plan.period_end
            and not (plan.period_start <= target.year <= plan.period_end)
        ):
            errors["year"] = _("Năm của mục tiêu phải trong giai đoạn %(period)s của kế hoạch.") % {
                "period": plan.period_label
            }
        if target.baseline_year is None:
            errors["baseline_year"] = _("Hãy nhập năm cơ sở của mục tiêu (theo kế hoạch).")
        elif target.baseline_year > target.year:
            errors["baseline_year"] = _("Năm cơ sở phải trước hoặc bằng năm của mục tiêu.")
        boolean = target.indicator.measure_unit == Indicator.Unit.BOOLEAN
        if target.baseline_value is None and not boolean:
            errors["baseline_value"] = _("Hãy nhập giá trị năm cơ sở của mục tiêu (theo kế hoạch).")
        elif target.baseline_value is not None and target.baseline_value < 0:
            errors["baseline_value"] = _("Giá trị năm cơ sở không được âm.")
        national = target.localises
        if national is not None:
            if plan.strategy_id is None or national.phase.strategy_id != plan.strategy_id:
                errors["localises"] = _(
                    "Mục tiêu quốc gia được cụ thể hóa phải thuộc chương trình mà kế hoạch thực "
                    "hiện."
                )
            elif national.indicator_id != target.indicator_id:
                errors["indicator"] = _(
                    "Mục tiêu phải đo cùng chỉ tiêu với mục tiêu quốc gia mà nó cụ thể hóa."
                )
        if errors:
            raise ValidationError(errors)

    return check


@transaction.atomic
def plan_targets_save(
    *, plan: ActionPlan, actor, rows: list[Row], expected_version: int | None = None
) -> list[Target]:
    """The plan's targets, each localising a national one, with its baseline year and value."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    for row in rows:
        if row.values.get("value_min") is not None and row.values.get("value_max") is None:
            row.values["value_max"] = row.values["value_min"]
    return rows_save(
        model=Target,
        owner={"plan": plan},
        rows=rows,
        actor=actor,
        check=_target_check(plan),
        expected_version=expected_version,
    )


def _task_check(plan: ActionPlan):
    allowed = province_ids(plan) | {None}

    def check(task: Task) -> None:
        agencies = [task.lead_agency] if task.lead_agency_id else []
        if any(agency.province_id not in allowed for agency in agencies):
            raise ValidationError(
                {"lead_agency": _("Cơ quan chủ trì phải là cơ quan trung ương hoặc của tỉnh.")}
            )

    return check


@transaction.atomic
def plan_tasks_save(
    *, plan: ActionPlan, actor, rows: list[Row], expected_version: int | None = None
) -> list[Task]:
    """Tasks with their lead agency, coordinating agencies and duties."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    allowed = province_ids(plan) | {None}
    for number, row in enumerate(rows, start=1):
        coordinating = row.many.get("coordinating_agencies", [])
        if any(agency.province_id not in allowed for agency in coordinating):
            raise ValidationError(
                _("Dòng %(number)s: cơ quan phối hợp phải là cơ quan trung ương hoặc của tỉnh.")
                % {"number": number}
            )
    return rows_save(
        model=Task,
        owner={"plan": plan},
        rows=rows,
        actor=actor,
        check=_task_check(plan),
        expected_version=expected_version,
    )


def _funding_check(plan: ActionPlan):
    def check(source: FundingSource) -> None:
        start, end = plan.period_start, plan.period_end
        if source.year is not None and start and end and not start <= source.year <= end:
            raise ValidationError(
                {
                    "year": _("Năm kinh phí phải trong giai đoạn %(period)s của kế hoạch.")
                    % {"period": plan.period_label}
                }
            )

    return check


@transaction.atomic
def plan_funding_save(
    *, plan: ActionPlan, actor, rows: list[Row], expected_version: int | None = None
) -> list[FundingSource]:
    """Funding by source and year."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    return rows_save(
        model=FundingSource,
        owner={"plan": plan},
        rows=rows,
        actor=actor,
        check=_funding_check(plan),
        expected_version=expected_version,
    )


@transaction.atomic
def commune_committees_ensure(
    *, actor, province: AdministrativeUnit, communes: Iterable[AdministrativeUnit] | None = None
) -> list[Agency]:
    """The people's committee of each of today's communes, wards and special zones of the
    province (all of them, or the given ones), recorded as an agency (a reporting unit) if it
    is not yet. Idempotent; returns the committees in the order of the communes (by code when
    all, then those recorded without their commune), leaving out a commune whose committee's
    name another agency of the province has.

    Written in bulk (with their history, naming the actor): the national data set records
    the 3,321 communes' committees at once."""
    current = province.children.filter(level=AdministrativeUnit.Level.COMMUNE, valid_to=None)
    every_commune = communes is None
    if every_commune:
        communes = list(current.order_by("code"))
    else:
        communes = list(communes)
        allowed = set(current.values_list("pk", flat=True))
        wrong = [commune.name for commune in communes if commune.pk not in allowed]
        if wrong:
            raise ValidationError(
                _("Không phải xã, phường của tỉnh %(province)s: %(names)s.")
                % {"province": province.name, "names": ", ".join(wrong)}
            )
    committees = _commune_committees(province, communes)
    taken = set(Agency.objects.filter(province=province).values_list("name", flat=True))
    new = []
    for commune in communes:
        name = f"UBND {commune.name[0].lower()}{commune.name[1:]}"
        if commune.pk in committees or name in taken:
            continue
        taken.add(name)
        new.append(
            Agency(
                name=name, kind=Agency.Kind.COMMUNE_COMMITTEE, province=province, territory=commune
            )
        )
    if new:
        bulk_create_with_history(new, Agency, batch_size=1000, default_user=actor)
        committees = _commune_committees(province, communes)
    result = [committees[commune.pk] for commune in communes if commune.pk in committees]
    if every_commune:
        # Committees a DOIT recorded by hand, without their commune, report too.
        result += Agency.objects.filter(
            province=province, kind=Agency.Kind.COMMUNE_COMMITTEE, territory=None
        )
    return result


def _commune_committees(province: AdministrativeUnit, communes) -> dict[int, Agency]:
    return {
        agency.territory_id: agency
        for agency in Agency.objects.filter(
            province=province,
            kind=Agency.Kind.COMMUNE_COMMITTEE,
            territory__in=[commune.pk for commune in communes],
        )
    }


@transaction.atomic
def plan_reporting_units_set(
    *,
    plan: ActionPlan,
    actor,
    agencies: list[Agency],
    all_communes: bool = False,
    expected_version: int | None = None,
) -> ReportingRule:
    """Who reports under the plan: chosen agencies of the province, and optionally the
    committee of every commune, ward and special zone of today's province; refused
    (StaleObjectError) when the list changed since the page was rendered."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    check_version(plan.reporting_rule, expected_version)
    allowed = province_ids(plan)
    outside = [agency.name for agency in agencies if agency.province_id not in allowed]
    if outside:
        raise ValidationError(
            _("Đơn vị báo cáo phải thuộc tỉnh của kế hoạch: %(names)s.")
            % {"names": ", ".join(outside)}
        )
    chosen = list(agencies)
    if all_communes:
        if plan.province.valid_to is not None:
            raise ValidationError(
                _("Tỉnh của kế hoạch không còn từ 01/07/2025: không có xã, phường hiện nay.")
            )
        chosen += commune_committees_ensure(actor=actor, province=plan.province)
    if not chosen:
        raise ValidationError(_("Hãy chọn ít nhất một đơn vị báo cáo."))
    rule = plan.reporting_rule
    rule.reporting_units.set({agency.pk for agency in chosen})
    _save(rule, actor)
    return rule


def _check_ready_to_issue(plan: ActionPlan) -> None:
    errors = []
    if not plan.decision_number:
        errors.append(_("Hãy nhập số quyết định ban hành kế hoạch."))
    if plan.issued_on is None:
        errors.append(_("Hãy nhập ngày ban hành kế hoạch."))
    if not plan.signer:
        errors.append(_("Hãy nhập người ký quyết định."))
    if not plan.targets.exists():
        errors.append(_("Kế hoạch chưa có mục tiêu nào."))
    if not plan.tasks.exists():
        errors.append(_("Kế hoạch chưa có nhiệm vụ nào."))
    rule = getattr(plan, "reporting_rule", None)
    if rule is None or not rule.reporting_units.exists():
        errors.append(_("Kế hoạch chưa có đơn vị báo cáo."))
    for target in plan.targets.select_related("indicator"):
        try:
            _target_check(plan)(target)
        except ValidationError as error:
            errors.append(
                _("Mục tiêu “%(indicator)s”: %(message)s")
                % {"indicator": target.indicator.name, "message": " ".join(error.messages)}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_issue(*, plan: ActionPlan, actor) -> PlanVersion:
    """Issue a draft: it becomes public and is kept as version 1."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.DRAFT:
        raise ValidationError(_("Chỉ ban hành được kế hoạch đang là dự thảo."))
    _check_ready_to_issue(plan)
    plan.status = ActionPlan.Status.ISSUED
    _save(plan, actor)
    return PlanVersion.objects.create(
        plan=plan,
        number=1,
        kind=PlanVersion.Kind.ISSUE,
        decision_number=plan.decision_number,
        decided_on=plan.issued_on,
        snapshot=plan_snapshot(plan),
        created_by=actor,
    )


@transaction.atomic
def plan_amendment_start(*, plan: ActionPlan, actor) -> ActionPlan:
    """Open an issued plan for an amendment; readers keep seeing the issued version."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.ISSUED or not plan.versions.exists():
        raise ValidationError(_("Chỉ điều chỉnh được kế hoạch đã ban hành trên cổng."))
    plan.status = ActionPlan.Status.AMENDING
    _save(plan, actor)
    return plan


@transaction.atomic
def plan_amendment_issue(
    *, plan: ActionPlan, actor, decision_number: str, decided_on: datetime.date, changes: str
) -> PlanVersion:
    """Issue the amendment decision: the plan as it now stands becomes the next version."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ActionPlan.Status.AMENDING:
        raise ValidationError(_("Hãy bắt đầu soạn điều chỉnh trước khi ban hành điều chỉnh."))
    errors = []
    if not decision_number.strip():
        errors.append(_("Hãy nhập số quyết định điều chỉnh."))
    if not changes.strip():
        errors.append(_("Hãy ghi rõ nội dung điều chỉnh."))
    last = plan.versions.order_by("-number").first()
    if decided_on is None:
        errors.append(_("Hãy nhập ngày quyết định điều chỉnh."))
    elif last is not None and decided_on < last.decided_on:
        errors.append(
            _("Ngày điều chỉnh không được trước ngày của phiên bản trước (%(date)s).")
            % {"date": last.decided_on.strftime("%d/%m/%Y")}
        )
    if plan.versions.filter(decision_number=decision_number.strip()).exists():
        errors.append(_("Số quyết định này đã được dùng cho một phiên bản của kế hoạch."))
    if errors:
        raise ValidationError(errors)
    plan.status = ActionPlan.Status.DRAFT  # checked as a draft would be, then issued again
    _check_ready_to_issue(plan)
    plan.status = ActionPlan.Status.ISSUED
    _save(plan, actor)
    return PlanVersion.objects.create(
        plan=plan,
        number=(last.number if last else 0) + 1,
        kind=PlanVersion.Kind.AMENDMENT,
        decision_number=decision_number.strip(),
        decided_on=decided_on,
        changes=changes.strip(),
        snapshot=plan_snapshot(plan),
        created_by=actor,
    )


AGENCY_KINDS_A_DOIT_RECORDS = (
    Agency.Kind.DEPARTMENT,
    Agency.Kind.COMMUNE_COMMITTEE,
    Agency.Kind.ZONE_BOARD,
    Agency.Kind.CENTRE,
    Agency.Kind.ORGANISATION,
    Agency.Kind.MEDIA,
    Agency.Kind.OTHER,
)


@transaction.atomic
def agency_create(*, actor, province: AdministrativeUnit, name: str, kind: str) -> Agency:
    """An agency of the province that a plan assigns tasks to or that reports under it."""
    if kind not in AGENCY_KINDS_A_DOIT_RECORDS:
        raise ValidationError({"kind": _("Sở Công Thương không ghi nhận được loại cơ quan này.")})
    agency = Agency(name=" ".join(name.split()), kind=kind, province=province)
    agency.full_clean()
    _save(agency, actor)
    return agency
