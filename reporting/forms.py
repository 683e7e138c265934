from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import (
    PortalFormMixin,
    VietnameseNumberField,
    plain_decimal,
    service_errors_to_form,
)

from .figures import COMPUTED_FIGURES, WHOLE_FIGURES, Figure
from .models import Activity, TaskProgress, UnitReport, UnitReportValue
from .rules import plan_years_to_open

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_BYTES = 5 * 1024 * 1024
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".zip")


def value_field_name(figure: str) -> str:
    return f"value_{figure}"


class UnitReportForm(PortalFormMixin, forms.Form):
    """The unit's draft: reported figures, task progress, difficulties and proposals.

    `version` is the report's version when the page was rendered: the service refuses the
    save if the report changed since (optimistic locking).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, report: UnitReport, **kwargs):
        self.report = report
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("version", report.version)
        initial.setdefault("difficulties", report.difficulties)
        initial.setdefault("proposals", report.proposals)
        super().__init__(*args, **kwargs)
        for figure in Figure:
            is_percent = figure == Figure.SAVING_PERCENT
            self.fields[value_field_name(figure.value)] = VietnameseNumberField(
                label=figure.label,
                required=False,
                integer=figure in WHOLE_FIGURES,
                percent=is_percent,
                max_digits=UnitReportValue.MAX_DIGITS,
                decimal_places=UnitReportValue.DECIMAL_PLACES,
                min_value=Decimal(0),
                max_value=Decimal(100) if is_percent else UnitReportValue.MAX_VALUE,
            )
        if not self.is_bound:
            # A bound form shows what was posted: the stored figures are read for a blank
            # form, or when a page shows the computed ones (the autosave answers without).
            for figure, stored_value in self._stored_values.items():
                self.initial.setdefault(
                    value_field_name(figure), plain_decimal(stored_value.reported_value)
                )
        self.progress_rows = []
        for item in report.progress.all():
            status_name, done_name = f"status_{item.pk}", f"done_{item.pk}"
            self.fields[status_name] = forms.ChoiceField(
                label=_("Tình hình"), choices=TaskProgress.Status.choices
            )
            self.fields[done_name] = forms.CharField(
                label=_("Kết quả thực hiện"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.initial.setdefault(status_name, item.status)
            self.initial.setdefault(done_name, item.done_text)
            self.progress_rows.append(
                {"item": item, "status_name": status_name, "done_name": done_name}
            )
        self.portal_fields()

    @cached_property
    def _stored_values(self) -> dict[str, UnitReportValue]:
        return {value.figure: value for value in self.report.values.all()}

    @cached_property
    def value_rows(self) -> list[dict]:
        rows = []
        for figure in Figure:
            stored_value = self._stored_values.get(figure.value)
            rows.append(
                {
                    "figure": figure.value,
                    "computed": stored_value.computed_value if stored_value else None,
                    "is_computed": figure in COMPUTED_FIGURES,
                    "field_name": value_field_name(figure.value),
                }
            )
        return rows

    def value_bound_fields(self):
        for row in self.value_rows:
            yield {**row, "field": self[row["field_name"]]}

    def progress_bound_fields(self):
        for row in self.progress_rows:
            yield {
                "item": row["item"],
                "status": self[row["status_name"]],
                "done": self[row["done_name"]],
            }

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's refusal on the fields it names (a figure on its value)."""
        service_errors_to_form(
            self,
            error,
            field_name=lambda key: value_field_name(key) if key in Figure.values else key,
        )

    def reported_values(self) -> dict[str, Decimal | None]:
        values = {}
        for figure in Figure:
            value = self.cleaned_data.get(value_field_name(figure.value))
            values[figure.value] = None if value is None else Decimal(value)
        return values

    def progress(self) -> dict[int, tuple[str, str]]:
        return {
            row["item"].pk: (
                self.cleaned_data[row["status_name"]],
                self.cleaned_data.get(row["done_name"], ""),
            )
            for row in self.progress_rows
        }


class VersionForm(PortalFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class ActivityForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "date",
            "title",
            "participants",
            "enterprises_reached",
            "cost_vnd",
            "funding_source",
        ]
        widgets = {"date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")


class AttachmentForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200)
    file = forms.FileField(label=_("Tệp"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("Tệp đính kèm không được lớn hơn 20 MB."))
        if not upload.name.lower().endswith(ATTACHMENT_EXTENSIONS):
            raise forms.ValidationError(
                _("Chỉ nhận tệp %(kinds)s.") % {"kinds": ", ".join(ATTACHMENT_EXTENSIONS)}
            )
        return upload


class ReasonForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class OpenYearForm(PortalFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Năm báo cáo"), coerce=int)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in plan_years_to_open(plan)]


class ImportUploadForm(PortalFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp báo cáo (.xlsx)"),
        help_text=_("Dùng mẫu tải về từ trang báo cáo này, điền và tải lên."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Tệp không được lớn hơn 5 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx."))
        return upload
