"""Forms of the authoring pages: they parse; the services in this package decide."""

from __future__ import annotations

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import PortalFormMixin
from sxsh_portal.territory.models import Agency

from ..models import (
    ActionPlan,
    FundingSource,
    Indicator,
    Phase,
    Scheme,
    SolutionGroup,
    Strategy,
    Target,
    Task,
)
from .plans import AGENCY_KINDS_A_DOIT_RECORDS, PLAN_FIELDS
from .programmes import INDICATOR_FIELDS, STRATEGY_FIELDS
from .rows import Row


def _single_value_shown_once(form) -> None:
    # A single value is stored as a range of one (90–90); shown as 90 alone, so that changing
    # it does not leave a stale upper bound behind.
    instance = form.instance
    if instance.pk and instance.value_max == instance.value_min:
        form.initial["value_max"] = None


DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")
SMALL_TEXT = forms.Textarea(attrs={"rows": 2})


class StrategyForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = STRATEGY_FIELDS
        widgets = {"issued_on": DATE, "overall_goal": SMALL_TEXT, "source_note": SMALL_TEXT}


class IndicatorForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {"description": SMALL_TEXT}


class PlanForm(PortalFormMixin, forms.ModelForm):
    deadline_day = forms.IntegerField(
        label=_("Hạn báo cáo hằng năm: ngày"), min_value=1, max_value=31, initial=15
    )
    deadline_month = forms.IntegerField(
        label=_("Hạn báo cáo hằng năm: tháng"), min_value=1, max_value=12, initial=12
    )

    class Meta:
        model = ActionPlan
        fields = (*PLAN_FIELDS, "other_strategies", "signed_file")
        widgets = {"issued_on": DATE, "overall_goal": SMALL_TEXT}

    def __init__(self, *args, predecessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["predecessor"].queryset = predecessors
        self.fields["strategy"].required = True
        rule = getattr(self.instance, "reporting_rule", None) if self.instance.pk else None
        if rule is not None:
            self.initial.setdefault("deadline_day", rule.deadline_day)
            self.initial.setdefault("deadline_month", rule.deadline_month)

    def clean_signed_file(self):
        upload = self.cleaned_data.get("signed_file")
        if upload and hasattr(upload, "content_type"):
            if not upload.name.lower().endswith(".pdf") or upload.read(5) != b"%PDF-":
                raise forms.ValidationError(_("Văn bản đã ký phải là tệp PDF."))
            upload.seek(0)
            if upload.size > 20 * 1024 * 1024:
                raise forms.ValidationError(_("Tệp không được lớn hơn 20 MB."))
        return upload

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PLAN_FIELDS}


