"""A DOIT's pages for its province's action plans: write, issue, amend, carry over.

Each page asks the access policy (strategies.access) first: a plan of another province, or
one the user may not change now, answers 404.
"""

from __future__ import annotations

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.concurrency import (
    VersionField,
    version_of,
    version_of_rows,
)
from sxsh_portal.territory.models import Agency

from .. import access
from ..models import ActionPlan, PlanVersion
from . import carry_over, forms, plans
from .forms import formset_class
from .views_common import form_page, formset_page, saved, section_saved, show_errors

SECTIONS = {
    "muc-tieu": (
        gettext_lazy("Mục tiêu của kế hoạch"),
        forms.PlanTargetRowForm,
        "targets",
        plans.plan_targets_save,
    ),
    "nhiem-vu": (
        gettext_lazy("Nhiệm vụ và cơ quan thực hiện"),
        forms.PlanTaskRowForm,
        "tasks",
        plans.plan_tasks_save,
    ),
    "kinh-phi": (
        gettext_lazy("Kinh phí theo nguồn và năm"),
        forms.FundingRowForm,
        "funding_sources",
        plans.plan_funding_save,
    ),
}


def _crumbs(plan=None):
    crumbs = [(reverse("strategies:plan_list"), _("Kế hoạch hành động"))]
    if plan is not None:
        crumbs.append((plan.get_absolute_url(), f"{plan.province_label} {plan.period_label}"))
    return crumbs


def _agencies(plan: ActionPlan):
    """Agencies a plan may name: central ones and those of its province (and predecessors)."""
    return Agency.objects.filter(
        Q(province__isnull=True) | Q(province_id__in=plans.province_ids(plan))
    ).order_by("kind", "name")


def _predecessors(scope, plan=None):
    candidates = access.plans_writable(scope).exclude(status=ActionPlan.Status.DRAFT)
    return candidates.exclude(pk=plan.pk) if plan is not None else candidates


@login_required
def plan_create(request):
    scope = scope_for(request.user)
    issuer = access.writing_agency(request.user, scope)
    if issuer is None:
        raise Http404
    form = forms.PlanForm(
        request.POST or None, request.FILES or None, predecessors=_predecessors(scope)
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = plans.plan_create(
                actor=request.user,
                province=issuer.province,
                issuer=issuer,
                values=form.values(),
                deadline_day=form.cleaned_data["deadline_day"],
                deadline_month=form.cleaned_data["deadline_month"],
                signed_file=form.cleaned_data.get("signed_file"),
                other_strategies=form.cleaned_data.get("other_strategies") or (),
            )
        except ValidationError as error:
            show_errors(request, form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo dự thảo kế hoạch. Hãy thêm mục tiêu, nhiệm vụ, kinh phí và đơn vị báo "
                    "cáo."
                ),
            )
            return redirect(plan)
    return form_page(
        request,
        title=_("Kế hoạch hành động mới của %(province)s") % {"province": issuer.province.name},
        form=form,
        back_url=reverse("strategies:plan_list"),
        breadcrumbs=_crumbs(),
        multipart=True,
    )


@login_required
def plan_edit(request, pk):
    scope = scope_for(request.user)
    plan = access.plan_for_edit_or_404(scope, pk)
    form = forms.PlanForm(
        request.POST or None,
        request.FILES or None,
        instance=plan,
        predecessors=_predecessors(scope, plan),
    )
    form.fields["version"] = VersionField()
    form.initial["version"] = version_of(plan)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            request,
            form,
            lambda version: plans.plan_update(
                plan=plan,
                actor=request.user,
                values=form.values(),
                deadline_day=form.cleaned_data["deadline_day"],
                deadline_month=form.cleaned_data["deadline_month"],
                signed_file=form.cleaned_data.get("signed_file"),
                other_strategies=form.cleaned_data.get("other_strategies") or (),
                expected_version=version,
            ),
        )
    ):
        messages.success(request, _("Đã lưu thông tin kế hoạch."))
        return redirect(plan)
    return form_page(
        request,
        title=_("Thông tin chung và chế độ báo cáo"),
        form=form,
        back_url=plan.get_absolute_url(),
        breadcrumbs=_crumbs(plan),
        multipart=True,
    )


