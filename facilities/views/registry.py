"""The registry as officials and representatives use it: lists, profile, status, measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import Scope, get_scoped_or_404, scope_for
from sxsh_portal.concurrency import (
    StaleObjectError,
    expected_version,
    refuse_stale,
    versioned_form,
)
from sxsh_portal.forms import service_errors_to_form
from sxsh_portal.lists import xlsx_response
from sxsh_portal.submissions.tokens import once_per_token

from .. import access, selectors, services
from ..filters import MeasureFilter
from ..forms import FacilityFilterForm, FacilityForm, MeasureForm, RejectForm, YearStatusForm
from ..models import FacilityYearStatus
from ..resources import FacilityResource, dataset_xlsx

PAGE_SIZE = 50


def _reader_scope(request) -> Scope:
    """Officials and representatives read the registry; a user with no role does not."""
    scope = scope_for(request.user)
    if not access.registry_may_read(scope):
        raise PermissionDenied
    return scope


def _facility(request, pk):
    # A user with no role sees no facility: 404 like any object outside the scope.
    scope = scope_for(request.user)
    return scope, get_scoped_or_404(selectors.facilities_visible(scope), pk=pk)


def _editable_facility(request, pk):
    scope, facility = _facility(request, pk)
    if not selectors.facility_can_edit(scope, facility):
        raise PermissionDenied
    return scope, facility


def _managed_facility(request, pk):
    scope, facility = _facility(request, pk)
    if not selectors.facility_can_manage(scope, facility):
        raise PermissionDenied
    return scope, facility


@login_required
def facility_list(request):
    scope = _reader_scope(request)
    form = FacilityFilterForm(request.GET or None, scope=scope)
    filters = form.filters() if form.is_bound else selectors.FacilityFilters()
    facilities = selectors.facilities_filtered(scope, filters)
    # Deep pages sort and skip thousands of rows: do that on the ids alone, without the
    # joins and wide columns (an index-only scan for the common filters, see
    # Facility.Meta.indexes), then load the fifty lines shown.
    page = Paginator(facilities.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.facility_rows(facilities, list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_import": access.facilities_may_add(scope),
    }
    return render(request, "facilities/facility_list.html", context)


@login_required
def facility_filter_units(request):
    """The unit <option>s of the province chosen in the list's filter (htmx)."""
    scope = _reader_scope(request)
    form = FacilityFilterForm(request.GET or None, scope=scope)
    return render(request, "facilities/_filter_options.html", {"options": form.unit_options})


