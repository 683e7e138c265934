"""Pages of the yearly cycle: lists, a report's page, the unit's draft, the transitions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.submissions.tokens import once_per_token

from .. import access, selectors, services
from ..figures import Figure
from ..forms import OpenYearForm, ReasonForm, UnitReportForm, VersionForm
from ..models import UnitReport
from .common import render_edit, report_for_review, report_for_unit
from .confirmation import Confirmation, confirmation_page, is_confirmed


def _error_text(error: ValidationError) -> str:
    """The service's refusal in one line, a figure's message named by its label."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    texts = []
    for key, errors in error.message_dict.items():
        label = Figure(key).label if key in Figure.values else None
        texts.extend(f"{label}: {text}" if label else text for text in errors)
    return " ".join(texts)


def _form_error_texts(form: UnitReportForm) -> list[str]:
    return [
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields and not " ".join(errors).startswith("“")
        else " ".join(errors)  # the number and text messages name their field already
        for name, errors in form.errors.items()
    ]


@login_required
def plan_years(request, pk):
    scope = scope_for(request.user)
    plan = selectors.plan_for_reporting_get(scope=scope, pk=pk)
    can_open = access.plan_may_open_years(scope, plan)
    context = {
        "plan": plan,
        "years": selectors.year_list(scope=scope).filter(plan=plan).order_by("-year"),
        "can_open": can_open,
        "form": OpenYearForm(plan=plan) if can_open else None,
    }
    return render(request, "reporting/plan_years.html", context)