@login_required
def plan_section(request, pk, section):
    scope = scope_for(request.user)
    plan = access.plan_for_edit_or_404(scope, pk)
    if section not in SECTIONS:
        raise Http404
    title, row_form, related, save = SECTIONS[section]
    form_kwargs = {}
    if row_form is forms.PlanTargetRowForm:
        form_kwargs = {"plan": plan}
    elif row_form is forms.PlanTaskRowForm:
        form_kwargs = {"agencies": _agencies(plan)}
    queryset = getattr(plan, related).all()
    if related == "tasks":
        queryset = queryset.filter(parent=None)
    formset = formset_class(row_form, rows=queryset.count())(
        request.POST or None, queryset=queryset, form_kwargs=form_kwargs
    )
    version = version_of_rows(queryset.model, {"plan": plan})
    if section_saved(
        request, formset=formset, title=title, save=functools.partial(save, plan=plan)
    ):
        return redirect(plan)
    return formset_page(
        request,
        title=title,
        formset=formset,
        back_url=plan.get_absolute_url(),
        breadcrumbs=_crumbs(plan),
        version=version,
    )


@login_required
def plan_units(request, pk):
    scope = scope_for(request.user)
    plan = access.plan_for_edit_or_404(scope, pk)
    choices = _agencies(plan).exclude(province__isnull=True).exclude(kind=Agency.Kind.DOIT)
    rule = plan.reporting_rule
    form = forms.ReportingUnitsForm(
        request.POST or None, choices=choices, initial={"agencies": rule.reporting_units.all()}
    )
    form.fields["version"] = VersionField()
    form.initial["version"] = version_of(rule)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            request,
            form,
            lambda version: plans.plan_reporting_units_set(
                plan=plan,
                actor=request.user,
                agencies=list(form.cleaned_data["agencies"]),
                all_communes=form.cleaned_data["all_communes"],
                expected_version=version,
            ),
        )
    ):
        messages.success(
            request,
            _("Đã lưu đơn vị báo cáo: %(count)s đơn vị.") % {"count": rule.reporting_units.count()},
        )
        return redirect(plan)
    return form_page(
        request,
        title=_("Đơn vị báo cáo"),
        form=form,
        back_url=plan.get_absolute_url(),
        breadcrumbs=_crumbs(plan),
        intro=_(
            "Các xã, phường, đặc khu, ban quản lý khu kinh tế và cơ quan khác báo cáo hằng năm về "
            "Sở Công Thương."
        ),
    )


@login_required
@require_POST
def plan_issue(request, pk):
    scope = scope_for(request.user)
    plan = access.plan_for_write_or_404(scope, pk)
    try:
        plans.plan_issue(plan=plan, actor=request.user)
    except ValidationError as error:
        show_errors(request, None, error)
    else:
        messages.success(request, _("Đã ban hành kế hoạch: kế hoạch được công khai."))
    return redirect(plan)


@login_required
@require_POST
def plan_amendment_start(request, pk):
    scope = scope_for(request.user)
    plan = access.plan_for_write_or_404(scope, pk)
    try:
        plans.plan_amendment_start(plan=plan, actor=request.user)
    except ValidationError as error:
        show_errors(request, None, error)
    else:
        messages.success(
            request,
            _(
                "Đang soạn điều chỉnh. Người đọc vẫn thấy bản đã ban hành cho đến khi ban hành "
                "điều chỉnh."
            ),
        )
    return redirect(plan)