class AmendmentForm(PortalFormMixin, forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định điều chỉnh"), max_length=60)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    changes = forms.CharField(
        label=_("Nội dung điều chỉnh"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class AgencyForm(PortalFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên cơ quan"), max_length=255)
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(kind.value, kind.label) for kind in AGENCY_KINDS_A_DOIT_RECORDS],
    )


class ReportingUnitsForm(PortalFormMixin, forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Đơn vị báo cáo"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_communes = forms.BooleanField(
        label=_("Thêm UBND mọi xã, phường, đặc khu hiện nay của tỉnh"), required=False
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = choices


class CarryOverForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên kế hoạch mới"), max_length=400)
    strategy = forms.ModelChoiceField(
        label=_("Thực hiện chương trình"), queryset=Strategy.objects.all()
    )
    period_start = forms.IntegerField(label=_("Từ năm"), min_value=2025, max_value=2100)
    period_end = forms.IntegerField(label=_("Đến năm"), min_value=2025, max_value=2100)
    targets = forms.ModelMultipleChoiceField(
        label=_("Mục tiêu chuyển sang"),
        queryset=Target.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tasks = forms.ModelMultipleChoiceField(
        label=_("Nhiệm vụ chuyển sang"),
        queryset=Task.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keep_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị báo cáo còn tồn tại, giữ lại"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_communes = forms.BooleanField(
        label=_("Thay UBND các huyện bằng UBND mọi xã, phường, đặc khu hiện nay của tỉnh"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, plan, kept_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = plan.targets.select_related("indicator")
        self.fields["targets"].label_from_instance = lambda t: (
            f"{t.indicator.name}: {t.value_label} ({t.year})"
        )
        self.fields["tasks"].queryset = plan.tasks.filter(parent=None)
        self.fields["keep_units"].queryset = kept_units


# ------------------------------------------------------------------ formsets (many rows)


class PhaseRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ("name", "start_year", "end_year")


class NationalTargetRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ("phase", "indicator", "year", "value_min", "value_max", "text")
        localized_fields = ("value_min", "value_max")
        labels = {"value_min": _("Giá trị (hoặc cận dưới)"), "value_max": _("Cận trên")}
        widgets = {"text": SMALL_TEXT}

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = strategy.phases.all()
        self.fields["phase"].required = True
        _single_value_shown_once(self)


class PlanTargetRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = (
            "indicator",
            "localises",
            "year",
            "value_min",
            "value_max",
            "baseline_year",
            "baseline_value",
            "text",
        )
        localized_fields = ("value_min", "value_max", "baseline_value")
        labels = {"value_min": _("Giá trị (hoặc cận dưới)"), "value_max": _("Cận trên")}
        widgets = {"text": SMALL_TEXT}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        national = Target.objects.filter(phase__strategy_id=plan.strategy_id).select_related(
            "indicator", "phase"
        )
        _single_value_shown_once(self)
        self.fields["localises"].queryset = national
        self.fields["localises"].label_from_instance = lambda t: (
            f"{t.indicator.name}: {t.value_label} ({t.phase.name})"
        )


class StrategyTaskRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ("label", "text")
        widgets = {"text": SMALL_TEXT}


class PlanTaskRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ("label", "text", "lead_agency", "coordinating_agencies", "duties")
        widgets = {
            "text": SMALL_TEXT,
            "duties": SMALL_TEXT,
            "coordinating_agencies": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"].queryset = agencies
        self.fields["coordinating_agencies"].queryset = agencies


class FundingRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ("kind", "year", "amount", "text")
        localized_fields = ("amount",)
        widgets = {"text": SMALL_TEXT}


class SolutionGroupRowForm(PortalFormMixin, forms.ModelForm):
    items_text = forms.CharField(
        label=_("Các giải pháp (mỗi dòng một giải pháp)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    class Meta:
        model = SolutionGroup
        fields = ("label", "title")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["items_text"] = "\n".join(item.text for item in self.instance.items.all())


class SchemeRowForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ("title", "note")
        widgets = {"note": SMALL_TEXT}


# A section's page shows its rows and two empty ones; one save may add a few more (rows shown
# by another tab of the same section). The posted row count is the browser's word: without a
# cap near the rows there are, one request could make the server build and render Django's
# 2,000 forms (12 s and a 3 MB page on the national programme).
NEW_ROWS_AT_MOST = 20


class SectionFormSet(BaseModelFormSet):
    default_error_messages = {
        "too_many_forms": _(
            "Một lần lưu nhận tối đa %(num)d dòng. Hãy tải lại trang rồi nhập lại các dòng mới."
        ),
    }


def formset_class(form, *, rows: int, extra: int = 2):
    """The formset of a section that has `rows` rows now: at most NEW_ROWS_AT_MOST new ones
    are built from a request, and more are refused."""
    most = rows + NEW_ROWS_AT_MOST
    return modelformset_factory(
        form._meta.model,
        form=form,
        formset=SectionFormSet,
        extra=extra,
        can_delete=True,
        max_num=most,
        absolute_max=most,
        validate_max=True,
    )


MANY = {"coordinating_agencies", "items_text"}


def formset_rows(formset) -> list[Row]:
    """The formset's rows for a service: changed or new rows, and the ones marked deleted."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        data = dict(form.cleaned_data)
        delete = bool(data.pop("DELETE", False))
        data.pop("id", None)
        many = {name: data.pop(name) for name in list(data) if name in MANY}
        instance = form.instance if form.instance.pk else None
        rows.append(Row(instance=instance, values=data, delete=delete, many=many))
    return rows