@login_required
def facility_export(request):
    scope = _reader_scope(request)
    form = FacilityFilterForm(request.GET or None, scope=scope)
    filters = form.filters() if form.is_bound else selectors.FacilityFilters()
    facilities = selectors.facilities_filtered(scope, filters)
    statuses = selectors.statuses_for_export(facilities, filters.year)
    dataset = FacilityResource(export_statuses=statuses).export(facilities)
    response = HttpResponse(
        dataset_xlsx(dataset),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="co-so-sxsh-{stamp}.xlsx"'
    return response


@login_required
def facility_detail(request, pk):
    scope, facility = _facility(request, pk)
    context = {
        "facility": facility,
        "statuses": selectors.facility_statuses(facility),
        "measures": selectors.facility_measures(facility),
        "can_edit": selectors.facility_can_edit(scope, facility),
        "can_manage": selectors.facility_can_manage(scope, facility),
        "is_representative": selectors.facility_is_represented_by(scope, facility),
        "can_read_summary": access.facility_summary_may_read(scope, facility),
    }
    return render(request, "facilities/facility_detail.html", context)


@login_required
@once_per_token
def facility_edit(request, pk):
    scope, facility = _editable_facility(request, pk)
    form = versioned_form(FacilityForm, request.POST or None, instance=facility)
    if request.method == "POST" and form.is_valid():
        version = expected_version(form)
        try:
            services.facility_update(
                facility=facility, actor=request.user, expected_version=version, **form.cleaned_data
            )
        except StaleObjectError as exc:
            refuse_stale(form, exc)
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin cơ sở."))
            return redirect(facility)
    return render(
        request,
        "facilities/form_page.html",
        {"form": form, "facility": facility, "title": _("Sửa thông tin cơ sở")},
    )


@login_required
@require_POST
def facility_verify(request, pk):
    scope, facility = _managed_facility(request, pk)
    services.facility_verify(facility=facility, actor=request.user)
    messages.success(request, _("Đã xác minh cơ sở %(name)s.") % {"name": facility.name})
    return redirect(facility)


@login_required
def facility_reject(request, pk):
    scope, facility = _managed_facility(request, pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.facility_reject(
                facility=facility, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã từ chối hồ sơ đăng ký."))
            return redirect(facility)
    return render(
        request,
        "facilities/form_page.html",
        {"form": form, "facility": facility, "title": _("Từ chối hồ sơ đăng ký")},
    )


@login_required
def facility_changes(request, pk):
    scope, facility = _facility(request, pk)
    context = {
        "facility": facility,
        "changes": selectors.facility_changes_since_verification(facility),
        "can_manage": selectors.facility_can_manage(scope, facility),
    }
    return render(request, "facilities/facility_changes.html", context)


@login_required
@once_per_token
def status_edit(request, pk, year=None):
    scope, facility = _editable_facility(request, pk)
    instance = None
    if year is not None:
        instance = get_scoped_or_404(
            FacilityYearStatus.objects.filter(facility=facility), year=year
        )
    form = versioned_form(
        YearStatusForm, request.POST or None, instance=instance, facility=facility
    )
    if request.method == "POST" and form.is_valid():
        version = expected_version(form)
        try:
            services.facility_status_set(
                facility=facility,
                actor=request.user,
                expected_version=version,
                adding=instance is None,
                **form.cleaned_data,
            )
        except StaleObjectError as exc:
            refuse_stale(form, exc)
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã lưu tình hình SXSH năm %(year)s.") % form.cleaned_data)
            return redirect(facility)
    title = (
        _("Tình hình SXSH năm %(year)s") % {"year": year}
        if year
        else _("Thêm tình hình SXSH theo năm")
    )
    return render(
        request, "facilities/form_page.html", {"form": form, "facility": facility, "title": title}
    )


@login_required
@once_per_token
def measure_create(request, pk):
    scope, facility = _editable_facility(request, pk)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_create(facility=facility, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã thêm giải pháp SXSH."))
            return redirect(facility)
    return render(
        request,
        "facilities/form_page.html",
        {"form": form, "facility": facility, "title": _("Thêm giải pháp SXSH")},
    )


def _measure(request, pk):
    scope = scope_for(request.user)
    measure = get_scoped_or_404(selectors.measures_visible(scope), pk=pk)
    return scope, measure


@login_required
@once_per_token
def measure_edit(request, pk):
    scope, measure = _measure(request, pk)
    if not selectors.facility_can_edit(scope, measure.facility):
        raise PermissionDenied
    form = versioned_form(MeasureForm, request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        version = expected_version(form)
        try:
            services.measure_update(
                measure=measure, actor=request.user, expected_version=version, **form.cleaned_data
            )
        except StaleObjectError as exc:
            refuse_stale(form, exc)
        except ValidationError as exc:
            service_errors_to_form(form, exc)
        else:
            messages.success(request, _("Đã lưu giải pháp SXSH."))
            return redirect(measure.facility)
    return render(
        request,
        "facilities/form_page.html",
        {"form": form, "facility": measure.facility, "title": _("Sửa giải pháp SXSH")},
    )


@login_required
@require_POST
def measure_publish(request, pk):
    """The representative agrees (or stops agreeing) to publish a measure."""
    scope, measure = _measure(request, pk)
    facility = measure.facility
    if not (facility.is_verified and selectors.facility_is_represented_by(scope, facility)):
        raise PermissionDenied
    agreed = request.POST.get("agreed") == "1"
    services.measure_publish_request(measure=measure, actor=request.user, agreed=agreed)
    if agreed:
        messages.success(request, _("Đã gửi đề nghị công bố; Sở Công Thương sẽ xem xét."))
    else:
        messages.success(request, _("Đã rút đề nghị công bố giải pháp."))
    return redirect(facility)


@login_required
@require_POST
def measure_approve(request, pk):
    """The DOIT approves (or withdraws) publication in the public library."""
    scope, measure = _measure(request, pk)
    if not selectors.facility_can_manage(scope, measure.facility):
        raise PermissionDenied
    approved = request.POST.get("approved") == "1"
    try:
        services.measure_publish_approve(measure=measure, actor=request.user, approved=approved)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if approved:
            messages.success(request, _("Đã duyệt công bố giải pháp."))
        else:
            messages.success(request, _("Đã thôi công bố giải pháp."))
    return redirect(measure.facility)


@login_required
def measure_approval_list(request):
    scope = scope_for(request.user)
    if not access.measures_may_approve(scope):
        raise PermissionDenied
    filterset = MeasureFilter(
        request.GET or None, queryset=selectors.measures_awaiting_approval(scope), scope=scope
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "filter": filterset}
    return render(request, "facilities/measure_approval_list.html", context)


@login_required
def measure_approval_export(request):
    scope = scope_for(request.user)
    if not access.measures_may_approve(scope):
        raise PermissionDenied
    filterset = MeasureFilter(
        request.GET or None, queryset=selectors.measures_awaiting_approval(scope), scope=scope
    )
    headers = [_("Cơ sở"), _("Giải pháp"), _("Năm"), _("Nhóm giải pháp"), _("Tiết kiệm/năm")]
    lines = [
        [m.facility.name, m.title, m.year, m.get_category_display(), m.yearly_saving_vnd]
        for m in filterset.qs
    ]
    return xlsx_response(headers, lines, title=_("Giải pháp"), filename="giai-phap-cho-duyet")