@login_required
def plan_amendment_issue(request, pk):
    scope = scope_for(request.user)
    plan = access.plan_for_write_or_404(scope, pk)
    if plan.status != ActionPlan.Status.AMENDING:
        raise Http404
    form = forms.AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = plans.plan_amendment_issue(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, form, error)
        else:
            messages.success(
                request,
                _("Đã ban hành điều chỉnh (phiên bản %(number)s).") % {"number": version.number},
            )
            return redirect(plan)
    return form_page(
        request,
        title=_("Ban hành quyết định điều chỉnh"),
        form=form,
        back_url=plan.get_absolute_url(),
        breadcrumbs=_crumbs(plan),
    )


@login_required
def agency_create(request):
    scope = scope_for(request.user)
    issuer = access.writing_agency(request.user, scope)
    if issuer is None:
        raise Http404
    form = forms.AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plans.agency_create(actor=request.user, province=issuer.province, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, form, error)
        else:
            messages.success(request, _("Đã thêm cơ quan."))
            return redirect(
                request.GET.get("next") if _safe_next(request) else "strategies:agency_list"
            )
    return form_page(
        request,
        title=_("Thêm cơ quan của tỉnh"),
        form=form,
        back_url=reverse("strategies:agency_list"),
    )


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    )


def plan_version(request, pk, number):
    """One issued version, as it was issued: public when the plan is."""
    scope = scope_for(request.user)
    plan = get_object_or_404(access.plans_readable(scope), pk=pk)
    version = get_object_or_404(PlanVersion, plan=plan, number=number)
    issued_on = version.snapshot.get("issued_on")
    context = {
        "issued_on": datetime.date.fromisoformat(issued_on) if issued_on else None,
        "plan": plan,
        "version": version,
        "snap": version.snapshot,
        "versions": plan.versions.all(),
    }
    return render(request, "strategies/authoring/plan_version.html", context)


def plan_signed_file(request, pk):
    """The signed decision: public with an issued plan, like the plan itself. Media files
    are never served directly, so every download passes this check."""
    plan = get_object_or_404(access.plans_readable(scope_for(request.user)), pk=pk)
    if not plan.signed_file:
        raise Http404
    try:
        handle = plan.signed_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, filename=plan.signed_file.name.rsplit("/", 1)[-1])


@login_required
def plan_carry_over(request, pk):
    scope = scope_for(request.user)
    plan = access.plan_for_write_or_404(scope, pk)
    issuer = access.writing_agency(request.user, scope)
    if issuer is None or not carry_over.can_carry_over(plan):
        raise Http404
    kept = carry_over.kept_units(plan)
    form = forms.CarryOverForm(
        request.POST or None,
        plan=plan,
        kept_units=Agency.objects.filter(pk__in=[agency.pk for agency in kept]),
        initial={
            "title": plan.title,
            "strategy": plan.strategy_id,
            "targets": plan.targets.all(),
            "tasks": plan.tasks.filter(parent=None),
            "keep_units": kept,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = carry_over.plan_carry_over(
                plan=plan,
                actor=request.user,
                issuer=issuer,
                title=data["title"],
                strategy=data["strategy"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                targets=list(data["targets"]),
                tasks=list(data["tasks"]),
                keep_units=list(data["keep_units"]),
                all_communes=data["all_communes"],
            )
        except ValidationError as error:
            show_errors(request, form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo dự thảo kế hoạch chuyển tiếp. Hãy nhập năm cơ sở và giá trị cơ sở của "
                    "từng mục tiêu."
                ),
            )
            return redirect(new)
    return form_page(
        request,
        title=_("Chuyển tiếp kế hoạch sang tỉnh %(province)s hiện nay")
        % {"province": issuer.province.name},
        form=form,
        back_url=plan.get_absolute_url(),
        breadcrumbs=_crumbs(plan),
        intro=_(
            "Mục tiêu và nhiệm vụ được chép sang một dự thảo mới; chỉ tiêu giữ nguyên nên số liệu "
            "các năm trước vẫn nối tiếp. UBND các huyện (đã giải thể từ 01/07/2025) được thay "
            "bằng UBND các xã, phường, đặc khu hiện nay."
        ),
    )
