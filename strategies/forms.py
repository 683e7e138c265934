from django import forms
from django.utils.translation import gettext_lazy as _

from sxsh_portal.forms import PortalFormMixin

from .models import Target


class TargetForm(PortalFormMixin, forms.ModelForm):
    """A target's value or range. Validation lives in Target.clean() (shared validator), so
    this form, the admin and the services reject the same inputs with the same messages."""

    class Meta:
        model = Target
        fields = [
            "indicator",
            "phase",
            "plan",
            "year",
            "value_min",
            "value_max",
            "localises",
            "text",
            "position",
        ]
        labels = {"value_min": _("Giá trị (hoặc cận dưới)"), "value_max": _("Cận trên")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