@login_required
@require_POST
@once_per_token
def year_open(request, pk):
    scope = scope_for(request.user)
    plan = selectors.plan_for_reporting_get(scope=scope, pk=pk)
    if not access.plan_may_open_years(scope, plan):
        raise PermissionDenied
    form = OpenYearForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một năm chưa mở của kế hoạch."))
        return redirect("reporting:plan_years", pk=plan.pk)
    try:
        reporting_year = services.reporting_year_open(
            plan=plan, year=form.cleaned_data["year"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reporting:plan_years", pk=plan.pk)
    messages.success(
        request,
        _("Đã mở năm báo cáo %(year)s: %(count)s đơn vị phải báo cáo.")
        % {"year": reporting_year.year, "count": reporting_year.unit_reports.count()},
    )
    return redirect(reporting_year)


@login_required
def year_detail(request, pk):
    scope = scope_for(request.user)
    reporting_year = selectors.year_get(scope=scope, pk=pk)
    context = {
        "reporting_year": reporting_year,
        "reports": reporting_year.unit_reports.select_related("agency").order_by("agency__name"),
        "consolidated": selectors.consolidated_of(reporting_year),
        "can_manage": access.reporting_year_may_manage(scope, reporting_year),
        "today": timezone.localdate(),
    }
    return render(request, "reporting/year_detail.html", context)


@login_required
def report_detail(request, pk):
    scope = scope_for(request.user)
    report = selectors.report_get(scope=scope, pk=pk)
    context = {
        "report": report,
        "values": selectors.report_values(report),
        "can_edit": access.report_may_edit(scope, report),
        "can_review": access.report_may_review(scope, report),
        "can_see_year": access.reporting_year_may_see(scope, report.reporting_year),
        "reason_form": ReasonForm(),
        "days_late": report.days_late(),
    }
    return render(request, "reporting/report_detail.html", context)


@login_required
def report_edit(request, pk):
    report = report_for_unit(request, pk)
    if not report.is_editable:
        messages.info(
            request,
            _("Báo cáo đang ở trạng thái “%(state)s”, không thể sửa.")
            % {"state": report.get_state_display()},
        )
        return redirect(report)
    if request.method != "POST":
        return render_edit(request, report)
    form = UnitReportForm(request.POST, report=report)
    if not form.is_valid():
        messages.error(request, _("Chưa lưu: hãy sửa các ô được đánh dấu."))
        return render_edit(request, report, form=form, status=400)
    try:
        services.unit_report_save(
            report=report,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            reported_values=form.reported_values(),
            difficulties=form.cleaned_data["difficulties"],
            proposals=form.cleaned_data["proposals"],
            progress=form.progress(),
        )
    except services.StaleReportError as error:
        messages.error(request, str(error.message))
        return render_edit(request, report, form=form, status=409)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):  # the report's state, not what was typed
            messages.error(request, _error_text(error))
            return redirect(report)
        form.add_service_errors(error)
        messages.error(request, _("Chưa lưu: hãy sửa các ô được đánh dấu."))
        return render_edit(request, report, form=form, status=400)
    messages.success(request, _("Đã lưu báo cáo."))
    return redirect("reporting:report_edit", pk=report.pk)


@login_required
@require_POST
def report_autosave(request, pk):
    """htmx: save the draft as the user types; answer a small status fragment that also
    replaces the form's hidden version (hx-swap-oob)."""
    report = report_for_unit(request, pk, page=False)
    form = UnitReportForm(request.POST, report=report)
    context = {"report": report, "saved": False, "version": None, "errors": []}
    if not form.is_valid():
        context["errors"] = _form_error_texts(form)
        return render(request, "reporting/_autosave_status.html", context)
    try:
        saved = services.unit_report_save(
            report=report,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            reported_values=form.reported_values(),
            difficulties=form.cleaned_data["difficulties"],
            proposals=form.cleaned_data["proposals"],
            progress=form.progress(),
        )
    except services.StaleReportError as error:
        context["errors"] = [str(error.message)]
        context["stale"] = True
        return render(request, "reporting/_autosave_status.html", context)
    except ValidationError as error:
        form.add_service_errors(error)
        context["errors"] = _form_error_texts(form)
        return render(request, "reporting/_autosave_status.html", context)
    context.update(saved=True, version=saved.version, saved_at=timezone.localtime())
    return render(request, "reporting/_autosave_status.html", context)


@login_required
@require_POST
def report_refresh(request, pk):
    report = report_for_unit(request, pk, page=False)
    form = VersionForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    try:
        services.unit_report_refresh_computed(
            report=report, actor=request.user, expected_version=version
        )
    except services.StaleReportError as error:
        messages.error(request, str(error.message))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã cập nhật số liệu từ cơ sở dữ liệu cơ sở sản xuất."))
    return redirect("reporting:report_edit", pk=report.pk)


def _submit_confirmation(report: UnitReport, version) -> Confirmation:
    today = timezone.localdate()
    warnings = []
    if today > report.due_date:
        warnings.append(
            _("Hạn gửi là %(due)s: báo cáo sẽ được ghi nhận là gửi trễ %(days)s ngày.")
            % {"due": report.due_date.strftime("%d/%m/%Y"), "days": (today - report.due_date).days}
        )
    return Confirmation(
        title=_("Gửi báo cáo năm %(year)s đến Sở Công Thương?")
        % {"year": report.reporting_year.year},
        consequences=[
            _("Báo cáo được gửi đến Sở Công Thương và được tính vào báo cáo tổng hợp của tỉnh."),
            _("Sau khi gửi, đơn vị không sửa được báo cáo nữa, trừ khi Sở Công Thương trả lại."),
            _("Ngày gửi lần đầu được dùng để xét đúng hạn hay trễ hạn."),
        ],
        action_url=reverse("reporting:report_submit", args=[report.pk]),
        button=_("Xác nhận gửi báo cáo"),
        cancel_url=reverse("reporting:report_edit", args=[report.pk]),
        hidden={"version": version if version is not None else report.version},
        warnings=warnings,
    )


@login_required
@require_POST
def report_submit(request, pk):
    report = report_for_unit(request, pk, page=False)
    form = VersionForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    if not is_confirmed(request):
        return confirmation_page(request, _submit_confirmation(report, version))
    try:
        report = services.unit_report_submit(
            report=report, actor=request.user, expected_version=version
        )
    except services.StaleReportError as error:
        messages.error(request, str(error.message))
        return redirect("reporting:report_edit", pk=report.pk)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reporting:report_edit", pk=report.pk)
    if report.state == UnitReport.State.ACCEPTED:
        messages.info(request, _("Báo cáo đã được Sở Công Thương chấp nhận."))
    elif report.submitted_late:
        messages.warning(
            request,
            _("Đã gửi báo cáo, trễ hạn %(days)s ngày.") % {"days": report.days_late()},
        )
    else:
        messages.success(request, _("Đã gửi báo cáo đến Sở Công Thương."))
    return redirect(report)


def _review(request, pk, action, success_message, *, needs_reason=False):
    report = report_for_review(request, pk)
    reason = ""
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Phải ghi lý do."))
            return redirect(report)
        reason = form.cleaned_data["reason"]
    try:
        if needs_reason:
            action(report=report, actor=request.user, reason=reason)
        else:
            action(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success_message)
    return redirect(report)


@login_required
@require_POST
def report_accept(request, pk):
    if not is_confirmed(request):
        report = report_for_review(request, pk)
        return confirmation_page(
            request,
            Confirmation(
                title=_("Chấp nhận báo cáo của %(agency)s?") % {"agency": report.agency.name},
                consequences=[
                    _("Báo cáo được khóa: đơn vị không sửa được nữa."),
                    _("Số liệu của báo cáo được tính vào báo cáo tổng hợp của tỉnh."),
                    _("Muốn sửa sau này, Sở phải mở lại báo cáo và ghi lý do."),
                ],
                action_url=reverse("reporting:report_accept", args=[report.pk]),
                button=_("Xác nhận chấp nhận"),
                cancel_url=report.get_absolute_url(),
            ),
        )
    return _review(request, pk, services.unit_report_accept, _("Đã chấp nhận báo cáo."))


@login_required
@require_POST
def report_return(request, pk):
    return _review(
        request,
        pk,
        services.unit_report_return,
        _("Đã trả lại báo cáo cho đơn vị."),
        needs_reason=True,
    )


@login_required
@require_POST
def report_reopen(request, pk):
    return _review(
        request,
        pk,
        services.unit_report_reopen,
        _("Đã mở lại báo cáo để đơn vị sửa."),
        needs_reason=True,
    )
