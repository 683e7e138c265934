"""The Ministry's pages for national programmes and indicators (404 for everyone else)."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sxsh_portal.accounts.access import scope_for
from sxsh_portal.concurrency import versioned_form

from .. import access
from ..models import Target
from . import forms, programmes
from .forms import formset_class
from .views_common import form_page, formset_page, saved, section_saved, show_errors

# section → (title, row form, rows of the strategy, service)
SECTIONS = {
    "giai-doan": (
        gettext_lazy("Giai đoạn"),
        forms.PhaseRowForm,
        lambda s: s.phases.all(),
        programmes.strategy_phases_save,
    ),
    "muc-tieu": (
        gettext_lazy("Mục tiêu theo giai đoạn"),
        forms.NationalTargetRowForm,
        lambda s: Target.objects.filter(phase__strategy=s).select_related("phase", "indicator"),
        programmes.strategy_targets_save,
    ),
    "nhiem-vu": (
        gettext_lazy("Nhiệm vụ"),
        forms.StrategyTaskRowForm,
        lambda s: s.tasks.filter(parent=None),
        programmes.strategy_tasks_save,
    ),
    "giai-phap": (
        gettext_lazy("Nhóm giải pháp"),
        forms.SolutionGroupRowForm,
        lambda s: s.solutiongroups.all(),
        programmes.strategy_solutions_save,
    ),
    "de-an": (
        gettext_lazy("Đề án"),
        forms.SchemeRowForm,
        lambda s: s.schemes.all(),
        programmes.strategy_schemes_save,
    ),
}
SECTION_TITLES = {key: value[0] for key, value in SECTIONS.items()}


def _crumbs(strategy=None):
    crumbs = [(reverse("strategies:strategy_list"), _("Chiến lược, chương trình"))]
    if strategy is not None:
        crumbs.append((strategy.get_absolute_url(), strategy.number))
    return crumbs


@login_required
def programme_create(request):
    scope = scope_for(request.user)
    access.require_ministry(scope)
    form = forms.StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            strategy = programmes.strategy_create(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            show_errors(request, form, error)
        else:
            messages.success(request, _("Đã tạo chương trình. Hãy thêm các giai đoạn."))
            return redirect("strategies:programme_section", pk=strategy.pk, section="giai-doan")
    return form_page(
        request,
        title=_("Chương trình, chiến lược quốc gia mới"),
        form=form,
        back_url=reverse("strategies:strategy_list"),
        breadcrumbs=_crumbs(),
    )


@login_required
def programme_edit(request, pk):
    scope = scope_for(request.user)
    strategy = access.programme_for_edit_or_404(scope, pk)
    form = versioned_form(forms.StrategyForm, request.POST or None, instance=strategy)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            request,
            form,
            lambda version: programmes.strategy_update(
                strategy=strategy,
                actor=request.user,
                values=form.cleaned_data,
                expected_version=version,
            ),
        )
    ):
        messages.success(request, _("Đã lưu chương trình."))
        return redirect(strategy)
    return form_page(
        request,
        title=_("Sửa thông tin chương trình"),
        form=form,
        back_url=strategy.get_absolute_url(),
        breadcrumbs=_crumbs(strategy),
    )


@login_required
def programme_section(request, pk, section):
    scope = scope_for(request.user)
    strategy = access.programme_for_edit_or_404(scope, pk)
    if section not in SECTIONS:
        raise Http404
    title, row_form, rows_of, save = SECTIONS[section]
    kwargs = (
        {"form_kwargs": {"strategy": strategy}} if row_form is forms.NationalTargetRowForm else {}
    )
    queryset = rows_of(strategy)
    Formset = formset_class(row_form, rows=queryset.count())
    formset = Formset(request.POST or None, queryset=queryset, **kwargs)
    version = programmes.strategy_rows_version(queryset.model, strategy)
    if section_saved(
        request, formset=formset, title=title, save=functools.partial(save, strategy=strategy)
    ):
        return redirect(strategy)
    return formset_page(
        request,
        title=f"{title} — {strategy.number}",
        formset=formset,
        back_url=strategy.get_absolute_url(),
        breadcrumbs=_crumbs(strategy),
        version=version,
    )


@login_required
def indicator_create(request):
    access.require_ministry(scope_for(request.user))
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programmes.indicator_create(actor=request.user, values=form.cleaned_data)
        except ValidationError as error:
            show_errors(request, form, error)
        else:
            messages.success(request, _("Đã thêm chỉ tiêu vào danh mục."))
            return redirect("strategies:indicator_list")
    return form_page(
        request,
        title=_("Chỉ tiêu mới"),
        form=form,
        back_url=reverse("strategies:indicator_list"),
        intro=_(
            "Một chỉ tiêu dùng chung cho mọi chương trình khi cùng ý nghĩa, để theo dõi xu hướng "
            "qua các giai đoạn."
        ),
    )


@login_required
def indicator_edit(request, pk):
    indicator = access.indicator_for_edit_or_404(scope_for(request.user), pk)
    form = versioned_form(forms.IndicatorForm, request.POST or None, instance=indicator)
    if (
        request.method == "POST"
        and form.is_valid()
        and saved(
            request,
            form,
            lambda version: programmes.indicator_update(
                indicator=indicator,
                actor=request.user,
                values=form.cleaned_data,
                expected_version=version,
            ),
        )
    ):
        messages.success(request, _("Đã lưu chỉ tiêu."))
        return redirect("strategies:indicator_list")
    return form_page(
        request, title=_("Sửa chỉ tiêu"), form=form, back_url=reverse("strategies:indicator_list")
    )
